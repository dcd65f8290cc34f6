import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.ts';
import { ManualClock } from '../../../src/domain/clock.ts';
import type { DomainContext } from '../../../src/domain/context.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import { compileFollowup, type CompiledFollowup } from '../../../src/domain/followup/compile.ts';
import { followupDocument } from '../../../src/domain/followup/document.ts';
import { parsePartnershipFile } from '../../../src/domain/partnership/file-loader.ts';
import { syncPartnership } from '../../../src/domain/partnership/sync.ts';
import { requireActor } from '../../../src/domain/partnership/directory.ts';
import { compileReport } from '../../../src/domain/statistics/compile.ts';
import { STOCKHOLM } from '../../helpers/bot.ts';
import { openTestDatabase } from '../../helpers/db.ts';

let db: Database;
let ctx: DomainContext;

/** One quarter's figures: people by gender; everyone 21–64, a victim, of the first crime type; two meetings and three volunteer hours a person. */
type Quarter = { f: number; m: number; o: number };
const FIGURES: Record<string, Record<number, Quarter[]>> = {
  // association → year → its quarters (Västerort's fourth quarter of 2026 is missing)
  'boj-sg': { 2025: Array(4).fill({ f: 5, m: 3, o: 0 }), 2026: Array(4).fill({ f: 6, m: 4, o: 0 }) },
  'boj-sodra': { 2025: Array(4).fill({ f: 4, m: 4, o: 0 }), 2026: Array(4).fill({ f: 5, m: 3, o: 0 }) },
  'boj-vasterort': { 2025: Array(4).fill({ f: 3, m: 2, o: 0 }), 2026: Array(3).fill({ f: 3, m: 2, o: 1 }) },
};

beforeAll(async () => {
  db = await openTestDatabase();
  const { partnershipId } = await syncPartnership(db.prisma, parsePartnershipFile(fs.readFileSync(STOCKHOLM, 'utf8'), 'stockholm.yml'));
  ctx = { prisma: db.prisma, clock: new ManualClock('2027-02-20T09:00:00Z'), partnershipId, timezone: 'Europe/Stockholm', locale: 'sv' };
  const stockholm = await db.prisma.municipality.findFirstOrThrow({ where: { partnershipId, key: 'stockholm' } });
  const crime = (JSON.parse(JSON.stringify((await db.prisma.partnership.findUniqueOrThrow({ where: { id: partnershipId } })).settings)).crimeTypes ?? ['Våld i nära relation'])[0] as string;
  for (const [key, years] of Object.entries(FIGURES)) {
    const party = await db.prisma.party.findFirstOrThrow({ where: { partnershipId, key } });
    const member = await db.prisma.member.findFirstOrThrow({ where: { partyId: party.id } });
    for (const [year, quarters] of Object.entries(years)) {
      await db.prisma.statisticsReport.createMany({
        data: quarters.map((q, i) => {
          const total = q.f + q.m + q.o;
          return {
            partnershipId, partyId: party.id, municipalityId: stockholm.id, year: Number(year), quarter: i + 1, version: 1,
            total, genderFemale: q.f, genderMale: q.m, genderOther: q.o, age0to17: 0, age18to20: 0, age21to64: total, age65plus: 0,
            roleVictim: total, roleWitness: 0, roleVictimRelative: 0, rolePerpetratorRelative: 0, meetings: total * 2, referrals: 0,
            volunteerHours: total * 3, crimeTypes: { [crime]: total }, submittedById: member.id, submittedAt: new Date(Date.UTC(Number(year), (i + 1) * 3, 5)),
          };
        }),
      });
    }
    // Two of the three associations have submitted their report of 2026.
    if (key !== 'boj-vasterort') {
      await db.prisma.annualReport.create({
        data: {
          partnershipId, partyId: party.id, year: 2026, version: 1, current: true, submittedById: member.id, submittedAt: new Date('2027-02-01T10:00:00Z'),
          statistics: {},
          content: {
            narrative: { activities: `Stödsamtal hos ${party.shortName}`, goals: 'Målen nåddes.', cooperation: 'Med polisen.', complaints: 1, views: 2, complaintsHandling: null },
            financial: { grants: [{ municipality: 'stockholm', name: 'Stockholm', received: 500000 }], costs: [{ category: 'Personal', amount: 400000 }, { category: 'Lokaler', amount: 90000 }], totalCosts: 490000, volunteerHours: 120, comment: null },
          },
        },
      });
    }
  }
});
afterAll(async () => {
  await db?.close();
});

const sum = (qs: Quarter[], pick: (q: Quarter) => number) => qs.reduce((s, q) => s + pick(q), 0);
const people = (key: string, year: number) => sum(FIGURES[key]![year]!, (q) => q.f + q.m + q.o);
const compile = async (user: string) => compileFollowup(ctx, await requireActor(ctx, user), 2026);

describe('the compiled follow-up of a year', () => {
  let c: CompiledFollowup;
  beforeAll(async () => {
    c = await compile('U0ANNA'); // Socialförvaltningen: the municipality
  });

  it('adds up each association and the partnership, and the change since the previous year', () => {
    // By hand: 2026 is 4×10 + 4×8 + 3×6 = 90 people, 2025 is 4×8 + 4×8 + 4×5 = 84.
    expect(people('boj-sg', 2026) + people('boj-sodra', 2026) + people('boj-vasterort', 2026)).toBe(90);
    expect(c.total.cells.total).toEqual({ value: 90 });
    expect(c.total.changes.total).toEqual({ current: 90, previous: 84, change: 6, percent: 7.1, hidden: false }); // 6 / 84 = 7.14 %
    const byName = Object.fromEntries(c.associations.map((a) => [a.name, a.total]));
    expect(Object.keys(byName)).toEqual(['BOJ Stockholm-Gotland', 'BOJ Södra Stockholm', 'BOJ Västerort']);
    expect(byName['BOJ Stockholm-Gotland']!.changes.total).toEqual({ current: 40, previous: 32, change: 8, percent: 25, hidden: false });
    expect(byName['BOJ Södra Stockholm']!.changes.total).toEqual({ current: 32, previous: 32, change: 0, percent: 0, hidden: false });
    expect(byName['BOJ Västerort']!.changes.total).toEqual({ current: 18, previous: 20, change: -2, percent: -10, hidden: false });
    // Volunteer hours are hours, never hidden: 3 an hour per person.
    expect(c.total.changes.volunteerHours).toEqual({ current: 270, previous: 252, change: 18, percent: 7.1, hidden: false });
    expect(c.total.cells.meetings).toEqual({ value: 180 });
  });

  it('hides small counts as the year report does, and the change of a hidden count', async () => {
    // Västerort's 3 people of another gender (1 a quarter) are fewer than 5: hidden in its row and in the total.
    const vasterort = c.associations.find((a) => a.key === 'boj-vasterort')!.total;
    expect(vasterort.cells.genderOther).toEqual({ value: 3, suppressed: 'primary' });
    expect(c.total.cells.genderOther).toEqual({ value: 3, suppressed: 'primary' });
    // 2025 had 0 of another gender, shown; the change would reveal 2026's 3.
    expect(c.total.previous!.cells.genderOther).toEqual({ value: 0 });
    expect(c.total.changes.genderOther).toEqual({ current: null, previous: null, change: null, percent: null, hidden: true });
    // No sum gives a hidden count away: the gender split of every row has at least two hidden cells.
    for (const row of [...c.associations.map((a) => a.total), c.total]) {
      const hidden = ['genderFemale', 'genderMale', 'genderOther'].filter((k) => row.cells[k]!.suppressed);
      expect(hidden.length === 0 || hidden.length >= 2, row.label).toBe(true);
    }
    // Everything the statistics' year report hides is hidden here too.
    const year = await compileReport(ctx, { year: 2026 }, { forChannel: true });
    year.columns.forEach((col, i) => {
      if (!col.startsWith('q') && year.rows[0]!.cells[i]!.suppressed) expect(c.total.cells[col]!.suppressed, col).toBeTruthy();
    });
    // The document prints "<5" for it and ".." for its change, never the number.
    const doc = followupDocument('sv', c);
    const tables = doc.blocks.filter((b) => b.kind === 'table');
    const gender = tables.find((b) => b.caption.startsWith('Personer som fått stöd 2026 efter kön, alla föreningar'))!;
    expect(gender.rows.at(-1)!.cells).toContain('<5');
    const yoy = tables.find((b) => b.caption.startsWith('Förändring från 2025 till 2026'))!;
    expect(yoy.rows.find((r) => r.cells[0] === 'Annat eller ej angivet')!.cells).toEqual(['Annat eller ej angivet', '0', '<5', '..', '..']);
    expect(yoy.rows.find((r) => r.cells[0] === 'Antal personer som fått stöd')!.cells).toEqual(['Antal personer som fått stöd', '84', '90', '+6', '+7,1 %']);
  });

  it('brings the submitted reports and says what is missing', () => {
    expect([c.submitted, c.expected]).toEqual([2, 3]);
    expect(c.missing.reports).toEqual(['BOJ Västerort']);
    expect(c.missing.statistics).toEqual([{ association: 'BOJ Västerort', municipality: 'Stockholm', quarters: [4] }]);
    expect(c.associations.find((a) => a.key === 'boj-sg')!.report!.content.financial.totalCosts).toBe(490000);
    // In English too, from the same compilation.
    const en = followupDocument('en', c);
    expect([en.lang, en.title]).toEqual(['en', 'Annual follow-up 2026 – IOP Stödverksamhet för brottsutsatta – Stockholms stad']);
    expect(en.blocks).toContainEqual({ kind: 'list', items: ['BOJ Västerort: the annual report for 2026', 'BOJ Västerort, Stockholm: statistics for quarter 4'] });
  });

  it('is audited, and refused to an association\'s member who is not in the steering group', async () => {
    const audits = await db.prisma.auditLog.findMany({ where: { entityType: 'FollowupCompilation' } });
    expect(audits.map((a) => [a.action, a.entityId, a.actorLabel])).toEqual([['compile', '2026', 'Anna Lindqvist (Socialförvaltningen)']]);
    await expect(compile('U0JONAS')).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.key === 'followup.compile.error.notAllowed');
    // A steering group member of an association may.
    expect((await compile('U0MARIA')).total.cells.total).toEqual({ value: 90 });
  });
});
