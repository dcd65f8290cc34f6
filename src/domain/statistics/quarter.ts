/** A calendar quarter; quarters are counted in the partnership's time zone, not UTC. */
export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

export const quarterKey = (q: Quarter) => `${q.year}-${q.quarter}`;
export const sameQuarter = (a: Quarter, b: Quarter) => a.year === b.year && a.quarter === b.quarter;
export const compareQuarters = (a: Quarter, b: Quarter) => a.year - b.year || a.quarter - b.quarter;

/** Reads "2026-1", "2026-K1", "2026-Q1", "K1-2026" or "2026K1"; undefined if it is none of them. */
export function parseQuarter(text: string): Quarter | undefined {
  const s = text.trim().toUpperCase().replace(/\s+/g, '-');
  const yearFirst = /^(\d{4})-?[KQ]?([1-4])$/.exec(s);
  if (yearFirst) return { year: Number(yearFirst[1]), quarter: Number(yearFirst[2]) as Quarter['quarter'] };
  const quarterFirst = /^[KQ]([1-4])-?(\d{4})$/.exec(s);
  if (quarterFirst) return { year: Number(quarterFirst[2]), quarter: Number(quarterFirst[1]) as Quarter['quarter'] };
  return undefined;
}

export function addQuarters(q: Quarter, n: number): Quarter {
  const i = q.year * 4 + (q.quarter - 1) + n;
  return { year: Math.floor(i / 4), quarter: ((i % 4) + 1) as Quarter['quarter'] };
}

/** The calendar date and hour an instant has in a time zone. */
export function localParts(at: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

/** The instant at which a local wall-clock time occurs in a time zone (DST-safe for whole hours). */
export function zonedInstant(year: number, month: number, day: number, hour: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour);
  // Correct by the zone's offset at the guess, twice, so a DST change between guess and answer settles.
  let t = guess;
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(t), timeZone);
    const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    t += guess - asUtc;
  }
  return new Date(t);
}

export function quarterOf(at: Date, timeZone: string): Quarter {
  const p = localParts(at, timeZone);
  return { year: p.year, quarter: (Math.floor((p.month - 1) / 3) + 1) as Quarter['quarter'] };
}

/** The last quarter that has ended at `at`, in the partnership's time zone: what the form, status and reports default to and what reminders are about. */
export const quarterJustEnded = (at: Date, timeZone: string): Quarter => addQuarters(quarterOf(at, timeZone), -1);

/** The first instant of the quarter, local midnight. */
export const quarterStart = (q: Quarter, timeZone: string) => zonedInstant(q.year, (q.quarter - 1) * 3 + 1, 1, 0, timeZone);
/** The first instant after the quarter. */
export const quarterEnd = (q: Quarter, timeZone: string) => quarterStart(addQuarters(q, 1), timeZone);

/** The last day of the quarter plus `days` days, as a local calendar date (the last day to report). */
export function deadlineDate(q: Quarter, days: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(q.year, q.quarter * 3, 0 + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
