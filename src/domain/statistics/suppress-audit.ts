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
 * A change to some cells that keeps every published sum: the cells, and how much each changes.
 * If the true figures changed by it still agree with everything a reader sees, the reader cannot
 * tell the two tables apart, so each changed cell has at least two possible values for it.
 */
export type Move = Array<[At, number]>;

/** Above this many unknowns linked to a cell, the audit does not solve its linear program but looks for moves (README, Statistik). */
export const LP_LIMIT = 150;

/**
 * Proposes moves through `target`: with `any`, also moves through shown cells and out of a "<5"
 * cell's range (the audit then hides or relabels what a chosen move needs); otherwise only moves
 * through hidden cells.
 */
export type Moves = (target: At, cells: Cell[][], o?: { any?: boolean }) => Iterable<Move>;

/**
 * Audits the hidden cells of a joint table against every published sum at once, from the
 * channel's point of view and from each reporting organisation's, and hides further cells
 * (secondary) or prints a small one as ".." instead of "<5", until every hidden count's range
 * is wide (see PROTECTION). Either change only loosens the attacker's program, so a cell that
 * passed stays passed: per reader, one pass over a queue that grows with each hidden cell.
 *
 * A cell's range is first shown wide by a witness: a move (from `moves`, checked here against
 * every relation and every bound the reader knows) that gives another table agreeing with all
 * the reader sees and a different value of the cell. That is proof, integer and exact, and costs
 * a few comparisons; only a cell without a witness is given to the linear program, and only when
 * the unknowns linked to it are at most LP_LIMIT (a national table links thousands, and the
 * simplex over them takes seconds a cell). Beyond that, a cell without a witness gets more cells
 * hidden until one is found: the guarantee holds, at the price of sometimes hiding a cell the
 * linear program would have let through.
 */
export function auditSuppression(cells: Cell[][], a: AuditInput & { moves?: Moves }): void {
  const protection = a.protection ?? PROTECTION;
  // What the attacker reads: a cell with no report is printed as "not reported" (a known zero), hidden or not.
  cells.forEach((row, r) => row.forEach((cell, c) => a.missing[r]?.[c] && delete cell.suppressed));
  const needs = (reader: Reader | undefined, [r, c]: At): number | undefined => {
    const cell = cells[r]![c]!;
    if (!reader) return !cell.suppressed ? undefined : cell.value > 0 && cell.value < a.threshold ? protection : 1;
    const others = cell.value - reader.own[r]![c]!;
    return others > 0 && others < a.threshold ? protection : undefined;
  };
  const width0 = cells[0]?.length ?? 0;
  const id = ([r, c]: At) => r * width0 + c;
  // Which relations each cell is in, once.
  const relationsOf = new Map<number, number[]>();
  a.relations.forEach((rel, i) => {
    for (const p of [...rel.parts, rel.total]) {
      const list = relationsOf.get(id(p)) ?? [];
      list.push(i);
      relationsOf.set(id(p), list);
    }
  });
  const inRelations = (at: At) => (relationsOf.get(id(at)) ?? []).map((i) => a.relations[i]!);
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
  /** Whether the true figures changed by `move` still agree with everything `reader` sees. */
  const keeps = (reader: Reader | undefined, move: Move): boolean => {
    for (const [at, d] of move) {
      if (d === 0) continue;
      const x = cell(at);
      if (!x.suppressed || reader?.othersSilent[at[0]]?.[at[1]]) return false;
      const own = reader?.own[at[0]]?.[at[1]] ?? 0;
      const changed = x.value - own + d;
      if (changed < (x.suppressed === 'primary' ? Math.max(0, 1 - own) : 0)) return false;
      if (x.suppressed === 'primary' && changed > a.threshold - 1 - own) return false;
    }
    return true;
  };
  // Each cell's place in the relations: +1 as a total, −1 as a part.
  const terms = new Map<number, Array<[number, number]>>();
  a.relations.forEach((rel, i) => {
    for (const [p, sign] of [[rel.total, 1], ...rel.parts.map((q) => [q, -1])] as Array<[At, number]>) {
      const list = terms.get(id(p)) ?? [];
      list.push([i, sign]);
      terms.set(id(p), list);
    }
  });
  /** Whether `move` keeps every published sum (checked here, whoever proposed it). */
  const balanced = (move: Move): boolean => {
    const sums = new Map<number, number>();
    for (const [at, d] of move) for (const [i, sign] of terms.get(id(at)) ?? []) sums.set(i, (sums.get(i) ?? 0) + sign * d);
    for (const v of sums.values()) if (v !== 0) return false;
    return true;
  };
  // Witnesses found so far, per cell: moves that keep every sum. Hiding or relabelling only
  // loosens what a reader sees, so a move that fitted once keeps fitting; each is re-checked anyway.
  const witnesses = new Map<number, Move[]>();
  /** Whether moves show `at`'s range for `reader` to be at least `wanted` wide. */
  const witnessed = (reader: Reader | undefined, at: At, wanted: number): boolean => {
    if (!a.moves) return false;
    let up = 0;
    let down = 0;
    const known = witnesses.get(id(at)) ?? [];
    const tryMove = (move: Move, checked: boolean): boolean => {
      const t = move.find(([p]) => same(p, at))?.[1] ?? 0;
      if (t === 0) return false;
      let fitted = false;
      for (let k = 1; k <= wanted; k++) {
        for (const sign of [1, -1]) {
          const scaled: Move = k === 1 && sign === 1 ? move : move.map(([p, d]) => [p, d * k * sign]);
          if (!keeps(reader, scaled)) continue;
          // Every sum kept, once per move (a multiple of a balanced move is balanced).
          if (!checked && !balanced(move)) return false;
          checked = true;
          fitted = true;
          if (t * sign > 0) up = Math.max(up, k * Math.abs(t));
          else down = Math.max(down, k * Math.abs(t));
        }
        if (up + down >= wanted) break;
      }
      return fitted;
    };
    for (const move of known) {
      tryMove(move, true);
      if (up + down >= wanted) return true;
    }
    let found = 0;
    for (const move of a.moves(at, cells)) {
      if (!tryMove(move, false)) continue;
      // Keep a few witnesses that fit this reader: other readers are likely to fit one of them.
      if (found++ < 4) known.push(move);
      witnesses.set(id(at), known);
      if (up + down >= wanted) return true;
    }
    return false;
  };
  /**
   * For a cell without a witness in a large table: the cheapest move through it (hiding a cell
   * costs more the larger it is; printing a "<5" as ".." costs little), made a witness by hiding
   * and relabelling the cells it needs. Returns the cells newly hidden, or undefined when no move
   * can be made to fit (a cell the reader knows for certain is in each).
   */
  const repair = (reader: Reader | undefined, at: At): At[] | undefined => {
    if (!a.moves) return undefined;
    let best: { cost: number; move: Move } | undefined;
    for (const proposed of a.moves(at, cells, { any: true })) {
      for (const sign of [1, -1]) {
        let cost = 0;
        for (const [p, d0] of proposed) {
          const x = cell(p);
          if (a.missing[p[0]]?.[p[1]] || reader?.othersSilent[p[0]]?.[p[1]]) cost = Infinity;
          else {
            const own = reader?.own[p[0]]?.[p[1]] ?? 0;
            const changed = x.value - own + d0 * sign;
            if (changed < 0) cost = Infinity;
            else if (!x.suppressed) cost += 2 + Math.log2(1 + x.value);
            else if (x.suppressed === 'primary' && (changed < 1 - own || changed > a.threshold - 1 - own)) cost += 1;
          }
          if (cost >= (best?.cost ?? Infinity)) break;
        }
        if (cost < (best?.cost ?? Infinity)) best = { cost, move: proposed.map(([p, d]) => [p, d * sign]) };
      }
    }
    // A move that fits already and still leaves the range too narrow (a stricter protection): not this way.
    if (!best || best.cost === 0 || !balanced(best.move)) return undefined;
    // Hide what the move needs, and print as ".." a "<5" it takes out of 1–4; nothing else changes
    // (a cell is never made narrower: that would undo what an earlier witness relied on).
    const hidden: At[] = [];
    for (const [p, d] of best.move) {
      const x = cell(p);
      const own = reader?.own[p[0]]?.[p[1]] ?? 0;
      if (!x.suppressed) {
        hidden.push(p);
        x.suppressed = 'secondary';
      } else if (x.suppressed === 'primary' && (x.value - own + d < 1 - own || x.value - own + d > a.threshold - 1 - own)) x.suppressed = 'secondary';
    }
    return hidden;
  };
  /** How many unknowns (for the channel) the cell's program would link, up to LP_LIMIT + 1. */
  const linked = (at: At): number => {
    const seen = new Set([id(at)]);
    const todo = [at];
    while (todo.length && seen.size <= LP_LIMIT) {
      for (const rel of inRelations(todo.pop()!)) {
        for (const p of [...rel.parts, rel.total]) {
          if (!cell(p).suppressed || seen.has(id(p))) continue;
          seen.add(id(p));
          todo.push(p);
        }
      }
    }
    return seen.size;
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
  // Cells shown wide for a view stay wide (every change loosens the program): not checked again.
  const passed = views.map(() => new Set<number>());
  let version = 0;
  const validAt = views.map(() => -1);
  for (let k = 0; validAt.some((v) => v !== version); k = (k + 1) % views.length) {
    if (validAt[k] === version) continue;
    const reader = views[k];
    const queue: At[] = cells.flatMap((row, r) => row.map((_, c) => [r, c] as At));
    for (let i = 0; i < queue.length; i++) {
      const at = queue[i]!;
      if (passed[k]!.has(id(at))) continue;
      for (;;) {
        const wanted = needs(reader, at);
        if (wanted === undefined) break;
        if (witnessed(reader, at, wanted)) {
          passed[k]!.add(id(at));
          break;
        }
        const hidden = repair(reader, at);
        if (hidden) {
          queue.push(...hidden);
          version++;
          continue;
        }
        const small = linked(at) <= LP_LIMIT;
        const before = small ? width(reader, at, wanted) : 0;
        if (before >= wanted) {
          passed[k]!.add(id(at));
          break;
        }
        // Take the first remedy that widens the range (a witness, or the linear program for a
        // small component); if none does alone, the first that hides a cell.
        const options = remedies(at);
        let chosen = options.slice(0, 16).find((o) => {
          const was = cell(o.at).suppressed;
          cell(o.at).suppressed = 'secondary';
          if (witnessed(reader, at, wanted) || (small && width(reader, at, before + 1) > before)) return true;
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

/**
 * Moves for the joint table of a year (compile.ts): each row (a municipality, then the totals
 * row) is a grid of periods (the last is the year) by parts (the first is the total), whose
 * published sums are the grid's row and column sums. A closed path through hidden cells of one
 * row, alternately up and down (a margin counted against its parts), keeps that row's sums; the
 * same path down in a second municipality's row, or up in the totals row, keeps the sums over
 * municipalities too. These are the smallest moves of such a table; `auditSuppression` checks
 * each before trusting it.
 */
export function yearTableMoves(shape: { rows: number; withTotals: boolean; periods: number; parts: number }): Moves {
  const { periods: P, parts: K } = shape;
  const margin = (p: number, k: number) => (p === P - 1 ? -1 : 1) * (k === 0 ? -1 : 1);
  // Every simple cycle of the grid (rows p, columns k), as cells with +1/−1 in the row's own terms.
  const cycles: Array<Array<[number, number]>> = [];
  const seen = new Set<string>();
  const walk = (ps: number[], ks: number[]) => {
    if (ps.length === ks.length && ps.length >= 2) {
      const steps: Array<[number, number]> = [];
      ps.forEach((p, i) => {
        steps.push([p * K + ks[i]!, margin(p, ks[i]!)]);
        const next = ps[(i + 1) % ps.length]!;
        steps.push([next * K + ks[i]!, -margin(next, ks[i]!)]);
      });
      const name = steps.map(([c, d]) => `${c}:${d}`).sort().join();
      const flipped = steps.map(([c, d]) => `${c}:${-d}`).sort().join();
      if (!seen.has(name) && !seen.has(flipped)) {
        seen.add(name);
        cycles.push(steps);
      }
    }
    if (ps.length === ks.length) {
      if (ps.length >= Math.min(P, K)) return;
      for (let p = 0; p < P; p++) if (!ps.includes(p) && p > ps[0]!) walk([...ps, p], ks);
    } else {
      for (let k = 0; k < K; k++) if (!ks.includes(k)) walk(ps, [...ks, k]);
    }
  };
  for (let p = 0; p < P; p++) walk([p], []);
  const through = new Map<number, Array<Array<[number, number]>>>();
  for (const cycle of cycles) for (const [c] of cycle) through.set(c, [...(through.get(c) ?? []), cycle]);
  const totals = shape.withTotals ? shape.rows - 1 : -1;
  const municipalities = shape.withTotals ? shape.rows - 1 : shape.rows;
  return function* (target, cells, o = {}) {
    const [r, c] = target;
    // With `any`: the rectangles only (the fewest cells to hide), through shown cells too.
    const hidden = (row: number, cycle: Array<[number, number]>) => (o.any ? cycle.length === 4 : cycle.every(([x]) => cells[row]![x]!.suppressed));
    const mine = (through.get(c) ?? []).filter((cycle) => hidden(r, cycle));
    if (!mine.length) return;
    if (!shape.withTotals) {
      for (const cycle of mine) yield cycle.map(([x, d]) => [[r, x] as At, d]);
      return;
    }
    // The partner row: the totals row (moving with a municipality's), or another municipality (moving against it).
    const partners = r === totals ? Array.from({ length: municipalities }, (_, i) => i) : [totals, ...Array.from({ length: municipalities }, (_, i) => i).filter((i) => i !== r)];
    for (const other of partners) {
      const sign = r === totals || other === totals ? 1 : -1;
      for (const cycle of mine) {
        if (!hidden(other, cycle)) continue;
        yield [...cycle.map(([x, d]) => [[r, x] as At, d] as [At, number]), ...cycle.map(([x, d]) => [[other, x] as At, sign * d] as [At, number])];
      }
    }
  };
}
