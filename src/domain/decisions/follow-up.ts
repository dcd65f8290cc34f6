import type { DomainContext } from '../context.ts';
import { enqueue } from '../outbox.ts';
import { inTransaction } from '../transaction.ts';
import { cardRef } from './card.ts';
import { localDate, localHour, toDbDate } from '../dates.ts';

/** Reminders go out on the follow-up day from this local hour, not at midnight. */
const REMIND_FROM_HOUR = 8;

/**
 * Scheduler job: reminds of decisions whose follow-up date has come, once each (a sent flag and
 * dedupe keys), in the group's channel and to the responsible person. Dates already passed are
 * caught up after downtime. Superseded and withdrawn decisions are not followed up.
 */
export async function sendDueFollowUps(ctx: DomainContext, now: Date): Promise<number> {
  const today = localDate(now, ctx.timezone);
  const due = await ctx.prisma.decision.findMany({
    where: { partnershipId: ctx.partnershipId, status: 'ADOPTED', supersededById: null, followUpSentAt: null, followUpOn: { lte: toDbDate(today) } },
    orderBy: { followUpOn: 'asc' },
  });
  let sent = 0;
  for (const d of due) {
    if (d.followUpOn!.getTime() === toDbDate(today).getTime() && localHour(now, ctx.timezone) < REMIND_FROM_HOUR) continue;
    await inTransaction(ctx, async (tx) => {
      const claimed = await tx.decision.updateMany({ where: { id: d.id, followUpSentAt: null }, data: { followUpSentAt: now } });
      if (claimed.count === 0) return; // another process got there first
      const member = d.responsibleMemberId ? await tx.member.findUnique({ where: { id: d.responsibleMemberId } }) : null;
      const data = { reference: d.reference, title: d.title, followUpOn: today, responsibleUser: member?.chatUserId ?? null, decisionId: d.id };
      await enqueue(tx, `decision-follow-up:${d.id}:group`, { to: { group: d.groupId }, template: 'decision.followUp', data: { ...data, cardRef: cardRef(d.id) } });
      if (member?.active) await enqueue(tx, `decision-follow-up:${d.id}:member`, { to: { member: member.id }, template: 'decision.followUp', data: { ...data, personal: true } });
      sent += 1;
    });
  }
  return sent;
}
