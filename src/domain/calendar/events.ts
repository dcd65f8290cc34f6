import type { DomainContext } from '../context.ts';
import { isLocale, t, type Locale } from '../../i18n/index.ts';
import { isCoordinator } from '../partnership/permissions.ts';
import { listGroups, type GroupView, type MemberView } from '../partnership/directory.ts';
import { loadPlan } from '../rotation/plan.ts';
import { statisticsSettings } from '../statistics/settings.ts';
import { addQuarters, deadlineDate, quarterOf, type Quarter } from '../statistics/quarter.ts';
import { PERSONAL } from './feeds.ts';
import { fromDbDate } from '../dates.ts';
import { grantSpecs, payersOf } from '../agreement/grants.ts';
import { listNotices } from '../agreement/notices.ts';
import { noticeDeadlines, periods, termSpec } from '../agreement/term.ts';
import { annualReportSettings, deadlineOf } from '../followup/settings.ts';

/** A meeting at a time, or a whole-day item (a deadline) on a local calendar date. */
export type CalendarEvent =
  | { uid: string; summary: string; description?: string; start: Date; end: Date }
  | { uid: string; summary: string; description?: string; date: string };

/** How far back and ahead a feed reaches: calendars keep what they once saw. */
const PAST_DAYS = 92;
const AHEAD_DAYS = 400;
const DAY_MS = 86_400_000;

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (d: { year: number; month: number; day: number }) => `${d.year}-${pad(d.month)}-${pad(d.day)}`;

/**
 * What a feed shows, in the member's language. The personal feed: the meetings of every group
 * the member sits in (with who documents or chairs), the statistics deadlines for a coordinator
 * (and in an association the annual report's last day), the payment quarters of the grants the
 * member's party pays, the agreement's notice deadlines,
 * renewals and the days notices take effect (also in the steering group's feed),
 * action plans due (steering group and the party concerned) and follow-ups of decisions of the
 * member's groups. A group feed: that group's meetings, follow-ups and (steering) action plans.
 * Titles only, never free text a person wrote: a calendar is read on many devices.
 */
export async function feedEvents(ctx: DomainContext, member: MemberView, scope: string): Promise<{ name: string; events: CalendarEvent[] }> {
  const locale: Locale = isLocale(member.locale) ? member.locale : ctx.locale;
  const now = ctx.clock.now();
  const from = new Date(now.getTime() - PAST_DAYS * DAY_MS);
  const until = new Date(now.getTime() + AHEAD_DAYS * DAY_MS);
  const all = await listGroups(ctx);
  const mine = new Set(member.roles.flatMap((r) => (r.groupId ? [r.groupId] : [])));
  const groups = all.filter((g) => (scope === PERSONAL ? mine.has(g.id) : g.id === scope));
  const events: CalendarEvent[] = [];
  for (const g of groups) events.push(...(await meetings(ctx, locale, g, from, until)));
  events.push(...(await followUps(ctx, locale, groups, from, until)));
  const steering = groups.find((g) => g.kind === 'STEERING');
  events.push(...(await actionPlans(ctx, locale, scope === PERSONAL ? { steering, partyId: member.partyId } : { steering }, from, until)));
  if (scope === PERSONAL && isCoordinator(member)) events.push(...(await statisticsDeadlines(ctx, locale, from, until)), ...(await annualReportDeadlines(ctx, locale, member, from, until)));
  if (scope === PERSONAL) events.push(...(await grantPayments(ctx, locale, member, from, until)));
  if (scope === PERSONAL || steering) events.push(...(await agreementTerm(ctx, locale, from, until)));
  const name = scope === PERSONAL ? t(locale, 'calendar.feed.personal', { name: member.name }) : t(locale, 'calendar.feed.group', { group: groups[0]?.name ?? '' });
  return { name, events };
}

async function meetings(ctx: DomainContext, locale: Locale, g: GroupView, from: Date, until: Date): Promise<CalendarEvent[]> {
  const plan = await loadPlan(ctx, g, until);
  return plan.meetings
    .filter((m) => m.at >= from)
    .map((m) => ({
      uid: `meeting-${g.id}-${m.at.toISOString()}`,
      summary: t(locale, m.extra ? 'calendar.meeting.extra' : 'calendar.meeting', { group: g.name }),
      description: t(locale, plan.duty === 'chair' ? 'calendar.meeting.chair' : 'calendar.meeting.documents', { party: plan.partyName(m.holder) }),
      start: m.at,
      end: new Date(m.at.getTime() + m.durationMinutes * 60_000),
    }));
}

async function followUps(ctx: DomainContext, locale: Locale, groups: GroupView[], from: Date, until: Date): Promise<CalendarEvent[]> {
  if (groups.length === 0) return [];
  const rows = await ctx.prisma.decision.findMany({
    where: { partnershipId: ctx.partnershipId, groupId: { in: groups.map((g) => g.id) }, status: 'ADOPTED', supersededById: null, followUpOn: { gte: from, lte: until } },
    select: { id: true, reference: true, title: true, followUpOn: true },
  });
  return rows.map((d) => ({ uid: `follow-up-${d.id}`, summary: t(locale, 'calendar.followUp', { reference: d.reference ?? '', title: d.title }), date: fromDbDate(d.followUpOn!) }));
}

async function actionPlans(ctx: DomainContext, locale: Locale, who: { steering?: GroupView; partyId?: string }, from: Date, until: Date): Promise<CalendarEvent[]> {
  const concerned = [...(who.steering ? [{ groupId: who.steering.id }] : []), ...(who.partyId ? [{ partyId: who.partyId }] : [])];
  if (concerned.length === 0) return [];
  const rows = await ctx.prisma.actionPlan.findMany({
    where: { partnershipId: ctx.partnershipId, status: 'REQUIRED', dueOn: { gte: from, lte: until }, OR: concerned },
    select: { id: true, partyId: true, dueOn: true },
  });
  const parties = new Map((await ctx.prisma.party.findMany({ where: { id: { in: rows.map((r) => r.partyId) } } })).map((p) => [p.id, p.shortName ?? p.name]));
  return rows.map((p) => ({ uid: `action-plan-${p.id}`, summary: t(locale, 'calendar.actionPlan', { party: parties.get(p.partyId) ?? '' }), date: fromDbDate(p.dueOn) }));
}

async function statisticsDeadlines(ctx: DomainContext, locale: Locale, from: Date, until: Date): Promise<CalendarEvent[]> {
  const { deadlineDays } = await statisticsSettings(ctx);
  const out: CalendarEvent[] = [];
  for (let q: Quarter = addQuarters(quarterOf(from, ctx.timezone), -1); ; q = addQuarters(q, 1)) {
    const date = isoDate(deadlineDate(q, deadlineDays));
    if (date > fromDbDate(until)) break;
    if (date >= fromDbDate(from)) out.push({ uid: `statistics-deadline-${q.year}-${q.quarter}`, summary: t(locale, 'calendar.statisticsDeadline', { quarter: q.quarter, year: q.year }), date });
  }
  return out;
}

/** The annual report's last day, for a coordinator of an association (the ones who write it). */
async function annualReportDeadlines(ctx: DomainContext, locale: Locale, member: MemberView, from: Date, until: Date): Promise<CalendarEvent[]> {
  const party = await ctx.prisma.party.findUnique({ where: { id: member.partyId }, select: { sector: true } });
  if (party?.sector !== 'NONPROFIT') return [];
  const settings = await annualReportSettings(ctx);
  const [lo, hi] = [fromDbDate(from), fromDbDate(until)];
  const out: CalendarEvent[] = [];
  for (let year = Number(lo.slice(0, 4)) - 1; year <= Number(hi.slice(0, 4)); year++) {
    const date = deadlineOf(year, settings);
    if (date >= lo && date <= hi) out.push({ uid: `annual-report-deadline-${year}`, summary: t(locale, 'calendar.annualReportDeadline', { year }), date });
  }
  return out;
}

/** The first day of each payment quarter of a grant the member's party pays. */
async function grantPayments(ctx: DomainContext, locale: Locale, member: MemberView, from: Date, until: Date): Promise<CalendarEvent[]> {
  const out: CalendarEvent[] = [];
  for (const spec of await grantSpecs(ctx)) {
    const payers = await payersOf(ctx, spec, ctx.prisma);
    if (!payers.some((p) => p.partyId === member.partyId)) continue;
    const q = spec.payment_quarter;
    for (let year = quarterOf(from, ctx.timezone).year; ; year++) {
      const date = isoDate({ year, month: (q - 1) * 3 + 1, day: 1 });
      if (date > fromDbDate(until)) break;
      if (date >= fromDbDate(from)) out.push({ uid: `grant-payment-${spec.key}-${year}-${member.partyId}`, summary: t(locale, 'calendar.grantPayment', { grant: spec.name, quarter: q, year }), date });
    }
  }
  return out;
}

/** The agreement's notice deadlines, renewal days and the days notices take effect. */
async function agreementTerm(ctx: DomainContext, locale: Locale, from: Date, until: Date): Promise<CalendarEvent[]> {
  const spec = await termSpec(ctx);
  if (!spec) return [];
  const [lo, hi] = [fromDbDate(from), fromDbDate(until)];
  const inRange = (date: string) => date >= lo && date <= hi;
  const out: CalendarEvent[] = [];
  for (const date of noticeDeadlines(spec, lo, hi)) out.push({ uid: `agreement-notice-deadline-${date}`, summary: t(locale, 'agreement.calendar.deadline'), date });
  for (const p of periods(spec)) {
    if (p.index > 0 && inRange(p.start)) out.push({ uid: `agreement-renewal-${p.start}`, summary: t(locale, 'agreement.calendar.renewal', { start: p.start, end: p.end ?? '…' }), date: p.start });
  }
  for (const n of await listNotices(ctx)) {
    if (!n.withdrawn && inRange(n.effectiveOn)) out.push({ uid: `agreement-notice-${n.id}`, summary: t(locale, 'agreement.calendar.effective', { party: n.partyName }), date: n.effectiveOn });
  }
  return out;
}
