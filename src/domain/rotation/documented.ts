import type { DomainContext } from '../context.ts';
import { countDecisionsTaken } from '../decisions/index.ts';
import type { GroupView } from '../partnership/directory.ts';
import { isoDate, localParts } from './time.ts';

/**
 * A meeting counts as documented when its minutes are registered or, for a collaboration group
 * (whose decisions are its operative minutes), when the group recorded a decision dated from the
 * meeting day up to `until` (the day the minutes reminder falls due), in the partnership's zone.
 */
export async function isDocumented(ctx: DomainContext, group: GroupView, meetingAt: Date, until: Date): Promise<boolean> {
  if ((await ctx.prisma.rotationMinutes.count({ where: { groupId: group.id, meetingAt } })) > 0) return true;
  if (group.kind !== 'COLLABORATION') return false;
  const day = (at: Date) => isoDate(localParts(at, ctx.timezone));
  return (await countDecisionsTaken(ctx, group.id, day(meetingAt), day(until))) > 0;
}
