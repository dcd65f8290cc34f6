// The escalation feature's neutral ids: forms by their id, buttons by their intent.
export const FORM_RAISE = 'escalation_raise';
export const FORM_ANSWER = 'escalation_answer';
export const FORM_SEND_BACK = 'escalation_send_back';
export const FORM_WITHDRAW = 'escalation_withdraw_confirm';
export const FORM_EXTRA_MEETING = 'escalation_extra_meeting';
export const FORM_INFORM = 'information_notice';
export const FORM_PLAN_REQUIRE = 'action_plan_require';
export const FORM_PLAN_SUBMIT = 'action_plan_submit';

export const INTENT_TAKE_UP = 'escalation_take_up_click';
export const INTENT_ANSWER = 'escalation_answer_click';
export const INTENT_SEND_BACK = 'escalation_send_back_click';
export const INTENT_WITHDRAW = 'escalation_withdraw_click';
export const INTENT_EXTRA_MEETING = 'escalation_extra_meeting_click';
export const INTENT_ACKNOWLEDGE = 'information_acknowledge_click';
export const INTENT_PLAN_SUBMIT = 'action_plan_submit_click';
export const INTENT_PLAN_ACCEPT = 'action_plan_accept_click';
