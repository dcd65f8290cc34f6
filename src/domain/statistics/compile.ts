import type { DomainContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { compareQuarters, quarterOf, type Quarter } from './quarter.ts';
import { currentReports, type ReportRow } from './reports.ts';
import { statisticsSettings } from './settings.ts';
import { suppress, type Cell, type Relation } from './suppress.ts';
import { auditSuppression, yearTableMoves } from './suppress-audit.ts';

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

const PERIODS = ['1', '2', '3', '4', 'Y'] as const;
const PARTS = ['total', 'genderFemale', 'genderMale', 'genderOther'] as const;

/**
 * Which cells are hidden, keyed `municipality|period|column` (municipality key or "all"; period
 * 1–4 or Y; column total or a gender), over the joint table of a year: each municipality's
 * quarters and year, by total and gender, and the totals over municipalities. The relations are
 * every sum any report prints: gender parts = total, quarters = year, municipalities = all.
 */
function yearSuppression(all: Array<{ id: string; key: string }>, reports: ReportRow[], threshold: number, protection: number): Map<string, Cell['suppressed']> {
  // The audit solves a few linear programs per hidden cell: the same figures always hide the same cells, so decide once.
  const key = [threshold, protection, all.map((m) => m.id).join(), reports.map((r) => [r.partyId, r.municipalityId, r.year, r.quarter, ...PARTS.map((k) => r[k])].join(':')).sort().join()].join('|');
  const known = decided.get(key);
  if (known) return known;
  const out = decideYear(all, reports, threshold, protection);
  decided.set(key, out);
  if (decided.size > 64) decided.delete(decided.keys().next().value!);
  return out;
}

const decided = new Map<string, Map<string, Cell['suppressed']>>();

export function decideYear(all: Array<{ id: string; key: string }>, reports: ReportRow[], threshold: number, protection: number): Map<string, Cell['suppressed']> {
  const withTotals = all.length > 1;
  const col = (p: number, k: number) => p * PARTS.length + k;
  const width = PERIODS.length * PARTS.length;
  const rowOf = new Map(all.map((m, i) => [m.id, i]));
  const grid = <T>(fill: T) => Array.from({ length: all.length + (withTotals ? 1 : 0) }, () => new Array<T>(width).fill(fill));
  // One pass over the reports: each adds to its quarter and to the year, in its municipality's row and the totals row.
  const values = grid(0);
  const reported = grid(false);
  const parties = [...new Set(reports.map((r) => r.partyId))];
  const own = new Map(parties.map((party) => [party, grid(0)]));
  // Per cell, which organisations reported in it: where only one did, the others' part is known to be 0 for it.
  const reporters = Array.from({ length: values.length }, () => Array.from({ length: width }, () => new Set<string>()));
  for (const r of reports) {
    const row = rowOf.get(r.municipalityId);
    if (row === undefined) continue;
    const mine = own.get(r.partyId)!;
    for (const at of withTotals ? [row, all.length] : [row]) {
      for (const p of [r.quarter - 1, PERIODS.length - 1]) {
        PARTS.forEach((k, i) => {
          values[at]![col(p, i)]! += r[k];
          mine[at]![col(p, i)]! += r[k];
          reported[at]![col(p, i)] = true;
          reporters[at]![col(p, i)]!.add(r.partyId);
        });
      }
    }
  }
  const relations: Relation[] = [];
  for (let r = 0; r < values.length; r++) {
    for (let p = 0; p < PERIODS.length; p++) relations.push({ parts: [1, 2, 3].map((k) => [r, col(p, k)] as [number, number]), total: [r, col(p, 0)] });
    for (let k = 0; k < PARTS.length; k++) relations.push({ parts: [0, 1, 2, 3].map((p) => [r, col(p, k)] as [number, number]), total: [r, col(4, k)] });
  }
  if (withTotals) {
    for (let c = 0; c < values[0]!.length; c++) relations.push({ parts: all.map((_, r) => [r, c] as [number, number]), total: [all.length, c] });
  }
  // From each reporting organisation's point of view: it knows its own part of every cell, so a
  // cell whose part from the other organisations is small must be hidden too.
  // (An organisation with no part in a cell sees the whole of it: a small one is hidden already.)
  const alsoHide = values.map((row, r) => row.map((v, c) => [...reporters[r]![c]!].some((party) => v - own.get(party)![r]![c]! > 0 && v - own.get(party)![r]![c]! < threshold)));
  const cells = suppress(values, relations, threshold, alsoHide);
  // One sum at a time is not enough: a linear program over every published sum together, for the
  // channel and for each organisation knowing its own figures, hides more until each hidden count stays wide.
  const readers = parties.map((party) => ({
    own: own.get(party)!,
    // `/statistik status` tells who has reported: where no one else has, the others' part is 0.
    othersSilent: reporters.map((row) => row.map((set) => [...set].every((p) => p === party))),
  }));
  if (threshold > 1) auditSuppression(cells, { relations, threshold, protection, missing: reported.map((row) => row.map((x) => !x)), readers, moves: yearTableMoves({ rows: values.length, withTotals, periods: PERIODS.length, parts: PARTS.length }) });
  const out = new Map<string, Cell['suppressed']>();
  cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell.suppressed) out.set(`${r < all.length ? all[r]!.key : 'all'}|${PERIODS[Math.floor(c / PARTS.length)]}|${PARTS[c % PARTS.length]}`, cell.suppressed);
    }),
  );
  return out;
}
