export const COMMAND = '/samverkan';
/** The checkbox on every form with free text: "the text is not about an individual person supported". */
export { NOT_ABOUT_A_PERSON } from '../../conversation/privacy.ts';
