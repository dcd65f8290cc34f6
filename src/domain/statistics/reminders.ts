import type { DomainContext } from '../context.ts';
import { enqueue } from '../outbox.ts';
import { partyMembers } from '../partnership/directory.ts';
import { addQuarters, deadlineDate, quarterJustEnded, quarterKey, zonedInstant, type Quarter } from './quarter.ts';
import { statisticsSettings } from './settings.ts';
import { deadlinePassed, reportingStatus } from './status.ts';

const REMIND_HOUR = 8; // reminders arrive in the morning, local time
const DEADLINE_CATCH_UP_DAYS = 7; // after this, a missed deadline reminder is stale and not sent

export type ReminderStage = 'quarterEnd' | 'deadline';

/** When the two reminders for a quarter are due. */
export function reminderTimes(q: Quarter, deadlineDays: number, timeZone: string): Record<ReminderStage, Date> {
  const next = addQuarters(q, 1);
  const d = deadlineDate(q, deadlineDays);
  return {
    quarterEnd: zonedInstant(next.year, (next.quarter - 1) * 3 + 1, 1, REMIND_HOUR, timeZone),
    deadline: zonedInstant(d.year, d.month, d.day, REMIND_HOUR, timeZone),
  };
}

/**
 * Reminds the coordinators of every organisation that has not reported the quarter just ended,
 * once when it ends and once on the deadline day. State-based: run at any time (after downtime
 * too) it works out which reminder is due now, and the dedupe key sends each at most once.
 */
export async function remindMissingReports(ctx: DomainContext, now: Date): Promise<number> {
  const settings = await statisticsSettings(ctx);
  const q = quarterJustEnded(now, ctx.timezone);
  const at = reminderTimes(q, settings.deadlineDays, ctx.timezone);
  const stage: ReminderStage | undefined =
    now >= at.deadline ? (now.getTime() - at.deadline.getTime() <= DEADLINE_CATCH_UP_DAYS * 86_400_000 ? 'deadline' : undefined) : now >= at.quarterEnd ? 'quarterEnd' : undefined;
  if (!stage) return 0;
  const status = await reportingStatus(ctx, q);
  let queued = 0;
  for (const party of status.parties.filter((p) => p.missing.length > 0)) {
    const coordinators = await partyMembers(ctx, party.partyId, 'COORDINATOR');
    const recipients = coordinators.length ? coordinators : await partyMembers(ctx, party.partyId, 'REPRESENTATIVE');
    for (const m of recipients) {
      // A deadline reminder sent after the deadline day (after downtime) says the deadline has passed.
      const data = { stage, year: q.year, quarter: q.quarter, party: party.name, missing: party.missing, deadline: status.deadline, late: stage === 'deadline' && deadlinePassed(q, settings.deadlineDays, now, ctx.timezone) };
      if (await enqueue(ctx.prisma, `statistics:reminder:${quarterKey(q)}:${stage}:${m.id}`, { to: { member: m.id }, template: 'statistics.reminder', data })) queued++;
    }
  }
  return queued;
}
