import type { EscalationSummary } from '../../domain/escalations/index.ts';
import { t, type Locale, type MessageKey } from '../../i18n/index.ts';
import type { Card } from '../card.ts';
import { context, text } from '../card.ts';
import { join, labelled, markup, shorten, type Markup } from '../markup.ts';

/** "3 dagar", "1 dag", "under en dag" (or, with `ago`, "för 3 dagar sedan", "i går", "i dag"). */
export const daysText = (locale: Locale, n: number, kind: 'age' | 'ago' = 'age'): Markup => markup(locale, `escalations.${kind}`, { n: Math.max(0, n) });

export const statusWord = (locale: Locale, s: string) => t(locale, `escalations.status.${s}` as MessageKey);

const line = (locale: Locale, e: EscalationSummary, key: MessageKey): Markup => [
  ...markup(locale, key, {
    label: e.label,
    question: shorten(e.question, 120),
    status: statusWord(locale, e.status),
    party: e.party,
    age: daysText(locale, e.ageDays),
    ago: daysText(locale, e.closedDaysAgo ?? 0, 'ago'),
  }),
  ...(e.urgent ? [' ', ...markup(locale, 'escalations.list.urgent')] : []),
];

/** `/eskalera lista`: what waits for the steering group, with its age, and what was settled lately. */
export function escalationListCard(locale: Locale, l: { open: EscalationSummary[]; recent: EscalationSummary[] }): Card {
  const heading = t(locale, 'escalations.list.title');
  const open = l.open.length ? join('\n', l.open.map((e) => line(locale, e, 'escalations.list.openLine'))) : [t(locale, 'escalations.list.noneOpen')];
  const body = [text(labelled(t(locale, 'escalations.list.open'), open))];
  if (l.recent.length) body.push(text(labelled(t(locale, 'escalations.list.recent'), join('\n', l.recent.map((e) => line(locale, e, 'escalations.list.recentLine'))))));
  body.push(context(markup(locale, 'escalations.list.hint')));
  return { heading, body, summary: [heading, '\n', ...open] };
}
