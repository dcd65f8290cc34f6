import { COUNT_LIMIT, type DecisionSummary, type SearchResult } from '../../domain/decisions/index.ts';
import { formatList, t, type Locale } from '../../i18n/index.ts';
import { actions, button, context, note, text, type Card, type CardElement } from '../card.ts';
import { INTENT_LIST_MORE } from './ids.ts';
import { em, flat, join, markup, shorten, strong, type Markup } from '../markup.ts';

/** One line of the register: number (or proposal id), date, title and what became of it. */
export function decisionLine(locale: Locale, d: DecisionSummary): Markup {
  const ref = d.reference ?? d.proposalReference ?? '';
  const notes = [
    d.status !== 'ADOPTED' && t(locale, `decisions.status.${d.status}`),
    d.supersededBy && t(locale, 'decisions.list.supersededBy', { reference: d.supersededBy }),
    d.awaiting.length > 0 && d.status === 'PROPOSED' && t(locale, 'decisions.list.awaiting', { parties: formatList(locale, d.awaiting) }),
  ].filter((x): x is string => !!x);
  const date = d.decidedOn ? ` (${d.decidedOn})` : '';
  return flat([strong(ref), `${date} ${shorten(d.title, 150)}`, ...(notes.length ? [' – ', em(notes.join(', '))] : [])]);
}

/** " i Samverkansgruppen från 2026 som innehåller ”broschyr”": what the search was narrowed to. */
function filtersOf(locale: Locale, r: SearchResult): Markup {
  return flat([
    ...(r.group ? markup(locale, 'decisions.list.filter.group', { group: r.group }) : []),
    ...(r.year ? markup(locale, 'decisions.list.filter.year', { year: String(r.year) }) : []),
    ...(r.terms.length > 0 ? markup(locale, 'decisions.list.filter.terms', { terms: r.terms.join(' ') }) : []),
  ]);
}

/** What "Visa fler" carries: the search's words, where the next page starts, and how many were shown before it. */
export interface ListPage {
  words: string[];
  after: string;
  shown: number;
}
/** A button's payload has room for this much (Slack: 2,000 characters); a longer search asks to be narrowed instead. */
const PAYLOAD_MAX = 2000;
export const listPagePayload = (p: ListPage): string => JSON.stringify({ w: p.words, a: p.after, n: p.shown });
export function readListPage(payload: string): ListPage | undefined {
  try {
    const v = JSON.parse(payload) as { w?: unknown; a?: unknown; n?: unknown };
    if (!Array.isArray(v.w) || !v.w.every((x) => typeof x === 'string') || typeof v.a !== 'string' || typeof v.n !== 'number') return undefined;
    return { words: v.w as string[], after: v.a, shown: v.n };
  } catch {
    return undefined;
  }
}

/**
 * `/beslut lista [grupp] [år] [sökord]`: the newest matches, each with the start of its text, and
 * "Visa fler" while more match (`words`: the search, for the next page to repeat).
 */
export function decisionListCard(locale: Locale, r: SearchResult, words: string[] = []): Card {
  const filters = filtersOf(locale, r);
  if (r.total === 0) return note(markup(locale, 'decisions.list.empty', { filters }));
  const range = { from: String(r.shown + 1), to: String(r.shown + r.items.length), limit: COUNT_LIMIT, filters };
  const summary =
    r.shown > 0
      ? r.total > COUNT_LIMIT
        ? markup(locale, 'decisions.list.pageMoreThan', range)
        : markup(locale, 'decisions.list.page', { ...range, total: r.total })
      : r.total > COUNT_LIMIT
        ? markup(locale, 'decisions.list.moreThan', { count: r.items.length, limit: COUNT_LIMIT, filters })
        : r.total > r.items.length
          ? markup(locale, 'decisions.list.more', { count: r.items.length, total: r.total, filters })
          : markup(locale, 'decisions.list.count', { count: r.total, filters });
  const heading = t(locale, 'decisions.list.title');
  const body: CardElement[] = [context(summary), ...r.items.map((d) => text([...decisionLine(locale, d), '\n', shorten(d.body.replace(/\s+/g, ' '), 280)]))];
  const payload = r.next ? listPagePayload({ words, after: r.next, shown: r.shown + r.items.length }) : undefined;
  if (payload && payload.length <= PAYLOAD_MAX) body.push(actions([button(INTENT_LIST_MORE, t(locale, 'decisions.list.showMore'), payload)], 'decision_list'));
  return {
    heading,
    body,
    summary: [`${heading}: `, ...summary, '\n', ...join('\n', r.items.map((d) => decisionLine(locale, d)))],
  };
}

/** `/beslut hjälp`; after an unknown word, what was not understood first. */
export function decisionHelp(locale: Locale, unknown?: string): Markup {
  return unknown ? flat([markup(locale, 'decisions.unknown', { command: unknown }), '\n', markup(locale, 'decisions.help')]) : markup(locale, 'decisions.help');
}

/** `/beslut export`: the register is in the channel, or why it could not be put there. */
export const exportPosted = (locale: Locale, r: { year: number; count: number }): Markup => markup(locale, 'decisions.export.posted', { year: String(r.year), count: r.count });
export const exportFailed = (locale: Locale, reason: string): Markup => markup(locale, 'decisions.export.uploadFailed', { reason });
