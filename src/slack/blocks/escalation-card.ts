import type { EscalationCardData, EscalationNoteData, MissingVote } from '../../domain/escalations/index.ts';
import { formatDate, formatList, t, type Locale, type MessageKey } from '../../i18n/index.ts';
import { ACTION_ANSWER, ACTION_EXTRA_MEETING, ACTION_SEND_BACK, ACTION_TAKE_UP, ACTION_WITHDRAW } from '../escalations/ids.ts';
import { actions, button, context, escapeMrkdwn, header, section, type Block, type RenderedMessage } from './kit.ts';
import { daysText } from './escalation-list.ts';
import type { RenderEnv, Renderers } from './renderers.ts';

const status = (locale: Locale, s: string) => t(locale, `escalations.status.${s}` as MessageKey);

/** The escalation in the steering group's channel: its thread is where the group deals with it. */
export function escalationCard(d: EscalationCardData, env: RenderEnv): RenderedMessage {
  const { locale } = env;
  const title = t(locale, 'escalations.card.title', { label: d.label, question: d.question });
  const blocks: Block[] = [
    header(title),
    section(
      t(locale, 'escalations.card.meta', {
        status: status(locale, d.status),
        user: d.raisedByUser ?? '?',
        party: escapeMrkdwn(d.raisedByParty),
        group: escapeMrkdwn(d.fromGroup),
        date: formatDate(locale, new Date(d.createdAt), env.timezone),
      }) + (d.urgent ? `\n${t(locale, 'escalations.card.urgent')}` : ''),
    ),
    section(t(locale, 'escalations.card.parties', { parties: escapeMrkdwn(formatList(locale, d.parties)) })),
    section(`*${t(locale, 'escalations.form.label.positions')}*\n${escapeMrkdwn(d.positions)}`),
  ];
  if (d.background) blocks.push(section(`*${t(locale, 'escalations.form.label.background')}*\n${escapeMrkdwn(d.background)}`));
  if (d.options) blocks.push(section(`*${t(locale, 'escalations.form.label.options')}*\n${escapeMrkdwn(d.options)}`));
  const links = [d.link ? t(locale, 'escalations.card.link', { link: escapeMrkdwn(d.link) }) : t(locale, 'escalations.card.channel', { channel: d.fromChannelId })];
  if (d.decision) links.push(t(locale, `escalations.card.decision.${d.decision.status as 'PROPOSED' | 'ADOPTED' | 'WITHDRAWN'}`, { proposal: d.decision.label }));
  if (d.guidance) links.push(t(locale, 'escalations.card.guidance', { guidance: escapeMrkdwn(d.guidance) }));
  if (d.closedByUser && d.status === 'WITHDRAWN') links.push(t(locale, 'escalations.card.withdrawnBy', { user: d.closedByUser }));
  blocks.push(context(...links));
  if (d.status === 'OPEN' || d.status === 'IN_PROGRESS') {
    blocks.push(
      actions(`escalation:${d.id}`, [
        ...(d.status === 'OPEN' ? [button(t(locale, 'escalations.button.takeUp'), ACTION_TAKE_UP, d.id)] : []),
        ...(d.decision?.status === 'PROPOSED' ? [] : [button(t(locale, 'escalations.button.answer'), ACTION_ANSWER, d.id, 'primary')]),
        button(t(locale, 'escalations.button.sendBack'), ACTION_SEND_BACK, d.id),
      ]),
    );
  }
  return { text: `${escapeMrkdwn(title)} (${status(locale, d.status)})`, blocks };
}

/** A message from the catalogue with the notice's data as parameters (user text escaped). */
const simple =
  (key: MessageKey, buttons?: (d: Record<string, unknown>, locale: Locale) => Block[]) =>
  (data: Record<string, unknown>, env: RenderEnv): RenderedMessage => {
    const params = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, typeof v === 'number' ? v : escapeMrkdwn(String(v ?? ''))]));
    const text = t(env.locale, key, params);
    const extra = buttons?.(data, env.locale) ?? [];
    return { text, blocks: [section(text), ...(extra.length ? [actions(undefined, extra)] : [])] };
  };

/** A reminder's `days` as words in the reader's language ("1 dag", "10 dagar"). */
const withAge =
  (render: (data: Record<string, unknown>, env: RenderEnv) => RenderedMessage) =>
  (data: Record<string, unknown>, env: RenderEnv): RenderedMessage =>
    render({ ...data, age: daysText(env.locale, Number(data.days)) }, env);

/** The chair's reminder of a proposed answer still waiting for votes: which parties have not consented. */
function votesReminder(d: { label: string; question: string; days: number; steeringChannelId: string; proposal: string; missing: MissingVote[] }, env: RenderEnv): RenderedMessage {
  const parties = d.missing.map((m) => escapeMrkdwn(m.party) + (m.objected ? ` ${t(env.locale, 'escalations.notice.objected')}` : ''));
  const text = t(env.locale, 'escalations.notice.votesReminder', {
    label: d.label,
    question: escapeMrkdwn(d.question),
    age: daysText(env.locale, d.days),
    steeringChannelId: d.steeringChannelId,
    proposal: d.proposal,
    parties: formatList(env.locale, parties),
  });
  return { text, blocks: [section(text)] };
}

/** The note in the collaboration group: the withdraw button while the question is open, its outcome after. */
function escalationNote(d: EscalationNoteData, env: RenderEnv): RenderedMessage {
  const text = t(env.locale, 'escalations.notice.note', { label: d.label, question: escapeMrkdwn(d.question), user: d.user, steeringChannelId: d.steeringChannelId });
  const open = !d.status || d.status === 'OPEN' || d.status === 'IN_PROGRESS';
  const tail = open
    ? actions(`escalation-note:${d.id}`, [button(t(env.locale, 'escalations.button.withdraw'), ACTION_WITHDRAW, d.id, 'danger')])
    : context(t(env.locale, 'escalations.note.closed', { status: status(env.locale, d.status) }));
  return { text, blocks: [section(text), tail] };
}

/**
 * A proposed or adopted answer, in a thread that already shows the question (the card, or the
 * discussion and its note): the answer's title is named only when it says more than the default
 * "Svar på ESK-n: <the question>", so the question is not repeated under itself.
 */
const answerNotice =
  (key: MessageKey, bold: boolean) =>
  (d: { title: string; question?: string } & Record<string, unknown>, env: RenderEnv): RenderedMessage => {
    const repeats = !!d.question && d.title.replace(/…$/, '').includes(d.question.trim().slice(0, 60));
    const own = escapeMrkdwn(d.title);
    const title = repeats ? '' : t(env.locale, 'escalations.notice.titlePart', { title: bold ? `*${own}*` : own });
    const params = Object.fromEntries(Object.entries(d).map(([k, v]) => [k, typeof v === 'number' ? v : escapeMrkdwn(String(v ?? ''))]));
    const text = t(env.locale, key, { ...params, title });
    return { text, blocks: [section(text)] };
  };

export const escalationRenderers: Renderers = {
  'escalation.card': escalationCard,
  'escalation.note': escalationNote,
  'escalation.urgent': simple('escalations.notice.urgent', (d, l) => [button(t(l, 'escalations.button.extraMeeting'), ACTION_EXTRA_MEETING, String(d.id), 'primary')]),
  'escalation.reminder': withAge(simple('escalations.notice.reminder')),
  'escalation.answerReminder': withAge(simple('escalations.notice.answerReminder')),
  'escalation.votesReminder': votesReminder,
  'escalation.takenUp': simple('escalations.notice.takenUp'),
  'escalation.proposed': answerNotice('escalations.notice.proposed', false),
  'escalation.proposalWithdrawn': simple('escalations.notice.proposalWithdrawn'),
  'escalation.answered': answerNotice('escalations.notice.answered', true),
  'escalation.sentBack': simple('escalations.notice.sentBack'),
  'escalation.withdrawn': simple('escalations.notice.withdrawn'),
  'escalation.proposalClosed': (d: { label: string; proposal: string; status: string }, env: RenderEnv) => {
    const text = t(env.locale, d.status === 'SENT_BACK' ? 'escalations.notice.proposalClosed.sentBack' : 'escalations.notice.proposalClosed.withdrawn', d);
    return { text, blocks: [section(text)] };
  },
};
