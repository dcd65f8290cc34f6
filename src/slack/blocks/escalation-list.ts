import type { EscalationSummary } from '../../domain/escalations/index.ts';
import { t, type Locale, type MessageKey } from '../../i18n/index.ts';
import { context, escapeMrkdwn, header, section, truncate, type RenderedMessage } from './kit.ts';

/** "3 dagar", "1 dag", "under en dag" (or, with `ago`, "för 3 dagar sedan", "i går", "i dag"). */
export const daysText = (locale: Locale, n: number, kind: 'age' | 'ago' = 'age') =>
  t(locale, `escalations.${kind}.${n <= 0 ? 'zero' : n === 1 ? 'one' : 'other'}` as MessageKey, { n });

const line = (locale: Locale, e: EscalationSummary, key: MessageKey) =>
  t(locale, key, {
    label: e.label,
    question: escapeMrkdwn(truncate(e.question, 120)),
    status: t(locale, `escalations.status.${e.status}` as MessageKey),
    party: escapeMrkdwn(e.party),
    age: daysText(locale, e.ageDays),
    ago: daysText(locale, e.closedDaysAgo ?? 0, 'ago'),
  }) + (e.urgent ? ` ${t(locale, 'escalations.list.urgent')}` : '');

/** `/eskalera lista`: what waits for the steering group, with its age, and what was settled lately. */
export function escalationListMessage(locale: Locale, l: { open: EscalationSummary[]; recent: EscalationSummary[] }): RenderedMessage {
  const title = t(locale, 'escalations.list.title');
  const open = l.open.length ? l.open.map((e) => line(locale, e, 'escalations.list.openLine')).join('\n') : t(locale, 'escalations.list.noneOpen');
  const blocks = [header(title), section(`*${t(locale, 'escalations.list.open')}*\n${open}`)];
  if (l.recent.length) blocks.push(section(`*${t(locale, 'escalations.list.recent')}*\n${l.recent.map((e) => line(locale, e, 'escalations.list.recentLine')).join('\n')}`));
  blocks.push(context(t(locale, 'escalations.list.hint')));
  return { text: `${title}\n${open}`, blocks };
}
