import type { App } from '@slack/bolt';
import { escalationLabel, localDate, proposeAnswer, sendBack, steeringGroup, takeUp, withdraw } from '../../domain/escalations/index.ts';
import { DomainError } from '../../domain/errors.ts';
import { isChairOf, isMemberOf } from '../../domain/partnership/permissions.ts';
import { addExtraMeeting } from '../../domain/rotation/meetings.ts';
import { formatDate, t } from '../../i18n/index.ts';
import { answerView, doneView, extraMeetingView, sendBackView } from '../blocks/escalation-form.ts';
import type { SlackDeps } from '../support.ts';
import { value } from './inputs.ts';
import { ACTION_ANSWER, ACTION_EXTRA_MEETING, ACTION_SEND_BACK, ACTION_TAKE_UP, ACTION_WITHDRAW, VIEW_ANSWER, VIEW_EXTRA_MEETING, VIEW_SEND_BACK } from './ids.ts';
import { onButton, onSubmit } from './respond.ts';

/** The escalation behind a button; refuses a closed one before a form opens for nothing. */
async function openEscalation(deps: SlackDeps, id: string) {
  const e = await deps.ctx.prisma.escalation.findUnique({ where: { id } });
  if (!e || e.partnershipId !== deps.ctx.partnershipId) throw new DomainError('escalations.error.notFound');
  if (e.status !== 'OPEN' && e.status !== 'IN_PROGRESS') throw new DomainError(`escalations.error.closed.${e.status}`, { label: escalationLabel(e.number) });
  return { id: e.id, label: escalationLabel(e.number), question: e.question };
}

export function registerCardActions(app: App, deps: SlackDeps): void {
  onButton(app, deps, ACTION_TAKE_UP, async ({ action }, { member, actor, locale }) => {
    const e = await takeUp(deps.ctx, member, actor, action.value ?? '');
    return t(locale, 'escalations.takeUp.done', { label: escalationLabel(e.number) });
  });

  onButton(app, deps, ACTION_ANSWER, async ({ action, body, client }, { member, locale }) => {
    const steering = await steeringGroup(deps.ctx);
    if (!isMemberOf(member, steering.id)) throw new DomainError('escalations.error.notSteeringMember', { group: steering.name });
    const e = await openEscalation(deps, action.value ?? '');
    await client.views.open({ trigger_id: body.trigger_id, view: answerView(locale, e) as never });
    return undefined;
  });

  onButton(app, deps, ACTION_SEND_BACK, async ({ action, body, client }, { member, locale }) => {
    const steering = await steeringGroup(deps.ctx);
    if (!isChairOf(member, steering.id)) throw new DomainError('escalations.error.notChair', { group: steering.name });
    const e = await openEscalation(deps, action.value ?? '');
    await client.views.open({ trigger_id: body.trigger_id, view: sendBackView(locale, e) as never });
    return undefined;
  });

  onButton(app, deps, ACTION_WITHDRAW, async ({ action }, { member, actor, locale }) => {
    const e = await withdraw(deps.ctx, member, actor, action.value ?? '');
    return t(locale, 'escalations.withdraw.done', { label: escalationLabel(e.number) });
  });

  onButton(app, deps, ACTION_EXTRA_MEETING, async ({ action, body, client }, { member, locale }) => {
    const steering = await steeringGroup(deps.ctx);
    if (!isChairOf(member, steering.id)) throw new DomainError('escalations.error.notChair', { group: steering.name });
    const e = await openEscalation(deps, action.value ?? '');
    const today = localDate(deps.ctx.clock.now(), deps.ctx.timezone);
    await client.views.open({ trigger_id: body.trigger_id, view: extraMeetingView(locale, { id: e.id, label: e.label, today }) as never });
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

  // The extra meeting itself belongs to the rotation: its rules (chair, future time, no clash) apply.
  onSubmit(app, deps, VIEW_EXTRA_MEETING, 'date', async ({ state, userId }, { locale }) => {
    const steering = await steeringGroup(deps.ctx);
    const date = value(state, 'date');
    const time = value(state, 'time');
    await addExtraMeeting(deps.ctx, userId, steering.channelId, date, time);
    const day = formatDate(locale, new Date(`${date}T12:00:00Z`), deps.ctx.timezone);
    return { response_action: 'update', view: doneView(locale, t(locale, 'escalations.extra.done', { date: day, time: time ?? '', channel: steering.channelId })) };
  });
}
