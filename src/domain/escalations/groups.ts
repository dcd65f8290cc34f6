import type { Prisma, Tx } from '../../db/client.ts';
import type { DomainContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import type { Recipient } from '../notice.ts';
import { listGroups, type GroupView, type MemberView } from '../partnership/directory.ts';
import { isMemberOf } from '../partnership/permissions.ts';
import { chairOf } from '../rotation/chair.ts';

export { requireChair } from '../rotation/chair.ts';

/** The steering group that receives escalations; a partnership without one cannot escalate. */
export async function steeringGroup(ctx: DomainContext, db: Prisma | Tx = ctx.prisma): Promise<GroupView> {
  const g = (await listGroups(ctx, db)).find((x) => x.kind === 'STEERING');
  if (!g) throw new DomainError('escalations.error.noSteering');
  return g;
}

/** The collaboration group a member escalates from: the one of the channel, else their only one. */
export async function collaborationGroupOf(ctx: DomainContext, member: MemberView, channelId?: string): Promise<GroupView> {
  const mine = (await listGroups(ctx)).filter((g) => g.kind === 'COLLABORATION' && isMemberOf(member, g.id));
  const g = mine.find((x) => x.channelId === channelId) ?? mine[0];
  if (!g) throw new DomainError('escalations.error.notCollaborationMember');
  return g;
}

/**
 * Where the chair is told something: a direct message to each person acting as chair at `at` (see
 * chairOf), or, when nobody does, the thread of the escalation's card so that the message is not lost.
 */
export async function chairRecipients(ctx: DomainContext, steeringId: string, fallback: Recipient, db: Prisma | Tx = ctx.prisma, at: Date = ctx.clock.now()): Promise<Array<{ key: string; to: Recipient }>> {
  const chairs = await steeringChairs(ctx, steeringId, db, at);
  return chairs.length ? chairs.map((c) => ({ key: c.id, to: { member: c.id } })) : [{ key: 'channel', to: fallback }];
}

/** Who acts as the steering group's chair at `at`: told at once of urgent questions and reminded of waiting ones. */
export async function steeringChairs(ctx: DomainContext, steeringId: string, db: Prisma | Tx = ctx.prisma, at: Date = ctx.clock.now()): Promise<MemberView[]> {
  return (await chairOf(ctx, steeringId, at, db)).members;
}

export function requireSteeringMember(member: MemberView, steering: GroupView): void {
  if (!isMemberOf(member, steering.id)) throw new DomainError('escalations.error.notSteeringMember', { group: steering.name });
}

/** Reads the reminder interval from the partnership's settings (`escalation_reminder_days` in the file). */
export async function reminderDays(ctx: DomainContext, db: Prisma | Tx = ctx.prisma): Promise<number> {
  const p = await db.partnership.findUnique({ where: { id: ctx.partnershipId } });
  const v = (p?.settings as Record<string, unknown> | null)?.escalationReminderDays;
  return typeof v === 'number' && v >= 1 ? v : 10;
}
