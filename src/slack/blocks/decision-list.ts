import { COUNT_LIMIT, type DecisionSummary, type SearchResult } from '../../domain/decisions/index.ts';
import { formatList, t, type Locale } from '../../i18n/index.ts';
import { context, escapeMrkdwn, header, section, truncate, type Block, type RenderedMessage } from './kit.ts';

/** One line of the register: number (or proposal id), date, title and what became of it. */
export function decisionLine(locale: Locale, d: DecisionSummary): string {
  const ref = d.reference ?? d.proposalReference ?? '';
  const notes = [
    d.status !== 'ADOPTED' && t(locale, `decisions.status.${d.status}`),
    d.supersededBy && t(locale, 'decisions.list.supersededBy', { reference: d.supersededBy }),
    d.awaiting.length > 0 && d.status === 'PROPOSED' && t(locale, 'decisions.list.awaiting', { parties: formatList(locale, d.awaiting) }),
  ].filter(Boolean);
  const date = d.decidedOn ? ` (${d.decidedOn})` : '';
  return `*${ref}*${date} ${escapeMrkdwn(truncate(d.title, 150))}${notes.length ? ` – _${notes.join(', ')}_` : ''}`;
}

export function decisionListMessage(locale: Locale, r: SearchResult): RenderedMessage {
  const filters = [
    r.group && t(locale, 'decisions.list.filter.group', { group: r.group }),
    r.year && t(locale, 'decisions.list.filter.year', { year: r.year }),
    r.terms.length > 0 && t(locale, 'decisions.list.filter.terms', { terms: escapeMrkdwn(r.terms.join(' ')) }),
  ]
    .filter(Boolean)
    .join('');
  if (r.total === 0) {
    const text = t(locale, 'decisions.list.empty', { filters });
    return { text, blocks: [section(text)] };
  }
  const summary =
    r.total > COUNT_LIMIT
      ? t(locale, 'decisions.list.moreThan', { count: r.items.length, limit: COUNT_LIMIT, filters })
      : r.total > r.items.length
        ? t(locale, 'decisions.list.more', { count: r.items.length, total: r.total, filters })
        : t(locale, 'decisions.list.count', { count: r.total, filters });
  const blocks: Block[] = [header(t(locale, 'decisions.list.title')), context(summary)];
  for (const d of r.items) blocks.push(section(`${decisionLine(locale, d)}\n${escapeMrkdwn(truncate(d.body.replace(/\s+/g, ' '), 280))}`));
  return { text: `${t(locale, 'decisions.list.title')}: ${summary}\n${r.items.map((d) => decisionLine(locale, d)).join('\n')}`, blocks };
}
