import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { ICalCalendar, ICalCalendarMethod } from 'ical-generator';
import type { CalendarEvent } from '../domain/calendar/events.ts';

/**
 * An iCalendar feed (RFC 5545) for calendar clients that subscribe by address: times in the
 * partnership's time zone with its VTIMEZONE, so a meeting at 13:00 stays at 13:00 across a
 * daylight-saving change; deadlines as whole days. UIDs are stable, so a changed meeting (a swap,
 * a new schedule) updates the entry instead of adding one.
 */
export function renderIcs(o: { name: string; timezone: string; host: string; events: CalendarEvent[]; now: Date }): string {
  const cal = new ICalCalendar({ name: o.name, prodId: { company: 'Samverkan', product: 'samverkan', language: 'SV' }, method: ICalCalendarMethod.PUBLISH, ttl: 60 * 60 });
  // No calendar-wide zone: it would make ical-generator write DTSTAMP in local time (RFC 5545
  // wants UTC). Each timed event carries its TZID, and the generator adds that zone's VTIMEZONE.
  cal.timezone({ name: null, generator: getVtimezoneComponent });
  const stamp = o.now;
  for (const e of o.events) {
    const common = { id: `${e.uid}@${o.host}`, summary: e.summary, stamp, ...(e.description ? { description: e.description } : {}) };
    if ('date' in e) {
      const [y, m, d] = e.date.split('-').map(Number) as [number, number, number];
      // A whole day is a date without a zone, written from the Date's UTC fields.
      cal.createEvent({ ...common, allDay: true, start: new Date(Date.UTC(y, m - 1, d)), end: new Date(Date.UTC(y, m - 1, d + 1)) });
    } else {
      // A zoned date, so the wall-clock time written is the partnership's, not this server's.
      cal.createEvent({ ...common, start: new TZDate(e.start.getTime(), o.timezone), end: new TZDate(e.end.getTime(), o.timezone), timezone: o.timezone });
    }
  }
  return cal.toString();
}
