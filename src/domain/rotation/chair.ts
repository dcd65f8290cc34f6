import type { Prisma, Tx } from '../../db/client.ts';
import type { DomainContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { getGroup, groupMembers, type GroupView, type MemberView } from '../partnership/directory.ts';
import { isChairOf, isRepresentativeIn } from '../partnership/permissions.ts';
import { HORIZON_MS, loadPlan, type Plan } from './plan.ts';

/**
 * Who chairs a group at a moment: the one rule behind every chair right (take up or send back an
 * escalation, withdraw a proposal, call an extra meeting, require or accept an action plan,
 * acknowledge a notice, skip a turn) and every message "to the chair".
 *
 * A steering group with meetings has a rotating chair (§ "Ordförandeskapet roterar"): the party
 * whose term it is, as `/rotation` shows it, acts through its representatives in the group. The
 * file's fixed `chair` role applies only to a group whose chair does not rotate (a collaboration
 * group, or a steering group without meetings).
 */
export interface Chair {
  group: GroupView;
  /** The party whose chair term it is; undefined when the group's chair does not rotate. */
  party?: { id: string; name: string };
  /** Who acts as chair: the chairing party's representatives in the group, or the holders of the file's chair role. */
  members: MemberView[];
}

/**
 * The party holding the chair at `at`: a term lasts until the last meeting of it has ended (the
 * handover message goes out then), so the next party can summon its first meeting. After the last
 * planned meeting the latest term goes on. Undefined when the plan has no chair terms.
 */
export function chairPartyAt(plan: Plan, at: Date): string | undefined {
  if (plan.duty !== 'chair') return undefined;
  const m = plan.meetings.find((x) => x.at.getTime() + x.durationMinutes * 60_000 > at.getTime()) ?? plan.meetings.at(-1);
  return m?.holder;
}

export async function chairOf(ctx: DomainContext, group: GroupView | string, at: Date = ctx.clock.now(), db: Prisma | Tx = ctx.prisma): Promise<Chair> {
  const g = typeof group === 'string' ? await getGroup(ctx, group, db) : group;
  if (!g) throw new Error(`unknown group ${String(group)}`);
  const partyId = g.kind === 'STEERING' ? chairPartyAt(await loadPlan(ctx, g, new Date(at.getTime() + HORIZON_MS), [], db), at) : undefined;
  return chairHeldBy(ctx, g, partyId, db);
}

/** The chair when `partyId` holds the term (undefined: the group's chair does not rotate). */
export async function chairHeldBy(ctx: DomainContext, group: GroupView, partyId: string | undefined, db: Prisma | Tx = ctx.prisma): Promise<Chair> {
  const members = await groupMembers(ctx, group.id, db);
  if (partyId === undefined) return { group, members: members.filter((m) => isChairOf(m, group.id)) };
  const party = { id: partyId, name: group.parties.find((p) => p.id === partyId)?.name ?? partyId };
  return { group, party, members: members.filter((m) => m.partyId === partyId && isRepresentativeIn(m, group.id)) };
}

export const actsAsChair = (chair: Chair, member: MemberView) => chair.members.some((m) => m.id === member.id);

export async function isChair(ctx: DomainContext, member: MemberView, group: GroupView | string, at: Date = ctx.clock.now(), db: Prisma | Tx = ctx.prisma): Promise<boolean> {
  return actsAsChair(await chairOf(ctx, group, at, db), member);
}

/** Refuses a member who does not act as the group's chair now, saying who does. */
export async function requireChair(ctx: DomainContext, member: MemberView, group: GroupView | string, db: Prisma | Tx = ctx.prisma): Promise<Chair> {
  const chair = await chairOf(ctx, group, ctx.clock.now(), db);
  if (actsAsChair(chair, member)) return chair;
  throw notChairError(chair);
}

export function notChairError(chair: Chair): DomainError {
  const people = chair.members.map((m) => m.name).join(', ');
  const params = { group: chair.group.name, groupKey: chair.group.key, party: chair.party?.name ?? '', people };
  if (chair.party) return new DomainError(people ? 'rotation.chair.notChair.rotating' : 'rotation.chair.notChair.rotatingNoOne', params);
  return new DomainError(people ? 'rotation.chair.notChair.fixed' : 'rotation.chair.notChair.none', params);
}
