import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import fs from 'node:fs';
import type { Database } from '../../../src/db/client.ts';
import { ManualClock } from '../../../src/domain/clock.ts';
import type { DomainContext } from '../../../src/domain/context.ts';
import { annualReminderTimes } from '../../../src/domain/followup/reminders.ts';
import { annualReportSettings, DEFAULT_COST_CATEGORIES, deadlineOf } from '../../../src/domain/followup/settings.ts';
import { parsePartnershipFile, PartnershipFileError } from '../../../src/domain/partnership/file-loader.ts';
import { syncPartnership } from '../../../src/domain/partnership/sync.ts';
import { STOCKHOLM } from '../../helpers/bot.ts';
import { openTestDatabase } from '../../helpers/db.ts';

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

const withAnnualReport = (annual: unknown) => {
  const doc = parse(fs.readFileSync(STOCKHOLM, 'utf8'));
  doc.partnership.annual_report = annual;
  return stringify(doc);
};
const ctxOf = (partnershipId: string): DomainContext => ({ prisma: db.prisma, clock: new ManualClock('2027-01-10T09:00:00Z'), partnershipId, timezone: 'Europe/Stockholm', locale: 'sv' });

describe('the annual report in the partnership file', () => {
  it('refuses a deadline that is not a day of the year, naming the path', () => {
    try {
      parsePartnershipFile(withAnnualReport({ deadline: '02-30' }), 'p.yml');
      throw new Error('expected the file to be refused');
    } catch (err) {
      expect(err).toBeInstanceOf(PartnershipFileError);
      expect((err as PartnershipFileError).problems.some((p) => p.endsWith('partnership.annual_report.deadline: is not a day of the year'))).toBe(true);
    }
  });

  it('uses 15 February and the default cost categories unless the file says otherwise', async () => {
    const plain = await syncPartnership(db.prisma, parsePartnershipFile(fs.readFileSync(STOCKHOLM, 'utf8'), 'p.yml'));
    const s = await annualReportSettings(ctxOf(plain.partnershipId));
    expect(s).toEqual({ deadline: '02-15', costCategories: DEFAULT_COST_CATEGORIES });

    const file = parsePartnershipFile(withAnnualReport({ deadline: '03-01', cost_categories: ['Löner', 'Hyra'] }), 'p.yml');
    // Applied again with its own settings, the file's change is what counts from then on.
    await syncPartnership(db.prisma, file);
    const settings = await annualReportSettings(ctxOf(plain.partnershipId));
    expect(settings).toEqual({ deadline: '03-01', costCategories: ['Löner', 'Hyra'] });
    // Two weeks before 1 March 2027 is 15 February, at 08:00 in Stockholm (UTC+1 in winter).
    expect(annualReminderTimes(deadlineOf(2026, settings), 'Europe/Stockholm')).toEqual({ early: new Date('2027-02-15T07:00:00Z'), deadline: new Date('2027-03-01T07:00:00Z') });
  });
});
