import type { DomainContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { compareQuarters, quarterOf, type Quarter } from './quarter.ts';
import { currentReports, type ReportRow } from './reports.ts';
import { statisticsSettings } from './settings.ts';
import { suppress, type Cell, type Relation } from './suppress.ts';
import { auditSuppression } from './suppress-audit.ts';
import { suppressOffThread } from './suppress-thread.ts';
import { PARTS, PERIODS, yearTable } from './year-suppression.ts';

export type Column = 'q1' | 'q2' | 'q3' | 'q4' | 'total' | 'genderFemale' | 'genderMale' | 'genderOther';

export interface ReportQuery {
  year: number;
  quarter?: Quarter['quarter'];
  /** A municipality key or name; all municipalities when absent. */
  municipality?: string;
}

export interface CompiledReport {
  year: number;
  quarter?: number;
  columns: Column[];
  /** One row per municipality, then (with more than one) the totals row with `key` "total". */
  rows: Array<{ key: string; label: string; cells: Cell[] }>;
  suppressed: boolean;
  threshold: number;
  /** Organisations whose reports are in the figures, and how many reports are still missing. */
  reports: number;
  missing: number;
  /** Keys of the municipalities whose year report lacks at least one quarter (year reports only). */
  incomplete: string[];
}

/** Who reads a report: an organisation outside a channel, or everyone in a channel. */
export interface ReportReader {
  partyId?: string;
  forChannel?: boolean;
}

/**
 * People supported per municipality and quarter, with the year's split by gender (the table
 * the annual follow-up asks for). Figures are shown in full only to an organisation reading
 * nothing but its own reports outside a channel; everyone else sees small counts suppressed.
 */
export async function compileReport(ctx: DomainContext, query: ReportQuery, reader: ReportReader): Promise<CompiledReport> {
  return (await compileReports(ctx, query, [reader]))[0]!;
}

/**
 * The same report for several readers (the member's own view and the channel's files) from one
 * read of the figures and one suppression of the year.
 */
export async function compileReports(ctx: DomainContext, query: ReportQuery, readers: ReportReader[]): Promise<CompiledReport[]> {
  const settings = await statisticsSettings(ctx);
  const all = await ctx.prisma.municipality.findMany({ where: { partnershipId: ctx.partnershipId, active: true }, orderBy: { name: 'asc' } });
  all.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  let municipalities = all;
  if (query.municipality) {
    const wanted = query.municipality.toLocaleLowerCase('sv');
    municipalities = all.filter((m) => m.key === wanted || m.name.toLocaleLowerCase('sv') === wanted);
    if (municipalities.length === 0) throw new DomainError('statistics.error.unknownMunicipality', { municipality: query.municipality, municipalities: all.map((m) => m.name).join(', ') });
  }
  const current = quarterOf(ctx.clock.now(), ctx.timezone);
  const quarters: Quarter[] = (query.quarter ? [query.quarter] : ([1, 2, 3, 4] as const)).map((quarter) => ({ year: query.year, quarter }));
  const inPeriod = await currentReports(ctx, quarters);
  const reports = inPeriod.filter((r) => municipalities.some((m) => m.id === r.municipalityId));
  const columns: Column[] = [...(query.quarter ? [] : (['q1', 'q2', 'q3', 'q4'] as const)), 'total', 'genderFemale', 'genderMale', 'genderOther'];

  const values = municipalities.map((m) => {
    const mine = reports.filter((r) => r.municipalityId === m.id);
    const sum = (pick: (r: (typeof mine)[number]) => number) => mine.reduce((a, r) => a + pick(r), 0);
    return columns.map((c) =>
      c.startsWith('q') ? sum((r) => (r.quarter === Number(c.slice(1)) ? r.total : 0)) : sum((r) => r[c as Exclude<Column, `q${number}`>]),
    );
  });
  // A cell with no report behind it is "not reported", never a zero: a quarter column without a
  // report for that quarter, a total or gender column without any report in the period.
  const missingCells = municipalities.map((m) => {
    const mine = reports.filter((r) => r.municipalityId === m.id);
    return columns.map((c) => (c.startsWith('q') ? !mine.some((r) => r.quarter === Number(c.slice(1))) : mine.length === 0));
  });
  const withTotals = municipalities.length > 1;
  if (withTotals) {
    values.push(columns.map((_, c) => values.reduce((a, row) => a + row[c]!, 0)));
    missingCells.push(columns.map((_, c) => missingCells.every((row) => row[c])));
  }
  // Municipalities whose year lacks a quarter that has ended (or has not ended yet): their year is incomplete.
  const incomplete = query.quarter
    ? []
    : municipalities.filter((m) => quarters.some((q) => !reports.some((r) => r.municipalityId === m.id && r.quarter === q.quarter))).map((m) => m.key);

  const served = await ctx.prisma.partyMunicipality.count({
    where: { municipalityId: { in: municipalities.map((m) => m.id) }, party: { active: true, sector: 'NONPROFIT' } },
  });
  const ended = (q: Quarter) => compareQuarters(q, current) < 0;
  const missing = Math.max(0, served * quarters.filter(ended).length - reports.filter((r) => ended({ year: r.year, quarter: r.quarter as Quarter['quarter'] })).length);

  const reporters = new Set(reports.map((r) => r.partyId));
  // Suppression is decided once for the whole year — every quarter's report and the year's, all
  // municipalities and the totals — so a cell hidden in one report is hidden in every report that
  // prints it, and no sum of one report undoes what another hides. Computed at most once here,
  // from the year's reports (already read when the query is a year).
  let yearHidden: Promise<Map<string, Cell['suppressed']>> | undefined;
  const hiddenForYear = () =>
    (yearHidden ??= (query.quarter ? currentReports(ctx, ([1, 2, 3, 4] as const).map((quarter) => ({ year: query.year, quarter }))) : Promise.resolve(inPeriod)).then((year) =>
      yearSuppression(all, year, settings.suppressBelow, settings.protection),
    ));
  const out: CompiledReport[] = [];
  for (const reader of readers) {
    const ownOnly = !reader.forChannel && !!reader.partyId && [...reporters].every((p) => p === reader.partyId);
    const hidden = ownOnly ? new Map<string, Cell['suppressed']>() : await hiddenForYear();
    const cells = values.map((row, r) =>
      row.map((value, c): Cell => {
        if (missingCells[r]![c]) return { value: 0, missing: true };
        const col = columns[c]!;
        const key = `${r < municipalities.length ? municipalities[r]!.key : 'all'}|${col.startsWith('q') ? col.slice(1) : (query.quarter ?? 'Y')}|${col.startsWith('q') ? 'total' : col}`;
        const suppressed = hidden.get(key);
        return suppressed ? { value, suppressed } : { value };
      }),
    );
    out.push({
      year: query.year,
      quarter: query.quarter,
      columns,
      rows: [...municipalities.map((m, i) => ({ key: m.key, label: m.name, cells: cells[i]! })), ...(withTotals ? [{ key: 'total', label: '', cells: cells[municipalities.length]! }] : [])],
      suppressed: !ownOnly,
      threshold: settings.suppressBelow,
      reports: reports.length,
      incomplete,
      missing,
    });
  }
  return out;
}

/**
 * Which cells of the year are hidden (year-suppression.ts), decided in the suppression thread so
 * the bot's event loop stays free, and once per set of figures: the same figures always hide the
 * same cells, and a report asked for twice at once waits for the one decision.
 */
function yearSuppression(all: Array<{ id: string; key: string }>, reports: ReportRow[], threshold: number, protection: number): Promise<Map<string, Cell['suppressed']>> {
  const key = [threshold, protection, all.map((m) => m.id).join(), reports.map((r) => [r.partyId, r.municipalityId, r.year, r.quarter, ...PARTS.map((k) => r[k])].join(':')).sort().join()].join('|');
  const known = decided.get(key);
  if (known) return known;
  const { table, figures } = yearTable(all, reports);
  const out = suppressOffThread(table, figures, threshold, protection);
  decided.set(key, out);
  out.catch(() => decided.get(key) === out && decided.delete(key));
  if (decided.size > 64) decided.delete(decided.keys().next().value!);
  return out;
}

const decided = new Map<string, Promise<Map<string, Cell['suppressed']>>>();
