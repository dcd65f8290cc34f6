/**
 * Wall-clock arithmetic in a named time zone with nothing but Intl: a meeting "Tuesday 13:00" in
 * Europe/Stockholm is 12:00Z in winter and 11:00Z in summer.
 */
export interface LocalDate {
  y: number;
  m: number; // 1–12
  d: number;
}

export interface LocalParts extends LocalDate {
  hh: number;
  mm: number;
  /** 0 = Sunday … 6 = Saturday, as in cron. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(tz, f);
  }
  return f;
}

export function localParts(at: Date, tz: string): LocalParts {
  const parts = formatter(tz).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const y = get('year');
  const m = get('month');
  const d = get('day');
  return { y, m, d, hh: get('hour'), mm: get('minute'), weekday: new Date(Date.UTC(y, m - 1, d)).getUTCDay() };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetMs(at: number, tz: string): number {
  const p = localParts(new Date(at), tz);
  const wall = Date.UTC(p.y, p.m - 1, p.d, p.hh, p.mm, new Date(at).getUTCSeconds());
  return wall - Math.floor(at / 1000) * 1000;
}

/** The instant a wall-clock time occurs in the zone (a time skipped by DST lands an hour later). */
export function zonedToUtc(date: LocalDate, hh: number, mm: number, tz: string): Date {
  const wall = Date.UTC(date.y, date.m - 1, date.d, hh, mm);
  const first = wall - offsetMs(wall, tz);
  return new Date(wall - offsetMs(first, tz));
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export const weekdayOf = (date: LocalDate) => new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
export const dayNumber = (date: LocalDate) => Date.UTC(date.y, date.m - 1, date.d) / 86_400_000;
export const isoDate = (date: LocalDate) => `${date.y}-${String(date.m).padStart(2, '0')}-${String(date.d).padStart(2, '0')}`;

export function parseIsoDate(text: string): LocalDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const date = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  const back = addDays(date, 0);
  return back.y === date.y && back.m === date.m && back.d === date.d ? date : undefined;
}

export function parseTime(text: string): { hh: number; mm: number } | undefined {
  const m = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(text);
  return m ? { hh: Number(m[1]), mm: Number(m[2]) } : undefined;
}

/** The same wall-clock time `days` working days (Monday–Friday) later. */
export function addWorkingDays(at: Date, days: number, tz: string): Date {
  const p = localParts(at, tz);
  let date: LocalDate = p;
  for (let left = days; left > 0; ) {
    date = addDays(date, 1);
    const wd = weekdayOf(date);
    if (wd !== 0 && wd !== 6) left--;
  }
  return zonedToUtc(date, p.hh, p.mm, tz);
}
