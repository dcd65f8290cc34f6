import type { Prisma, Tx } from '../../db/client.ts';
import type { DomainContext } from '../context.ts';
import { groupMembers, partyMembers } from '../partnership/directory.ts';

/** Who speaks for a party in a group: its members with a role there, else all its active members. */
export async function partyPeopleInGroup(ctx: DomainContext, groupId: string, partyId: string, db: Prisma | Tx = ctx.prisma): Promise<string[]> {
  const inGroup = (await groupMembers(ctx, groupId, db)).filter((m) => m.partyId === partyId);
  const people = inGroup.length > 0 ? inGroup : await partyMembers(ctx, partyId, undefined, db);
  return people.map((m) => m.id);
}
