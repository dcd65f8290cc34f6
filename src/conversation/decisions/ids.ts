// The decision log's neutral ids: forms by their id, buttons by their intent. They are also
// Slack's callback_id/action_id (and block ids of the card's buttons), so they stay stable.
export const FORM_DECISION = 'decision_form';
export const FORM_OBJECTION = 'decision_objection';
export const FORM_WITHDRAW = 'decision_withdraw_confirm';

export const INTENT_CONSENT = 'decision_consent';
export const INTENT_OBJECT = 'decision_object';
export const INTENT_WITHDRAW = 'decision_withdraw';
export const INTENT_SUPERSEDE = 'decision_supersede';
/** The register's next page; its payload is `listPage`'s. */
export const INTENT_LIST_MORE = 'decision_list_more';
/** The App Home's "record a decision" button (opens the form). */
export const INTENT_HOME_REGISTER = 'decision_home_register';

/** The objection form's one text field. */
export const OBJECTION_REASON = 'reason';
/** The decision form's group picker: changing it redraws the form (the date comes or goes). */
export const FIELD_GROUP = 'group';
