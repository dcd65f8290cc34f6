export const COMMAND = '/uppfoljning';
/** The annual report's steps: the narrative, the financial report, the check before submitting. */
export const NARRATIVE_VIEW = 'followup_report_narrative';
export const FINANCE_VIEW = 'followup_report_finance';
export const CHECK_VIEW = 'followup_report_check';
export const REPORT_BACK_ACTION = 'followup_report_back';
/** The button in a reminder that opens the report of the year it names. */
export const OPEN_REPORT_ACTION = 'followup_report_open';
/** The last step's box: the writer means to submit. */
export const CONFIRM_FIELD = 'confirm';
/** The outreach form: a new entry, or a correction of one (its number in the private metadata). */
export const OUTREACH_VIEW = 'followup_outreach';
