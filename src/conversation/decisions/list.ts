import { COUNT_LIMIT, type DecisionSummary, type SearchResult } from '../../domain/decisions/index.ts';
import { formatList, t, type Locale } from '../../i18n/index.ts';
import { context, note, text, type Card } from '../card.ts';
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

/** `/beslut lista [grupp] [år] [sökord]`: the newest matches, each with the start of its text. */
export function decisionListCard(locale: Locale, r: SearchResult): Card {
  const filters = filtersOf(locale, r);
  if (r.total === 0) return note(markup(locale, 'decisions.list.empty', { filters }));
  const summary =
    r.total > COUNT_LIMIT
      ? markup(locale, 'decisions.list.moreThan', { count: r.items.length, limit: COUNT_LIMIT, filters })
      : r.total > r.items.length
        ? markup(locale, 'decisions.list.more', { count: r.items.length, total: r.total, filters })
        : markup(locale, 'decisions.list.count', { count: r.total, filters });
  const heading = t(locale, 'decisions.list.title');
  return {
    heading,
    body: [context(summary), ...r.items.map((d) => text([...decisionLine(locale, d), '\n', shorten(d.body.replace(/\s+/g, ' '), 280)]))],
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
