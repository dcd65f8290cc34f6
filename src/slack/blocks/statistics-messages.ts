import type { CompiledReport } from '../../domain/statistics/compile.ts';
import { cellText } from '../../domain/statistics/export/csv.ts';
import type { FieldChange } from '../../domain/statistics/figures.ts';
import type { ReportingStatus } from '../../domain/statistics/status.ts';
import { formatDate, formatList, t, type Locale, type MessageKey } from '../../i18n/index.ts';
import { OPEN_FORM_ACTION } from '../statistics/ids.ts';
import { actions, button, context, escapeMrkdwn, header, section, type RenderedMessage } from './kit.ts';
import type { Renderers } from './renderers.ts';

export function fieldLabel(locale: Locale, field: FieldChange['field']): string {
  if (field.startsWith('crime:')) return t(locale, 'statistics.field.crime', { name: field.slice('crime:'.length) });
  return t(locale, `statistics.field.${field}` as MessageKey);
}

interface SavedData {
  municipality: string;
  year: number;
  quarter: number;
  version: number;
  total: number;
  changes: FieldChange[];
  unchanged?: boolean;
}

/** The submitter's receipt: what was saved and, for a correction, what changed. */
export function savedLines(locale: Locale, d: SavedData): string[] {
  const p = { municipality: escapeMrkdwn(d.municipality), year: d.year, quarter: d.quarter, version: d.version, total: d.total };
  if (d.unchanged) return [t(locale, 'statistics.saved.unchanged', p)];
  if (d.version === 1) return [t(locale, 'statistics.saved.new', p)];
  const show = (v: number | string | null) => (v === null || v === '' ? t(locale, 'statistics.saved.empty') : escapeMrkdwn(String(v)));
  return [
    t(locale, 'statistics.saved.corrected', p),
    t(locale, 'statistics.saved.changes'),
    ...d.changes.map((c) => t(locale, 'statistics.saved.change', { field: fieldLabel(locale, c.field), before: show(c.before), after: show(c.after) })),
  ];
}

const dateOf = (locale: Locale, iso: string) => formatDate(locale, new Date(`${iso}T12:00:00Z`), 'UTC');

export const statisticsRenderers: Renderers = {
  'statistics.receipt': (d: SavedData, env) => {
    const lines = savedLines(env.locale, d);
    return { text: lines.join('\n'), blocks: [section(lines.join('\n'))] };
  },
  'statistics.submitted': (d: { party: string; municipality: string; year: number; quarter: number; version: number }, env) => ({
    text: t(env.locale, d.version > 1 ? 'statistics.submitted.corrected' : 'statistics.submitted.new', d),
  }),
  'statistics.reminder': (d: { stage: 'quarterEnd' | 'deadline'; year: number; quarter: number; party: string; missing: string[]; deadline: string; late?: boolean }, env) => {
    const text = t(env.locale, d.late ? 'statistics.reminder.deadlineLate' : `statistics.reminder.${d.stage}`, {
      quarter: d.quarter,
      year: d.year,
      party: escapeMrkdwn(d.party),
      missing: escapeMrkdwn(formatList(env.locale, d.missing)),
      deadline: dateOf(env.locale, d.deadline),
    });
    return { text, blocks: [section(text), actions('statistics_reminder', [button(t(env.locale, 'statistics.reminder.button'), OPEN_FORM_ACTION, `${d.year}-${d.quarter}`, 'primary')])] };
  },
};

export function statusMessage(locale: Locale, s: ReportingStatus): RenderedMessage {
  const title = t(locale, 'statistics.status.title', { quarter: s.quarter, year: s.year });
  const lines = s.parties.map((p) => {
    const count = p.reported.length + p.missing.length;
    const reportedNames = escapeMrkdwn(formatList(locale, p.reported.map((r) => r.municipality)));
    const params = { party: escapeMrkdwn(p.name), count, reported: p.reported.length, reportedNames, missing: escapeMrkdwn(formatList(locale, p.missing)) };
    if (p.missing.length === 0) return t(locale, count === 1 ? 'statistics.status.doneOne' : 'statistics.status.done', params);
    if (p.reported.length) return t(locale, s.overdue ? 'statistics.status.partialLate' : 'statistics.status.partial', params);
    return t(locale, s.overdue ? 'statistics.status.noneLate' : 'statistics.status.none', params);
  });
  const body = lines.length ? lines.join('\n') : t(locale, 'statistics.status.noParties');
  const deadline = t(locale, s.overdue ? 'statistics.status.deadlinePassed' : 'statistics.status.deadline', { deadline: dateOf(locale, s.deadline) });
  return { text: `${title}\n${body}`, blocks: [header(title), section(body), context(deadline)] };
}

export function periodLabel(locale: Locale, r: { year: number; quarter?: number }): string {
  return r.quarter ? t(locale, 'statistics.report.periodQuarter', { quarter: r.quarter, year: r.year }) : t(locale, 'statistics.report.periodYear', { year: r.year });
}

export function columnLabels(locale: Locale, r: CompiledReport): string[] {
  return r.columns.map((c) => t(locale, `statistics.report.col.${c}`));
}

/** A cell without any report behind it, in the table (the note under it says what it means). */
const MISSING_MARK = '–';

/** Slack cuts a section at 3,000 characters; the table (with its code fence) stays within this. */
const TABLE_BUDGET = 2900;

/**
 * The report as a monospaced table (Slack has no table block that fits eight municipalities).
 * When every municipality does not fit in one section, the message shows those with the most
 * people supported and the totals row, says so, and leaves the full table to the CSV; the
 * fallback text is then the title and totals only.
 */
export function reportMessage(locale: Locale, r: CompiledReport, extra: string[] = []): RenderedMessage {
  const title = t(locale, 'statistics.report.title', { period: periodLabel(locale, r) });
  const head = [t(locale, 'statistics.report.municipality'), ...columnLabels(locale, r)];
  const cellsOf = (row: CompiledReport['rows'][number]) => [row.key === 'total' ? t(locale, 'statistics.report.totalRow') : row.label, ...row.cells.map((c) => cellText(c, r.threshold, MISSING_MARK))];
  const all = r.rows.map(cellsOf);
  const widths = head.map((h, i) => Math.max(h.length, ...all.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const tableOf = (rows: string[][]) => ['```', line(head), ...rows.map(line), '```'].join('\n');

  let table = tableOf(all);
  let summary: string | undefined;
  if (table.length > TABLE_BUDGET) {
    const totalAt = r.columns.indexOf('total');
    const size = (row: CompiledReport['rows'][number]) => (totalAt < 0 || row.cells[totalAt]!.suppressed ? -1 : row.cells[totalAt]!.value);
    const places = r.rows.filter((row) => row.key !== 'total').sort((a, b) => size(b) - size(a));
    const totals = r.rows.filter((row) => row.key === 'total');
    const perLine = line(head).length + 1;
    const shown = Math.max(0, Math.floor((TABLE_BUDGET - 8) / perLine) - 1 - totals.length);
    table = tableOf([...places.slice(0, shown), ...totals].map(cellsOf));
    summary = t(locale, 'statistics.report.summary', { shown, count: places.length });
  }
  const notes = [
    ...(summary ? [summary] : []),
    r.suppressed ? t(locale, 'statistics.report.suppressed', { threshold: r.threshold, max: r.threshold - 1 }) : t(locale, 'statistics.report.full'),
    ...(r.rows.some((row) => row.cells.some((c) => c.missing)) ? [t(locale, 'statistics.report.notReportedNote', { mark: MISSING_MARK })] : []),
    ...(r.missing > 0 ? [t(locale, r.missing === 1 ? 'statistics.report.missingOne' : 'statistics.report.missing', { count: r.missing })] : []),
    ...extra,
  ];
  const totalsText = r.rows.filter((row) => row.key === 'total').map((row) => line(cellsOf(row)).replace(/ {2,}/g, '  '));
  const text = summary ? [title, summary, ...totalsText].join('\n') : `${title}\n${table}`;
  return { text, blocks: [header(title), section(t(locale, r.quarter ? 'statistics.report.introQuarter' : 'statistics.report.intro')), section(table), context(...notes)] };
}
