import { describe, expect, it } from 'vitest';
import { cronMeetings, recurringMeetings } from '../../../src/domain/rotation/schedule.ts';
import { addWorkingDays, zonedToUtc } from '../../../src/domain/rotation/time.ts';

const TZ = 'Europe/Stockholm';
const iso = (ds: Date[]) => ds.map((d) => d.toISOString());

describe('meeting schedules in Europe/Stockholm', () => {
  it('keeps "every 6 weeks on Tuesday 13:00" at 13:00 local across both DST changes', () => {
    const spec = { every_weeks: 6, weekday: 'tuesday' as const, time: '13:00', starting: '2026-01-13' };
    const got = recurringMeetings(spec, TZ, new Date(0), new Date('2026-12-31T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    expect(iso(got)).toEqual([
      '2026-01-13T12:00:00.000Z',
      '2026-02-24T12:00:00.000Z',
      '2026-04-07T11:00:00.000Z', // summer time (from 29 March)
      '2026-05-19T11:00:00.000Z',
      '2026-06-30T11:00:00.000Z',
      '2026-08-11T11:00:00.000Z',
      '2026-09-22T11:00:00.000Z',
      '2026-11-03T12:00:00.000Z', // winter time again (from 25 October)
      '2026-12-15T12:00:00.000Z',
    ]);
  });

  it('starts on the first such weekday on or after the start date, and only lists meetings in the window', () => {
    const spec = { every_weeks: 2, weekday: 'thursday' as const, time: '09:30', starting: '2026-03-23' };
    const got = recurringMeetings(spec, TZ, new Date('2026-04-01T00:00:00Z'), new Date('2026-05-01T00:00:00Z'), new Date(0));
    expect(iso(got)).toEqual(['2026-04-09T07:30:00.000Z', '2026-04-23T07:30:00.000Z']);
  });

  it('evaluates cron expressions on Stockholm wall-clock time across the spring change', () => {
    const got = cronMeetings('0 13 * * 2', TZ, new Date('2026-03-20T00:00:00Z'), new Date('2026-04-02T00:00:00Z'));
    expect(iso(got)).toEqual(['2026-03-24T12:00:00.000Z', '2026-03-31T11:00:00.000Z']);
    // First Monday of the month: both day fields restricted → either matches, as in classic cron, so use an explicit list.
    const firsts = cronMeetings('0 10 1 * *', TZ, new Date('2026-10-01T00:00:00Z'), new Date('2026-12-02T00:00:00Z'));
    expect(iso(firsts)).toEqual(['2026-10-01T08:00:00.000Z', '2026-11-01T09:00:00.000Z', '2026-12-01T09:00:00.000Z']);
  });

  it('moves a wall-clock time that does not exist (02:30 on the spring-forward night) an hour later', () => {
    expect(zonedToUtc({ y: 2026, m: 3, d: 29 }, 2, 30, TZ).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedToUtc({ y: 2026, m: 10, d: 25 }, 12, 0, TZ).toISOString()).toBe('2026-10-25T11:00:00.000Z');
  });

  it('counts working days, skipping the weekend and keeping local time over a DST change', () => {
    // Thursday 26 March 13:00 (winter) + 2 working days = Monday 30 March 13:00 (summer).
    expect(addWorkingDays(new Date('2026-03-26T12:00:00Z'), 2, TZ).toISOString()).toBe('2026-03-30T11:00:00.000Z');
    expect(addWorkingDays(new Date('2026-01-13T12:00:00Z'), 2, TZ).toISOString()).toBe('2026-01-15T12:00:00.000Z');
  });
});
