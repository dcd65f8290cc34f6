import type { Prisma, Tx } from '../../db/client.ts';
import type { GroupKind, RoleKind, Sector } from '../../generated/prisma/enums.ts';
import type { Actor } from '../actor.ts';
import type { DomainContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { forgetRequestReads, oncePerRequest } from '../request-scope.ts';

export interface MemberRoleView {
  role: RoleKind;
  groupId: string | null;
  groupKey: string;
  groupName?: string;
}

export interface MemberView {
  id: string;
  chatUserId: string;
  name: string;
  partyId: string;
  partyKey: string;
  partyName: string;
  /** The language to speak to the member: their own choice, else the partnership file's (null: the bot's). */
  locale: string | null;
  /** Whether `locale` is the member's own choice (`/samverkan språk`). */
  localeChosen: boolean;
  active: boolean;
  roles: MemberRoleView[];
}

const memberInclude = { party: true, roles: { where: { active: true }, include: { group: true } } } as const;

type MemberRow = NonNullable<Awaited<ReturnType<typeof loadMember>>>;
function loadMember(db: Prisma | Tx, where: { partnershipId: string; chatUserId: string } | { id: string }) {
  return 'id' in where
    ? db.member.findUnique({ where: { id: where.id }, include: memberInclude })
    : db.member.findUnique({ where: { partnershipId_chatUserId: where }, include: memberInclude });
}

function toView(m: MemberRow): MemberView {
  return {
    id: m.id,
    chatUserId: m.chatUserId,
    name: m.name,
    partyId: m.partyId,
    partyKey: m.party.key,
    partyName: m.party.shortName ?? m.party.name,
    locale: m.chosenLocale ?? m.locale,
    localeChosen: m.chosenLocale !== null,
    active: m.active,
    roles: m.roles.map((r) => ({ role: r.role, groupId: r.groupId, groupKey: r.groupKey, groupName: r.group?.name })),
  };
}

/**
 * The active member behind a chat user id, or undefined. Read once per request (every layer of a
 * command asks for it); inside a transaction always read afresh.
 */
export async function findMemberByChatUser(ctx: DomainContext, chatUserId: string, db: Prisma | Tx = ctx.prisma): Promise<MemberView | undefined> {
  const read = async () => {
    const m = await loadMember(db, { partnershipId: ctx.partnershipId, chatUserId });
    return m && m.active ? toView(m) : undefined;
  };
  return db === ctx.prisma ? oncePerRequest(`member:${ctx.partnershipId}:${chatUserId}`, read) : read();
}

export async function getMember(ctx: DomainContext, memberId: string, db: Prisma | Tx = ctx.prisma): Promise<MemberView | undefined> {
  const m = await loadMember(db, { id: memberId });
  return m ? toView(m) : undefined;
}

/** Resolves the acting member or refuses with a message the user can read. */
export async function requireActor(ctx: DomainContext, chatUserId: string): Promise<{ member: MemberView; actor: Actor }> {
  const member = await findMemberByChatUser(ctx, chatUserId);
  if (!member) throw new DomainError('core.error.notMember');
  return { member, actor: { partnershipId: ctx.partnershipId, memberId: member.id, label: `${member.name} (${member.partyName})` } };
}

export interface GroupView {
  id: string;
  key: string;
  kind: GroupKind;
  name: string;
  shortCode: string;
  channelId: string;
  /** `name` is the short name where the file gives one; `fullName` the party's registered name. */
  parties: Array<{ id: string; key: string; name: string; fullName: string }>;
  meetings: unknown;
  rotation: unknown;
}

const groupInclude = { parties: { where: { active: true }, include: { party: true }, orderBy: { position: 'asc' } } } as const;

function toGroupView(g: NonNullable<Awaited<ReturnType<typeof findGroupRow>>>): GroupView {
  return {
    id: g.id,
    key: g.key,
    kind: g.kind,
    name: g.name,
    shortCode: g.shortCode,
    channelId: g.channelId,
    meetings: g.meetings,
    rotation: g.rotation,
    parties: g.parties.filter((gp) => gp.party.active).map((gp) => ({ id: gp.party.id, key: gp.party.key, name: gp.party.shortName ?? gp.party.name, fullName: gp.party.name })),
  };
}

function findGroupRow(db: Prisma | Tx, where: { id: string } | { channelId: string }) {
  return db.group.findUnique({ where, include: groupInclude });
}

export async function findGroupByChannel(ctx: DomainContext, channelId: string): Promise<GroupView | undefined> {
  const g = await findGroupRow(ctx.prisma, { channelId });
  return g && g.partnershipId === ctx.partnershipId ? toGroupView(g) : undefined;
}

export async function getGroup(ctx: DomainContext, groupId: string, db: Prisma | Tx = ctx.prisma): Promise<GroupView | undefined> {
  const g = await findGroupRow(db, { id: groupId });
  return g ? toGroupView(g) : undefined;
}

export async function listGroups(ctx: DomainContext, db: Prisma | Tx = ctx.prisma): Promise<GroupView[]> {
  const rows = await db.group.findMany({ where: { partnershipId: ctx.partnershipId }, include: groupInclude, orderBy: { kind: 'asc' } });
  return rows.map(toGroupView);
}

export async function findGroupByKey(ctx: DomainContext, key: string): Promise<GroupView | undefined> {
  const g = await ctx.prisma.group.findUnique({ where: { partnershipId_key: { partnershipId: ctx.partnershipId, key } }, include: groupInclude });
  return g ? toGroupView(g) : undefined;
}

/** Active members holding a role in the group (representatives and chair). */
export async function groupMembers(ctx: DomainContext, groupId: string, db: Prisma | Tx = ctx.prisma): Promise<MemberView[]> {
  const rows = await db.member.findMany({
    where: { partnershipId: ctx.partnershipId, active: true, roles: { some: { groupId, active: true } } },
    include: memberInclude,
    orderBy: { name: 'asc' },
  });
  return rows.map(toView);
}

/** Active members of a party, optionally only those with a role. */
export async function partyMembers(ctx: DomainContext, partyId: string, role?: RoleKind, db: Prisma | Tx = ctx.prisma): Promise<MemberView[]> {
  const rows = await db.member.findMany({
    where: { partyId, active: true, ...(role ? { roles: { some: { role, active: true } } } : {}) },
    include: memberInclude,
    orderBy: { name: 'asc' },
  });
  return rows.map(toView);
}

export interface PartnershipOverview {
  id: string;
  key: string;
  name: string;
  settings: Record<string, unknown>;
  parties: Array<{ id: string; key: string; name: string; orgNumber: string | null; sector: Sector; active: boolean; members: MemberView[] }>;
  groups: Array<GroupView & { memberCount: number }>;
  municipalities: Array<{ id: string; key: string; name: string }>;
}

// The overview is read on every /samverkan status and changes rarely: keep it briefly per process.
// Changes made here invalidate it at once; another process's changes show within the TTL.
const OVERVIEW_TTL_MS = 10_000;
const overviewCache = new Map<string, { expires: number; value: PartnershipOverview }>();

export function invalidateDirectory(partnershipId: string): void {
  overviewCache.delete(partnershipId);
  forgetRequestReads();
}

export async function getOverview(ctx: DomainContext): Promise<PartnershipOverview | undefined> {
  const hit = overviewCache.get(ctx.partnershipId);
  if (hit && hit.expires > performance.now()) return hit.value;
  const value = await loadOverview(ctx);
  if (value) overviewCache.set(ctx.partnershipId, { expires: performance.now() + OVERVIEW_TTL_MS, value });
  return value;
}

async function loadOverview(ctx: DomainContext): Promise<PartnershipOverview | undefined> {
  const p = await ctx.prisma.partnership.findUnique({
    where: { id: ctx.partnershipId },
    include: {
      parties: { orderBy: { name: 'asc' }, include: { members: { include: memberInclude, orderBy: { name: 'asc' } } } },
      municipalities: { where: { active: true }, orderBy: { name: 'asc' } },
    },
  });
  if (!p) return undefined;
  const groups = await listGroups(ctx);
  const counts = await Promise.all(groups.map((g) => groupMembers(ctx, g.id).then((m) => m.length)));
  return {
    id: p.id,
    key: p.key,
    name: p.name,
    settings: (p.settings ?? {}) as Record<string, unknown>,
    parties: p.parties.map((party) => ({
      id: party.id,
      key: party.key,
      name: party.name,
      orgNumber: party.orgNumber,
      sector: party.sector,
      active: party.active,
      members: party.members.map(toView),
    })),
    groups: groups.map((g, i) => ({ ...g, memberCount: counts[i]! })),
    municipalities: p.municipalities.map((m) => ({ id: m.id, key: m.key, name: m.name })),
  };
}
