import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import type { DomainContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import type { MemberView } from '../partnership/directory.ts';
import { compileReports } from '../statistics/compile.ts';
import { BREAKDOWNS } from '../statistics/figures.ts';
import { currentReports, type ReportRow } from '../statistics/reports.ts';
import { statisticsSettings } from '../statistics/settings.ts';
import type { Cell } from '../statistics/suppress.ts';
import { suppressOffThread } from '../statistics/suppress-thread.ts';
import { inTransaction } from '../transaction.ts';
import { statisticsCheck } from './check.ts';
import { outreachScope, outreachYear, type OutreachTotals } from './outreach-year.ts';
import { checkYear, layoutOf, submittedAnnualReports, type SubmittedReport } from './report.ts';
import type { JointTable } from '../statistics/year-suppression.ts';

/** A row of the compiled tables: the reports whose figures it adds up. */
interface JointRow {
  key: string;
  has: (r: ReportRow) => boolean;
}

/**
 * A column of the compiled tables: a figure of the quarterly statistics (`total`, a gender, an
 * age band, a role, `meetings`, `referrals`) or a crime type (`crime:<name>`).
 */
export type FollowupColumn = string;

/** One row of a compiled table: its cells (already suppressed), its volunteer hours, and the change since the previous year. */
export interface FollowupRow {
  key: string;
  label: string;
  /** The totals row of its table. */
  total?: boolean;
  cells: Record<FollowupColumn, Cell>;
  /** Volunteer hours are hours, not people: never suppressed. */
  volunteerHours: number;
  /** How many quarterly reports are behind the row. */
  reports: number;
  /** The same row the previous year (null: nothing reported then). */
  previous: { cells: Record<FollowupColumn, Cell>; volunteerHours: number } | null;
  changes: Record<FollowupColumn | 'volunteerHours', Change>;
}

/**
 * The change since the previous year. `hidden` when either year's figure is suppressed (a change
 * would reveal it); `change` and `percent` are null then, and when the previous year has no
 * figure; `percent` is also null when the previous figure is 0.
 */
export interface Change {
  current: number | null;
  previous: number | null;
  change: number | null;
  percent: number | null;
  hidden: boolean;
}

export interface CompiledAssociation {
  partyId: string;
  key: string;
  name: string;
  /** The association's figures per municipality it serves, and its totals row. */
  rows: FollowupRow[];
  total: FollowupRow;
  /** The latest submitted version of its annual report; null: not submitted. */
  report: SubmittedReport | null;
  outreach: OutreachTotals | null;
  /** Quarters of the year it owed but has not reported, per municipality. */
  missingQuarters: Array<{ municipality: string; quarters: number[] }>;
}

export interface CompiledFollowup {
  year: number;
  previousYear: number;
  partnership: string;
  compiledAt: Date;
  /** Counts from 1 to threshold − 1 are hidden. */
  threshold: number;
  columns: { gender: string[]; age: string[]; role: string[]; crime: string[]; other: string[] };
  /** Per municipality, then (with more than one) the totals row. */
  municipalities: FollowupRow[];
  /** The partnership's totals (the single municipality's row when there is one). */
  total: FollowupRow;
  associations: CompiledAssociation[];
  outreach: { current: OutreachTotals; previous: OutreachTotals };
  /** Submitted annual reports of the expected ones (every active association serving a municipality). */
  submitted: number;
  expected: number;
  missing: { reports: string[]; statistics: Array<{ association: string; municipality: string; quarters: number[] }> };
}

const GENDER = [...BREAKDOWNS.gender];
const AGE = [...BREAKDOWNS.age];
const ROLE = [...BREAKDOWNS.role];
const OTHER = ['meetings', 'referrals'] as const;
const crimeColumn = (name: string) => `crime:${name}`;

/**
 * The compilation is for the public party's members (the municipality) and the steering group's;
 * an association reads its own figures in the statistics and its own report.
 */
export async function mayCompile(ctx: DomainContext, member: MemberView): Promise<boolean> {
  return (await outreachScope(ctx, member)).all;
}

/**
 * The compiled annual follow-up of a year: every breakdown of the quarterly statistics per
 * association and municipality and in total, suppressed as the statistics' year report is, with
 * the change since the previous year; the outreach; the submitted annual reports; what is missing.
 * Audited as a read of the whole partnership's figures.
 */
export async function compileFollowup(ctx: DomainContext, who: { member: MemberView; actor: Actor }, year: number): Promise<CompiledFollowup> {
  checkYear(ctx, year);
  if (!(await mayCompile(ctx, who.member))) throw new DomainError('followup.compile.error.notAllowed', { party: who.member.partyName });
  const previousYear = year - 1;
  const settings = await statisticsSettings(ctx);
  const quarters = (y: number) => ([1, 2, 3, 4] as const).map((quarter) => ({ year: y, quarter }));
  const [partnership, allMunicipalities, parties, reportsNow, reportsBefore, annual, outreachNow, outreachBefore] = await Promise.all([
    ctx.prisma.partnership.findUniqueOrThrow({ where: { id: ctx.partnershipId } }),
    ctx.prisma.municipality.findMany({ where: { partnershipId: ctx.partnershipId, active: true } }),
    ctx.prisma.party.findMany({ where: { partnershipId: ctx.partnershipId, active: true, sector: 'NONPROFIT' }, include: { municipalities: true } }),
    currentReports(ctx, quarters(year)),
    currentReports(ctx, quarters(previousYear)),
    submittedAnnualReports(ctx, year),
    outreachYear(ctx, year),
    outreachYear(ctx, previousYear),
  ]);
  const municipalities = [...allMunicipalities].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const ids = new Set(municipalities.map((m) => m.id));
  const partyName = (p: { shortName: string | null; name: string }) => p.shortName ?? p.name;
  parties.sort((a, b) => partyName(a).localeCompare(partyName(b), 'sv'));

  // Crime types: the file's, then any name a report used that the file no longer lists.
  const crimeNames = [...settings.crimeTypes];
  for (const r of [...reportsNow, ...reportsBefore]) for (const n of Object.keys((r.crimeTypes ?? {}) as object)) if (!crimeNames.includes(n)) crimeNames.push(n);
  const crimes = (r: ReportRow) => (r.crimeTypes ?? {}) as Record<string, number>;
  const columns = [
    { key: 'total', value: (r: ReportRow) => r.total },
    ...[...GENDER, ...AGE, ...ROLE, ...OTHER].map((k) => ({ key: k, value: (r: ReportRow) => r[k] })),
    ...crimeNames.map((n) => ({ key: crimeColumn(n), value: (r: ReportRow) => crimes(r)[n] ?? 0 })),
  ];
  const at = (k: string) => columns.findIndex((c) => c.key === k);
  // The sums a reader can check: each breakdown adds up to the total (crime types only where every report's do).
  const crimeAddsUp = [...reportsNow, ...reportsBefore].every((r) => crimeNames.reduce((s, n) => s + (crimes(r)[n] ?? 0), 0) === r.total);
  // One table per breakdown, each with the total it adds up to (as the document prints them);
  // crime types add up only where every report's do, else they are printed without the total's sum.
  const groups: Array<{ keys: string[]; sums: boolean }> = [
    { keys: ['total', ...GENDER], sums: true },
    { keys: ['total', ...AGE], sums: true },
    { keys: ['total', ...ROLE], sums: true },
    ...(crimeNames.length ? [{ keys: ['total', ...crimeNames.map(crimeColumn)], sums: crimeAddsUp }] : []),
    ...OTHER.map((k) => ({ keys: [k], sums: false })),
  ];

  // The rows: each municipality, the total, and where a municipality has more than one
  // association, each association's part of it; an association over several municipalities has
  // its own totals row. A row that would repeat another (one association in a municipality) is that row.
  const inMunicipality = new Map(municipalities.map((m) => [m.id, new Set<string>()]));
  for (const p of parties) for (const pm of p.municipalities) inMunicipality.get(pm.municipalityId)?.add(p.id);
  for (const r of [...reportsNow, ...reportsBefore]) inMunicipality.get(r.municipalityId)?.add(r.partyId);
  const rows: Array<JointRow & { label: string; total?: boolean }> = municipalities.map((m) => ({ key: m.key, label: m.name, has: (r: ReportRow) => r.municipalityId === m.id }));
  const rowSums: Array<{ total: number; parts: number[] }> = [];
  const M = municipalities.length;
  if (M > 1) {
    rows.push({ key: 'all', label: '', total: true, has: (r) => ids.has(r.municipalityId) });
    rowSums.push({ total: M, parts: municipalities.map((_, i) => i) });
  }
  const totalIndex = M > 1 ? M : 0;
  const unitIndex = new Map<string, number>(); // `${partyId}|${municipalityId}` → row
  municipalities.forEach((m, mi) => {
    const here = [...inMunicipality.get(m.id)!];
    if (here.length <= 1) return void here.forEach((p) => unitIndex.set(`${p}|${m.id}`, mi));
    const parts: number[] = [];
    for (const p of here) {
      unitIndex.set(`${p}|${m.id}`, rows.length);
      parts.push(rows.length);
      rows.push({ key: `${p}@${m.key}`, label: m.name, has: (r) => r.partyId === p && r.municipalityId === m.id });
    }
    rowSums.push({ total: mi, parts });
  });
  const unitsOf = (partyId: string) => municipalities.filter((m) => unitIndex.has(`${partyId}|${m.id}`));
  const associationIndex = new Map<string, number>();
  for (const p of parties) {
    const units = unitsOf(p.id);
    if (units.length === 0) continue;
    if (units.length === 1) associationIndex.set(p.id, unitIndex.get(`${p.id}|${units[0]!.id}`)!);
    else if (units.length === unitIndex.size) associationIndex.set(p.id, totalIndex); // the only association: its totals are the partnership's
    else {
      associationIndex.set(p.id, rows.length);
      rowSums.push({ total: rows.length, parts: units.map((m) => unitIndex.get(`${p.id}|${m.id}`)!) });
      const mine = new Set(units.map((m) => m.id));
      rows.push({ key: `party:${p.key}`, label: partyName(p), has: (r) => r.partyId === p.id && mine.has(r.municipalityId) });
    }
  }

  // One joint table per breakdown, as the suppression thread reads it: each row by the indexes of its reports.
  const tablesOf = (reports: ReportRow[]) => {
    const members = rows.map((row) => reports.flatMap((r, i) => (row.has(r) ? [i] : [])));
    return groups.map((g) => {
      const mine = g.keys.map((k) => columns[at(k)]!);
      const table: JointTable = {
        rows: rows.map((row, i) => ({ key: row.key, reports: members[i]! })),
        rowSums,
        periods: ['Y'],
        columns: mine.map((c) => c.key),
        columnSums: g.sums && g.keys.length > 1 ? [{ total: 0, parts: g.keys.slice(1).map((_, i) => i + 1) }] : [],
      };
      return { table, figures: reports.map((r) => ({ partyId: r.partyId, quarter: r.quarter, values: mine.map((c) => c.value(r)) })) };
    });
  };
  /** One year's cells: hidden as the joint table decides, and never less than the statistics' year report hides. */
  const yearCells = async (y: number, reports: ReportRow[]) => {
    const [statistics] = await compileReports(ctx, { year: y }, [{ forChannel: true }]);
    // What /statistik rapport hides for the year stays hidden here, and what it prints is known
    // to every reader of both: never hidden here (that would protect nothing), and the cells
    // beside it are protected with it known.
    const forced = new Set<string>();
    const published = new Set<string>();
    for (const row of statistics!.rows) {
      row.cells.forEach((cell, c) => {
        const column = statistics!.columns[c]!;
        if (column.startsWith('q') || cell.missing) return;
        (cell.suppressed ? forced : published).add(`${row.key === 'total' ? 'all' : row.key}|Y|${column}`);
      });
    }
    // The total column is in every breakdown's table: a total one table hides is hidden in all,
    // so each is suppressed again with the others' hidden totals until none hides a new one.
    const tables = tablesOf(reports);
    let hidden = new Map<string, Cell['suppressed']>();
    for (let round = 0; round < 5; round++) {
      hidden = new Map();
      const decided = await Promise.all(tables.map((t) => suppressOffThread(t.table, t.figures, settings.suppressBelow, settings.protection, [...forced], [...published])));
      for (const table of decided) for (const [k, v] of table) hidden.set(k, v);
      const totals = [...hidden.keys()].filter((k) => k.endsWith('|Y|total') && !forced.has(k));
      if (totals.length === 0) break;
      totals.forEach((k) => forced.add(k));
    }
    return rows.map((row) => {
      const mine = reports.filter(row.has);
      const cells: Record<string, Cell> = {};
      for (const c of columns) {
        const value = mine.reduce((s, r) => s + c.value(r), 0);
        const suppressed = hidden.get(`${row.key}|Y|${c.key}`);
        cells[c.key] = mine.length === 0 ? { value: 0, missing: true } : suppressed ? { value, suppressed } : { value };
      }
      return { cells, volunteerHours: mine.reduce((s, r) => s + r.volunteerHours, 0), reports: mine.length };
    });
  };
  const [now, before] = await Promise.all([yearCells(year, reportsNow), yearCells(previousYear, reportsBefore)]);
  const built: FollowupRow[] = rows.map((row, i) => {
    const cur = now[i]!;
    const prev = before[i]!.reports > 0 ? before[i]! : null;
    const changes: Record<string, Change> = {};
    for (const c of columns) changes[c.key] = change(cur.reports ? cur.cells[c.key]! : null, prev ? prev.cells[c.key]! : null);
    changes.volunteerHours = change(cur.reports ? { value: cur.volunteerHours } : null, prev ? { value: prev.volunteerHours } : null);
    return { key: row.key, label: row.label, ...(row.total ? { total: true } : {}), cells: cur.cells, volunteerHours: cur.volunteerHours, reports: cur.reports, previous: prev && { cells: prev.cells, volunteerHours: prev.volunteerHours }, changes };
  });

  const associations: CompiledAssociation[] = [];
  const missingStatistics: CompiledFollowup['missing']['statistics'] = [];
  for (const p of parties) {
    const served = municipalities.filter((m) => p.municipalities.some((pm) => pm.municipalityId === m.id));
    if (!served.length && !associationIndex.has(p.id)) continue;
    const layout = await layoutOf(ctx, served.map((m) => ({ id: m.id, key: m.key, name: m.name })));
    const check = await statisticsCheck(ctx, p.id, layout, year);
    const missingQuarters = check.municipalities.filter((m) => m.missing.length).map((m) => ({ municipality: m.name, quarters: m.missing }));
    for (const m of missingQuarters) missingStatistics.push({ association: partyName(p), ...m });
    const units = unitsOf(p.id);
    const index = associationIndex.get(p.id);
    const total = index === undefined ? emptyRow(`party:${p.key}`, partyName(p), columns.map((c) => c.key)) : { ...built[index]!, key: `party:${p.key}`, label: partyName(p), total: true };
    associations.push({
      partyId: p.id,
      key: p.key,
      name: partyName(p),
      rows: units.map((m) => ({ ...built[unitIndex.get(`${p.id}|${m.id}`)!]!, key: m.key, label: m.name, total: undefined })),
      total,
      report: annual.find((a) => a.partyId === p.id) ?? null,
      outreach: outreachNow.byAssociation.find((a) => a.partyId === p.id) ?? null,
      missingQuarters,
    });
  }
  const expected = associations.filter((a) => parties.find((p) => p.id === a.partyId)!.municipalities.length > 0);
  const compiled: CompiledFollowup = {
    year,
    previousYear,
    partnership: partnership.name,
    compiledAt: ctx.clock.now(),
    threshold: settings.suppressBelow,
    columns: { gender: GENDER, age: AGE, role: ROLE, crime: crimeNames, other: [...OTHER] },
    municipalities: built.slice(0, M > 1 ? M + 1 : M),
    total: built[totalIndex]!,
    associations,
    outreach: { current: outreachNow.total, previous: outreachBefore.total },
    submitted: expected.filter((a) => a.report).length,
    expected: expected.length,
    missing: { reports: expected.filter((a) => !a.report).map((a) => a.name), statistics: missingStatistics },
  };
  await inTransaction(ctx, (tx) =>
    audit(tx, who.actor, {
      action: 'compile',
      entityType: 'FollowupCompilation',
      entityId: String(year),
      after: { year, previousYear, associations: associations.length, submitted: compiled.submitted, missingReports: compiled.missing.reports, reports: compiled.total.reports },
    }, ctx.clock.now()),
  );
  return compiled;
}

/** The change from one year's figure to the next, hidden when either is suppressed. */
export function change(current: Cell | null, previous: Cell | null): Change {
  const shown = (c: Cell | null) => (c && !c.missing && !c.suppressed ? c.value : null);
  const hidden = !!(current?.suppressed || previous?.suppressed);
  const a = hidden ? null : shown(current);
  const b = hidden ? null : shown(previous);
  const diff = a !== null && b !== null ? a - b : null;
  return { current: a, previous: b, change: diff, percent: diff !== null && b ? Math.round((diff / b) * 1000) / 10 : null, hidden };
}

function emptyRow(key: string, label: string, columns: string[]): FollowupRow {
  const cells = Object.fromEntries(columns.map((c) => [c, { value: 0, missing: true } as Cell]));
  const changes = Object.fromEntries([...columns, 'volunteerHours'].map((c) => [c, change(null, null)]));
  return { key, label, total: true, cells, volunteerHours: 0, reports: 0, previous: null, changes };
}
