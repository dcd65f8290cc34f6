import { describe, expect, it } from 'vitest';
import { termSchema } from '../../../src/domain/partnership/file-schema.ts';
import { addMonths, nextNoticeDeadline, noticeDeadlines, noticeEffect, periodOn, periods, renewalSettled } from '../../../src/domain/agreement/term.ts';
import type { AgreementOverview } from '../../../src/domain/agreement/overview.ts';
import { agreementMessage } from '../../../src/slack/blocks/agreement.ts';

// Stockholm's agreement (seed 003 §5.1, §5.3).
const stockholm = termSchema.parse({ start: '2025-04-01', first_end: '2025-12-31', renewal_years: 1, latest_end: '2027-12-31', notice_deadline: '09-30' });

describe('the agreement\'s term', () => {
  it('has a first period, then one calendar year at a time up to the latest end, and no renewal past it', () => {
    expect(periods(stockholm)).toEqual([
      { index: 0, start: '2025-04-01', end: '2025-12-31' },
      { index: 1, start: '2026-01-01', end: '2026-12-31' },
      { index: 2, start: '2027-01-01', end: '2027-12-31' },
    ]);
    expect(periodOn(stockholm, '2025-03-31')).toBeUndefined();
    expect(periodOn(stockholm, '2026-06-01')?.index).toBe(1);
    expect(periodOn(stockholm, '2028-01-01')).toBeUndefined();
    // A renewal that would pass the latest end is cut at it.
    const twoYears = termSchema.parse({ ...stockholm, renewal_years: 2, latest_end: '2028-12-31' });
    expect(periods(twoYears).map((p) => p.end)).toEqual(['2025-12-31', '2027-12-31', '2028-12-31']);
  });

  it('knows the notice deadline that decides the next renewal, and none in the last period', () => {
    expect(nextNoticeDeadline(stockholm, '2025-09-30')).toBe('2025-09-30');
    expect(nextNoticeDeadline(stockholm, '2025-10-01')).toBe('2026-09-30');
    expect(nextNoticeDeadline(stockholm, '2026-10-01')).toBeUndefined();
    expect(noticeDeadlines(stockholm, '2025-01-01', '2030-01-01')).toEqual(['2025-09-30', '2026-09-30']);
  });

  it('makes a notice given by 30 September effective on 1 January, a late one a year later, never after the end', () => {
    expect(noticeEffect(stockholm, '2025-09-30')).toEqual({ deadline: '2025-09-30', late: false, effectiveOn: '2026-01-01', endsWithAgreement: false });
    expect(noticeEffect(stockholm, '2025-10-01')).toEqual({ deadline: '2025-09-30', late: true, effectiveOn: '2027-01-01', endsWithAgreement: false });
    expect(noticeEffect(stockholm, '2026-10-05')).toEqual({ deadline: '2026-09-30', late: true, effectiveOn: '2028-01-01', endsWithAgreement: false });
    expect(noticeEffect(stockholm, '2027-10-05')).toEqual({ deadline: '2027-09-30', late: true, effectiveOn: '2028-01-01', endsWithAgreement: true });
    expect(noticeEffect(termSchema.parse({ start: '2026-01-01' }), '2026-05-01')).toBeUndefined();
  });

  it('counts months back to the month\'s last day', () => {
    expect(addMonths('2027-12-31', -6)).toBe('2027-06-30');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
  });

  it('refuses a term whose dates are out of order', () => {
    expect(termSchema.safeParse({ start: '2025-04-01', first_end: '2025-01-01' }).success).toBe(false);
    expect(termSchema.safeParse({ start: '2025-04-01', renewal_years: 1 }).error?.issues[0]?.message).toContain('first_end');
    expect(termSchema.safeParse({ start: '2025-04-01', notice_deadline: '9-30' }).success).toBe(false);
  });
});

describe('/samverkan avtal after the notice deadline', () => {
  const overview = (today: string): AgreementOverview => {
    const current = periodOn(stockholm, today);
    const next = current ? periods(stockholm)[current.index + 1] : undefined;
    const d = nextNoticeDeadline(stockholm, today);
    return { spec: stockholm, today, current, next, nextSettled: renewalSettled(stockholm, today, next), end: '2027-12-31', deadline: d ? { date: d, daysLeft: 0 } : undefined, notices: [] };
  };

  it('knows a renewal whose deadline has passed is settled, and one still ahead is not', () => {
    const next2026 = periods(stockholm)[1];
    expect(renewalSettled(stockholm, '2025-09-30', next2026)).toBe(false);
    expect(renewalSettled(stockholm, '2025-10-01', next2026)).toBe(true);
    expect(renewalSettled(stockholm, '2026-12-02', periods(stockholm)[2])).toBe(true);
    // The first period is no renewal.
    expect(renewalSettled(stockholm, '2025-01-01', periods(stockholm)[0])).toBe(false);
  });

  it('says the coming period is settled, not "unless notice is given", and when a notice given today would take effect', () => {
    const autumn = agreementMessage('sv', overview('2025-10-15'), []).text!;
    expect(autumn).toContain('Förlängs med perioden *1 januari 2026 – 31 december 2026*: sista dagen för uppsägning inför den har passerat.');
    expect(autumn).not.toContain('om den inte sägs upp');
    expect(autumn).toContain('Sista dag att säga upp inför perioden därefter: *30 september 2026*');
    const lastYear = agreementMessage('sv', overview('2026-12-02'), []).text!;
    expect(lastYear).toContain('Förlängs med perioden *1 januari 2027 – 31 december 2027*: sista dagen för uppsägning inför den har passerat.');
    expect(lastYear).toContain('en uppsägning i dag skulle gälla först från 1 januari 2028, dagen efter att den har upphört.');
    expect(agreementMessage('en', overview('2026-12-02'), []).text).toContain('a notice given today would take effect only on 1 January 2028');
  });
});
