import type { App } from '@slack/bolt';
import { z } from 'zod';
import * as forms from '../../conversation/escalations/forms.ts';
import { FORM_ANSWER, FORM_EXTRA_MEETING, FORM_SEND_BACK, FORM_WITHDRAW, INTENT_ANSWER, INTENT_EXTRA_MEETING, INTENT_SEND_BACK, INTENT_TAKE_UP, INTENT_WITHDRAW } from '../../conversation/escalations/ids.ts';
import { markup } from '../../conversation/markup.ts';
import { answerForm, callExtraMeeting, checkCanWithdraw, escalationLabel, extraMeetingForm, proposeAnswer, sendBack, sendBackForm, takeUp, withdraw } from '../../domain/escalations/index.ts';
import { requireActor } from '../../domain/partnership/directory.ts';
import { parseFields } from '../render/index.ts';
import { describeError, localeOf } from '../support.ts';
import type { SlackDeps } from '../support.ts';
import { confirmedNotAboutAPerson, onButton, one, onSubmit, openForm, receiptAnswer } from '../respond.ts';

const ANSWER = z.object({ title: one, body: one });
const SEND_BACK = z.object({ guidance: one });
const EXTRA_MEETING = z.object({ date: one, time: one });

export function registerCardActions(app: App, deps: SlackDeps): void {
  onButton(app, deps, INTENT_TAKE_UP, async ({ payload }, { member, actor, locale }) => {
    const e = await takeUp(deps.ctx, member, actor, payload);
    return markup(locale, 'escalations.takeUp.done', { label: escalationLabel(e.number) });
  });

  onButton(app, deps, INTENT_ANSWER, async ({ payload, body, client }, { member, locale }) => {
    await openForm(client, deps, body.trigger_id, forms.answerForm(locale, await answerForm(deps.ctx, member, payload)), locale);
    return undefined;
  });

  onButton(app, deps, INTENT_SEND_BACK, async ({ payload, body, client }, { member, locale }) => {
    await openForm(client, deps, body.trigger_id, forms.sendBackForm(locale, await sendBackForm(deps.ctx, member, payload)), locale);
    return undefined;
  });

  // Rights first, then "are you sure?": taking a question back cannot be undone.
  onButton(app, deps, INTENT_WITHDRAW, async ({ payload, body, client }, { member, locale }) => {
    const { escalation: e, openProposal } = await checkCanWithdraw(deps.ctx, member, payload);
    const form = forms.withdrawConfirmForm(locale, { id: e.id, label: escalationLabel(e.number), question: e.question, ...(openProposal ? { openProposal } : {}) });
    await openForm(client, deps, body.trigger_id, form, locale);
    return undefined;
  });

  // A form without inputs has no field to show an error on: the answer replaces it.
  app.view(FORM_WITHDRAW, async ({ ack, body, view }) => {
    let locale = deps.ctx.locale;
    let receipt;
    try {
      const { member, actor } = await requireActor(deps.ctx, body.user.id);
      locale = localeOf(deps, member);
      const e = await withdraw(deps.ctx, member, actor, view.private_metadata);
      receipt = forms.done(locale, markup(locale, 'escalations.withdraw.done', { label: escalationLabel(e.number) }));
    } catch (err) {
      receipt = forms.done(locale, [describeError(deps, locale, err)], 'escalations.withdraw.notDoneTitle');
    }
    await ack(receiptAnswer(deps, locale, receipt) as never);
  });

  onButton(app, deps, INTENT_EXTRA_MEETING, async ({ payload, body, client }, { member, locale }) => {
    await openForm(client, deps, body.trigger_id, forms.extraMeetingForm(locale, await extraMeetingForm(deps.ctx, member, payload)), locale);
    return undefined;
  });

  onSubmit(app, deps, FORM_ANSWER, 'body', async ({ fields, meta, viewId }, { member, actor, locale }) => {
    const f = parseFields(ANSWER, fields);
    const r = await proposeAnswer(deps.ctx, member, actor, meta, { title: f.title ?? '', body: f.body ?? '', notAboutAPerson: confirmedNotAboutAPerson(fields), requestKey: `view:${viewId}` });
    return forms.done(locale, markup(locale, 'escalations.answer.done', { proposal: r.label }));
  });

  onSubmit(app, deps, FORM_SEND_BACK, 'guidance', async ({ fields, meta }, { member, actor, locale }) => {
    const e = await sendBack(deps.ctx, member, actor, meta, parseFields(SEND_BACK, fields).guidance ?? '', { notAboutAPerson: confirmedNotAboutAPerson(fields) });
    return forms.done(locale, markup(locale, 'escalations.sendBack.done', { label: escalationLabel(e.number) }));
  });

  onSubmit(app, deps, FORM_EXTRA_MEETING, 'date', async ({ fields }, { member, locale }) => {
    const f = parseFields(EXTRA_MEETING, fields);
    const m = await callExtraMeeting(deps.ctx, member, f.date, f.time);
    return forms.done(locale, markup(locale, 'escalations.extra.done', { date: new Date(m.at).toISOString(), time: f.time ?? '', channel: m.steeringChannelId }));
  });
}
