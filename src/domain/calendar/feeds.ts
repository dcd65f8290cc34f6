import crypto from 'node:crypto';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import type { DomainContext } from '../context.ts';
import { getMember, listGroups, type MemberView } from '../partnership/directory.ts';
import { inTransaction } from '../transaction.ts';

/** A member's own calendar; any other scope is a group's id. */
export const PERSONAL = 'personal';

export interface FeedLink {
  scope: string;
  /** The group's name for a group feed. */
  groupName?: string;
  token: string;
}

/** The groups whose calendar a member may follow: those they hold a role in. */
const groupIdsOf = (m: MemberView) => [...new Set(m.roles.flatMap((r) => (r.groupId ? [r.groupId] : [])))];

/** 32 random bytes: a secret address, as calendar services use, that cannot be guessed. */
const newToken = () => crypto.randomBytes(32).toString('base64url');

/**
 * The member's feed addresses (their own and one per group), created on first use. Showing them
 * again gives the same addresses, so a subscription keeps working until the member renews it.
 */
export async function feedLinks(ctx: DomainContext, member: MemberView): Promise<FeedLink[]> {
  const scopes = [PERSONAL, ...groupIdsOf(member)];
  const groups = new Map((await listGroups(ctx)).map((g) => [g.id, g.name]));
  return inTransaction(ctx, async (tx) => {
    // One member's addresses are made one at a time, so two quick requests agree on one address.
    await tx.$queryRaw`SELECT "id" FROM "Member" WHERE "id" = ${member.id} FOR UPDATE`;
    const active = await tx.calendarFeed.findMany({ where: { memberId: member.id, revokedAt: null } });
    const links: FeedLink[] = [];
    for (const scope of scopes) {
      const row = active.find((f) => f.scope === scope) ?? (await tx.calendarFeed.create({ data: { memberId: member.id, scope, token: newToken(), createdAt: ctx.clock.now() } }));
      links.push({ scope, token: row.token, ...(scope === PERSONAL ? {} : { groupName: groups.get(scope) ?? scope }) });
    }
    return links;
  });
}

/** New addresses for all of the member's feeds; the old ones stop answering at once. */
export async function renewFeeds(ctx: DomainContext, member: MemberView, actor: Actor): Promise<FeedLink[]> {
  const now = ctx.clock.now();
  await inTransaction(ctx, async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "Member" WHERE "id" = ${member.id} FOR UPDATE`;
    const { count } = await tx.calendarFeed.updateMany({ where: { memberId: member.id, revokedAt: null }, data: { revokedAt: now } });
    await audit(tx, actor, { action: 'renew-calendar', entityType: 'Member', entityId: member.id, after: { revoked: count } }, now);
  });
  return feedLinks(ctx, member);
}

export interface OpenFeed {
  member: MemberView;
  scope: string;
}

/**
 * The feed behind an address, or undefined: unknown, renewed, a deactivated member's, or a group
 * the member no longer belongs to all answer the same way, so an address reveals nothing.
 */
export async function openFeed(ctx: DomainContext, token: string): Promise<OpenFeed | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const row = await ctx.prisma.calendarFeed.findUnique({ where: { token } });
  if (!row || row.revokedAt) return undefined;
  const ours = await ctx.prisma.member.count({ where: { id: row.memberId, partnershipId: ctx.partnershipId } });
  const member = ours ? await getMember(ctx, row.memberId) : undefined;
  if (!member || !member.active) return undefined;
  if (row.scope !== PERSONAL && !groupIdsOf(member).includes(row.scope)) return undefined;
  return { member, scope: row.scope };
}
