import { describe, expect, it } from 'vitest';
import { deadlineDate, parseQuarter, quarterEnd, quarterJustEnded, quarterOf, quarterStart } from '../../../src/domain/statistics/quarter.ts';
import { reminderTimes } from '../../../src/domain/statistics/reminders.ts';

const TZ = 'Europe/Stockholm';

describe('quarters in the partnership time zone', () => {
  it('reads the ways people write a quarter', () => {
    for (const s of ['2026-1', '2026-K1', '2026-q1', 'K1-2026', 'Q1 2026', '2026K1']) expect(parseQuarter(s), s).toEqual({ year: 2026, quarter: 1 });
    for (const s of ['2026', '2026-5', 'förra', '26-K1']) expect(parseQuarter(s), s).toBeUndefined();
  });

  it('counts a quarter from local midnight, across daylight saving time', () => {
    expect(quarterStart({ year: 2026, quarter: 2 }, TZ).toISOString()).toBe('2026-03-31T22:00:00.000Z');
    expect(quarterEnd({ year: 2026, quarter: 4 }, TZ).toISOString()).toBe('2026-12-31T23:00:00.000Z');
    expect(quarterOf(new Date('2026-03-31T22:30:00Z'), TZ)).toEqual({ year: 2026, quarter: 2 }); // 00:30 on 1 April in Stockholm
    expect(quarterOf(new Date('2026-03-31T21:30:00Z'), TZ)).toEqual({ year: 2026, quarter: 1 });
  });

  it('takes the quarter just ended from the local date, across a year boundary', () => {
    expect(quarterJustEnded(new Date('2026-12-31T22:30:00Z'), TZ)).toEqual({ year: 2026, quarter: 3 }); // 23:30 on 31 December in Stockholm
    expect(quarterJustEnded(new Date('2026-12-31T23:30:00Z'), TZ)).toEqual({ year: 2026, quarter: 4 }); // 00:30 on 1 January
    expect(quarterJustEnded(new Date('2026-05-15T12:00:00Z'), TZ)).toEqual({ year: 2026, quarter: 1 });
    expect(quarterJustEnded(new Date('2026-02-01T12:00:00Z'), TZ)).toEqual({ year: 2025, quarter: 4 });
  });

  it('puts the deadline the given number of days after the last day, and the reminders at 08:00', () => {
    expect(deadlineDate({ year: 2026, quarter: 1 }, 15)).toEqual({ year: 2026, month: 4, day: 15 });
    expect(deadlineDate({ year: 2026, quarter: 4 }, 15)).toEqual({ year: 2027, month: 1, day: 15 });
    const at = reminderTimes({ year: 2026, quarter: 3 }, 15, TZ);
    expect(at.quarterEnd.toISOString()).toBe('2026-10-01T06:00:00.000Z');
    expect(at.deadline.toISOString()).toBe('2026-10-15T06:00:00.000Z');
  });
});
