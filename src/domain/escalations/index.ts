/** Escalations to the steering group (§5.8), the information duty (§5.7) and action plans (§5.4). */
export { raiseEscalation, type RaiseResult } from './raise.ts';
export { takeUp, sendBack, withdraw, withdrawByNumber, checkCanWithdraw } from './lifecycle.ts';
export { answerForm, sendBackForm, extraMeetingForm, actionPlanForm, informationForm, callExtraMeeting } from './forms.ts';
export { proposeAnswer, type AnswerResult } from './answer.ts';
export { listEscalations, findByNumber, type EscalationSummary } from './list.ts';
export { runEscalationReminders, remindWaitingEscalations, type MissingVote } from './reminders.ts';
export { notifySteering, acknowledgeInformation, type InformationCardData } from './information.ts';
export { requireActionPlan, submitActionPlan, acceptActionPlan, checkCanSubmit, remindActionPlans, type ActionPlanCardData } from './action-plans.ts';
export { steeringGroup, collaborationGroupOf } from './groups.ts';
export { localDate } from './guard.ts';
export type { EscalationCardData, EscalationNoteData } from './card.ts';
export { escalationLabel, parseEscalationNumber, LIMITS, type EscalationInput, type EscalationField, type EscalationRow } from './types.ts';
