import type { Tx } from '../../db/client.ts';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import type { DomainContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { enqueue } from '../outbox.ts';
import type { MemberView } from '../partnership/directory.ts';
import { inTransaction } from '../transaction.ts';
import { checkTexts } from './guard.ts';
import { requireChair, steeringGroup } from './groups.ts';
import { LIMITS } from './types.ts';

export const informationRef = (id: string) => `information:${id}`;

export interface InformationCardData {
  id: string;
  subject: string;
  body: string;
  party: string;
  user: string;
  createdAt: string;
  acknowledgedByUser: string | null;
  acknowledgedAt: string | null;
}

async function queueCard(tx: Tx, id: string): Promise<void> {
  const n = await tx.informationNotice.update({ where: { id }, data: { revision: { increment: 1 } } });
  const party = await tx.party.findUniqueOrThrow({ where: { id: n.partyId } });
  const users = new Map((await tx.member.findMany({ where: { id: { in: [n.memberId, n.acknowledgedById ?? ''] } } })).map((m) => [m.id, m.chatUserId]));
  const data: InformationCardData = {
    id,
    subject: n.subject,
    body: n.body,
    party: party.shortName ?? party.name,
    user: users.get(n.memberId) ?? '',
    createdAt: n.createdAt.toISOString(),
    acknowledgedByUser: n.acknowledgedById ? (users.get(n.acknowledgedById) ?? null) : null,
    acknowledgedAt: n.acknowledgedAt?.toISOString() ?? null,
  };
  await enqueue(tx, `information-card:${id}:${n.revision}`, { to: { group: n.groupId }, ref: informationRef(id), template: 'escalation.information', data: data as unknown as Record<string, unknown> });
}

/** Who speaks for a party to the steering group: its members holding a role (representatives, chairs, coordinators). */
export function requireInformant(member: MemberView): void {
  if (member.roles.length === 0) throw new DomainError('escalations.information.noRole');
}

/** A party tells the steering group of changed circumstances (§5.7): kept, and posted for the chair. */
export async function notifySteering(ctx: DomainContext, member: MemberView, actor: Actor, input: { subject: string; body: string; notAboutAPerson?: boolean; requestKey?: string }) {
  requireInformant(member);
  checkTexts([
    { field: 'subject', value: input.subject, max: LIMITS.subject, required: true },
    // The form's field is the change being reported; the notice keeps it as its body.
    { field: 'change', value: input.body, max: LIMITS.body, required: true },
  ], [], { confirmed: input.notAboutAPerson });
  const steering = await steeringGroup(ctx);
  if (input.requestKey) {
    const earlier = await ctx.prisma.informationNotice.findUnique({ where: { requestKey: input.requestKey } });
    if (earlier) return { notice: earlier, steeringChannelId: steering.channelId };
  }
  const notice = await inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    const n = await tx.informationNotice.create({
      data: { partnershipId: ctx.partnershipId, groupId: steering.id, partyId: member.partyId, memberId: member.id, subject: input.subject.trim(), body: input.body.trim(), requestKey: input.requestKey ?? null, createdAt: now },
    });
    await audit(tx, actor, { action: 'notify', entityType: 'InformationNotice', entityId: n.id, after: n }, now);
    await queueCard(tx, n.id);
    return n;
  });
  return { notice, steeringChannelId: steering.channelId };
}

/** The chair acknowledges the notice; the party is told that the steering group has it. */
export async function acknowledgeInformation(ctx: DomainContext, member: MemberView, actor: Actor, id: string) {
  const steering = await steeringGroup(ctx);
  await requireChair(ctx, member, steering);
  return inTransaction(ctx, async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "InformationNotice" WHERE "id" = ${id} FOR UPDATE`;
    const n = await tx.informationNotice.findUnique({ where: { id } });
    if (!n || n.partnershipId !== ctx.partnershipId) throw new DomainError('escalations.information.notFound');
    if (n.acknowledgedById) {
      const by = await tx.member.findUnique({ where: { id: n.acknowledgedById } });
      throw new DomainError('escalations.information.alreadyAcknowledged', { name: by?.name ?? '?' });
    }
    const now = ctx.clock.now();
    const after = await tx.informationNotice.update({ where: { id }, data: { acknowledgedAt: now, acknowledgedById: member.id } });
    await audit(tx, actor, { action: 'acknowledge', entityType: 'InformationNotice', entityId: id, after: { acknowledgedAt: now } }, now);
    await queueCard(tx, id);
    await enqueue(tx, `information:${id}:acknowledged`, { to: { member: n.memberId }, template: 'escalation.informationAcknowledged', data: { subject: n.subject, user: member.chatUserId } });
    return after;
  });
}
