import type { Tx } from '../../db/client.ts';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import type { DomainContext } from '../context.ts';
import { DomainError, ValidationErrors } from '../errors.ts';
import { enqueue } from '../outbox.ts';
import { getMember, type MemberView } from '../partnership/directory.ts';
import { isRepresentativeIn } from '../partnership/permissions.ts';
import { requireChair } from '../rotation/chair.ts';
import { inTransaction } from '../transaction.ts';
import { cardRef, queueCard } from './card.ts';
import { localDate, toDbDate } from '../dates.ts';
import { runHooks } from './hooks.ts';
import { formatReference, nextNumber } from './numbering.ts';
import { markSuperseded } from './record.ts';
import type { DecisionRow } from './types.ts';
import { LIMITS } from './validate.ts';
import { checkTexts } from '../personal-details.ts';
import { partiesInAgreement } from '../agreement/in-agreement.ts';

export type VoteKind = 'CONSENT' | 'OBJECTION';

export interface VoteResult {
  decision: DecisionRow;
  /** The vote completed unanimity and the proposal became a numbered decision. */
  adopted: boolean;
  /** An objection of this party was lifted by its consent. */
  liftedObjection: boolean;
}

/** Refuses a vote that cannot count; run before opening the objection form, and again in the vote. */
export async function checkCanVote(ctx: DomainContext, member: MemberView, decisionId: string, db: Tx = ctx.prisma): Promise<DecisionRow> {
  const d = await db.decision.findUnique({ where: { id: decisionId } });
  if (!d || d.partnershipId !== ctx.partnershipId) throw new DomainError('decisions.error.notFound');
  if (d.status !== 'PROPOSED') throw new DomainError(d.status === 'ADOPTED' ? 'decisions.vote.alreadyAdopted' : 'decisions.vote.withdrawn', { reference: d.reference ?? '' });
  const inGroup = await db.groupParty.findFirst({ where: { groupId: d.groupId, partyId: member.partyId, active: true } });
  if (!isRepresentativeIn(member, d.groupId) || !inGroup) throw new DomainError('decisions.vote.notRepresentative');
  const inAgreement = await partiesInAgreement(ctx, db);
  if (!inAgreement.at(member.partyId, ctx.clock.now())) throw new DomainError('agreement.error.leftVote', { party: member.partyName });
  return d;
}

/**
 * A representative casts their party's vote. One vote per party: a second vote is refused, except
 * that a party may lift its own objection by consenting after the dialogue. The vote that
 * completes unanimity adopts the proposal, numbers it and runs the origin's hooks, all in one
 * transaction; the proposal row is locked so two last votes cannot both adopt it.
 */
export async function castVote(ctx: DomainContext, member: MemberView, actor: Actor, decisionId: string, kind: VoteKind, reason?: string, o: { notAboutAPerson?: boolean } = {}): Promise<VoteResult> {
  const text = reason?.trim();
  if (kind === 'OBJECTION') {
    if (!text) throw new ValidationErrors([{ field: 'reason', key: 'decisions.error.reasonRequired' }]);
    if (text.length > LIMITS.reason) throw new ValidationErrors([{ field: 'reason', key: 'decisions.error.tooLong', params: { max: LIMITS.reason } }]);
    checkTexts([{ field: 'reason', value: text }], { confirmed: o.notAboutAPerson });
  }
  return inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    await tx.$queryRaw`SELECT "id" FROM "Decision" WHERE "id" = ${decisionId} FOR UPDATE`;
    const d = await checkCanVote(ctx, member, decisionId, tx);
    const earlier = await tx.decisionVote.findUnique({ where: { decisionId_partyId: { decisionId, partyId: member.partyId } } });
    if (earlier && !(earlier.kind === 'OBJECTION' && kind === 'CONSENT')) {
      const voter = await getMember(ctx, earlier.memberId, tx);
      throw new DomainError(earlier.kind === 'CONSENT' ? 'decisions.vote.alreadyConsented' : 'decisions.vote.alreadyObjected', { party: member.partyName, name: voter?.name ?? '?' });
    }
    const vote = earlier
      ? await tx.decisionVote.update({ where: { id: earlier.id }, data: { kind, memberId: member.id, updatedAt: now } })
      : await tx.decisionVote.create({ data: { decisionId, partyId: member.partyId, memberId: member.id, kind, reason: text ?? null, createdAt: now, updatedAt: now } });
    await audit(tx, actor, { action: earlier ? 'lift-objection' : kind === 'CONSENT' ? 'consent' : 'object', entityType: 'DecisionVote', entityId: vote.id, before: earlier ?? undefined, after: vote }, now);
    if (kind === 'OBJECTION') {
      await enqueue(tx, `decision-objection:${vote.id}`, {
        to: { group: d.groupId, threadRef: cardRef(d.id) },
        template: 'decision.objection',
        data: { party: member.partyName, user: member.chatUserId, reason: text },
      });
    }
    const adopted = await adoptIfUnanimous(tx, ctx, actor, d);
    if (!adopted) await queueCard(tx, ctx, d.id);
    return { decision: adopted ?? d, adopted: !!adopted, liftedObjection: !!earlier };
  });
}

/**
 * The parties whose consent a decision of the group needs at `at`: its active parties still in the
 * agreement (one whose notice has taken effect is not asked). Unanimity and the reminders of
 * missing votes both ask this.
 */
export async function votingParties(tx: Tx, ctx: DomainContext, groupId: string, at: Date) {
  const inAgreement = await partiesInAgreement(ctx, tx);
  const rows = await tx.groupParty.findMany({ where: { groupId, active: true, party: { active: true } }, include: { party: true }, orderBy: { position: 'asc' } });
  return rows.filter((p) => inAgreement.at(p.partyId, at));
}

/** Adopts the proposal when every party whose consent it needs now has consented. */
export async function adoptIfUnanimous(tx: Tx, ctx: DomainContext, actor: Actor, d: DecisionRow): Promise<DecisionRow | undefined> {
  const now = ctx.clock.now();
  const parties = await votingParties(tx, ctx, d.groupId, now);
  const consents = await tx.decisionVote.findMany({ where: { decisionId: d.id, kind: 'CONSENT' } });
  if (parties.length === 0 || !parties.every((p) => consents.some((v) => v.partyId === p.partyId))) return undefined;
  const today = localDate(now, ctx.timezone);
  const year = Number(today.slice(0, 4));
  const group = await tx.group.findUniqueOrThrow({ where: { id: d.groupId } });
  const number = await nextNumber(tx, d.groupId, year);
  const reference = formatReference(group.shortCode, year, number);
  const adopted = await tx.decision.update({
    where: { id: d.id },
    data: { status: 'ADOPTED', year, number, reference, decidedOn: toDbDate(today), adoptedAt: now },
  });
  await audit(tx, actor, { action: 'adopt', entityType: 'Decision', entityId: d.id, after: { reference, decidedOn: today } }, now);
  await runHooks('adopted', tx, adopted);
  await queueCard(tx, ctx, d.id);
  await enqueue(tx, `decision-adopted:${d.id}`, { to: { group: d.groupId, threadRef: cardRef(d.id) }, template: 'decision.adopted', data: { reference, title: d.title } });
  await markSuperseded(tx, ctx, actor, adopted);
  return adopted;
}

/**
 * Refuses a withdrawal that cannot happen (not the chair, no longer open). Run when the button is
 * pressed, before asking "are you sure?", and again in the withdrawal itself.
 */
export async function checkCanWithdraw(ctx: DomainContext, member: MemberView, decisionId: string, db: Tx = ctx.prisma): Promise<DecisionRow> {
  const d = await db.decision.findUnique({ where: { id: decisionId } });
  if (!d || d.partnershipId !== ctx.partnershipId) throw new DomainError('decisions.error.notFound');
  await requireChair(ctx, member, d.groupId, db);
  if (d.status !== 'PROPOSED') throw new DomainError(d.status === 'ADOPTED' ? 'decisions.withdraw.alreadyAdopted' : 'decisions.withdraw.alreadyWithdrawn', { reference: d.reference ?? '' });
  return d;
}

/** The chair withdraws an open proposal; it stays in the register as withdrawn. */
export async function withdrawProposal(ctx: DomainContext, member: MemberView, actor: Actor, decisionId: string): Promise<DecisionRow> {
  return inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    await tx.$queryRaw`SELECT "id" FROM "Decision" WHERE "id" = ${decisionId} FOR UPDATE`;
    const d = await checkCanWithdraw(ctx, member, decisionId, tx);
    return close(tx, ctx, actor, d, member.id, now);
  });
}

/**
 * Withdraws an open proposal inside the caller's transaction, for a feature whose question went
 * away (e.g. a withdrawn escalation); like proposeDecision, the caller decides who may. Returns
 * undefined when the proposal is no longer open.
 */
export async function closeProposal(tx: Tx, ctx: DomainContext, actor: Actor, decisionId: string, closedById: string | null): Promise<DecisionRow | undefined> {
  await tx.$queryRaw`SELECT "id" FROM "Decision" WHERE "id" = ${decisionId} FOR UPDATE`;
  const d = await tx.decision.findUnique({ where: { id: decisionId } });
  if (!d || d.partnershipId !== ctx.partnershipId || d.status !== 'PROPOSED') return undefined;
  return close(tx, ctx, actor, d, closedById, ctx.clock.now());
}

async function close(tx: Tx, ctx: DomainContext, actor: Actor, d: DecisionRow, closedById: string | null, now: Date): Promise<DecisionRow> {
  const closed = await tx.decision.update({ where: { id: d.id }, data: { status: 'WITHDRAWN', closedAt: now, closedById } });
  await audit(tx, actor, { action: 'withdraw', entityType: 'Decision', entityId: d.id, before: { status: d.status }, after: { status: 'WITHDRAWN' } }, now);
  await runHooks('closed', tx, closed);
  await queueCard(tx, ctx, d.id);
  return closed;
}
