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

/**
 * Which cells are hidden, keyed `municipality|period|column` (municipality key or "all"; period
 * 1–4 or Y; column total or a gender), over the joint table of a year: each municipality's
 * quarters and year, by total and gender, and the totals over municipalities. The relations are
 * every sum any report prints: gender parts = total, quarters = year, municipalities = all.
 */
export function decideYear(all: Array<{ id: string; key: string }>, reports: YearReport[], threshold: number, protection: number): Map<string, Cell['suppressed']> {
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
