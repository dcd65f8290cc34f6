import type { ActionPlanCardData, InformationCardData } from '../../domain/escalations/index.ts';
import { formatDate, t, type MessageKey } from '../../i18n/index.ts';
import { ACTION_ACKNOWLEDGE, ACTION_PLAN_ACCEPT, ACTION_PLAN_SUBMIT } from '../escalations/ids.ts';
import { actions, button, context, escapeMrkdwn, header, section, type Block, type RenderedMessage } from './kit.ts';
import type { RenderEnv, Renderers } from './renderers.ts';

const day = (iso: string, env: RenderEnv) => formatDate(env.locale, new Date(`${iso}T12:00:00Z`), env.timezone);

/** A party's notice of changed circumstances (§5.7), in the steering group's channel. */
function informationCard(d: InformationCardData, env: RenderEnv): RenderedMessage {
  const { locale } = env;
  const title = t(locale, 'escalations.information.card.title', { subject: d.subject });
  const blocks: Block[] = [
    header(title),
    section(escapeMrkdwn(d.body)),
    context(t(locale, 'escalations.information.card.meta', { user: d.user, party: escapeMrkdwn(d.party), date: formatDate(locale, new Date(d.createdAt), env.timezone) })),
    d.acknowledgedByUser
      ? context(t(locale, 'escalations.information.card.acknowledged', { user: d.acknowledgedByUser, date: formatDate(locale, new Date(d.acknowledgedAt!), env.timezone) }))
      : actions(`information:${d.id}`, [button(t(locale, 'escalations.button.acknowledge'), ACTION_ACKNOWLEDGE, d.id, 'primary')]),
  ];
  return { text: escapeMrkdwn(title), blocks };
}

/** An action plan the steering group requires (§5.4): the shortcoming, the due date, the plan. */
function actionPlanCard(d: ActionPlanCardData, env: RenderEnv): RenderedMessage {
  const { locale } = env;
  const title = t(locale, 'escalations.actionPlan.card.title', { party: d.party });
  const blocks: Block[] = [
    header(title),
    section(`*${t(locale, 'escalations.actionPlan.label.shortcoming')}*\n${escapeMrkdwn(d.shortcoming)}`),
    context(
      t(locale, 'escalations.actionPlan.card.meta', {
        status: t(locale, `escalations.actionPlan.status.${d.status}` as MessageKey),
        due: day(d.dueOn, env),
        user: d.requestedByUser ?? '?',
      }),
    ),
  ];
  if (d.plan) blocks.push(section(`*${t(locale, 'escalations.actionPlan.label.plan')}* (<@${d.submittedByUser ?? '?'}>)\n${escapeMrkdwn(d.plan)}`));
  if (d.status === 'SUBMITTED') blocks.push(actions(`action-plan:${d.id}`, [button(t(locale, 'escalations.button.accept'), ACTION_PLAN_ACCEPT, d.id, 'primary')]));
  if (d.status === 'ACCEPTED') blocks.push(context(t(locale, 'escalations.actionPlan.card.accepted', { user: d.acceptedByUser ?? '?' })));
  return { text: `${escapeMrkdwn(title)} – ${t(locale, `escalations.actionPlan.status.${d.status}` as MessageKey)}`, blocks };
}

/** A direct message to the party about its plan; with a button while it can still be submitted. */
const toParty =
  (key: MessageKey, withButton: boolean) =>
  (d: { id: string; party: string; shortcoming: string; dueOn: string; overdue?: boolean }, env: RenderEnv): RenderedMessage => {
    const text = t(env.locale, key, { party: escapeMrkdwn(d.party), due: day(d.dueOn, env), shortcoming: escapeMrkdwn(d.shortcoming) });
    const blocks: Block[] = [section(text)];
    if (withButton) blocks.push(actions(undefined, [button(t(env.locale, 'escalations.button.submitPlan'), ACTION_PLAN_SUBMIT, d.id, 'primary')]));
    return { text, blocks };
  };

export const dutyRenderers: Renderers = {
  'escalation.information': informationCard,
  'escalation.informationAcknowledged': (d: { subject: string; user: string }, env) => {
    const text = t(env.locale, 'escalations.information.acknowledgedDm', { subject: escapeMrkdwn(d.subject), user: d.user });
    return { text, blocks: [section(text)] };
  },
  'escalation.actionPlan': actionPlanCard,
  'escalation.actionPlanRequired': toParty('escalations.actionPlan.requiredDm', true),
  'escalation.actionPlanReminder': (d: { id: string; party: string; shortcoming: string; dueOn: string; overdue?: boolean }, env) =>
    toParty(d.overdue ? 'escalations.actionPlan.overdueDm' : 'escalations.actionPlan.soonDm', true)(d, env),
  'escalation.actionPlanAccepted': toParty('escalations.actionPlan.acceptedDm', false),
  'escalation.actionPlanAcceptReminder': toParty('escalations.actionPlan.acceptReminderDm', false),
  'escalation.actionPlanSubmitted': (d: { party: string; user: string }, env) => {
    const text = t(env.locale, 'escalations.actionPlan.submittedThread', { party: escapeMrkdwn(d.party), user: d.user });
    return { text, blocks: [section(text)] };
  },
};
