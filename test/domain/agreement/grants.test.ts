import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Database } from '../../../src/db/client.ts';
import { grantSplits, indexed, largestRemainder, parsePercent } from '../../../src/domain/agreement/grants.ts';
import { ManualClock } from '../../../src/domain/clock.ts';
import type { DomainContext } from '../../../src/domain/context.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import { parsePartnershipFile, PartnershipFileError } from '../../../src/domain/partnership/file-loader.ts';
import { syncPartnership } from '../../../src/domain/partnership/sync.ts';
import { STOCKHOLM } from '../../helpers/bot.ts';
import { openTestDatabase } from '../../helpers/db.ts';

function problems(doc: unknown): string[] {
  try {
    parsePartnershipFile(stringify(doc), 'p.yml');
  } catch (err) {
    expect(err).toBeInstanceOf(PartnershipFileError);
    return (err as PartnershipFileError).problems;
  }
  throw new Error('expected the file to be refused');
}
const stockholm = () => parse(fs.readFileSync(STOCKHOLM, 'utf8'));

describe('grant arithmetic', () => {
  it('splits by the largest remainder, ties to the larger weight, then the earlier key', () => {
    expect([...largestRemainder(10, [{ key: 'b', weight: 1 }, { key: 'a', weight: 1 }, { key: 'c', weight: 1 }])]).toEqual([['b', 3], ['a', 4], ['c', 3]]);
    // 7 × 2/4 = 3.5 and 7 × 1/4 = 1.75 twice: the kronor left go to the remainders .75, .75 (then .5).
    expect(Object.fromEntries(largestRemainder(7, [{ key: 'x', weight: 2 }, { key: 'y', weight: 1 }, { key: 'z', weight: 1 }]))).toEqual({ x: 3, y: 2, z: 2 });
    // Equal remainders, unequal weights: the larger weight first.
    expect(Object.fromEntries(largestRemainder(3, [{ key: 'a', weight: 1 }, { key: 'b', weight: 3 }]))).toEqual({ a: 1, b: 2 });
  });

  it('indexes exactly and rounds once, half up', () => {
    expect(indexed(731_101n * 100n, [])).toBe(731_101);
    expect(indexed(731_101n * 100n, [310])).toBe(753_765); // 753 765,131
    // Two years compound before the one rounding: 731 101 × 1,031 × 1,025 = 772 609,259…
    expect(indexed(731_101n * 100n, [310, 250])).toBe(772_609);
    expect(indexed(100n, [-50])).toBe(1); // 0,995 → 1
    expect(indexed(150n, [])).toBe(2); // 1,50 → 2
  });

  it('reads a percentage with a comma or a point', () => {
    expect(parsePercent('3,1')).toBe(310);
    expect(parsePercent('3.1')).toBe(310);
    expect(parsePercent('3,25 %')).toBe(325);
    expect(parsePercent('-0,5')).toBe(-50);
    expect(parsePercent('3')).toBe(300);
    for (const bad of ['tre', '3,125', '', '3,1,2', '1e2']) expect(parsePercent(bad)).toBeUndefined();
  });
});

describe('grants in the partnership file', () => {
  it('refuses unknown keys, unknown parties and a grant missing what its kind needs', () => {
    const doc = stockholm();
    doc.agreement = {
      grants: [
        { key: 'a', name: 'A', kind: 'population_split', payer: 'sof', receiver: 'boj-norr', amount: 100, population_day: '11-01' },
        { key: 'b', name: 'B', kind: 'fixed', receiver: 'boj-sg' },
        { key: 'c', name: 'C', kind: 'per_inhabitant', payer: 'sof', receiver: 'boj-sg', per_inhabitant: 1.2, population_day: '02-30' },
        { key: 'c', name: 'C2', kind: 'fixed', payer: 'sof', receiver: 'boj-sg', amount: 1, colour: 'red' },
      ],
      grant: [],
    };
    const p = problems(doc);
    const has = (re: RegExp) => expect(p.some((x) => re.test(x)), `${re} in ${p.join('\n')}`).toBe(true);
    has(/agreement: Unrecognized key: "grant"/);
    has(/agreement\.grants\.0\.payer: a population_split grant is paid by "municipalities"/);
    has(/agreement\.grants\.1\.amount: a fixed grant needs amount/);
    has(/agreement\.grants\.1\.payer: a fixed grant is paid by one party/);
    has(/agreement\.grants\.2\.population_day: is not a day of the year/);
    has(/agreement\.grants\.3: Unrecognized key: "colour"/);
    has(/^line \d+, agreement\.grants\.0\.receiver: unknown party "boj-norr"$/);
  });
});

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

describe('grant keys', () => {
  it('refuses a grant key declared twice, with its line', () => {
    const doc = stockholm();
    const g = { key: 'fast', name: 'Fast', kind: 'fixed', payer: 'sof', receiver: 'boj-sg', amount: 1 };
    doc.agreement = { grants: [g, { ...g, name: 'Fast igen' }] };
    expect(problems(doc)).toEqual([expect.stringMatching(/^line \d+, agreement\.grants\.1\.key: grant "fast" is declared twice$/)]);
  });
});

describe('grants synced from the file', () => {
  it('stores the grants idempotently and splits fixed and per-inhabitant grants', async () => {
    const doc = stockholm();
    doc.agreement = {
      grants: [
        { key: 'fast', name: 'Fast bidrag', kind: 'fixed', payer: 'sof', receiver: 'boj-sg', amount: 70000, payment_quarter: 1 },
        { key: 'per-invanare', name: 'Per invånare', kind: 'per_inhabitant', payer: 'sof', receiver: 'boj-sg', per_inhabitant: 1.2, population_day: '11-01', index: { kind: 'pkv', base_year: 2025 } },
      ],
    };
    const file = parsePartnershipFile(stringify(doc), 'p.yml');
    const first = await syncPartnership(db.prisma, file);
    expect((await syncPartnership(db.prisma, file)).changes).toBe(0);
    const settings = (await db.prisma.partnership.findUniqueOrThrow({ where: { id: first.partnershipId } })).settings as { grants: unknown[] };
    expect(settings.grants).toHaveLength(2);
    const ctx: DomainContext = { prisma: db.prisma, clock: new ManualClock('2025-03-01T10:00:00Z'), partnershipId: first.partnershipId, timezone: 'Europe/Stockholm', locale: 'sv' };
    const [fixed, perInhabitant] = await grantSplits(ctx, 2025);
    expect(fixed!.rows.map((r) => [r.key, r.population, r.amount])).toEqual([['sof', null, 70000]]);
    expect(fixed!.total).toBe(70000);
    // Stockholm's 988 943 inhabitants on 1 November 2024 × 1,20 kr = 1 186 731,60 → 1 186 732 kr.
    expect(perInhabitant!.rows.map((r) => [r.key, r.population, r.amount])).toEqual([['sof', 988943, 1186732]]);
    // 2026 is indexed by October 2025's PKV, which nobody has entered.
    const err = await grantSplits(ctx, 2026).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).key).toBe('grants.error.missingPkv');
    // The file without grants: the setting goes, and the second run again changes nothing.
    delete doc.agreement;
    const plain = parsePartnershipFile(stringify(doc), 'p.yml');
    expect((await syncPartnership(db.prisma, plain)).changes).toBe(1);
    expect((await syncPartnership(db.prisma, plain)).changes).toBe(0);
  });
});
