import type { Tx } from '../../db/client.ts';
import type { DomainContext } from '../context.ts';
import { displayReference, votingParties } from '../decisions/index.ts';
import { steeringThread, tell } from './card.ts';
import { DAY_MS } from './guard.ts';
import { chairRecipients, reminderDays } from './groups.ts';
import { ACTIVE, escalationLabel, type EscalationRow } from './types.ts';
import { remindActionPlans } from './action-plans.ts';

/** A steering party that has not consented to the proposed answer; `objected` when it has objected. */
export interface MissingVote {
  party: string;
  objected: boolean;
}

/**
 * Reminds the steering group's chairs, each N days (`escalationReminderDays`, default 10), of every
 * escalation still without an adopted answer: one nobody has taken up, one taken up but unanswered,
 * and one whose proposed answer still waits for votes (naming the parties that have not consented).
 * The period number is in the dedupe key, so a repeated or late run sends each reminder once and
 * downtime sends only the latest one.
 */
export async function remindWaitingEscalations(ctx: DomainContext, now: Date): Promise<void> {
  const days = await reminderDays(ctx);
  const due = await ctx.prisma.escalation.findMany({
    where: { partnershipId: ctx.partnershipId, status: { in: ACTIVE }, createdAt: { lte: new Date(now.getTime() - days * DAY_MS) } },
    select: { id: true },
  });
  for (const { id } of due) {
    await ctx.prisma.$transaction(async (tx) => {
      // Read again inside the transaction: it may have been answered or closed since the query.
      const e = await tx.escalation.findUnique({ where: { id } });
      if (!e || !ACTIVE.includes(e.status)) return;
      const age = now.getTime() - e.createdAt.getTime();
      const period = Math.floor(age / (days * DAY_MS));
      const steering = await tx.group.findUniqueOrThrow({ where: { id: e.toGroupId } });
      const base = { label: escalationLabel(e.number), question: e.question, days: Math.floor(age / DAY_MS), steeringChannelId: steering.channelId };
      const pending = await pendingVotes(tx, ctx, e, steering.shortCode, now);
      const notice = pending
        ? { template: 'escalation.votesReminder', data: { ...base, ...pending } }
        : { template: e.status === 'OPEN' ? 'escalation.reminder' : 'escalation.answerReminder', data: base };
      for (const r of await chairRecipients(ctx, e.toGroupId, steeringThread(e), tx, now)) {
        await tell(tx, e, `reminder:${period}:${r.key}`, { to: r.to, ...notice });
      }
    });
  }
}

/** The escalation's proposed answer still awaiting votes, and the parties whose consent is missing. */
async function pendingVotes(tx: Tx, ctx: DomainContext, e: EscalationRow, shortCode: string, now: Date): Promise<{ proposal: string; missing: MissingVote[] } | undefined> {
  if (!e.decisionId) return undefined;
  const d = await tx.decision.findUnique({ where: { id: e.decisionId } });
  if (d?.status !== 'PROPOSED') return undefined;
  // The same parties whose consent adopts the proposal.
  const parties = await votingParties(tx, ctx, d.groupId, now);
  const votes = await tx.decisionVote.findMany({ where: { decisionId: d.id } });
  const kind = (partyId: string) => votes.find((v) => v.partyId === partyId)?.kind;
  const missing = parties.filter((p) => kind(p.partyId) !== 'CONSENT').map((p) => ({ party: p.party.shortName ?? p.party.name, objected: kind(p.partyId) === 'OBJECTION' }));
  return { proposal: displayReference(d, shortCode), missing };
}

/** The scheduler job: waiting escalations and action plans not yet accepted. */
export async function runEscalationReminders(ctx: DomainContext, now: Date): Promise<void> {
  await remindWaitingEscalations(ctx, now);
  await remindActionPlans(ctx, now);
}
