import type { PartyAppendix } from '../../domain/agreement/appendices.ts';
import { REASON_MAX, type NoticeView } from '../../domain/agreement/notices.ts';
import type { AgreementOverview } from '../../domain/agreement/overview.ts';
import type { NoticeEffect } from '../../domain/agreement/term.ts';
import { noticeEffect } from '../../domain/agreement/term.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { VIEW_AGREEMENT_NOTICE } from '../agreement/ids.ts';
import { agreementForm, appendixListMessage, day, doneModal } from './appendices.ts';
import { context, escapeMrkdwn, header, plain, section, type Block, type RenderedMessage } from './kit.ts';
import { notAboutAPersonInput, privacyHint } from './privacy.ts';
import type { Renderers } from './renderers.ts';

function noticeLine(locale: Locale, n: NoticeView, today: string): string {
  const p = { party: escapeMrkdwn(n.partyName), givenOn: day(locale, n.givenOn), deadline: day(locale, n.deadline), effectiveOn: day(locale, n.effectiveOn) };
  if (today >= n.effectiveOn) return t(locale, 'agreement.notices.itemLeft', p);
  return t(locale, n.late ? 'agreement.notices.itemLate' : 'agreement.notices.item', p);
}

/** `/samverkan avtal`: the term as it stands today, the notices given, then the appendices' own listing. */
export function agreementMessage(locale: Locale, o: AgreementOverview, appendices: PartyAppendix[]): RenderedMessage {
  const d = (iso: string) => day(locale, iso);
  const term: string[] = [];
  if (o.current) term.push(o.current.end === null ? t(locale, 'agreement.period.open', { start: d(o.current.start) }) : t(locale, 'agreement.period.current', { start: d(o.current.start), end: d(o.current.end) }));
  else if (o.today < o.spec.start) term.push(t(locale, 'agreement.period.notStarted', { start: d(o.spec.start) }));
  else term.push(t(locale, 'agreement.period.ended', { end: d(o.end!) }));
  const settled = o.nextSettled;
  if (o.next?.end) term.push(t(locale, o.next.index === 0 ? 'agreement.renewal.first' : settled ? 'agreement.renewal.settled' : 'agreement.renewal.next', { start: d(o.next.start), end: d(o.next.end) }));
  else if (o.current && o.end) term.push(t(locale, 'agreement.renewal.none', { end: d(o.end) }));
  if (o.spec.latest_end && o.next) term.push(t(locale, 'agreement.renewal.latest', { latestEnd: d(o.spec.latest_end) }));
  if (o.deadline) {
    const effect = noticeEffect(o.spec, o.today)!;
    term.push(t(locale, settled ? 'agreement.deadline.daysAfterNext' : 'agreement.deadline.days', { date: d(o.deadline.date), days: o.deadline.daysLeft, effectiveOn: d(effect.effectiveOn) }));
  } else if (o.current && o.spec.notice_deadline) {
    // No deadline decides anything any more: a notice given today can only meet the agreement's end.
    const effect = noticeEffect(o.spec, o.today)!;
    term.push(t(locale, effect.endsWithAgreement || (o.end !== null && effect.effectiveOn > o.end) ? 'agreement.deadline.noneLeft' : 'agreement.deadline.passed', { effectiveOn: d(effect.effectiveOn) }));
  }
  const notices = [t(locale, 'agreement.notices.title'), ...(o.notices.length ? o.notices.map((n) => noticeLine(locale, n, o.today)) : [t(locale, 'agreement.notices.none')])];
  const title = t(locale, 'agreement.title');
  const list = appendixListMessage(locale, appendices);
  return {
    text: [title, ...term, ...notices, list.text].join('\n'),
    blocks: [header(title), section(term.join('\n')), section(notices.join('\n')), context(t(locale, 'agreement.howTo')), ...(list.blocks ?? [])],
  };
}

/** The form of `/samverkan uppsägning`: says when the notice will take effect before it is sent. */
export function noticeView(locale: Locale, party: string, effect: NoticeEffect): Block {
  const p = { party: escapeMrkdwn(party), deadline: day(locale, effect.deadline), effectiveOn: day(locale, effect.effectiveOn) };
  return {
    ...agreementForm(locale, VIEW_AGREEMENT_NOTICE, 'agreement'),
    blocks: [
      section(t(locale, effect.late ? 'agreement.form.introLate' : 'agreement.form.intro', p)),
      {
        type: 'input',
        block_id: 'reason',
        label: plain(t(locale, 'agreement.form.label.reason')),
        element: { type: 'plain_text_input', action_id: 'reason', multiline: true, max_length: REASON_MAX },
        hint: privacyHint(locale),
      },
      notAboutAPersonInput(locale),
    ],
  };
}

export const noticeDoneView = (locale: Locale, message: string): Block => doneModal(t(locale, 'agreement.form.doneTitle'), t(locale, 'agreement.form.closeDone'), message);

const message = (text: string): RenderedMessage => ({ text, blocks: [section(text)] });

export const agreementRenderers: Renderers = {
  'agreement.notice': (d: { party: string; user: string; reason: string; givenOn: string; deadline: string; late: boolean; effectiveOn: string; endsWithAgreement: boolean }, env) => {
    const l = env.locale;
    const p = { party: escapeMrkdwn(d.party), user: d.user, givenOn: day(l, d.givenOn), deadline: day(l, d.deadline), effectiveOn: day(l, d.effectiveOn), reason: escapeMrkdwn(d.reason).replace(/\n/g, '\n>') };
    const lines = [t(l, 'agreement.notice', p), ...(d.late ? [t(l, 'agreement.notice.late', p)] : []), ...(d.endsWithAgreement ? [t(l, 'agreement.notice.endsWithAgreement', p)] : [])];
    return message(lines.join('\n'));
  },
  'agreement.noticeWithdrawn': (d: { party: string; user: string; givenOn: string }, env) =>
    message(t(env.locale, 'agreement.noticeWithdrawn', { party: escapeMrkdwn(d.party), user: d.user, givenOn: day(env.locale, d.givenOn) })),
  'agreement.deadlineReminder': (d: { deadline: string; daysLeft: number; renewalStart: string | null; renewalEnd: string | null }, env) => {
    const l = env.locale;
    const lines = [t(l, 'agreement.deadlineReminder', { deadline: day(l, d.deadline), days: d.daysLeft })];
    if (d.renewalStart && d.renewalEnd) lines.push(t(l, 'agreement.deadlineReminder.renewal', { start: day(l, d.renewalStart), end: day(l, d.renewalEnd) }));
    return message(lines.join(' '));
  },
  'agreement.latestEndReminder': (d: { latestEnd: string; daysLeft: number }, env) => message(t(env.locale, 'agreement.latestEndReminder', { latestEnd: day(env.locale, d.latestEnd), days: d.daysLeft })),
  'agreement.renewed': (d: { start: string; end: string | null; last: boolean }, env) => {
    const l = env.locale;
    const end = d.end ? day(l, d.end) : '…';
    return message([t(l, 'agreement.renewed', { start: day(l, d.start), end }), ...(d.last ? [t(l, 'agreement.renewed.last', { end })] : [])].join(' '));
  },
};
