export const COMMAND = '/statistik';
/** Step one of the form: quarter and municipality. */
export const CHOOSE_VIEW = 'statistics_choose';
/** Step two: the figures. */
export const FORM_VIEW = 'statistics_form';
export const BACK_ACTION = 'statistics_back';
/** The button in a reminder that opens the form for the quarter it names. */
export const OPEN_FORM_ACTION = 'statistics_open_form';
export const PERIOD_FIELD = 'period';
export const MUNICIPALITY_FIELD = 'municipality';
