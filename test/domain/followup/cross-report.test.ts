import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.ts';
import { ManualClock } from '../../../src/domain/clock.ts';
import type { DomainContext } from '../../../src/domain/context.ts';
import { compileFollowup } from '../../../src/domain/followup/compile.ts';
import { parsePartnershipFile } from '../../../src/domain/partnership/file-loader.ts';
import { syncPartnership } from '../../../src/domain/partnership/sync.ts';
import { requireActor } from '../../../src/domain/partnership/directory.ts';
import { compileReport } from '../../../src/domain/statistics/compile.ts';
import { JAMTLAND } from '../../helpers/bot.ts';
import { openTestDatabase } from '../../helpers/db.ts';

// The compiled follow-up and /statistik rapport print the same year's figures by municipality and
// gender. Whoever holds both must learn no more than from either: a cell the year report hides is
// hidden in the follow-up, and a cell the year report prints is never "hidden" in the follow-up
// (hiding it would protect nothing, so the follow-up must protect the cells beside it with it known:
// the age, role and crime-type breakdowns add up to those very totals).
let db: Database;
let ctx: DomainContext;

/** A small deterministic generator, so each year's figures are random but the same every run. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** Splits n into k non-negative parts, many of them small. */
function split(next: () => number, n: number, k: number): number[] {
  const cuts = Array.from({ length: k - 1 }, () => Math.floor(next() * (n + 1))).sort((a, b) => a - b);
  return [...cuts, n].map((c, i) => c - (i ? cuts[i - 1]! : 0));
}

const YEARS = [2016, 2017, 2018, 2019, 2020, 2021];

beforeAll(async () => {
  db = await openTestDatabase();
  const { partnershipId } = await syncPartnership(db.prisma, parsePartnershipFile(fs.readFileSync(JAMTLAND, 'utf8'), 'jamtland.yml'));
  ctx = { prisma: db.prisma, clock: new ManualClock('2022-03-01T09:00:00Z'), partnershipId, timezone: 'Europe/Stockholm', locale: 'sv' };
  const party = await db.prisma.party.findFirstOrThrow({ where: { partnershipId, key: 'boj-jamtland' } });
  const member = await db.prisma.member.findFirstOrThrow({ where: { partyId: party.id } });
  const municipalities = await db.prisma.municipality.findMany({ where: { partnershipId }, orderBy: { key: 'asc' } });
  const crimes = ((await db.prisma.partnership.findUniqueOrThrow({ where: { id: partnershipId } })).settings as { crimeTypes?: string[] }).crimeTypes ?? ['Våld i nära relation'];
  for (const year of [2015, ...YEARS]) {
    const next = random(year);
    const data = municipalities.flatMap((m, mi) =>
      [1, 2, 3, 4].map((quarter) => {
        // Mostly small municipalities: 0–9 people a quarter, now and then 10–30; one or two a year
        // with fewer than 5 in the whole year, whose total both reports must hide.
        const tiny = mi === year % municipalities.length || (year % 2 === 0 && mi === (year + 3) % municipalities.length);
        const total = tiny ? Math.floor(next() * 2) : next() < 0.8 ? Math.floor(next() * 10) : 10 + Math.floor(next() * 21);
        const [f, ma, o] = split(next, total, 3);
        const age = split(next, total, 4);
        const role = split(next, total, 4);
        const crime = split(next, total, Math.min(3, crimes.length));
        return {
          partnershipId, partyId: party.id, municipalityId: m.id, year, quarter, version: 1,
          total, genderFemale: f!, genderMale: ma!, genderOther: o!, age0to17: age[0]!, age18to20: age[1]!, age21to64: age[2]!, age65plus: age[3]!,
          roleVictim: role[0]!, roleWitness: role[1]!, roleVictimRelative: role[2]!, rolePerpetratorRelative: role[3]!, meetings: total * 2, referrals: age[0]! + age[1]!,
          volunteerHours: total * 3, crimeTypes: Object.fromEntries(crime.map((n, i) => [crimes[i]!, n])), submittedById: member.id, submittedAt: new Date(Date.UTC(year, quarter * 3, 5)),
        };
      }),
    );
    await db.prisma.statisticsReport.createMany({ data });
  }
}, 120_000);
afterAll(async () => db?.close());

describe('the follow-up beside the year report', () => {
  it.each(YEARS)('%i: hides exactly what /statistik rapport hides by municipality and gender', async (year) => {
    const who = await requireActor(ctx, 'U0J10'); // Bergs kommun
    const followup = await compileFollowup(ctx, who, year);
    const statistics = await compileReport(ctx, { year }, { forChannel: true });
    let compared = 0;
    let hidden = 0;
    const differences: string[] = [];
    for (const row of statistics.rows) {
      const mine = row.key === 'total' ? followup.total : followup.municipalities.find((m) => m.key === row.key);
      expect(mine, row.key).toBeDefined();
      statistics.columns.forEach((column, c) => {
        if (column.startsWith('q')) return;
        const there = row.cells[c]!;
        const here = mine!.cells[column]!;
        expect(here.value).toBe(there.value);
        compared++;
        if (there.suppressed) hidden++;
        if (Boolean(here.suppressed) !== Boolean(there.suppressed)) differences.push(`${row.key} ${column}: rapport ${there.suppressed ?? 'visad'}, uppföljning ${here.suppressed ?? 'visad'}`);
      });
    }
    expect(differences).toEqual([]);
    expect(compared).toBe(9 * 4);
    // The figures are small enough that every year hides something: the comparison is not empty.
    expect(hidden).toBeGreaterThan(0);
  }, 120_000);
});

