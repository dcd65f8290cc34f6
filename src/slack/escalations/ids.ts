// Slack's own names for the escalation feature; forms and buttons use the model's neutral ids.
export const COMMAND = '/eskalera';
export const COMMAND_INFORM = '/anmal';
export const SHORTCUT_ESCALATE = 'escalate_message';
