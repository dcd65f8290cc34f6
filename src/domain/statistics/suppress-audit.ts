import solver from 'javascript-lp-solver';
import type { Cell, Relation } from './suppress.ts';

/**
 * The default of how wide a hidden count's feasible range must stay (`statistics.protection` in
 * the partnership file): at least PROTECTION + 1 possible whole numbers given everything
 * published, i.e. never pinned to one (README, Statistik: a stricter default, 2, hid most of a
 * small partnership's year, reported zeros included).
 */
export const PROTECTION = 1;
const BIG = 1_000_000;

type At = [number, number];

export interface AuditInput {
  relations: Relation[];
  threshold: number;
  /** How wide each hidden count's feasible range must stay (default PROTECTION). */
  protection?: number;
  /** Cells with no report behind them: published as "not reported", a known zero that hiding cannot change. */
  missing: boolean[][];
  /**
   * Each reporting organisation reads the tables knowing its own part of every cell, and (from
   * `/statistik status`) where no other organisation has reported, i.e. the others' part is 0.
   */
  readers: Reader[];
}

export interface Reader {
  own: number[][];
  othersSilent: boolean[][];
}

/**
 * The attacker's program: the least and greatest value of the others' part of `target` (the
 * cell less the reader's own part), given every shown cell, "<threshold" for primary cells, ≥ 0
 * for secondary ones and every published sum. The linear relaxation by default (fast, and on
 * these sums it has matched the integer program in every audited year; the e2e audit checks
 * with integers), the integer program with `integer`.
 */
export function feasibleRange(cells: Cell[][], relations: Relation[], threshold: number, reader: Reader | undefined, target: At, o: { integer?: boolean } = {}): [number, number] {
  const solve = program(cells, relations, threshold, reader, target, o);
  return [solve('min'), solve('max')];
}

/** The attacker's program for `target`, to be solved for its least or its greatest value. */
function program(cells: Cell[][], relations: Relation[], threshold: number, reader: Reader | undefined, target: At, o: { integer?: boolean }): (opType: 'min' | 'max') => number {
  const key = ([r, c]: At) => `x${r}_${c}`;
  // A shown cell (or one whose others' part is known to be 0) is a number, not an unknown.
  const fixed = ([r, c]: At): number | undefined => {
    const cell = cells[r]![c]!;
    if (reader?.othersSilent[r]?.[c]) return 0;
    return cell.suppressed ? undefined : cell.value - (reader?.own[r]?.[c] ?? 0);
  };
  // Every unknown is ≥ 0 already (the solver's default); only "<threshold" adds a row.
  const bounds = ([r, c]: At) => {
    const own = reader?.own[r]?.[c] ?? 0;
    return cells[r]![c]!.suppressed === 'primary' ? { min: Math.max(0, 1 - own), max: threshold - 1 - own } : undefined;
  };
  if (fixed(target) !== undefined) return () => fixed(target)!;
  // Only the sums linked to the target through unknowns can narrow it.
  const terms = relations.map((rel) => [[rel.total, 1], ...rel.parts.map((p) => [p, -1])] as Array<[At, number]>);
  const unknownsOf = (i: number) => terms[i]!.filter(([at]) => fixed(at) === undefined).map(([at]) => key(at));
  const used = new Set<number>();
  const reached = new Set([key(target)]);
  for (let grew = true; grew; ) {
    grew = false;
    terms.forEach((_, i) => {
      if (used.has(i)) return;
      const u = unknownsOf(i);
      if (!u.some((v) => reached.has(v))) return;
      used.add(i);
      u.forEach((v) => reached.add(v));
      grew = true;
    });
  }
  const constraints: Record<string, { min?: number; max?: number; equal?: number }> = {};
  const variables: Record<string, Record<string, number>> = {};
  const ints: Record<string, 1> = {};
  const at = (v: string): At => v.slice(1).split('_').map(Number) as At;
  for (const v of reached) {
    const bound = bounds(at(v));
    variables[v] = { ...(bound ? { [`b${v}`]: 1 } : {}), objective: v === key(target) ? 1 : 0 };
    if (bound) constraints[`b${v}`] = bound;
    if (o.integer) ints[v] = 1;
  }
  for (const i of used) {
    let rhs = 0;
    for (const [p, coefficient] of terms[i]!) {
      const f = fixed(p);
      if (f === undefined) variables[key(p)]![`r${i}`] = coefficient;
      else rhs -= coefficient * f;
    }
    constraints[`r${i}`] = { equal: rhs };
  }
  const solve = (opType: 'min' | 'max') => {
    const r = (solver as unknown as { Solve: (m: unknown) => { feasible: boolean; result?: number; bounded?: boolean } }).Solve({ optimize: 'objective', opType, constraints, variables, ...(o.integer ? { ints } : {}) });
    // The true figures always satisfy what is published; an infeasible answer is the solver's, so read it as pinned.
    if (!r.feasible) return NaN;
    const x = Math.min(r.result ?? 0, BIG);
    // The relaxation's bounds, rounded inwards, contain every integer solution.
    return opType === 'min' ? Math.ceil(x - 1e-6) : Math.floor(x + 1e-6);
  };
  return solve;
}

/**
 * Audits the hidden cells of a joint table against every published sum at once, from the
 * channel's point of view and from each reporting organisation's, and hides further cells
 * (secondary) or prints a small one as ".." instead of "<5", until every hidden count's range
 * is wide (see PROTECTION). Either change only loosens the attacker's program, so a cell that
 * passed stays passed: per reader, one pass over a queue that grows with each hidden cell.
 */
export function auditSuppression(cells: Cell[][], a: AuditInput): void {
  const protection = a.protection ?? PROTECTION;
  // What the attacker reads: a cell with no report is printed as "not reported" (a known zero), hidden or not.
  cells.forEach((row, r) => row.forEach((cell, c) => a.missing[r]?.[c] && delete cell.suppressed));
  const needs = (reader: Reader | undefined, [r, c]: At): number | undefined => {
    const cell = cells[r]![c]!;
    if (!reader) return !cell.suppressed ? undefined : cell.value > 0 && cell.value < a.threshold ? protection : 1;
    const others = cell.value - reader.own[r]![c]!;
    return others > 0 && others < a.threshold ? protection : undefined;
  };
  const inRelations = (at: At) => a.relations.filter((rel) => [...rel.parts, rel.total].some(([r, c]) => r === at[0] && c === at[1]));
  const members = (ats: At[]) => ats.flatMap((at) => inRelations(at).flatMap((rel) => [...rel.parts, rel.total]));
  const cell = ([r, c]: At) => cells[r]![c]!;
  const hideable = (at: At) => !cell(at).suppressed && !a.missing[at[0]]?.[at[1]];
  const same = (x: At, y: At) => x[0] === y[0] && x[1] === y[1];
  /**
   * The changes that can widen `at`'s range, nearest first: print a small cell as ".." rather than
   * "<5" (which tells it is at least 1 and at most 4), or hide a shown count, the smallest non-zero first.
   */
  const remedies = (at: At): Array<{ at: At; kind: 'relabel' | 'hide' }> => {
    const near = [at, ...members([at])];
    const far = members(near.filter((p) => cell(p).suppressed));
    const out: Array<{ at: At; kind: 'relabel' | 'hide' }> = [];
    for (const pool of [near, far]) {
      const fresh = pool.filter((p, i) => pool.findIndex((q) => same(p, q)) === i && !out.some((o) => same(o.at, p)));
      out.push(...fresh.filter((p) => cell(p).suppressed === 'primary').map((p) => ({ at: p, kind: 'relabel' as const })));
      const open = fresh.filter(hideable).sort((x, y) => Number(cell(y).value > 0) - Number(cell(x).value > 0) || cell(x).value - cell(y).value);
      out.push(...open.map((p) => ({ at: p, kind: 'hide' as const })));
    }
    return out;
  };
  /** The width of `at`'s range, or at least `enough` of it: the true figure is feasible, so a greatest value `enough` above it needs no least one. */
  const width = (reader: Reader | undefined, at: At, enough = Infinity) => {
    const solve = program(cells, a.relations, a.threshold, reader, at, {});
    const truth = reader?.othersSilent[at[0]]?.[at[1]] ? 0 : cell(at).value - (reader?.own[at[0]]?.[at[1]] ?? 0);
    const hi = solve('max');
    if (Number.isNaN(hi)) return 0;
    if (hi - truth >= enough) return hi - truth;
    const lo = solve('min');
    return Number.isNaN(lo) ? 0 : hi - lo;
  };
  // A cell hidden for one reader must itself hold for the readers checked before: each reader's
  // pass stays valid until another reader changes something, so go round until all are valid.
  const views = [undefined, ...a.readers];
  let version = 0;
  const validAt = views.map(() => -1);
  for (let k = 0; validAt.some((v) => v !== version); k = (k + 1) % views.length) {
    if (validAt[k] === version) continue;
    const reader = views[k];
    const queue: At[] = cells.flatMap((row, r) => row.map((_, c) => [r, c] as At));
    for (let i = 0; i < queue.length; i++) {
      const at = queue[i]!;
      for (;;) {
        const wanted = needs(reader, at);
        if (wanted === undefined) break;
        const before = width(reader, at, wanted);
        if (before >= wanted) break;
        // Take the first remedy that widens the range; if none does alone, the first that hides a cell.
        const options = remedies(at);
        let chosen = options.slice(0, 16).find((o) => {
          const was = cell(o.at).suppressed;
          cell(o.at).suppressed = 'secondary';
          if (width(reader, at, before + 1) > before) return true;
          if (was) cell(o.at).suppressed = was;
          else delete cell(o.at).suppressed;
          return false;
        });
        if (!chosen) {
          chosen = options.find((o) => o.kind === 'hide') ?? cells.flatMap((row, r) => row.map((_, c) => ({ at: [r, c] as At, kind: 'hide' as const }))).find((o) => hideable(o.at));
          if (!chosen) break;
          cell(chosen.at).suppressed = 'secondary';
        }
        if (chosen.kind === 'hide') queue.push(chosen.at);
        version++;
      }
    }
    validAt[k] = version;
  }
}
