import { suppress, type Cell, type Relation } from './suppress.ts';
import { auditSuppression, yearTableMoves } from './suppress-audit.ts';

/**
 * The suppression of a year, as a pure function of its figures: it runs in a worker thread
 * (suppress-thread.ts), so it imports nothing but the suppression itself.
 */
export const PERIODS = ['1', '2', '3', '4', 'Y'] as const;
export const PARTS = ['total', 'genderFemale', 'genderMale', 'genderOther'] as const;

/** What the suppression reads of a report. */
export interface YearReport {
  partyId: string;
  municipalityId: string;
  quarter: number;
  total: number;
  genderFemale: number;
  genderMale: number;
  genderOther: number;
}

/** A period of a joint table: a quarter or the year. */
export type Period = (typeof PERIODS)[number];

/** Cells that add up, by index: the parts sum to the total. */
export interface Sum {
  total: number;
  parts: number[];
}

/**
 * A joint table of a year's figures, as plain data (it crosses to the suppression thread): rows
 * (each the reports whose figures it adds up, by index into the figures), periods (quarters and
 * the year, or the year alone), columns (by key; each figure carries its values in this order)
 * and the sums the reports printing it show: rows adding up to a row, columns to a column.
 */
export interface JointTable {
  rows: Array<{ key: string; reports: number[] }>;
  rowSums: Sum[];
  periods: readonly Period[];
  columns: string[];
  columnSums: Sum[];
  /** The year report's own shape (municipalities, then the totals row; quarters, then the year; total, then its parts): the audit may use its witness moves. */
  yearShape?: boolean;
}

/** What the suppression reads of one report: who reported, the quarter, and its value in each column. */
export interface Figure {
  partyId: string;
  quarter: number;
  values: number[];
}

/**
 * Which cells of a joint table are hidden, keyed `row|period|column`: small counts, the cells an
 * organisation knowing its own part could work out, more until no published sum reveals one, and
 * the audit over every sum at once, from the channel's view and from each organisation's.
 * The one rule of every statistics table the bot publishes (the year report's, `decideYear`, and
 * the compiled follow-up's breakdowns). `forced` cells (keyed the same) are hidden whatever their
 * size, e.g. those another report hides; `published` cells are printed by another report, so they
 * are never hidden here and every hidden cell must stay wide with them known.
 */
export function suppressTable(t: JointTable, figures: Figure[], threshold: number, protection: number, forced: readonly string[] = [], published: readonly string[] = []): Map<string, Cell['suppressed']> {
  const P = t.periods;
  const C = t.columns.length;
  const width = P.length * C;
  const col = (p: number, k: number) => p * C + k;
  const year = P.indexOf('Y');
  const periodsOf = (quarter: number) => [P.indexOf(String(quarter) as Period), year].filter((p) => p >= 0);
  const grid = <T>(fill: T) => t.rows.map(() => new Array<T>(width).fill(fill));
  // One pass over each row's reports: each adds to its quarter and to the year.
  const values = grid(0);
  const reported = grid(false);
  const parties = [...new Set(figures.map((f) => f.partyId))];
  const own = new Map(parties.map((party) => [party, grid(0)]));
  // Per cell, which organisations reported in it: where only one did, the others' part is known to be 0 for it.
  const reporters = t.rows.map(() => Array.from({ length: width }, () => new Set<string>()));
  t.rows.forEach((row, r) => {
    for (const i of row.reports) {
      const f = figures[i]!;
      const mine = own.get(f.partyId)!;
      for (const p of periodsOf(f.quarter)) {
        for (let k = 0; k < C; k++) {
          values[r]![col(p, k)]! += f.values[k]!;
          mine[r]![col(p, k)]! += f.values[k]!;
          reported[r]![col(p, k)] = true;
          reporters[r]![col(p, k)]!.add(f.partyId);
        }
      }
    }
  });
  const relations: Relation[] = [];
  const quarters = P.filter((p) => p !== 'Y').length;
  for (let r = 0; r < values.length; r++) {
    for (let p = 0; p < P.length; p++) for (const s of t.columnSums) relations.push({ parts: s.parts.map((k) => [r, col(p, k)] as [number, number]), total: [r, col(p, s.total)] });
    if (quarters > 0 && year >= 0) {
      for (let k = 0; k < C; k++) relations.push({ parts: P.flatMap((p, i) => (p === 'Y' ? [] : [[r, col(i, k)] as [number, number]])), total: [r, col(year, k)] });
    }
  }
  for (const s of t.rowSums) for (let c = 0; c < width; c++) relations.push({ parts: s.parts.map((r) => [r, c] as [number, number]), total: [s.total, c] });
  const keyOf = (r: number, c: number) => `${t.rows[r]!.key}|${P[Math.floor(c / C)]}|${t.columns[c % C]}`;
  const isForced = new Set(forced);
  const isPublished = new Set(published);
  // From each reporting organisation's point of view: it knows its own part of every cell, so a
  // cell whose part from the other organisations is small must be hidden too.
  // (An organisation with no part in a cell sees the whole of it: a small one is hidden already.)
  const alsoHide = values.map((row, r) =>
    row.map((v, c) => isForced.has(keyOf(r, c)) || [...reporters[r]![c]!].some((party) => v - own.get(party)![r]![c]! > 0 && v - own.get(party)![r]![c]! < threshold)),
  );
  const cells = suppress(values, relations, threshold, alsoHide);
  // One sum at a time is not enough: a linear program over every published sum together, for the
  // channel and for each organisation knowing its own figures, hides more until each hidden count stays wide.
  const readers = parties.map((party) => ({
    own: own.get(party)!,
    // `/statistik status` tells who has reported: where no one else has, the others' part is 0.
    othersSilent: reporters.map((row) => row.map((set) => [...set].every((p) => p === party))),
  }));
  // A cell with no report behind it is printed as "not reported", a known zero; a cell another
  // report prints (`published`) is known to every reader whatever this table does. Hiding either
  // protects nothing, so the audit takes them as shown and protects the cells around them instead.
  const known = reported.map((row, r) => row.map((x, c) => !x || isPublished.has(keyOf(r, c))));
  const withTotals = t.rowSums.length > 0;
  const moves = t.yearShape ? yearTableMoves({ rows: values.length, withTotals, periods: P.length, parts: C }) : undefined;
  if (threshold > 1) auditSuppression(cells, { relations, threshold, protection, missing: known, readers, ...(moves ? { moves } : {}) });
  const out = new Map<string, Cell['suppressed']>();
  cells.forEach((row, r) => row.forEach((cell, c) => cell.suppressed && out.set(keyOf(r, c), cell.suppressed)));
  return out;
}

/** The year report's table: each municipality's quarters and year, by total and gender, and the totals over municipalities. */
export function yearTable(all: Array<{ id: string; key: string }>, reports: YearReport[]): { table: JointTable; figures: Figure[] } {
  const rowOf = new Map(all.map((m, i) => [m.id, i]));
  const rows = all.map((m) => ({ key: m.key, reports: [] as number[] }));
  const withTotals = all.length > 1;
  const totals = { key: 'all', reports: [] as number[] };
  const figures: Figure[] = [];
  for (const r of reports) {
    const row = rowOf.get(r.municipalityId);
    if (row === undefined) continue;
    rows[row]!.reports.push(figures.length);
    totals.reports.push(figures.length);
    figures.push({ partyId: r.partyId, quarter: r.quarter, values: PARTS.map((k) => r[k]) });
  }
  const table: JointTable = {
    rows: withTotals ? [...rows, totals] : rows,
    rowSums: withTotals ? [{ total: all.length, parts: all.map((_, i) => i) }] : [],
    periods: PERIODS,
    columns: [...PARTS],
    columnSums: [{ total: 0, parts: [1, 2, 3] }],
    yearShape: true,
  };
  return { table, figures };
}


/**
 * Which cells of the year report are hidden, keyed `municipality|period|column` (municipality key
 * or "all"; period 1–4 or Y; column total or a gender): its joint table (`yearTable`) under the
 * one rule, `suppressTable`. The relations are every sum any report prints: gender parts =
 * total, quarters = year, municipalities = all.
 */
export function decideYear(all: Array<{ id: string; key: string }>, reports: YearReport[], threshold: number, protection: number): Map<string, Cell['suppressed']> {
  const { table, figures } = yearTable(all, reports);
  return suppressTable(table, figures, threshold, protection);
}
