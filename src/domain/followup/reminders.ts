import type { DomainContext } from '../context.ts';
import { enqueue } from '../outbox.ts';
import { partyMembers } from '../partnership/directory.ts';
import { localParts, zonedInstant } from '../statistics/quarter.ts';
import { annualReportSettings, deadlineOf } from './settings.ts';
import { reportOverdue } from './status.ts';

const REMIND_HOUR = 8; // reminders arrive in the morning, local time
const EARLY_DAYS = 14; // the first reminder: two weeks before the deadline
const DEADLINE_CATCH_UP_DAYS = 7; // after this, a missed deadline reminder is stale and not sent

export type AnnualReminderStage = 'early' | 'deadline';

/** When the two reminders for a year's report are due. */
export function annualReminderTimes(deadline: string, timeZone: string): Record<AnnualReminderStage, Date> {
  const [y, m, d] = deadline.split('-').map(Number) as [number, number, number];
  return { early: zonedInstant(y, m, d - EARLY_DAYS, REMIND_HOUR, timeZone), deadline: zonedInstant(y, m, d, REMIND_HOUR, timeZone) };
}

/**
 * Reminds the coordinators (else the representatives) of every association that has not
 * submitted its report of the year just ended: two weeks before the deadline and on the deadline
 * day. State-based: run at any time (after downtime too) it works out the one reminder due now —
 * the early one is skipped once the deadline's is due — and the dedupe key sends each at most once.
 */
export async function remindAnnualReports(ctx: DomainContext, now: Date): Promise<number> {
  const year = localParts(now, ctx.timezone).year - 1;
  const settings = await annualReportSettings(ctx);
  const deadline = deadlineOf(year, settings);
  const at = annualReminderTimes(deadline, ctx.timezone);
  const stage: AnnualReminderStage | undefined =
    now >= at.deadline ? (now.getTime() - at.deadline.getTime() <= DEADLINE_CATCH_UP_DAYS * 86_400_000 ? 'deadline' : undefined) : now >= at.early ? 'early' : undefined;
  if (!stage) return 0;
  const submitted = new Set((await ctx.prisma.annualReport.findMany({ where: { partnershipId: ctx.partnershipId, year, current: true }, select: { partyId: true } })).map((r) => r.partyId));
  const drafts = new Set((await ctx.prisma.annualReportDraft.findMany({ where: { partnershipId: ctx.partnershipId, year }, select: { partyId: true } })).map((r) => r.partyId));
  const parties = await ctx.prisma.party.findMany({
    where: { partnershipId: ctx.partnershipId, active: true, sector: 'NONPROFIT', municipalities: { some: { municipality: { active: true } } } },
    orderBy: { name: 'asc' },
  });
  let queued = 0;
  for (const party of parties.filter((p) => !submitted.has(p.id))) {
    const coordinators = await partyMembers(ctx, party.id, 'COORDINATOR');
    const recipients = coordinators.length ? coordinators : await partyMembers(ctx, party.id, 'REPRESENTATIVE');
    // Sent after the deadline day (after downtime), it says the deadline has passed.
    const data = { stage, year, party: party.shortName ?? party.name, deadline, draft: drafts.has(party.id), late: stage === 'deadline' && reportOverdue(deadline, now, ctx.timezone) };
    for (const m of recipients) {
      if (await enqueue(ctx.prisma, `followup:reminder:${year}:${stage}:${m.id}`, { to: { member: m.id }, template: 'followup.reminder', data })) queued++;
    }
  }
  return queued;
}
