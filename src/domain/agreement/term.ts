import type { Prisma, Tx } from '../../db/client.ts';
import type { DomainContext } from '../context.ts';
import type { TermSpec } from '../partnership/file-schema.ts';

/**
 * The agreement's term (seed 003 §5.1, §5.3) as pure calendar arithmetic on local dates
 * ("2026-09-30"): its periods, the notice deadline that matters next, and when a notice takes
 * effect. No clock and no database: the callers pass the day.
 */
export interface Period {
  /** 0 for the first period, 1 for the first renewal … */
  index: number;
  start: string;
  /** The last day of the period; null when the agreement runs until further notice. */
  end: string | null;
}

/** The term the partnership file declares (synced into `Partnership.settings.term`), if any. */
export async function termSpec(ctx: DomainContext, db: Prisma | Tx = ctx.prisma): Promise<TermSpec | undefined> {
  const p = await db.partnership.findUnique({ where: { id: ctx.partnershipId }, select: { settings: true } });
  return ((p?.settings ?? {}) as { term?: TermSpec }).term;
}

const pad = (n: number) => String(n).padStart(2, '0');
const parts = (iso: string) => iso.split('-').map(Number) as [number, number, number];
const fromUtc = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

export function addDays(iso: string, n: number): string {
  const [y, m, d] = parts(iso);
  return fromUtc(new Date(Date.UTC(y, m - 1, d + n)));
}

/** The same day `n` months later (or earlier), on the month's last day when it has fewer days. */
export function addMonths(iso: string, n: number): string {
  const [y, m, d] = parts(iso);
  const last = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return fromUtc(new Date(Date.UTC(y, m - 1 + n, Math.min(d, last))));
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000);
}

/** A day of the year ("09-30") in a given year; 29 February is the 28th in other years. */
function dayIn(year: number, dayMonth: string): string {
  const [m, d] = dayMonth.split('-').map(Number) as [number, number];
  return `${year}-${pad(m)}-${pad(Math.min(d, new Date(Date.UTC(year, m, 0)).getUTCDate()))}`;
}

/** Without a latest end, periods are listed this far (a hundred renewals of a year is plenty). */
const MAX_PERIODS = 100;

/** Every period of the agreement, the first and each renewal, up to its latest end. */
export function periods(spec: TermSpec): Period[] {
  if (!spec.first_end) return [{ index: 0, start: spec.start, end: null }];
  const out: Period[] = [{ index: 0, start: spec.start, end: spec.first_end }];
  if (!spec.renewal_years) return out;
  for (let i = 1; i < MAX_PERIODS; i++) {
    const prev = out.at(-1)!;
    if (spec.latest_end && prev.end! >= spec.latest_end) break;
    const start = addDays(prev.end!, 1);
    let end = addDays(addMonths(start, 12 * spec.renewal_years), -1);
    if (spec.latest_end && end > spec.latest_end) end = spec.latest_end;
    out.push({ index: i, start, end });
  }
  return out;
}

/** The period that holds `day`; undefined before the start and after the end. */
export function periodOn(spec: TermSpec, day: string): Period | undefined {
  return periods(spec).find((p) => p.start <= day && (p.end === null || day <= p.end));
}

/** The last day of the agreement (its last period's end), or null while it runs until further notice. */
export function agreementEnd(spec: TermSpec): string | null {
  return periods(spec).at(-1)!.end;
}

/**
 * The next notice deadline on or after `day` that still decides something: a renewal (or, for an
 * agreement until further notice, a notice's effect) comes after it. Undefined when no deadline
 * is declared or the last period has begun its final stretch.
 */
export function nextNoticeDeadline(spec: TermSpec, day: string): string | undefined {
  if (!spec.notice_deadline) return undefined;
  const year = Number(day.slice(0, 4));
  const d = [dayIn(year, spec.notice_deadline), dayIn(year + 1, spec.notice_deadline)].find((x) => x >= day)!;
  const all = periods(spec);
  // An agreement until further notice always has something after the deadline; a fixed one only a renewal.
  const decides = all.at(-1)!.end === null || all.some((p) => p.index > 0 && p.start > d);
  return decides ? d : undefined;
}

/**
 * Whether the renewal into `next` is already settled on `day`: its notice deadline has passed
 * (the next deadline still to come decides a later renewal, or none). A party can still give
 * notice, but only for a later date.
 */
export function renewalSettled(spec: TermSpec, day: string, next: Period | undefined): boolean {
  if (!next || next.index === 0 || !spec.notice_deadline) return false;
  const d = nextNoticeDeadline(spec, day);
  return d === undefined || d >= next.start;
}

/** Every notice deadline from `from` to `to` (local dates) that decides a renewal. */
export function noticeDeadlines(spec: TermSpec, from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = nextNoticeDeadline(spec, from); d !== undefined && d <= to; d = nextNoticeDeadline(spec, addDays(d, 1))) out.push(d);
  return out;
}

export interface NoticeEffect {
  /** The deadline the notice was measured against. */
  deadline: string;
  /** Given after that deadline: it takes effect a year later than one given in time. */
  late: boolean;
  /** The first day the party is no longer in the agreement. */
  effectiveOn: string;
  /** The agreement ends before the notice would take effect: the party leaves with its end. */
  endsWithAgreement: boolean;
}

/**
 * When a notice given on `givenOn` takes effect: on the first `notice_effective` day after the
 * year's deadline when given by it, or after the next year's deadline when late. Never after the
 * day after the agreement's end. Undefined when the file declares no notice deadline.
 */
export function noticeEffect(spec: TermSpec, givenOn: string): NoticeEffect | undefined {
  if (!spec.notice_deadline) return undefined;
  const year = Number(givenOn.slice(0, 4));
  const inTime = dayIn(year, spec.notice_deadline);
  const late = givenOn > inTime;
  const deadline = late ? dayIn(year + 1, spec.notice_deadline) : inTime;
  let effectiveOn = dayIn(Number(deadline.slice(0, 4)), spec.notice_effective);
  if (effectiveOn <= deadline) effectiveOn = dayIn(Number(deadline.slice(0, 4)) + 1, spec.notice_effective);
  const end = agreementEnd(spec);
  const endsWithAgreement = end !== null && effectiveOn > addDays(end, 1);
  return { deadline: inTime, late, effectiveOn: endsWithAgreement ? addDays(end!, 1) : effectiveOn, endsWithAgreement };
}
