import { fileURLToPath } from 'node:url';
import solver from 'javascript-lp-solver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { compileReport, type CompiledReport } from '../../src/domain/statistics/compile.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';
import { reportSaver } from '../fixtures/statistics/helpers.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * The suppression audit of issue 15 with a solver: for random small-count years, every table
 * the bot publishes for a year (the year report, the four quarter reports, each municipality's
 * year and quarters, and what each organisation sees when it asks itself) is read as an
 * attacker would. Every cell is an integer unknown ≥ 0; each shown figure fixes it, "<5" bounds
 * it to 1–4, ".." only to ≥ 0; the sums the tables print (genders = total, quarters = year,
 * municipalities = all) hold. For each hidden cell an integer program finds its least and
 * greatest possible value. An organisation knows its own figures too, so from its point of view
 * the unknown is the others' part of each cell.
 *
 * The width rule (README, Statistik): a hidden count is protected when the published figures
 * leave it at least PROTECTION + 1 possible values: never pinned to one.
 */
const FILE = fileURLToPath(new URL('../fixtures/statistics/audit.yml', import.meta.url));
const COORDINATORS = { 'jour-a': 'U0AA', 'jour-b': 'U0AB', 'jour-c': 'U0AC' } as const;
type Org = keyof typeof COORDINATORS;
const SERVES: Record<Org, string[]> = { 'jour-a': ['alby', 'borg'], 'jour-b': ['borg', 'dal'], 'jour-c': ['alby'] };
const MUNICIPALITIES = ['alby', 'borg', 'dal'];
const PERIODS = ['1', '2', '3', '4', 'Y'] as const;
const COLUMNS = ['total', 'genderFemale', 'genderMale', 'genderOther'] as const;
const GENDERS = COLUMNS.slice(1);
const THRESHOLD = 5;
const PROTECTION = 1;
const DATA_SETS = 10;
const FIRST_YEAR = 2001;

/** A small deterministic generator, so a failure names a year that fails again. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
// Mostly small counts, as in a rural municipality's quarter: many 0–4, some larger.
const COUNTS = [0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 11];

type Plan = Array<{ org: Org; municipality: string; quarter: 1 | 2 | 3 | 4; gender: [number, number, number] }>;
function plan(year: number): Plan {
  const next = random(year * 7919);
  const out: Plan = [];
  for (const org of Object.keys(SERVES) as Org[]) {
    for (const municipality of SERVES[org]) {
      for (const quarter of [1, 2, 3, 4] as const) {
        if (next() < 0.2) continue; // not reported
        const pick = () => COUNTS[Math.floor(next() * COUNTS.length)]!;
        out.push({ org, municipality, quarter, gender: [pick(), pick(), next() < 0.15 ? 1 : 0] });
      }
    }
  }
  return out;
}

const variable = (m: string, p: string, c: string) => `${m}|${p}|${c}`;
const ALL_VARIABLES = [...MUNICIPALITIES, 'all'].flatMap((m) => PERIODS.flatMap((p) => COLUMNS.map((c) => variable(m, p, c))));

/** Every sum some table prints, as `total = Σ parts`. */
function relations(): Array<[string, string[]]> {
  const eq: Array<[string, string[]]> = [];
  for (const m of [...MUNICIPALITIES, 'all']) {
    for (const p of PERIODS) eq.push([variable(m, p, 'total'), GENDERS.map((g) => variable(m, p, g))]);
    for (const c of COLUMNS) eq.push([variable(m, 'Y', c), ['1', '2', '3', '4'].map((p) => variable(m, p, c))]);
  }
  for (const p of PERIODS) for (const c of COLUMNS) eq.push([variable('all', p, c), MUNICIPALITIES.map((m) => variable(m, p, c))]);
  return eq;
}

type Known = { kind: 'shown'; value: number } | { kind: 'primary' } | { kind: 'secondary' };

/** What the tables say of each cell, all of them together; a cell shown in one table and hidden in another is shown. */
function read(tables: CompiledReport[]): { known: Map<string, Known>; truth: Map<string, number> } {
  const known = new Map<string, Known>();
  const truth = new Map<string, number>();
  for (const r of tables) {
    for (const row of r.rows) {
      r.columns.forEach((c, i) => {
        const cell = row.cells[i]!;
        const period = c.startsWith('q') ? c.slice(1) : r.quarter ? String(r.quarter) : 'Y';
        const v = variable(row.key === 'total' ? 'all' : row.key, period, c.startsWith('q') ? 'total' : c);
        const k: Known = cell.missing ? { kind: 'shown', value: 0 } : cell.suppressed ? { kind: cell.suppressed } : { kind: 'shown', value: cell.value };
        const before = known.get(v);
        if (before?.kind === 'shown' && k.kind === 'shown') expect(k.value, `${v} printed twice with different values`).toBe(before.value);
        if (!before || k.kind === 'shown' || (before.kind === 'secondary' && k.kind === 'primary')) known.set(v, k);
        if (!cell.missing) truth.set(v, cell.value);
      });
    }
  }
  return { known, truth };
}

const BIG = 1_000_000;

/**
 * The least and greatest integer value of `target` (the others' part of the cell: the cell less
 * `own`) that agrees with everything published and every printed sum.
 */
function range(known: Map<string, Known>, own: (v: string) => number, target: string, silent: (v: string) => boolean = () => false): [number, number] {
  const constraints: Record<string, { min?: number; max?: number; equal?: number }> = {};
  const variables: Record<string, Record<string, number>> = {};
  const ints: Record<string, 1> = {};
  for (const v of ALL_VARIABLES) {
    const k = known.get(v);
    const o = own(v);
    variables[v] = { [`b:${v}`]: 1, objective: v === target ? 1 : 0 };
    ints[v] = 1;
    if (silent(v)) constraints[`b:${v}`] = { equal: 0 };
    else if (!k) constraints[`b:${v}`] = { min: 0, max: BIG };
    else if (k.kind === 'shown') constraints[`b:${v}`] = { equal: k.value - o };
    else if (k.kind === 'primary') constraints[`b:${v}`] = { min: Math.max(0, 1 - o), max: THRESHOLD - 1 - o };
    else constraints[`b:${v}`] = { min: 0, max: BIG };
  }
  relations().forEach(([total, parts], i) => {
    constraints[`r:${i}`] = { equal: 0 };
    variables[total]![`r:${i}`] = 1;
    for (const p of parts) variables[p]![`r:${i}`] = -1;
  });
  const solve = (opType: 'min' | 'max') => {
    const r = (solver as any).Solve({ optimize: 'objective', opType, constraints, variables, ints });
    if (!r.feasible) throw new Error(`the published figures are infeasible for ${target}`);
    return Math.round(r.result ?? 0);
  };
  return [solve('min'), solve('max')];
}

let tb: TestBot;
const years = Array.from({ length: DATA_SETS }, (_, i) => FIRST_YEAR + i);
const own = new Map<string, Map<string, number>>(); // `${org}|${year}` → variable → own part
beforeAll(async () => {
  tb = await startTestBot({ partnershipFile: FILE, clock: new ManualClock('2030-01-20T09:00:00Z') });
  const savers = Object.fromEntries(await Promise.all(Object.entries(COORDINATORS).map(async ([org, user]) => [org, await reportSaver(tb.bot.ctx, user)] as const)));
  for (const year of years) {
    for (const r of plan(year)) {
      await savers[r.org]!(r.municipality, { year, quarter: r.quarter }, r.gender);
      const mine = own.get(`${r.org}|${year}`) ?? new Map<string, number>();
      own.set(`${r.org}|${year}`, mine);
      const values = [r.gender[0] + r.gender[1] + r.gender[2], ...r.gender];
      for (const m of [r.municipality, 'all']) {
        for (const p of [String(r.quarter), 'Y']) COLUMNS.forEach((c, i) => mine.set(variable(m, p, c), (mine.get(variable(m, p, c)) ?? 0) + values[i]!));
      }
    }
  }
}, 600_000);
afterAll(async () => {
  await tb?.stop();
});

/** Every table of a year as one reader sees it: the channel's, or an organisation's own questions. */
async function tablesOf(year: number, reader: { forChannel: true } | { partyId: string }): Promise<CompiledReport[]> {
  const queries = [undefined, ...MUNICIPALITIES].flatMap((municipality) => [undefined, 1, 2, 3, 4].map((quarter) => ({ year, ...(quarter ? { quarter: quarter as 1 | 2 | 3 | 4 } : {}), ...(municipality ? { municipality } : {}) })));
  return Promise.all(queries.map((q) => compileReport(tb.bot.ctx, q, reader)));
}

describe('suppression audit with an integer-programming solver, over random small-count years', () => {
  it('leaves every small hidden count in the channel\'s tables at least two possible values and pins no hidden cell, across the quarter and year reports together', async () => {
    const weak: string[] = [];
    for (const year of years) {
      const { known, truth } = read(await tablesOf(year, { forChannel: true }));
      for (const [v, k] of known) {
        if (k.kind === 'shown') continue;
        const [lo, hi] = range(known, () => 0, v);
        const value = truth.get(v)!;
        if (hi - lo < (value > 0 && value < THRESHOLD ? PROTECTION : 1)) weak.push(`${year} ${v}=${value}: ${lo}–${hi}`);
      }
    }
    expect(weak).toEqual([]);
  }, 600_000);

  it('leaves every organisation the others\' small counts at least two possible values, given its own figures', async () => {
    const parties = new Map((await tb.db.prisma.party.findMany()).map((p) => [p.key, p.id]));
    const weak: string[] = [];
    for (const year of years) {
      const channel = await tablesOf(year, { forChannel: true });
      for (const org of Object.keys(COORDINATORS) as Org[]) {
        const mine = own.get(`${org}|${year}`) ?? new Map<string, number>();
        const { known, truth } = read([...channel, ...(await tablesOf(year, { partyId: parties.get(org)! }))]);
        const ownPart = (v: string) => mine.get(v) ?? 0;
        // `/statistik status` tells everyone who has reported: where no other organisation has, the others' part is 0.
        const reportedByOthers = new Set(
          plan(year)
            .filter((r) => r.org !== org)
            .flatMap((r) => [r.municipality, 'all'].flatMap((m) => [String(r.quarter), 'Y'].flatMap((p) => COLUMNS.map((c) => variable(m, p, c))))),
        );
        for (const [v] of known) {
          const others = (truth.get(v) ?? 0) - ownPart(v);
          if (others <= 0 || others >= THRESHOLD) continue;
          const [lo, hi] = range(known, ownPart, v, (x) => !reportedByOthers.has(x));
          if (hi - lo < PROTECTION) weak.push(`${year} ${org} ${v}: others ${others}, ${lo}–${hi}`);
        }
      }
    }
    expect(weak).toEqual([]);
  }, 600_000);
});
