import type { EscalationCardData, EscalationNoteData, MissingVote } from '../../domain/escalations/index.ts';
import { formatList, t, type Locale, type MessageKey } from '../../i18n/index.ts';
import { actions, button, context, note, text, type Button, type Card, type CardElement } from '../card.ts';
import { labelled, markup, strong, type MarkupParams } from '../markup.ts';
import { INTENT_ANSWER, INTENT_EXTRA_MEETING, INTENT_SEND_BACK, INTENT_TAKE_UP, INTENT_WITHDRAW } from './ids.ts';
import { daysText, statusWord } from './list.ts';

type Data = Record<string, unknown>;

/** The escalation in the steering group's channel: its thread is where the group deals with it. */
export function escalationCard(d: EscalationCardData, locale: Locale): Card {
  const heading = t(locale, 'escalations.card.title', { label: d.label, question: d.question });
  const status = statusWord(locale, d.status);
  const body: CardElement[] = [
    text([
      ...markup(locale, 'escalations.card.meta', { status, user: d.raisedByUser ?? '?', party: d.raisedByParty, group: d.fromGroup, date: d.createdAt }),
      ...(d.urgent ? ['\n', ...markup(locale, 'escalations.card.urgent')] : []),
    ]),
    text(markup(locale, 'escalations.card.parties', { parties: formatList(locale, d.parties) })),
    text(labelled(t(locale, 'escalations.form.label.positions'), d.positions)),
  ];
  if (d.background) body.push(text(labelled(t(locale, 'escalations.form.label.background'), d.background)));
  if (d.options) body.push(text(labelled(t(locale, 'escalations.form.label.options'), d.options)));
  const links = [d.link ? markup(locale, 'escalations.card.link', { link: d.link }) : markup(locale, 'escalations.card.channel', { channel: d.fromChannelId })];
  if (d.decision) links.push(markup(locale, `escalations.card.decision.${d.decision.status as 'PROPOSED' | 'ADOPTED' | 'WITHDRAWN'}`, { proposal: d.decision.label }));
  if (d.guidance) links.push(markup(locale, 'escalations.card.guidance', { guidance: d.guidance }));
  if (d.closedByUser && d.status === 'WITHDRAWN') links.push(markup(locale, 'escalations.card.withdrawnBy', { user: d.closedByUser }));
  body.push(context(...links));
  if (d.status === 'OPEN' || d.status === 'IN_PROGRESS') {
    const buttons: Button[] = [
      ...(d.status === 'OPEN' ? [button(INTENT_TAKE_UP, t(locale, 'escalations.button.takeUp'), d.id)] : []),
      ...(d.decision?.status === 'PROPOSED' ? [] : [button(INTENT_ANSWER, t(locale, 'escalations.button.answer'), d.id, 'primary')]),
      button(INTENT_SEND_BACK, t(locale, 'escalations.button.sendBack'), d.id),
    ];
    body.push(actions(buttons, `escalation:${d.id}`));
  }
  return { heading, body, summary: [heading, ` (${status})`] };
}

/** The notice's data as parameters: counts stay numbers, everything else is plain text. */
const paramsOf = (data: Data): MarkupParams => Object.fromEntries(Object.entries(data).map(([k, v]) => [k, typeof v === 'number' ? v : String(v ?? '')]));

/** A message from the catalogue with the notice's data as parameters. */
const simple =
  (key: MessageKey, buttons?: (d: Data, locale: Locale) => Button[]) =>
  (data: Data, locale: Locale): Card =>
    note(markup(locale, key, paramsOf(data)), buttons?.(data, locale));

/** A reminder's `days` as words in the reader's language ("1 dag", "10 dagar"). */
const withAge =
  (key: MessageKey) =>
  (data: Data, locale: Locale): Card =>
    note(markup(locale, key, { ...paramsOf(data), age: daysText(locale, Number(data.days)) }));

/** The chair's reminder of a proposed answer still waiting for votes: which parties have not consented. */
function votesReminder(d: { label: string; question: string; days: number; steeringChannelId: string; proposal: string; missing: MissingVote[] }, locale: Locale): Card {
  const parties = d.missing.map((m) => m.party + (m.objected ? ` ${t(locale, 'escalations.notice.objected')}` : ''));
  return note(markup(locale, 'escalations.notice.votesReminder', { label: d.label, question: d.question, age: daysText(locale, d.days), steeringChannelId: d.steeringChannelId, proposal: d.proposal, parties: formatList(locale, parties) }));
}

/** The note in the collaboration group: the withdraw button while the question is open, its outcome after. */
function escalationNote(d: EscalationNoteData, locale: Locale): Card {
  const said = markup(locale, 'escalations.notice.note', { label: d.label, question: d.question, user: d.user, steeringChannelId: d.steeringChannelId });
  const open = !d.status || d.status === 'OPEN' || d.status === 'IN_PROGRESS';
  const tail = open
    ? actions([button(INTENT_WITHDRAW, t(locale, 'escalations.button.withdraw'), d.id, 'danger')], `escalation-note:${d.id}`)
    : context(markup(locale, 'escalations.note.closed', { status: statusWord(locale, d.status) }));
  return { body: [text(said), tail] };
}

/**
 * A proposed or adopted answer, in a thread that already shows the question (the card, or the
 * discussion and its note): the answer's title is named only when it says more than the default
 * "Svar på ESK-n: <the question>", so the question is not repeated under itself.
 */
const answerNotice =
  (key: MessageKey, bold: boolean) =>
  (d: { title: string; question?: string } & Data, locale: Locale): Card => {
    const repeats = !!d.question && d.title.replace(/…$/, '').includes(d.question.trim().slice(0, 60));
    const title = repeats ? '' : markup(locale, 'escalations.notice.titlePart', { title: bold ? [strong(d.title)] : d.title });
    return note(markup(locale, key, { ...paramsOf(d), title }));
  };

/** Every escalation notice the outbox carries, as a card. */
export const escalationCards = {
  'escalation.card': escalationCard,
  'escalation.note': escalationNote,
  'escalation.urgent': simple('escalations.notice.urgent', (d, l) => [button(INTENT_EXTRA_MEETING, t(l, 'escalations.button.extraMeeting'), String(d.id), 'primary')]),
  'escalation.reminder': withAge('escalations.notice.reminder'),
  'escalation.answerReminder': withAge('escalations.notice.answerReminder'),
  'escalation.votesReminder': votesReminder,
  'escalation.takenUp': simple('escalations.notice.takenUp'),
  'escalation.proposed': answerNotice('escalations.notice.proposed', false),
  'escalation.proposalWithdrawn': simple('escalations.notice.proposalWithdrawn'),
  'escalation.answered': answerNotice('escalations.notice.answered', true),
  'escalation.sentBack': simple('escalations.notice.sentBack'),
  'escalation.withdrawn': simple('escalations.notice.withdrawn'),
  'escalation.proposalClosed': (d: { label: string; proposal: string; status: string }, locale: Locale) =>
    note(markup(locale, d.status === 'SENT_BACK' ? 'escalations.notice.proposalClosed.sentBack' : 'escalations.notice.proposalClosed.withdrawn', d)),
} satisfies Record<string, (data: never, locale: Locale) => Card>;
