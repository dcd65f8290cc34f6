import type { DomainContext } from '../context.ts';
import { localDate, toDbDate } from '../dates.ts';
import type { MemberView } from '../partnership/directory.ts';
import { toView, type OutreachEntryView } from './outreach.ts';

/** Activities and the participants they reached. */
export interface OutreachCount {
  activities: number;
  participants: number;
}

export interface OutreachTotals extends OutreachCount {
  /** Per kind of outreach, in the order of the first entry of each kind. */
  byKind: Array<{ kind: string } & OutreachCount>;
  /** Per municipality, by name. */
  byMunicipality: Array<{ municipalityId: string; name: string } & OutreachCount>;
}

/** A year's outreach: in total and per association, each also per kind and per municipality. */
export interface OutreachYear {
  year: number;
  entries: OutreachEntryView[];
  total: OutreachTotals;
  byAssociation: Array<{ partyId: string; name: string } & OutreachTotals>;
}

/** Whose outreach a member may read: their own association's, or everyone's. */
export type OutreachScope = { all: true } | { all: false; partyId: string };

/**
 * The municipality's members and the steering group's members read every association's outreach;
 * an association's other members read their own association's.
 */
export async function outreachScope(ctx: DomainContext, member: MemberView): Promise<OutreachScope> {
  const party = await ctx.prisma.party.findUniqueOrThrow({ where: { id: member.partyId } });
  if (party.sector === 'PUBLIC') return { all: true };
  const groupIds = member.roles.flatMap((r) => (r.groupId && (r.role === 'REPRESENTATIVE' || r.role === 'CHAIR') ? [r.groupId] : []));
  const steering = groupIds.length ? await ctx.prisma.group.count({ where: { id: { in: groupIds }, kind: 'STEERING' } }) : 0;
  return steering > 0 ? { all: true } : { all: false, partyId: member.partyId };
}

/** The year that has most recently begun in the partnership's time zone. */
export const currentYear = (ctx: DomainContext) => Number(localDate(ctx.clock.now(), ctx.timezone).slice(0, 4));

/**
 * The year's outreach (entries not removed), with its summary in total and per association. The
 * compiled follow-up reads this too; `scope` narrows it to one association.
 */
export async function outreachYear(ctx: DomainContext, year: number, scope: OutreachScope = { all: true }): Promise<OutreachYear> {
  const rows = await ctx.prisma.outreachEntry.findMany({
    where: { partnershipId: ctx.partnershipId, removedAt: null, date: { gte: toDbDate(`${year}-01-01`), lte: toDbDate(`${year}-12-31`) }, ...(scope.all ? {} : { partyId: scope.partyId }) },
    orderBy: [{ date: 'asc' }, { number: 'asc' }],
  });
  const [parties, municipalities] = await Promise.all([
    ctx.prisma.party.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.partyId))] } } }),
    ctx.prisma.municipality.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.municipalityId))] } } }),
  ]);
  const partyName = new Map(parties.map((p) => [p.id, p.shortName ?? p.name]));
  const municipalityName = new Map(municipalities.map((m) => [m.id, m.name]));
  const entries = rows.map((r) => toView(r, partyName.get(r.partyId) ?? '?', municipalityName.get(r.municipalityId) ?? '?'));
  const associations = [...new Set(entries.map((e) => e.partyId))]
    .map((partyId) => ({ partyId, name: partyName.get(partyId) ?? '?', ...totals(entries.filter((e) => e.partyId === partyId)) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return { year, entries, total: totals(entries), byAssociation: associations };
}

function totals(entries: OutreachEntryView[]): OutreachTotals {
  const add = <K>(map: Map<K, OutreachCount>, key: K, e: OutreachEntryView) => {
    const c = map.get(key) ?? { activities: 0, participants: 0 };
    map.set(key, { activities: c.activities + 1, participants: c.participants + e.participants });
  };
  const kinds = new Map<string, OutreachCount>();
  const places = new Map<string, OutreachCount>();
  for (const e of entries) {
    add(kinds, e.kind, e);
    add(places, e.municipalityId, e);
  }
  const names = new Map(entries.map((e) => [e.municipalityId, e.municipalityName]));
  return {
    activities: entries.length,
    participants: entries.reduce((s, e) => s + e.participants, 0),
    byKind: [...kinds].map(([kind, c]) => ({ kind, ...c })),
    byMunicipality: [...places].map(([municipalityId, c]) => ({ municipalityId, name: names.get(municipalityId)!, ...c })).sort((a, b) => a.name.localeCompare(b.name, 'sv')),
  };
}
