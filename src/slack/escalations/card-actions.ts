import type { App } from '@slack/bolt';
import { answerForm, callExtraMeeting, checkCanWithdraw, escalationLabel, extraMeetingForm, proposeAnswer, sendBack, sendBackForm, takeUp, withdraw } from '../../domain/escalations/index.ts';
import { requireActor } from '../../domain/partnership/directory.ts';
import { formatDate, t } from '../../i18n/index.ts';
import { answerView, doneView, extraMeetingView, sendBackView, withdrawConfirmView } from '../blocks/escalation-form.ts';
import { describeError, localeOf } from '../support.ts';
import type { SlackDeps } from '../support.ts';
import { value } from './inputs.ts';
import { ACTION_ANSWER, ACTION_EXTRA_MEETING, ACTION_SEND_BACK, ACTION_TAKE_UP, ACTION_WITHDRAW, VIEW_ANSWER, VIEW_EXTRA_MEETING, VIEW_SEND_BACK, VIEW_WITHDRAW } from './ids.ts';
import { onButton, onSubmit } from './respond.ts';

export function registerCardActions(app: App, deps: SlackDeps): void {
  onButton(app, deps, ACTION_TAKE_UP, async ({ action }, { member, actor, locale }) => {
    const e = await takeUp(deps.ctx, member, actor, action.value ?? '');
    return t(locale, 'escalations.takeUp.done', { label: escalationLabel(e.number) });
  });

  onButton(app, deps, ACTION_ANSWER, async ({ action, body, client }, { member, locale }) => {
    const e = await answerForm(deps.ctx, member, action.value ?? '');
    await client.views.open({ trigger_id: body.trigger_id, view: answerView(locale, e) as never });
    return undefined;
  });

  onButton(app, deps, ACTION_SEND_BACK, async ({ action, body, client }, { member, locale }) => {
    const e = await sendBackForm(deps.ctx, member, action.value ?? '');
    await client.views.open({ trigger_id: body.trigger_id, view: sendBackView(locale, e) as never });
    return undefined;
  });

  // Rights first, then "are you sure?": taking a question back cannot be undone.
  onButton(app, deps, ACTION_WITHDRAW, async ({ action, body, client }, { member, locale }) => {
    const { escalation: e, openProposal } = await checkCanWithdraw(deps.ctx, member, action.value ?? '');
    const view = withdrawConfirmView(locale, { id: e.id, label: escalationLabel(e.number), question: e.question, ...(openProposal ? { openProposal } : {}) });
    await client.views.open({ trigger_id: body.trigger_id, view: view as never });
    return undefined;
  });

  // A modal without inputs has no field to show an error on: the answer replaces it.
  app.view(VIEW_WITHDRAW, async ({ ack, body, view }) => {
    let locale = deps.ctx.locale;
    let text: string;
    let done = true;
    try {
      const { member, actor } = await requireActor(deps.ctx, body.user.id);
      locale = localeOf(deps, member);
      const e = await withdraw(deps.ctx, member, actor, view.private_metadata);
      text = t(locale, 'escalations.withdraw.done', { label: escalationLabel(e.number) });
    } catch (err) {
      text = describeError(deps, locale, err);
      done = false;
    }
    await ack({ response_action: 'update', view: doneView(locale, text, done ? undefined : 'escalations.withdraw.notDoneTitle') as never });
  });

  onButton(app, deps, ACTION_EXTRA_MEETING, async ({ action, body, client }, { member, locale }) => {
    const e = await extraMeetingForm(deps.ctx, member, action.value ?? '');
    await client.views.open({ trigger_id: body.trigger_id, view: extraMeetingView(locale, e) as never });
    return undefined;
  });

  onSubmit(app, deps, VIEW_ANSWER, 'body', async ({ state, meta, viewId }, { member, actor, locale }) => {
    const r = await proposeAnswer(deps.ctx, member, actor, meta, { title: value(state, 'title') ?? '', body: value(state, 'body') ?? '', requestKey: `view:${viewId}` });
    return { response_action: 'update', view: doneView(locale, t(locale, 'escalations.answer.done', { proposal: r.label })) };
  });

  onSubmit(app, deps, VIEW_SEND_BACK, 'guidance', async ({ state, meta }, { member, actor, locale }) => {
    const e = await sendBack(deps.ctx, member, actor, meta, value(state, 'guidance') ?? '');
    return { response_action: 'update', view: doneView(locale, t(locale, 'escalations.sendBack.done', { label: escalationLabel(e.number) })) };
  });

  onSubmit(app, deps, VIEW_EXTRA_MEETING, 'date', async ({ state }, { member, locale }) => {
    const time = value(state, 'time');
    const m = await callExtraMeeting(deps.ctx, member, value(state, 'date'), time);
    const day = formatDate(locale, new Date(m.at), deps.ctx.timezone);
    return { response_action: 'update', view: doneView(locale, t(locale, 'escalations.extra.done', { date: day, time: time ?? '', channel: m.steeringChannelId })) };
  });
}
