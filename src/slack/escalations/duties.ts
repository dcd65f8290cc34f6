import type { App, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { acceptActionPlan, acknowledgeInformation, actionPlanForm, checkCanSubmit, informationForm, notifySteering, requireActionPlan, submitActionPlan } from '../../domain/escalations/index.ts';
import { requireActor } from '../../domain/partnership/directory.ts';
import { formatDate, t } from '../../i18n/index.ts';
import { doneView, informView, planRequireView, planSubmitView } from '../blocks/escalation-form.ts';
import { describeError, localeForUser, localeOf, words, type SlackDeps } from '../support.ts';
import { value } from './inputs.ts';
import { ACTION_ACKNOWLEDGE, ACTION_PLAN_ACCEPT, ACTION_PLAN_SUBMIT, COMMAND_INFORM, VIEW_INFORM, VIEW_PLAN_REQUIRE, VIEW_PLAN_SUBMIT } from './ids.ts';
import { onButton, onSubmit } from './respond.ts';

/** `/eskalera åtgärdsplan`: the chair's form to require an action plan of a party. */
export async function openPlanRequireForm(client: WebClient, deps: SlackDeps, triggerId: string, userId: string): Promise<void> {
  const { member } = await requireActor(deps.ctx, userId);
  const f = await actionPlanForm(deps.ctx, member);
  await client.views.open({ trigger_id: triggerId, view: planRequireView(localeOf(deps, member), { parties: f.parties, minDate: f.dueOn }) as never });
}

export function registerDuties(app: App, deps: SlackDeps): void {
  app.command(COMMAND_INFORM, async ({ command, ack, respond, client }) => {
    await ack();
    const locale = await localeForUser(deps, command.user_id);
    const reply = (text: string) => respond({ response_type: 'ephemeral', text } as Parameters<RespondFn>[0]);
    try {
      const [sub = ''] = words(command.text.trim());
      if (['hjälp', 'hjalp', 'help'].includes(sub.toLowerCase())) return void (await reply(t(locale, 'escalations.information.help')));
      const { member } = await requireActor(deps.ctx, command.user_id);
      await client.views.open({ trigger_id: command.trigger_id, view: informView(localeOf(deps, member), informationForm(member)) as never });
    } catch (err) {
      await reply(describeError(deps, locale, err));
    }
  });

  onSubmit(app, deps, VIEW_INFORM, 'change', async ({ state, viewId }, { member, actor, locale }) => {
    const r = await notifySteering(deps.ctx, member, actor, { subject: value(state, 'subject') ?? '', body: value(state, 'change') ?? '', requestKey: `view:${viewId}` });
    return { response_action: 'update', view: doneView(locale, t(locale, 'escalations.information.done', { channel: r.steeringChannelId })) };
  });

  onButton(app, deps, ACTION_ACKNOWLEDGE, async ({ action }, { member, actor, locale }) => {
    const n = await acknowledgeInformation(deps.ctx, member, actor, action.value ?? '');
    return t(locale, 'escalations.information.acknowledged', { subject: n.subject });
  });

  onSubmit(app, deps, VIEW_PLAN_REQUIRE, 'shortcoming', async ({ state, viewId }, { member, actor, locale }) => {
    const r = await requireActionPlan(deps.ctx, member, actor, { partyId: value(state, 'party') ?? '', shortcoming: value(state, 'shortcoming') ?? '', dueOn: value(state, 'due') ?? '', requestKey: `view:${viewId}` });
    return { response_action: 'update', view: doneView(locale, t(locale, 'escalations.actionPlan.requiredDone', { party: r.party })) };
  });

  onButton(app, deps, ACTION_PLAN_SUBMIT, async ({ action, body, client }, { member, locale }) => {
    const p = await checkCanSubmit(deps.ctx, member, action.value ?? '');
    const due = formatDate(locale, new Date(`${p.dueOn.toISOString().slice(0, 10)}T12:00:00Z`), deps.ctx.timezone);
    await client.views.open({ trigger_id: body.trigger_id, view: planSubmitView(locale, { id: p.id, shortcoming: p.shortcoming, due, plan: p.plan ?? undefined }) as never });
    return undefined;
  });

  onSubmit(app, deps, VIEW_PLAN_SUBMIT, 'plan', async ({ state, meta }, { member, actor, locale }) => {
    await submitActionPlan(deps.ctx, member, actor, meta, value(state, 'plan') ?? '');
    return { response_action: 'update', view: doneView(locale, t(locale, 'escalations.actionPlan.submittedDone')) };
  });

  onButton(app, deps, ACTION_PLAN_ACCEPT, async ({ action }, { member, actor, locale }) => {
    await acceptActionPlan(deps.ctx, member, actor, action.value ?? '');
    return t(locale, 'escalations.actionPlan.acceptedDone');
  });
}
