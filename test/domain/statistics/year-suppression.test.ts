import solver from 'javascript-lp-solver';
import { describe, expect, it } from 'vitest';
import { decideYear, type YearReport } from '../../../src/domain/statistics/year-suppression.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * A property test of the year's suppression as the audit now decides it (witness moves, repairs,
 * the linear program only as a fallback): random small years — 2–4 organisations, 2–4
 * municipalities, some served by two organisations, quarters left unreported, mostly counts of
 * 0–4 — and for each, an attacker's exact integer program written here from the table's own
 * definition (not from the code under test): every cell of every municipality and of the totals,
 * each quarter and the year, total and genders; every sum a report prints; each hidden cell's
 * least and greatest whole value, from the channel's point of view and from each organisation's,
 * which knows its own figures and (from `/statistik status`) where nobody else reported.
 */
const THRESHOLD = 5;
const PERIODS = ['1', '2', '3', '4', 'Y'];
const COLUMNS = ['total', 'genderFemale', 'genderMale', 'genderOther'] as const;
const BIG = 100_000;

function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const SMALL = [0, 0, 1, 1, 1, 2, 2, 3, 4, 5, 7, 12];

interface Year {
  municipalities: Array<{ id: string; key: string }>;
  parties: string[];
  reports: YearReport[];
}

function year(seed: number): Year {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const municipalities = Array.from({ length: 2 + Math.floor(next() * 3) }, (_, i) => ({ id: `m${i}`, key: `k${i}` }));
  const parties = Array.from({ length: 2 + Math.floor(next() * 3) }, (_, i) => `p${i}`);
  const reports: YearReport[] = [];
  // Each municipality is served by one organisation, sometimes by a second too.
  municipalities.forEach((m, i) => {
    const serving = new Set([parties[i % parties.length]!]);
    if (next() < 0.4) serving.add(pick(parties));
    for (const partyId of serving) {
      for (const quarter of [1, 2, 3, 4]) {
        if (next() < 0.15) continue;
        const [f, male, other] = [pick(SMALL), pick(SMALL), next() < 0.3 ? 1 : 0];
        reports.push({ partyId, municipalityId: m.id, quarter, total: f + male + other, genderFemale: f, genderMale: male, genderOther: other });
      }
    }
  });
  return { municipalities, parties, reports };
}

type Place = string; // a municipality key or "all"
const v = (m: Place, p: string, c: string) => `${m}|${p}|${c}`;

/** The figures of each cell, summed from the reports of `who` (everyone when absent). */
function figures(y: Year, who?: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of y.reports) {
    if (who && r.partyId !== who) continue;
    const m = y.municipalities.find((x) => x.id === r.municipalityId)!.key;
    for (const place of [m, 'all']) for (const p of [String(r.quarter), 'Y']) for (const c of COLUMNS) out.set(v(place, p, c), (out.get(v(place, p, c)) ?? 0) + r[c]);
  }
  return out;
}

/** Which cells have a report behind them, from anyone but `except`. */
function reportedBy(y: Year, except?: string): Set<string> {
  const out = new Set<string>();
  for (const r of y.reports) {
    if (r.partyId === except) continue;
    const m = y.municipalities.find((x) => x.id === r.municipalityId)!.key;
    for (const place of [m, 'all']) for (const p of [String(r.quarter), 'Y']) for (const c of COLUMNS) out.add(v(place, p, c));
  }
  return out;
}

/**
 * The attacker's exact integer program: the least and greatest value of the others' part of
 * `target`, given what is published (shown: fixed; "<5": 1–4; "..": ≥ 0; "not reported": 0),
 * one's own part of every cell, and where no one else reported (the others' part is 0).
 */
function range(y: Year, hidden: Map<string, 'primary' | 'secondary' | undefined>, target: string, own: Map<string, number>, othersReported: Set<string>): [number, number] {
  const truth = figures(y);
  const reported = reportedBy(y);
  const places = [...y.municipalities.map((m) => m.key), 'all'];
  const constraints: Record<string, Record<string, number>> = {};
  const variables: Record<string, Record<string, number>> = {};
  const ints: Record<string, 1> = {};
  for (const m of places) {
    for (const p of PERIODS) {
      for (const c of COLUMNS) {
        const name = v(m, p, c);
        const mine = own.get(name) ?? 0;
        variables[name] = { [`b:${name}`]: 1, objective: name === target ? 1 : 0 };
        ints[name] = 1;
        const k = hidden.get(name);
        if (!reported.has(name) || !othersReported.has(name)) constraints[`b:${name}`] = { equal: 0 };
        else if (!k) constraints[`b:${name}`] = { equal: truth.get(name)! - mine };
        else if (k === 'primary') constraints[`b:${name}`] = { min: Math.max(0, 1 - mine), max: THRESHOLD - 1 - mine };
        else constraints[`b:${name}`] = { min: 0, max: BIG };
      }
    }
  }
  // Every sum some report prints: genders = total, quarters = year, municipalities = all.
  const sums: Array<[string, string[]]> = [];
  for (const m of places) {
    for (const p of PERIODS) sums.push([v(m, p, 'total'), COLUMNS.slice(1).map((c) => v(m, p, c))]);
    for (const c of COLUMNS) sums.push([v(m, 'Y', c), ['1', '2', '3', '4'].map((p) => v(m, p, c))]);
  }
  for (const p of PERIODS) for (const c of COLUMNS) sums.push([v('all', p, c), y.municipalities.map((m) => v(m.key, p, c))]);
  sums.forEach(([total, parts], i) => {
    constraints[`s:${i}`] = { equal: 0 };
    variables[total]![`s:${i}`] = 1;
    for (const part of parts) variables[part]![`s:${i}`] = -1;
  });
  const solve = (opType: 'min' | 'max') => {
    const r = (solver as any).Solve({ optimize: 'objective', opType, constraints, variables, ints });
    if (!r.feasible) throw new Error(`the published figures are infeasible for ${target}`);
    return Math.round(r.result ?? 0);
  };
  return [solve('min'), solve('max')];
}

/** Every cell some view must keep wide, and how wide it stays; an empty list when all hold. */
function weakCells(seed: number, protection: number): string[] {
  const y = year(seed);
  const decided = decideYear(y.municipalities, y.reports, THRESHOLD, protection);
  const hidden = new Map([...decided].map(([k, s]) => [k, s]));
  const truth = figures(y);
  const reported = reportedBy(y);
  const weak: string[] = [];
  // The channel: no hidden cell pinned, a hidden small count at least `protection` wide.
  for (const [name] of hidden) {
    if (!reported.has(name)) continue;
    const value = truth.get(name) ?? 0;
    const [lo, hi] = range(y, hidden, name, new Map(), reported);
    expect(lo).toBeLessThanOrEqual(value);
    expect(hi).toBeGreaterThanOrEqual(value);
    if (hi - lo < (value > 0 && value < THRESHOLD ? protection : 1)) weak.push(`seed ${seed} channel ${name}=${value}: ${lo}–${hi}`);
  }
  // Each organisation: the others' part of any cell, when it is small, shown or not.
  for (const party of y.parties) {
    const own = figures(y, party);
    const others = reportedBy(y, party);
    for (const [name, value] of truth) {
      const part = value - (own.get(name) ?? 0);
      if (part <= 0 || part >= THRESHOLD) continue;
      const [lo, hi] = hidden.has(name) ? range(y, hidden, name, own, others) : [part, part];
      if (hi - lo < protection) weak.push(`seed ${seed} ${party} ${name}: others ${part}, ${lo}–${hi}`);
    }
  }
  return weak;
}

describe('the year\'s suppression against an exact integer program, over random small years', () => {
  it('pins no hidden cell and leaves each small count two possible values, for the channel and for every organisation', () => {
    const weak = Array.from({ length: 12 }, (_, i) => weakCells(500 + i, 1)).flat();
    expect(weak).toEqual([]);
  }, 600_000);

  it('with a stricter protection (2), leaves each small count three possible values', () => {
    const weak = Array.from({ length: 4 }, (_, i) => weakCells(900 + i, 2)).flat();
    expect(weak).toEqual([]);
  }, 600_000);

  it('hides something in every random year (the test is not vacuous)', () => {
    for (let i = 0; i < 12; i++) {
      const y = year(500 + i);
      expect(decideYear(y.municipalities, y.reports, THRESHOLD, 1).size, `seed ${500 + i}`).toBeGreaterThan(0);
    }
  });
});
