import type { DomainContext } from '../context.ts';
import { DAY_MS } from './guard.ts';
import { ACTIVE, escalationLabel, type EscalationStatus } from './types.ts';

export interface EscalationSummary {
  id: string;
  label: string;
  status: EscalationStatus;
  question: string;
  urgent: boolean;
  ageDays: number;
  party: string;
  /** Days since it was closed, for recent ones. */
  closedDaysAgo: number | null;
}

const RECENT_DAYS = 90;

/** Open escalations (oldest first) and those closed in the last 90 days (newest first). */
export async function listEscalations(ctx: DomainContext): Promise<{ open: EscalationSummary[]; recent: EscalationSummary[] }> {
  const now = ctx.clock.now();
  const rows = await ctx.prisma.escalation.findMany({
    where: { partnershipId: ctx.partnershipId, OR: [{ status: { in: ACTIVE } }, { closedAt: { gte: new Date(now.getTime() - RECENT_DAYS * DAY_MS) } }] },
    orderBy: { number: 'asc' },
  });
  const parties = new Map((await ctx.prisma.party.findMany({ where: { partnershipId: ctx.partnershipId } })).map((p) => [p.id, p.shortName ?? p.name]));
  const days = (from: Date) => Math.max(0, Math.floor((now.getTime() - from.getTime()) / DAY_MS));
  const all = rows.map((e) => ({
    id: e.id,
    label: escalationLabel(e.number),
    status: e.status,
    question: e.question,
    urgent: e.urgent,
    ageDays: days(e.createdAt),
    party: parties.get(e.raisedByPartyId) ?? '?',
    closedDaysAgo: e.closedAt ? days(e.closedAt) : null,
  }));
  return {
    open: all.filter((e) => ACTIVE.includes(e.status)),
    recent: all.filter((e) => !ACTIVE.includes(e.status)).reverse().slice(0, 10),
  };
}

/** Finds an escalation by its number ("ESK-3"), in this partnership. */
export async function findByNumber(ctx: DomainContext, number: number) {
  return (await ctx.prisma.escalation.findUnique({ where: { partnershipId_number: { partnershipId: ctx.partnershipId, number } } })) ?? undefined;
}
