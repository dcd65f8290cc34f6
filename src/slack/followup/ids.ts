export const COMMAND = '/uppfoljning';
/** The outreach form: a new entry, or a correction of one (its number in the private metadata). */
export const OUTREACH_VIEW = 'followup_outreach';
