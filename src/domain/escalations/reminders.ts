import type { DomainContext } from '../context.ts';
import { steeringThread, tell } from './card.ts';
import { DAY_MS } from './guard.ts';
import { chairRecipients, reminderDays } from './groups.ts';
import { escalationLabel } from './types.ts';
import { remindActionPlans } from './action-plans.ts';

/**
 * Reminds the steering group's chairs of every escalation nobody has taken up, each N days
 * (`escalationReminderDays`, default 10). The period number is in the dedupe key, so a repeated or
 * late run sends each reminder once and downtime sends only the latest one.
 */
export async function remindWaitingEscalations(ctx: DomainContext, now: Date): Promise<void> {
  const days = await reminderDays(ctx);
  const waiting = await ctx.prisma.escalation.findMany({ where: { partnershipId: ctx.partnershipId, status: 'OPEN', createdAt: { lte: new Date(now.getTime() - days * DAY_MS) } } });
  for (const e of waiting) {
    const period = Math.floor((now.getTime() - e.createdAt.getTime()) / (days * DAY_MS));
    const ageDays = Math.floor((now.getTime() - e.createdAt.getTime()) / DAY_MS);
    const steering = await ctx.prisma.group.findUniqueOrThrow({ where: { id: e.toGroupId } });
    const recipients = await chairRecipients(ctx, e.toGroupId, steeringThread(e));
    await ctx.prisma.$transaction(async (tx) => {
      for (const r of recipients) {
        const data = { label: escalationLabel(e.number), question: e.question, days: ageDays, steeringChannelId: steering.channelId };
        await tell(tx, e, `reminder:${period}:${r.key}`, { to: r.to, template: 'escalation.reminder', data });
      }
    });
  }
}

/** The scheduler job: waiting escalations and action plans not yet accepted. */
export async function runEscalationReminders(ctx: DomainContext, now: Date): Promise<void> {
  await remindWaitingEscalations(ctx, now);
  await remindActionPlans(ctx, now);
}
