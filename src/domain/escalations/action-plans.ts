import type { Tx } from '../../db/client.ts';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import type { DomainContext } from '../context.ts';
import { DomainError, ValidationErrors } from '../errors.ts';
import { enqueue } from '../outbox.ts';
import { partyMembers, type MemberView } from '../partnership/directory.ts';
import { inTransaction } from '../transaction.ts';
import { checkTexts, DAY_MS, daysBetween, localDate, type FieldError } from './guard.ts';
import { reminderDays, requireChair, steeringChairs, steeringGroup } from './groups.ts';
import { LIMITS } from './types.ts';

export const actionPlanRef = (id: string) => `action-plan:${id}`;

export interface ActionPlanCardData {
  id: string;
  party: string;
  shortcoming: string;
  dueOn: string;
  status: 'REQUIRED' | 'SUBMITTED' | 'ACCEPTED';
  plan: string | null;
  requestedByUser: string | null;
  submittedByUser: string | null;
  acceptedByUser: string | null;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

async function queueCard(tx: Tx, id: string): Promise<ActionPlanCardData> {
  const p = await tx.actionPlan.update({ where: { id }, data: { revision: { increment: 1 } } });
  const party = await tx.party.findUniqueOrThrow({ where: { id: p.partyId } });
  const ids = [p.requestedById, p.submittedById, p.acceptedById].filter((x): x is string => !!x);
  const users = new Map((await tx.member.findMany({ where: { id: { in: ids } } })).map((m) => [m.id, m.chatUserId]));
  const user = (x: string | null) => (x ? (users.get(x) ?? null) : null);
  const data: ActionPlanCardData = {
    id,
    party: party.shortName ?? party.name,
    shortcoming: p.shortcoming,
    dueOn: iso(p.dueOn),
    status: p.status,
    plan: p.plan,
    requestedByUser: user(p.requestedById),
    submittedByUser: user(p.submittedById),
    acceptedByUser: user(p.acceptedById),
  };
  await enqueue(tx, `action-plan-card:${id}:${p.revision}`, { to: { group: p.groupId }, ref: actionPlanRef(id), template: 'escalation.actionPlan', data: data as unknown as Record<string, unknown> });
  return data;
}

/** Who answers for a party: its members holding a role (representatives, chairs, coordinators). */
const partyContacts = async (ctx: DomainContext, partyId: string, db: Tx) => (await partyMembers(ctx, partyId, undefined, db)).filter((m) => m.roles.length > 0);

/** The steering group's chair requires an action plan of a party for a shortcoming (§5.4). */
export async function requireActionPlan(ctx: DomainContext, member: MemberView, actor: Actor, input: { partyId: string; shortcoming: string; dueOn: string; notAboutAPerson?: boolean; requestKey?: string }) {
  const steering = await steeringGroup(ctx);
  await requireChair(ctx, member, steering);
  const today = localDate(ctx.clock.now(), ctx.timezone);
  const extra: FieldError[] = [];
  if (!steering.parties.some((p) => p.id === input.partyId)) extra.push({ field: 'party', key: 'escalations.actionPlan.error.party' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.dueOn ?? '')) extra.push({ field: 'due', key: 'escalations.error.required' });
  else if (input.dueOn <= today) extra.push({ field: 'due', key: 'escalations.actionPlan.error.duePast' });
  checkTexts([{ field: 'shortcoming', value: input.shortcoming, max: LIMITS.shortcoming, required: true }], extra, { confirmed: input.notAboutAPerson });
  const partyName = (id: string) => steering.parties.find((p) => p.id === id)?.name ?? '';
  if (input.requestKey) {
    const earlier = await ctx.prisma.actionPlan.findUnique({ where: { requestKey: input.requestKey } });
    if (earlier) return { plan: earlier, party: partyName(earlier.partyId) };
  }
  const plan = await inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    const p = await tx.actionPlan.create({
      data: { partnershipId: ctx.partnershipId, groupId: steering.id, partyId: input.partyId, shortcoming: input.shortcoming.trim(), dueOn: new Date(`${input.dueOn}T00:00:00Z`), requestedById: member.id, requestKey: input.requestKey ?? null, createdAt: now },
    });
    await audit(tx, actor, { action: 'require', entityType: 'ActionPlan', entityId: p.id, after: p }, now);
    const card = await queueCard(tx, p.id);
    for (const m of await partyContacts(ctx, p.partyId, tx)) {
      await enqueue(tx, `action-plan:${p.id}:required:${m.id}`, { to: { member: m.id }, template: 'escalation.actionPlanRequired', data: card as unknown as Record<string, unknown> });
    }
    return p;
  });
  return { plan, party: partyName(plan.partyId) };
}

async function lockPlan(tx: Tx, ctx: DomainContext, id: string) {
  await tx.$queryRaw`SELECT "id" FROM "ActionPlan" WHERE "id" = ${id} FOR UPDATE`;
  const p = await tx.actionPlan.findUnique({ where: { id } });
  if (!p || p.partnershipId !== ctx.partnershipId) throw new DomainError('escalations.actionPlan.error.notFound');
  if (p.status === 'ACCEPTED') throw new DomainError('escalations.actionPlan.error.accepted');
  return p;
}

/** Checks that the member answers for the plan's party before the form opens (and again on submit). */
export async function checkCanSubmit(ctx: DomainContext, member: MemberView, id: string) {
  const p = await ctx.prisma.actionPlan.findUnique({ where: { id } });
  if (!p || p.partnershipId !== ctx.partnershipId) throw new DomainError('escalations.actionPlan.error.notFound');
  if (p.status === 'ACCEPTED') throw new DomainError('escalations.actionPlan.error.accepted');
  if (p.partyId !== member.partyId || member.roles.length === 0) throw new DomainError('escalations.actionPlan.error.notParty');
  return p;
}

/** The party submits (or revises, until accepted) its plan; the steering group sees it on the card. */
export async function submitActionPlan(ctx: DomainContext, member: MemberView, actor: Actor, id: string, plan: string, o: { notAboutAPerson?: boolean } = {}) {
  await checkCanSubmit(ctx, member, id);
  checkTexts([{ field: 'plan', value: plan, max: LIMITS.plan, required: true }], [], { confirmed: o.notAboutAPerson });
  return inTransaction(ctx, async (tx) => {
    const p = await lockPlan(tx, ctx, id);
    const now = ctx.clock.now();
    const after = await tx.actionPlan.update({ where: { id }, data: { status: 'SUBMITTED', plan: plan.trim(), submittedById: member.id, submittedAt: now } });
    await audit(tx, actor, { action: 'submit', entityType: 'ActionPlan', entityId: id, before: { status: p.status, plan: p.plan }, after: { status: after.status, plan: after.plan } }, now);
    await queueCard(tx, id);
    await enqueue(tx, `action-plan:${id}:submitted:${now.getTime()}`, { to: { group: p.groupId, threadRef: actionPlanRef(id) }, template: 'escalation.actionPlanSubmitted', data: { party: member.partyName, user: member.chatUserId } });
    return after;
  });
}

/** The chair accepts the plan; reminders stop and the party is told. */
export async function acceptActionPlan(ctx: DomainContext, member: MemberView, actor: Actor, id: string) {
  const steering = await steeringGroup(ctx);
  await requireChair(ctx, member, steering);
  return inTransaction(ctx, async (tx) => {
    const p = await lockPlan(tx, ctx, id);
    if (p.status !== 'SUBMITTED') throw new ValidationErrors([{ field: 'plan', key: 'escalations.actionPlan.error.notSubmitted' }]);
    const now = ctx.clock.now();
    const after = await tx.actionPlan.update({ where: { id }, data: { status: 'ACCEPTED', acceptedById: member.id, acceptedAt: now } });
    await audit(tx, actor, { action: 'accept', entityType: 'ActionPlan', entityId: id, before: { status: p.status }, after: { status: after.status } }, now);
    const card = await queueCard(tx, id);
    for (const m of await partyContacts(ctx, p.partyId, tx)) {
      await enqueue(tx, `action-plan:${id}:accepted:${m.id}`, { to: { member: m.id }, template: 'escalation.actionPlanAccepted', data: card as unknown as Record<string, unknown> });
    }
    return after;
  });
}

const WEEK = 7;

/**
 * Reminders until a plan is accepted: the party three days before the due date, on it, and each
 * week after; once submitted, the chair every N days until they accept. Stage names in the dedupe
 * keys make each reminder go out once.
 */
export async function remindActionPlans(ctx: DomainContext, now: Date): Promise<void> {
  const plans = await ctx.prisma.actionPlan.findMany({ where: { partnershipId: ctx.partnershipId, status: { in: ['REQUIRED', 'SUBMITTED'] } } });
  if (plans.length === 0) return;
  const today = localDate(now, ctx.timezone);
  const days = await reminderDays(ctx);
  for (const p of plans) {
    await ctx.prisma.$transaction(async (tx) => {
      const party = await tx.party.findUniqueOrThrow({ where: { id: p.partyId } });
      const data = { id: p.id, party: party.shortName ?? party.name, shortcoming: p.shortcoming, dueOn: iso(p.dueOn) };
      if (p.status === 'REQUIRED') {
        const left = daysBetween(today, iso(p.dueOn));
        const stage = left > 3 ? undefined : left > 0 ? 'soon' : `overdue-${Math.floor(-left / WEEK)}`;
        if (!stage) return;
        for (const m of await partyContacts(ctx, p.partyId, tx)) {
          await enqueue(tx, `action-plan:${p.id}:reminder:${stage}:${m.id}`, { to: { member: m.id }, template: 'escalation.actionPlanReminder', data: { ...data, overdue: left <= 0 } });
        }
      } else if (p.submittedAt) {
        const period = Math.floor((now.getTime() - p.submittedAt.getTime()) / (days * DAY_MS));
        if (period < 1) return;
        for (const chair of await steeringChairs(ctx, p.groupId, tx, now)) {
          await enqueue(tx, `action-plan:${p.id}:accept-reminder:${p.submittedAt.getTime()}:${period}:${chair.id}`, { to: { member: chair.id }, template: 'escalation.actionPlanAcceptReminder', data });
        }
      }
    });
  }
}
