// Slack's own names for the decision log; forms and buttons use the model's neutral ids.
export const COMMAND = '/beslut';
export const SHORTCUT_REGISTER = 'register_decision';
export { INTENT_HOME_REGISTER as ACTION_HOME_REGISTER } from '../../conversation/decisions/ids.ts';
