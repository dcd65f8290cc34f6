export const COMMAND = '/eskalera';
export const COMMAND_INFORM = '/anmal';
export const SHORTCUT_ESCALATE = 'escalate_message';

export const VIEW_RAISE = 'escalation_raise';
export const VIEW_ANSWER = 'escalation_answer';
export const VIEW_SEND_BACK = 'escalation_send_back';
export const VIEW_WITHDRAW = 'escalation_withdraw_confirm';
export const VIEW_EXTRA_MEETING = 'escalation_extra_meeting';
export const VIEW_INFORM = 'information_notice';
export const VIEW_PLAN_REQUIRE = 'action_plan_require';
export const VIEW_PLAN_SUBMIT = 'action_plan_submit';

export const ACTION_TAKE_UP = 'escalation_take_up_click';
export const ACTION_ANSWER = 'escalation_answer_click';
export const ACTION_SEND_BACK = 'escalation_send_back_click';
export const ACTION_WITHDRAW = 'escalation_withdraw_click';
export const ACTION_EXTRA_MEETING = 'escalation_extra_meeting_click';
export const ACTION_ACKNOWLEDGE = 'information_acknowledge_click';
export const ACTION_PLAN_SUBMIT = 'action_plan_submit_click';
export const ACTION_PLAN_ACCEPT = 'action_plan_accept_click';
