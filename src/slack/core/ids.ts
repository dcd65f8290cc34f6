export const COMMAND = '/samverkan';
/** The checkbox on every form with free text: "the text is not about an individual person supported". */
export const NOT_ABOUT_A_PERSON = 'not_about_a_person';
