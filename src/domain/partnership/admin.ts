import type { RoleKind } from '../../generated/prisma/enums.ts';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import type { DomainContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { inTransaction } from '../transaction.ts';
import { isAdmin } from './permissions.ts';
import { invalidateDirectory, type MemberView } from './directory.ts';
import { setRoles, type RoleAssignment } from './sync.ts';

export interface AddMemberInput {
  chatUserId: string;
  name: string;
  partyKey: string;
  /** e.g. ['samordnare', 'representant:samverkansgrupp', 'admin'] (Swedish or English words). */
  roles: string[];
}

const ROLE_WORDS: Record<string, RoleKind> = {
  representant: 'REPRESENTATIVE',
  representative: 'REPRESENTATIVE',
  ordförande: 'CHAIR',
  ordforande: 'CHAIR',
  chair: 'CHAIR',
  samordnare: 'COORDINATOR',
  coordinator: 'COORDINATOR',
  admin: 'ADMIN',
  administratör: 'ADMIN',
};

export function requireAdmin(member: MemberView): void {
  if (!isAdmin(member)) throw new DomainError('core.admin.forbidden');
}

/** Adds (or reactivates) a member without editing the partnership file. */
export async function addMember(ctx: DomainContext, admin: MemberView, actor: Actor, input: AddMemberInput) {
  requireAdmin(admin);
  return inTransaction(ctx, async (tx) => {
    const parties = await tx.party.findMany({ where: { partnershipId: ctx.partnershipId, active: true }, orderBy: { key: 'asc' } });
    const party = parties.find((p) => p.key === input.partyKey.toLowerCase());
    if (!party) throw new DomainError('core.admin.error.unknownParty', { party: input.partyKey, parties: parties.map((p) => p.key).join(', ') });
    const groups = await tx.group.findMany({ where: { partnershipId: ctx.partnershipId }, orderBy: { key: 'asc' } });
    const roles: RoleAssignment[] = input.roles.map((word) => {
      const [name = '', groupKey] = word.toLowerCase().split(':');
      const role = ROLE_WORDS[name];
      if (!role) throw new DomainError('core.admin.error.unknownRole', { role: word });
      if (role === 'REPRESENTATIVE' || role === 'CHAIR') {
        if (!groupKey) throw new DomainError('core.admin.error.roleNeedsGroup', { role: name, example: groups[0]?.key ?? 'styrgrupp' });
        const group = groups.find((g) => g.key === groupKey);
        if (!group) throw new DomainError('core.admin.error.unknownGroup', { group: groupKey, groups: groups.map((g) => g.key).join(', ') });
        return { role, groupId: group.id, groupKey: group.key };
      }
      return { role, groupId: null, groupKey: '' };
    });
    const before = await tx.member.findUnique({ where: { partnershipId_chatUserId: { partnershipId: ctx.partnershipId, chatUserId: input.chatUserId } } });
    const data = { name: before?.name ?? input.name, partyId: party.id, active: true };
    const member = before
      ? await tx.member.update({ where: { id: before.id }, data })
      : await tx.member.create({ data: { ...data, partnershipId: ctx.partnershipId, chatUserId: input.chatUserId, source: 'command' } });
    await audit(tx, actor, { action: before ? 'update' : 'create', entityType: 'Member', entityId: member.id, before, after: member }, ctx.clock.now());
    await setRoles(tx, actor, member.id, roles, ctx.clock.now());
    return { memberId: member.id, partyName: party.shortName ?? party.name, roles };
  }).finally(() => invalidateDirectory(ctx.partnershipId));
}

export async function deactivateMember(ctx: DomainContext, admin: MemberView, actor: Actor, chatUserId: string) {
  requireAdmin(admin);
  return inTransaction(ctx, async (tx) => {
    const member = await tx.member.findUnique({
      where: { partnershipId_chatUserId: { partnershipId: ctx.partnershipId, chatUserId } },
      include: { roles: { where: { active: true } } },
    });
    if (!member || !member.active) throw new DomainError('core.admin.error.unknownMember', { user: chatUserId });
    if (member.roles.some((r) => r.role === 'ADMIN')) {
      const admins = await tx.member.count({ where: { partnershipId: ctx.partnershipId, active: true, roles: { some: { role: 'ADMIN', active: true } } } });
      if (admins <= 1) throw new DomainError('core.admin.error.lastAdmin');
    }
    await tx.member.update({ where: { id: member.id }, data: { active: false } });
    await audit(tx, actor, { action: 'deactivate', entityType: 'Member', entityId: member.id, before: { active: true }, after: { active: false } }, ctx.clock.now());
    return { memberId: member.id };
  }).finally(() => invalidateDirectory(ctx.partnershipId));
}
