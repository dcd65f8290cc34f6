import type { Tx } from '../../db/client.ts';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import type { DomainContext } from '../context.ts';
import { DomainError, ValidationErrors } from '../errors.ts';
import { getGroup, type GroupView, type MemberView } from '../partnership/directory.ts';
import { isMemberOf } from '../partnership/permissions.ts';
import { inTransaction } from '../transaction.ts';
import { queueCard } from './card.ts';
import { localDate, toDbDate } from '../dates.ts';
import { formatReference, nextNumber, PROPOSAL_SERIES } from './numbering.ts';
import { displayReference } from './query.ts';
import type { DecisionInput, DecisionRow } from './types.ts';
import { validateDecisionInput } from './validate.ts';

export interface RecordResult {
  decision: DecisionRow;
  /** The number it is known by: "SAM 2026:14", or a proposal's "STY-F3". */
  label: string;
  channelId: string;
  /** True when the same request had already been handled (a retry or a double submit). */
  duplicate: boolean;
}

/**
 * A member records a decision for one of their groups: a collaboration group's decision is taken
 * at once and numbered; a steering group's becomes a proposal that needs every party's consent.
 */
export async function recordDecision(ctx: DomainContext, member: MemberView, actor: Actor, input: DecisionInput): Promise<RecordResult> {
  if (!input.groupId) throw new ValidationErrors([{ field: 'group', key: 'decisions.error.required' }]);
  const group = await getGroup(ctx, input.groupId);
  if (!group || !isMemberOf(member, group.id)) {
    throw new ValidationErrors([{ field: 'group', key: 'decisions.error.notMemberOfGroup', params: { group: group?.name ?? '?' } }]);
  }
  return create(ctx, actor, group, input, group.kind === 'COLLABORATION');
}

/**
 * Creates a steering-group proposal on behalf of another feature (e.g. an escalation), without a
 * membership check: the caller decides who may ask the steering group. Pass `origin` to have the
 * hooks of hooks.ts run when it is adopted or withdrawn. With `tx`, it joins the caller's
 * transaction (the caller then owns the commit and its own audit row).
 */
export async function proposeDecision(ctx: DomainContext, actor: Actor, input: DecisionInput, tx?: Tx): Promise<DecisionRow> {
  const group = await getGroup(ctx, input.groupId, tx);
  if (!group || group.kind !== 'STEERING') throw new DomainError('decisions.error.notSteering');
  validateDecisionInput(input, localDate(ctx.clock.now(), ctx.timezone), false);
  if (tx) return insert(tx, ctx, actor, group, input, false);
  return (await create(ctx, actor, group, input, false)).decision;
}

async function create(ctx: DomainContext, actor: Actor, group: GroupView, input: DecisionInput, takenNow: boolean): Promise<RecordResult> {
  validateDecisionInput(input, localDate(ctx.clock.now(), ctx.timezone), takenNow);
  const result = async (decision: DecisionRow, duplicate: boolean): Promise<RecordResult> => {
    const g = decision.groupId === group.id ? group : ((await getGroup(ctx, decision.groupId)) ?? group);
    return { decision, duplicate, label: displayReference(decision, g.shortCode), channelId: g.channelId };
  };
  const earlier = await findByRequest(ctx, input.requestKey);
  if (earlier) return result(earlier, true);
  try {
    return await result(await inTransaction(ctx, (tx) => insert(tx, ctx, actor, group, input, takenNow)), false);
  } catch (err) {
    // Two deliveries of one request raced; the unique requestKey let exactly one of them in.
    const winner = (err as { code?: string }).code === 'P2002' ? await findByRequest(ctx, input.requestKey) : undefined;
    if (winner) return result(winner, true);
    throw err;
  }
}

const findByRequest = async (ctx: DomainContext, key: string | undefined) => (key ? ((await ctx.prisma.decision.findUnique({ where: { requestKey: key } })) ?? undefined) : undefined);

async function insert(tx: Tx, ctx: DomainContext, actor: Actor, group: GroupView, input: DecisionInput, takenNow: boolean): Promise<DecisionRow> {
  const now = ctx.clock.now();
  const today = localDate(now, ctx.timezone);
  if (input.responsiblePartyId) {
    const party = await tx.party.findFirst({ where: { id: input.responsiblePartyId, partnershipId: ctx.partnershipId, active: true } });
    if (!party) throw new ValidationErrors([{ field: 'responsible_party', key: 'decisions.error.unknownParty' }]);
  }
  if (input.supersedesId) await checkSupersedable(tx, group, input.supersedesId);
  const decidedOn = takenNow ? (input.decidedOn ?? today) : undefined;
  const year = decidedOn ? Number(decidedOn.slice(0, 4)) : undefined;
  const number = year ? await nextNumber(tx, group.id, year) : undefined;
  const proposalNumber = takenNow ? undefined : await nextNumber(tx, group.id, PROPOSAL_SERIES);
  const decision = await tx.decision.create({
    data: {
      partnershipId: ctx.partnershipId,
      groupId: group.id,
      status: takenNow ? 'ADOPTED' : 'PROPOSED',
      year,
      number,
      reference: year && number ? formatReference(group.shortCode, year, number) : undefined,
      proposalNumber,
      title: input.title.trim(),
      body: input.body.trim(),
      background: input.background?.trim() || null,
      decidedOn: decidedOn ? toDbDate(decidedOn) : null,
      responsiblePartyId: input.responsiblePartyId ?? null,
      responsibleMemberId: input.responsibleMemberId ?? null,
      followUpOn: input.followUpOn ? toDbDate(input.followUpOn) : null,
      link: input.link?.trim() || null,
      supersedesId: input.supersedesId ?? null,
      originType: input.origin?.type ?? null,
      originId: input.origin?.id ?? null,
      requestKey: input.requestKey ?? null,
      createdById: actor.memberId ?? null,
      createdAt: now,
      adoptedAt: takenNow ? now : null,
    },
  });
  await audit(tx, actor, { action: takenNow ? 'record' : 'propose', entityType: 'Decision', entityId: decision.id, after: decision }, now);
  await queueCard(tx, ctx, decision.id);
  if (takenNow && decision.supersedesId) await markSuperseded(tx, ctx, actor, decision);
  return decision;
}

/** Locks the old decision so two corrections cannot both replace it. */
async function checkSupersedable(tx: Tx, group: GroupView, oldId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Decision" WHERE "id" = ${oldId} FOR UPDATE`;
  const old = await tx.decision.findUnique({ where: { id: oldId } });
  if (!old || old.groupId !== group.id || old.status !== 'ADOPTED') throw new DomainError('decisions.error.notSupersedable');
  const ref = old.reference ?? old.title;
  if (old.supersededById) throw new DomainError('decisions.error.alreadySuperseded', { reference: ref });
  const pending = await tx.decision.findFirst({ where: { supersedesId: oldId, status: 'PROPOSED' } });
  if (pending) throw new DomainError('decisions.error.supersessionPending', { reference: ref });
}

/** The new decision now replaces the old one: both cards show the link. */
export async function markSuperseded(tx: Tx, ctx: DomainContext, actor: Actor, decision: DecisionRow): Promise<void> {
  if (!decision.supersedesId) return;
  await tx.decision.update({ where: { id: decision.supersedesId }, data: { supersededById: decision.id } });
  await audit(tx, actor, { action: 'supersede', entityType: 'Decision', entityId: decision.supersedesId, after: { supersededById: decision.id, by: decision.reference } }, ctx.clock.now());
  await queueCard(tx, ctx, decision.supersedesId);
}
