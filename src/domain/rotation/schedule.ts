import cron from 'node-cron';
import { addDays, dayNumber, localParts, parseIsoDate, weekdayOf, zonedToUtc, type LocalDate } from './time.ts';

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The shape of `meetings` in the partnership file (and of schedules set by command). */
export interface MeetingSpec {
  every_weeks?: number;
  weekday?: Weekday;
  time?: string;
  starting?: string;
  cron?: string;
  duration_minutes?: number;
}

export const DEFAULT_DURATION = 120;

/**
 * The meetings of one recurring schedule in [from, to), in the zone's wall-clock time. `anchor`
 * is where a schedule without a start date (a cron expression) begins counting.
 */
export function recurringMeetings(spec: MeetingSpec, tz: string, from: Date, to: Date, anchor: Date): Date[] {
  if (spec.cron) return cronMeetings(spec.cron, tz, from < anchor ? anchor : from, to);
  if (!spec.every_weeks) return [];
  const [hh, mm] = (spec.time ?? '13:00').split(':').map(Number) as [number, number];
  let first: LocalDate = (spec.starting && parseIsoDate(spec.starting)) || localParts(anchor, tz);
  const want = spec.weekday ? WEEKDAYS.indexOf(spec.weekday) : weekdayOf(first);
  first = addDays(first, (want - weekdayOf(first) + 7) % 7);
  const step = spec.every_weeks * 7;
  // Jump close to `from` instead of walking from a start date years back.
  const fromDay = dayNumber(localParts(from, tz));
  const skip = Math.max(0, Math.floor((fromDay - dayNumber(first)) / step) - 1);
  const out: Date[] = [];
  for (let i = skip; ; i++) {
    const at = zonedToUtc(addDays(first, i * step), hh, mm, tz);
    if (at >= to) return out;
    if (at >= from) out.push(at);
  }
}

const MAX_CRON_MEETINGS = 2000;

/** Every minute a cron expression fires in [from, to), evaluated on wall-clock time in the zone. */
export function cronMeetings(expression: string, tz: string, from: Date, to: Date): Date[] {
  const f = cron.parse(expression);
  const full = (xs: unknown[], n: number) => xs.length >= n;
  // As in classic cron: when both day fields are restricted, either may match.
  const domRestricted = !full(f.dayOfMonth, 31);
  const dowRestricted = !full(f.dayOfWeek, 7);
  const dows = new Set(f.dayOfWeek.map((d) => Number(d) % 7));
  const doms = new Set(f.dayOfMonth.map(Number));
  const out: Date[] = [];
  for (let day: LocalDate = localParts(from, tz); out.length < MAX_CRON_MEETINGS; day = addDays(day, 1)) {
    if (zonedToUtc(day, 0, 0, tz) >= to) break;
    if (!f.month.includes(day.m)) continue;
    const domOk = doms.has(day.d);
    const dowOk = dows.has(weekdayOf(day));
    const dayOk = domRestricted && dowRestricted ? domOk || dowOk : domOk && dowOk;
    if (!dayOk) continue;
    for (const hh of f.hour) {
      for (const mm of f.minute) {
        const at = zonedToUtc(day, hh, mm, tz);
        if (at >= from && at < to) out.push(at);
      }
    }
  }
  return out;
}

export function validCron(expression: string): boolean {
  try {
    const fields = expression.trim().split(/\s+/);
    return (fields.length === 5 || fields.length === 6) && cron.validate(expression);
  } catch {
    return false;
  }
}
