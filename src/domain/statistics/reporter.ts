import type { DomainContext } from '../context.ts';
import type { Actor } from '../actor.ts';
import { DomainError } from '../errors.ts';
import { requireActor, type MemberView } from '../partnership/directory.ts';
import { isCoordinator } from '../partnership/permissions.ts';

export interface Reporter {
  member: MemberView;
  actor: Actor;
  party: { id: string; name: string };
  /** The municipalities the organisation serves: the only ones it may report for. */
  municipalities: Array<{ id: string; key: string; name: string }>;
}

/** The member may report for their own victim-support organisation, as its coordinator or representative. */
export async function requireReporter(ctx: DomainContext, chatUserId: string): Promise<Reporter> {
  const { member, actor } = await requireActor(ctx, chatUserId);
  if (!isCoordinator(member) && !member.roles.some((r) => r.role === 'REPRESENTATIVE')) throw new DomainError('statistics.error.notReporter', { party: member.partyName });
  const party = await ctx.prisma.party.findUniqueOrThrow({
    where: { id: member.partyId },
    include: { municipalities: { include: { municipality: true } } },
  });
  if (party.sector !== 'NONPROFIT') throw new DomainError('statistics.error.publicParty', { party: member.partyName });
  const municipalities = party.municipalities
    .map((pm) => pm.municipality)
    .filter((m) => m.active)
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
    .map((m) => ({ id: m.id, key: m.key, name: m.name }));
  if (municipalities.length === 0) throw new DomainError('statistics.error.noMunicipalities', { party: member.partyName });
  return { member, actor, party: { id: party.id, name: member.partyName }, municipalities };
}
