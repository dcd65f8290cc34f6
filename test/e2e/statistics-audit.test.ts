import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { compileReport, type CompiledReport } from '../../src/domain/statistics/compile.ts';
import { JAMTLAND, startTestBot, type TestBot } from '../helpers/bot.ts';
import { reportSaver, saveYear } from '../fixtures/statistics/helpers.ts';

/**
 * An attacker's audit of what the channel publishes (issue 15, "Suppression must hold against
 * every published sum together"): every cell of the year report and the four quarter reports is
 * a variable; the table's sums (gender parts = total, quarters = year, municipalities = all) are
 * equations; each shown figure fixes its variable, "<5" bounds it to 1–4, ".." to ≥ 0. Interval
 * bounds propagation over all of them at once (a sound, if weaker, stand-in for an LP) then
 * tells which hidden cells are pinned to one value.
 */
const fixture = JSON.parse(readFileSync(new URL('../fixtures/statistics/jamtland-2026.json', import.meta.url), 'utf8')) as { inputs: Record<string, Record<string, [number, number, number]>> };
const KARIN = 'U0J01';
const clock = new ManualClock('2027-01-20T09:00:00Z');
let tb: TestBot;
beforeAll(async () => {
  tb = await startTestBot({ partnershipFile: JAMTLAND, clock });
  await saveYear(await reportSaver(tb.bot.ctx, KARIN), 2026, fixture.inputs);
});
afterAll(async () => {
  await tb?.stop();
});

type Bounds = Map<string, [number, number]>;
const G = ['genderFemale', 'genderMale', 'genderOther'] as const;

/** Variables `municipality|period|column` (period 1–4 or Y; column total or a gender; municipality key or "all"). */
function publish(reports: CompiledReport[]): { bounds: Bounds; hidden: Map<string, number> } {
  const bounds: Bounds = new Map();
  const hidden = new Map<string, number>();
  const set = (v: string, lo: number, hi: number) => {
    const [a, b] = bounds.get(v) ?? [0, Infinity];
    bounds.set(v, [Math.max(a, lo), Math.min(b, hi)]);
  };
  for (const r of reports) {
    for (const row of r.rows) {
      r.columns.forEach((c, i) => {
        const cell = row.cells[i]!;
        const period = c.startsWith('q') ? c.slice(1) : r.quarter ? String(r.quarter) : 'Y';
        const v = `${row.key === 'total' ? 'all' : row.key}|${period}|${c.startsWith('q') ? 'total' : c}`;
        if (cell.suppressed === 'primary') set(v, 1, r.threshold - 1);
        else if (cell.suppressed === 'secondary') set(v, 0, Infinity);
        else set(v, cell.value, cell.value);
        if (cell.suppressed) hidden.set(v, cell.value);
      });
    }
  }
  return { bounds, hidden };
}

function equations(municipalities: string[]): Array<[string, string[]]> {
  const eq: Array<[string, string[]]> = [];
  const places = [...municipalities, 'all'];
  const periods = ['1', '2', '3', '4', 'Y'];
  for (const m of places) for (const p of periods) eq.push([`${m}|${p}|total`, G.map((g) => `${m}|${p}|${g}`)]);
  for (const m of places) for (const c of ['total', ...G]) eq.push([`${m}|Y|${c}`, ['1', '2', '3', '4'].map((p) => `${m}|${p}|${c}`)]);
  for (const p of periods) for (const c of ['total', ...G]) eq.push([`all|${p}|${c}`, municipalities.map((m) => `${m}|${p}|${c}`)]);
  return eq;
}

/** Tightens every variable's bounds from every equation `total = Σ parts` until nothing changes. */
function propagate(bounds: Bounds, eq: Array<[string, string[]]>): void {
  const get = (v: string) => bounds.get(v) ?? [0, Infinity];
  for (let changed = true, rounds = 0; changed && rounds < 1000; rounds++) {
    changed = false;
    const tighten = (v: string, lo: number, hi: number) => {
      const [a, b] = get(v);
      if (lo > a || hi < b) {
        bounds.set(v, [Math.max(a, lo), Math.min(b, hi)]);
        changed = true;
      }
    };
    for (const [total, parts] of eq) {
      const lo = parts.reduce((s, p) => s + get(p)[0], 0);
      const hi = parts.reduce((s, p) => s + get(p)[1], 0);
      tighten(total, lo, hi);
      const [tl, th] = get(total);
      for (const p of parts) {
        const othersLo = lo - get(p)[0];
        const othersHi = hi - get(p)[1];
        tighten(p, Math.max(0, tl - othersHi), th - othersLo);
      }
    }
  }
}

describe('suppression audit across the quarter and year reports of 2026', () => {
  // Before suppression was decided over the whole year, this recovered Härjedalen's quarter 3
  // (4): hidden as secondary in the year report, its quarter 1 (5) was printed in the quarter report.
  it('lets no hidden cell be worked out from every published sum together', async () => {
    const ctx = tb.bot.ctx;
    const reports = [await compileReport(ctx, { year: 2026 }, { forChannel: true })];
    for (const quarter of [1, 2, 3, 4] as const) reports.push(await compileReport(ctx, { year: 2026, quarter }, { forChannel: true }));
    const { bounds, hidden } = publish(reports);
    propagate(bounds, equations(Object.keys(fixture.inputs)));
    const recovered = [...hidden].filter(([v]) => bounds.get(v)![0] === bounds.get(v)![1]).map(([v, value]) => `${v}=${value}`);
    expect(recovered).toEqual([]);
  });
});

describe('suppression audit from the point of view of each reporting organisation (Stockholm: three report for one city)', () => {
  const REPORTERS = { 'boj-sg': 'U0JONAS', 'boj-sodra': 'U0SARA', 'boj-vasterort': 'U0LINNEA' } as const;
  let sb: TestBot;
  beforeAll(async () => {
    sb = await startTestBot({ clock: new ManualClock('2027-01-20T09:00:00Z') });
    const plan: Array<[keyof typeof REPORTERS, 1 | 2 | 3 | 4, [number, number, number]]> = [
      ['boj-sg', 1, [5, 5, 0]], ['boj-sodra', 1, [1, 1, 0]],
      ['boj-sg', 2, [4, 4, 0]], ['boj-sodra', 2, [3, 3, 0]], ['boj-vasterort', 2, [4, 3, 0]],
      ['boj-sg', 3, [6, 6, 1]], ['boj-vasterort', 3, [10, 9, 0]],
      ['boj-sg', 4, [7, 7, 0]], ['boj-sodra', 4, [6, 5, 0]], ['boj-vasterort', 4, [5, 5, 1]],
    ];
    for (const [party, quarter, gender] of plan) await (await reportSaver(sb.bot.ctx, REPORTERS[party]))(undefined, { year: 2026, quarter }, gender);
  });
  afterAll(async () => {
    await sb?.stop();
  });

  it('lets no organisation work out the others\' small counts by subtracting its own share from what is published', async () => {
    const ctx = sb.bot.ctx;
    const reports = [await compileReport(ctx, { year: 2026 }, { forChannel: true })];
    for (const quarter of [1, 2, 3, 4] as const) reports.push(await compileReport(ctx, { year: 2026, quarter }, { forChannel: true }));
    const published = publish(reports);
    const rows = await ctx.prisma.statisticsReport.findMany({ where: { current: true } });
    const partyKey = new Map((await ctx.prisma.party.findMany()).map((p) => [p.id, p.key]));
    const exposed: string[] = [];
    for (const party of Object.keys(REPORTERS)) {
      // What the organisation knows of its own: its part of every variable.
      const own = (v: string) => {
        const [, period, column] = v.split('|') as [string, string, string];
        return rows.filter((r) => partyKey.get(r.partyId) === party && (period === 'Y' || r.quarter === Number(period))).reduce((a, r) => a + (r as any)[column], 0);
      };
      // The others' part: the published bounds minus its own, with the same sums.
      const bounds: Bounds = new Map([...published.bounds].map(([v, [lo, hi]]) => [v, [Math.max(0, lo - own(v)), hi - own(v)] as [number, number]]));
      propagate(bounds, equations(['stockholm']));
      for (const [v] of published.bounds) {
        const others = (published.hidden.get(v) ?? published.bounds.get(v)![0]) - own(v);
        const [lo, hi] = bounds.get(v)!;
        if (others > 0 && others < 5 && lo === hi) exposed.push(`${party} learns ${v}: others ${others}`);
      }
    }
    expect(exposed).toEqual([]);
  });
});
