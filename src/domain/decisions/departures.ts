import { systemActor } from '../actor.ts';
import { partiesInAgreement } from '../agreement/in-agreement.ts';
import type { DomainContext } from '../context.ts';
import { inTransaction } from '../transaction.ts';
import { queueCard } from './card.ts';
import { adoptIfUnanimous } from './votes.ts';

/**
 * From the day a party's notice takes effect its consent is no longer needed (§ the agreement's
 * term): an open steering proposal every remaining party has consented to is adopted that day,
 * not left waiting for a vote nobody can cast any more, and a card drawn before then stops
 * naming the party as awaited. Run by the scheduler; idempotent (an adopted proposal is no longer
 * open, and each redrawn card has its own key). Returns how many proposals it adopted.
 */
export async function settleDepartures(ctx: DomainContext, now: Date): Promise<number> {
  const inAgreement = await partiesInAgreement(ctx);
  const notices = await ctx.prisma.agreementNotice.findMany({ where: { partnershipId: ctx.partnershipId, withdrawnAt: null }, select: { partyId: true } });
  const left = notices.map((n) => n.partyId).filter((p) => !inAgreement.at(p, now));
  if (left.length === 0) return 0;
  const seats = await ctx.prisma.groupParty.findMany({ where: { partyId: { in: left }, active: true }, select: { groupId: true, partyId: true } });
  if (seats.length === 0) return 0;
  const open = await ctx.prisma.decision.findMany({
    where: { partnershipId: ctx.partnershipId, status: 'PROPOSED', groupId: { in: [...new Set(seats.map((s) => s.groupId))] } },
    include: { votes: true },
  });
  let adopted = 0;
  for (const d of open) {
    const gone = seats.filter((s) => s.groupId === d.groupId && !d.votes.some((v) => v.partyId === s.partyId) && d.createdAt < inAgreement.leavesAt(s.partyId)!).map((s) => s.partyId);
    if (gone.length === 0) continue;
    const key = `decision-card:${d.id}:left:${gone.sort().join(',')}`;
    if (await ctx.prisma.outboxKey.findUnique({ where: { dedupeKey: key } })) continue;
    await inTransaction(ctx, async (tx) => {
      await tx.$queryRaw`SELECT "id" FROM "Decision" WHERE "id" = ${d.id} FOR UPDATE`;
      const fresh = await tx.decision.findUniqueOrThrow({ where: { id: d.id } });
      if (fresh.status !== 'PROPOSED') return;
      // Adopting redraws the card; otherwise it is redrawn without the parties that have left.
      if (await adoptIfUnanimous(tx, ctx, systemActor(ctx.partnershipId, 'agreement'), fresh)) adopted++;
      else await queueCard(tx, ctx, d.id, key);
    });
  }
  return adopted;
}
