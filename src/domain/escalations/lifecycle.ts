import type { Tx } from '../../db/client.ts';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import type { DomainContext } from '../context.ts';
import { cardRef as proposalRef, closeProposal, displayReference } from '../decisions/index.ts';
import { DomainError } from '../errors.ts';
import type { MemberView } from '../partnership/directory.ts';
import { isMemberOf } from '../partnership/permissions.ts';
import { inTransaction } from '../transaction.ts';
import { originRecipient, queueCard, queueNote, steeringThread, tell } from './card.ts';
import { checkTexts } from './guard.ts';
import { requireChair, steeringGroup } from './groups.ts';
import { findByNumber } from './list.ts';
import { ACTIVE, escalationLabel, LIMITS, parseEscalationNumber, type EscalationRow } from './types.ts';

/** Refuses an escalation that is missing, another partnership's, or already closed. */
export function requireActive(ctx: DomainContext, e: EscalationRow | null): EscalationRow {
  if (!e || e.partnershipId !== ctx.partnershipId) throw new DomainError('escalations.error.notFound');
  if (!ACTIVE.includes(e.status)) throw new DomainError(`escalations.error.closed.${e.status as 'DECIDED' | 'SENT_BACK' | 'WITHDRAWN'}`, { label: escalationLabel(e.number) });
  return e;
}

/** Locks the escalation for the rest of the transaction and refuses one that is closed. */
export async function lockActive(tx: Tx, ctx: DomainContext, id: string): Promise<EscalationRow> {
  await tx.$queryRaw`SELECT "id" FROM "Escalation" WHERE "id" = ${id} FOR UPDATE`;
  return requireActive(ctx, await tx.escalation.findUnique({ where: { id } }));
}

/** The chair takes the question up; reminders go on until it is answered or closed. */
export async function takeUp(ctx: DomainContext, member: MemberView, actor: Actor, id: string): Promise<EscalationRow> {
  const steering = await steeringGroup(ctx);
  await requireChair(ctx, member, steering);
  return inTransaction(ctx, async (tx) => {
    const e = await lockActive(tx, ctx, id);
    if (e.status !== 'OPEN') throw new DomainError('escalations.error.alreadyTakenUp', { label: escalationLabel(e.number) });
    const now = ctx.clock.now();
    const after = await tx.escalation.update({ where: { id }, data: { status: 'IN_PROGRESS', takenUpAt: now } });
    await audit(tx, actor, { action: 'take-up', entityType: 'Escalation', entityId: id, before: { status: e.status }, after: { status: after.status } }, now);
    await queueCard(tx, id);
    await tell(tx, e, 'taken-up', { to: originRecipient(e), template: 'escalation.takenUp', data: { label: escalationLabel(e.number), user: member.chatUserId } });
    return after;
  });
}

/** The chair sends the question back to the collaboration group with guidance. */
export async function sendBack(ctx: DomainContext, member: MemberView, actor: Actor, id: string, guidance: string, o: { notAboutAPerson?: boolean } = {}): Promise<EscalationRow> {
  const steering = await steeringGroup(ctx);
  await requireChair(ctx, member, steering);
  checkTexts([{ field: 'guidance', value: guidance, max: LIMITS.guidance, required: true }], [], { confirmed: o.notAboutAPerson });
  return inTransaction(ctx, async (tx) => {
    const e = await lockWithProposal(tx, ctx, id);
    const now = ctx.clock.now();
    const after = await tx.escalation.update({ where: { id }, data: { status: 'SENT_BACK', guidance: guidance.trim(), closedAt: now, closedById: member.id } });
    const withdrawnProposal = await withdrawOpenProposal(tx, ctx, actor, after, member.id);
    await audit(tx, actor, { action: 'send-back', entityType: 'Escalation', entityId: id, before: { status: e.status }, after: { status: after.status, guidance: after.guidance, withdrawnProposal } }, now);
    await queueCard(tx, id);
    const data = { label: escalationLabel(e.number), question: e.question, guidance: after.guidance, user: member.chatUserId };
    await tell(tx, e, 'sent-back', { to: originRecipient(e), template: 'escalation.sentBack', data });
    await queueNote(tx, after);
    return after;
  });
}

/**
 * The party that raised the question takes it back, until the steering group has decided. Any
 * collaboration-group member of that party may do so (the raiser may be away).
 */
export async function withdraw(ctx: DomainContext, member: MemberView, actor: Actor, id: string): Promise<EscalationRow> {
  return inTransaction(ctx, async (tx) => {
    const e = await lockWithProposal(tx, ctx, id);
    requireRaiser(member, e);
    const now = ctx.clock.now();
    const after = await tx.escalation.update({ where: { id }, data: { status: 'WITHDRAWN', closedAt: now, closedById: member.id } });
    const withdrawnProposal = await withdrawOpenProposal(tx, ctx, actor, after, member.id);
    await audit(tx, actor, { action: 'withdraw', entityType: 'Escalation', entityId: id, before: { status: e.status }, after: { status: after.status, withdrawnProposal } }, now);
    await queueCard(tx, id);
    const data = { label: escalationLabel(e.number), question: e.question, user: member.chatUserId, party: member.partyName };
    await tell(tx, e, 'withdrawn', { to: steeringThread(e), template: 'escalation.withdrawn', data });
    await tell(tx, e, 'withdrawn-origin', { to: originRecipient(e), template: 'escalation.withdrawn', data });
    await queueNote(tx, after);
    return after;
  });
}

function requireRaiser(member: MemberView, e: EscalationRow): void {
  if (member.partyId !== e.raisedByPartyId || !isMemberOf(member, e.fromGroupId)) throw new DomainError('escalations.error.notRaiser', { label: escalationLabel(e.number) });
}

/**
 * The rights of `withdraw`, checked before the user is asked to confirm: someone who may not take
 * the question back is told so at once. Saves nothing; `withdraw` checks again under its lock.
 * Returns what the confirmation names, including an open proposed answer that would go with it.
 */
export async function checkCanWithdraw(ctx: DomainContext, member: MemberView, id: string): Promise<{ escalation: EscalationRow; openProposal?: string }> {
  const e = requireActive(ctx, await ctx.prisma.escalation.findUnique({ where: { id } }));
  requireRaiser(member, e);
  const d = e.decisionId ? await ctx.prisma.decision.findUnique({ where: { id: e.decisionId } }) : null;
  if (!d || d.status !== 'PROPOSED') return { escalation: e };
  const steering = await steeringGroup(ctx);
  return { escalation: e, openProposal: displayReference(d, steering.shortCode) };
}

/** `/eskalera återta ESK-3`: the escalation by its number, then as `withdraw`. */
export async function withdrawByNumber(ctx: DomainContext, member: MemberView, actor: Actor, numberText: string | undefined): Promise<EscalationRow> {
  const n = parseEscalationNumber(numberText);
  const e = n ? await findByNumber(ctx, n) : undefined;
  if (!e) throw new DomainError(numberText ? 'escalations.error.unknownNumber' : 'escalations.error.needNumber', { value: numberText ?? '' });
  return withdraw(ctx, member, actor, e.id);
}

/**
 * Locks the escalation's proposed answer before the escalation: a vote locks the proposal and then,
 * through the adoption hook, the escalation, so the same order here cannot deadlock with it.
 */
async function lockWithProposal(tx: Tx, ctx: DomainContext, id: string): Promise<EscalationRow> {
  const peek = await tx.escalation.findUnique({ where: { id }, select: { decisionId: true } });
  if (peek?.decisionId) await tx.$queryRaw`SELECT "id" FROM "Decision" WHERE "id" = ${peek.decisionId} FOR UPDATE`;
  return lockActive(tx, ctx, id);
}

/**
 * A proposed answer goes with its question: withdrawn through the decision log in the closing
 * transaction (audited, card updated), and its voters told in the proposal's thread. Call it after
 * the escalation's status has changed, so the decision log's hook leaves the escalation alone.
 */
async function withdrawOpenProposal(tx: Tx, ctx: DomainContext, actor: Actor, e: EscalationRow, memberId: string): Promise<string | undefined> {
  if (!e.decisionId) return undefined;
  const d = await closeProposal(tx, ctx, actor, e.decisionId, memberId);
  if (!d) return undefined;
  const steering = await tx.group.findUniqueOrThrow({ where: { id: e.toGroupId } });
  const data = { label: escalationLabel(e.number), proposal: displayReference(d, steering.shortCode), status: e.status };
  await tell(tx, e, `proposal-closed:${d.id}`, { to: { group: e.toGroupId, threadRef: proposalRef(d.id) }, template: 'escalation.proposalClosed', data });
  return d.id;
}
