import { semicolonCsv } from '../../domain/csv.ts';
import type { GrantSplit } from '../../domain/agreement/grants.ts';
import { formatList, t, type Locale } from '../../i18n/index.ts';
import { escapeMrkdwn, section, type RenderedMessage } from './kit.ts';
import type { Renderers } from './renderers.ts';

/** Whole kronor the way the reader writes them: 731 101 (Swedish), 731,101 (English). */
export function kronor(locale: Locale, n: number): string {
  const s = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'sv' ? ' ' : ',');
  return n < 0 ? `−${s}` : s;
}

/** Hundredths of a per cent as the reader writes them: 310 → "3,1" (Swedish), "3.1" (English). */
export function percent(locale: Locale, hundredths: number): string {
  const s = (Math.abs(hundredths) / 100).toFixed(2).replace(/\.?0+$/, '');
  return `${hundredths < 0 ? '−' : ''}${locale === 'sv' ? s.replace('.', ',') : s}`;
}

function basisLines(locale: Locale, s: GrantSplit): string[] {
  const lines: string[] = [];
  if (s.kind === 'population_split') lines.push(t(locale, 'grants.split.population', { date: s.populationDate! }));
  else if (s.kind === 'per_inhabitant') lines.push(t(locale, 'grants.split.perInhabitant', { rate: percent(locale, Math.round(s.baseAmount * 100)), date: s.populationDate! }));
  else lines.push(t(locale, 'grants.split.fixed'));
  const base = s.kind === 'per_inhabitant' ? percent(locale, Math.round(s.baseAmount * 100)) : kronor(locale, s.baseAmount);
  if (s.index.length) {
    const pkv = formatList(locale, s.index.map((i) => t(locale, 'grants.split.pkvYear', { year: i.year, percent: percent(locale, i.hundredths) })));
    lines.push(t(locale, 'grants.split.index', { base, baseYear: s.index[0]!.year, pkv }));
  } else if (s.kind !== 'per_inhabitant') lines.push(t(locale, 'grants.split.noIndex', { base }));
  return lines;
}

/** The monospaced table of one grant: payer, population, amount, paid. */
function table(locale: Locale, s: GrantSplit): string {
  const head = [t(locale, 'grants.split.payer'), t(locale, 'grants.split.populationColumn'), t(locale, 'grants.split.amountColumn'), t(locale, 'grants.split.paidColumn')];
  const rows = s.rows.map((r) => [r.name, r.population === null ? '–' : kronor(locale, r.population), kronor(locale, r.amount), t(locale, r.paid ? 'grants.split.paid' : 'grants.split.unpaid')]);
  const popSum = s.rows.every((r) => r.population !== null) ? kronor(locale, s.rows.reduce((a, r) => a + r.population!, 0)) : '–';
  rows.push([t(locale, 'grants.split.totalRow'), popSum, kronor(locale, s.total), '']);
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return ['```', ...all.map(line), '```'].join('\n');
}

/** The reply to `/samverkan bidrag [år]`: each grant's split, its basis and index. */
export function grantsMessage(locale: Locale, splits: GrantSplit[], notes: string[]): RenderedMessage {
  const blocks = splits.flatMap((s) => [
    section(
      [
        t(locale, 'grants.split.title', { grant: escapeMrkdwn(s.name), year: s.year }),
        t(locale, 'grants.split.receiver', { receiver: escapeMrkdwn(s.receiver), quarter: s.paymentQuarter, total: kronor(locale, s.total) }),
        ...basisLines(locale, s),
      ].join('\n'),
    ),
    section(table(locale, s)),
  ]);
  const text = splits.map((s) => `${s.name} ${s.year}: ${kronor(locale, s.total)} kr`).join('\n');
  return { text, blocks: [...blocks, ...notes.map((n) => section(n))] };
}

/**
 * The split as CSV the way Swedish spreadsheets open it (semicolons, UTF-8 with a byte order
 * mark, CRLF): one row per grant and payer, amounts in whole kronor without separators.
 */
export function grantsCsv(locale: Locale, splits: GrantSplit[]): Buffer {
  const lines: string[][] = [[t(locale, 'grants.files.grantColumn'), t(locale, 'grants.files.yearColumn'), t(locale, 'grants.split.payer'), t(locale, 'grants.files.dateColumn'), t(locale, 'grants.split.populationColumn'), t(locale, 'grants.split.amountColumn'), t(locale, 'grants.split.paidColumn')]];
  for (const s of splits) {
    for (const r of s.rows) lines.push([s.name, String(s.year), r.name, s.populationDate ?? '', r.population === null ? '' : String(r.population), String(r.amount), t(locale, r.paid ? 'grants.split.paid' : 'grants.split.unpaid')]);
    lines.push([s.name, String(s.year), t(locale, 'grants.split.totalRow'), s.populationDate ?? '', s.rows.every((r) => r.population !== null) ? String(s.rows.reduce((a, r) => a + r.population!, 0)) : '', String(s.total), '']);
  }
  return semicolonCsv(lines);
}

export const grantsRenderers: Renderers = {
  'grants.reminder': (d: { grant: string; year: number; quarter: number; payer: string; receiver: string; amount: number | null }, env): RenderedMessage => {
    const p = { grant: escapeMrkdwn(d.grant), year: d.year, quarter: d.quarter, payer: escapeMrkdwn(d.payer), receiver: escapeMrkdwn(d.receiver) };
    const text = d.amount === null ? t(env.locale, 'grants.reminder.noAmount', p) : t(env.locale, 'grants.reminder', { ...p, amount: kronor(env.locale, d.amount) });
    return { text, blocks: [section(text)] };
  },
};
