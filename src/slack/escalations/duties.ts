import type { App, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import * as forms from '../../conversation/escalations/forms.ts';
import { FORM_INFORM, FORM_PLAN_REQUIRE, FORM_PLAN_SUBMIT, INTENT_ACKNOWLEDGE, INTENT_PLAN_ACCEPT, INTENT_PLAN_SUBMIT } from '../../conversation/escalations/ids.ts';
import { markup } from '../../conversation/markup.ts';
import { acceptActionPlan, acknowledgeInformation, actionPlanForm, checkCanSubmit, informationForm, notifySteering, requireActionPlan, submitActionPlan } from '../../domain/escalations/index.ts';
import { requireActor } from '../../domain/partnership/directory.ts';
import { parseFields } from '../render/index.ts';
import { describeError, localeForUser, localeOf, words, type SlackDeps } from '../support.ts';
import { COMMAND_INFORM } from './ids.ts';
import { confirmedNotAboutAPerson, onButton, one, onSubmit, openForm, said } from '../respond.ts';

const INFORM = z.object({ subject: one, change: one });
const PLAN_REQUIRE = z.object({ party: one, shortcoming: one, due: one });
const PLAN_SUBMIT = z.object({ plan: one });

/** `/eskalera åtgärdsplan`: the chair's form to require an action plan of a party. */
export async function openPlanRequireForm(client: WebClient, deps: SlackDeps, triggerId: string, userId: string): Promise<void> {
  const { member } = await requireActor(deps.ctx, userId);
  const f = await actionPlanForm(deps.ctx, member);
  const locale = localeOf(deps, member);
  await openForm(client, deps, triggerId, forms.planRequireForm(locale, { parties: f.parties, minDate: f.dueOn }), locale);
}

export function registerDuties(app: App, deps: SlackDeps): void {
  app.command(COMMAND_INFORM, async ({ command, ack, respond, client }) => {
    await ack();
    const locale = await localeForUser(deps, command.user_id);
    const reply = (text: string) => respond({ response_type: 'ephemeral', text } as Parameters<RespondFn>[0]);
    try {
      const [sub = ''] = words(command.text.trim());
      if (['hjälp', 'hjalp', 'help'].includes(sub.toLowerCase())) return void (await reply(said(deps, locale, 'escalations.information.help')));
      const { member } = await requireActor(deps.ctx, command.user_id);
      const own = localeOf(deps, member);
      await openForm(client, deps, command.trigger_id, forms.informForm(own, informationForm(member)), own);
    } catch (err) {
      await reply(describeError(deps, locale, err));
    }
  });

  onSubmit(app, deps, FORM_INFORM, 'change', async ({ fields, viewId }, { member, actor, locale }) => {
    const f = parseFields(INFORM, fields);
    const r = await notifySteering(deps.ctx, member, actor, { subject: f.subject ?? '', body: f.change ?? '', notAboutAPerson: confirmedNotAboutAPerson(fields), requestKey: `view:${viewId}` });
    return forms.done(locale, markup(locale, 'escalations.information.done', { channel: r.steeringChannelId }));
  });

  onButton(app, deps, INTENT_ACKNOWLEDGE, async ({ payload }, { member, actor, locale }) => {
    const n = await acknowledgeInformation(deps.ctx, member, actor, payload);
    return markup(locale, 'escalations.information.acknowledged', { subject: n.subject });
  });

  onSubmit(app, deps, FORM_PLAN_REQUIRE, 'shortcoming', async ({ fields, viewId }, { member, actor, locale }) => {
    const f = parseFields(PLAN_REQUIRE, fields);
    const r = await requireActionPlan(deps.ctx, member, actor, { partyId: f.party ?? '', shortcoming: f.shortcoming ?? '', dueOn: f.due ?? '', notAboutAPerson: confirmedNotAboutAPerson(fields), requestKey: `view:${viewId}` });
    return forms.done(locale, markup(locale, 'escalations.actionPlan.requiredDone', { party: r.party }));
  });

  onButton(app, deps, INTENT_PLAN_SUBMIT, async ({ payload, body, client }, { member, locale }) => {
    const p = await checkCanSubmit(deps.ctx, member, payload);
    const due = p.dueOn.toISOString().slice(0, 10);
    await openForm(client, deps, body.trigger_id, forms.planSubmitForm(locale, { id: p.id, shortcoming: p.shortcoming, due, plan: p.plan ?? undefined }), locale);
    return undefined;
  });

  onSubmit(app, deps, FORM_PLAN_SUBMIT, 'plan', async ({ fields, meta }, { member, actor, locale }) => {
    await submitActionPlan(deps.ctx, member, actor, meta, parseFields(PLAN_SUBMIT, fields).plan ?? '', { notAboutAPerson: confirmedNotAboutAPerson(fields) });
    return forms.done(locale, markup(locale, 'escalations.actionPlan.submittedDone'));
  });

  onButton(app, deps, INTENT_PLAN_ACCEPT, async ({ payload }, { member, actor, locale }) => {
    await acceptActionPlan(deps.ctx, member, actor, payload);
    return markup(locale, 'escalations.actionPlan.acceptedDone');
  });
}
