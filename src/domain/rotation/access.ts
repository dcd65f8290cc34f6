import type { Actor } from '../actor.ts';
import type { DomainContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { findGroupByChannel, requireActor, type GroupView, type MemberView } from '../partnership/directory.ts';
import { isMemberOf } from '../partnership/permissions.ts';

export async function requireGroup(ctx: DomainContext, channelId: string): Promise<GroupView> {
  const group = await findGroupByChannel(ctx, channelId);
  if (!group) throw new DomainError('rotation.error.noGroup');
  return group;
}

/** The acting member, who must be a member of the channel's group to change its rotation. */
export async function requireGroupMember(ctx: DomainContext, chatUserId: string, channelId: string): Promise<{ group: GroupView; member: MemberView; actor: Actor }> {
  const group = await requireGroup(ctx, channelId);
  const { member, actor } = await requireActor(ctx, chatUserId);
  if (!isMemberOf(member, group.id)) throw new DomainError('rotation.error.notGroupMember', { group: group.name });
  return { group, member, actor };
}
