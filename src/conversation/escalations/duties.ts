import type { ActionPlanCardData, InformationCardData } from '../../domain/escalations/index.ts';
import { t, type Locale, type MessageKey } from '../../i18n/index.ts';
import { actions, button, context, note, text, type Card, type CardElement } from '../card.ts';
import { labelled, markup, mention, strong } from '../markup.ts';
import { INTENT_ACKNOWLEDGE, INTENT_PLAN_ACCEPT, INTENT_PLAN_SUBMIT } from './ids.ts';

/** A party's notice of changed circumstances (§5.7), in the steering group's channel. */
function informationCard(d: InformationCardData, locale: Locale): Card {
  const heading = t(locale, 'escalations.information.card.title', { subject: d.subject });
  return {
    heading,
    body: [
      text([d.body]),
      context(markup(locale, 'escalations.information.card.meta', { user: d.user, party: d.party, date: d.createdAt })),
      d.acknowledgedByUser
        ? context(markup(locale, 'escalations.information.card.acknowledged', { user: d.acknowledgedByUser, date: d.acknowledgedAt! }))
        : actions([button(INTENT_ACKNOWLEDGE, t(locale, 'escalations.button.acknowledge'), d.id, 'primary')], `information:${d.id}`),
    ],
  };
}

const planStatus = (locale: Locale, s: ActionPlanCardData['status']) => t(locale, `escalations.actionPlan.status.${s}` as MessageKey);

/** An action plan the steering group requires (§5.4): the shortcoming, the due date, the plan. */
function actionPlanCard(d: ActionPlanCardData, locale: Locale): Card {
  const heading = t(locale, 'escalations.actionPlan.card.title', { party: d.party });
  const body: CardElement[] = [
    text(labelled(t(locale, 'escalations.actionPlan.label.shortcoming'), d.shortcoming)),
    context(markup(locale, 'escalations.actionPlan.card.meta', { status: planStatus(locale, d.status), due: d.dueOn, user: d.requestedByUser ?? '?' })),
  ];
  if (d.plan) body.push(text([strong(t(locale, 'escalations.actionPlan.label.plan')), ' (', mention(d.submittedByUser ?? '?'), ')\n', d.plan]));
  if (d.status === 'SUBMITTED') body.push(actions([button(INTENT_PLAN_ACCEPT, t(locale, 'escalations.button.accept'), d.id, 'primary')], `action-plan:${d.id}`));
  if (d.status === 'ACCEPTED') body.push(context(markup(locale, 'escalations.actionPlan.card.accepted', { user: d.acceptedByUser ?? '?' })));
  return { heading, body, summary: [`${heading} – ${planStatus(locale, d.status)}`] };
}

type PlanNotice = { id: string; party: string; shortcoming: string; dueOn: string; overdue?: boolean };

/** A direct message to the party about its plan; with a button while it can still be submitted. */
const toParty =
  (key: MessageKey | ((d: PlanNotice) => MessageKey), withButton: boolean) =>
  (d: PlanNotice, locale: Locale): Card =>
    note(
      markup(locale, typeof key === 'function' ? key(d) : key, { party: d.party, due: d.dueOn, shortcoming: d.shortcoming }),
      withButton ? [button(INTENT_PLAN_SUBMIT, t(locale, 'escalations.button.submitPlan'), d.id, 'primary')] : [],
    );

/** The information duty's and the action plans' notices, as cards. */
export const dutyCards = {
  'escalation.information': informationCard,
  'escalation.informationAcknowledged': (d: { subject: string; user: string }, locale: Locale) => note(markup(locale, 'escalations.information.acknowledgedDm', d)),
  'escalation.actionPlan': actionPlanCard,
  'escalation.actionPlanRequired': toParty('escalations.actionPlan.requiredDm', true),
  'escalation.actionPlanReminder': toParty((d) => (d.overdue ? 'escalations.actionPlan.overdueDm' : 'escalations.actionPlan.soonDm'), true),
  'escalation.actionPlanAccepted': toParty('escalations.actionPlan.acceptedDm', false),
  'escalation.actionPlanAcceptReminder': toParty('escalations.actionPlan.acceptReminderDm', false),
  'escalation.actionPlanSubmitted': (d: { party: string; user: string }, locale: Locale) => note(markup(locale, 'escalations.actionPlan.submittedThread', d)),
} satisfies Record<string, (data: never, locale: Locale) => Card>;
