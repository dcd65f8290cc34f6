import type { Prisma as P } from '../../generated/prisma/client.ts';
import type { DomainContext } from '../context.ts';
import { listGroups, type GroupView, type MemberView } from '../partnership/directory.ts';
import { isMemberOf } from '../partnership/permissions.ts';
import { fromDbDate, localDate } from '../dates.ts';
import { formatProposalReference } from './numbering.ts';
import { basicsOf, type DecisionBasics } from './card.ts';
import { partiesInAgreement } from '../agreement/in-agreement.ts';

/** One line of the register, with names resolved. */
export interface DecisionSummary extends DecisionBasics {
  groupKind: 'STEERING' | 'COLLABORATION';
  responsibleName: string | null;
  supersedes: string | null;
  supersededBy: string | null;
  /** Parties of a steering proposal that have not consented yet. */
  awaiting: string[];
  /** Who recorded the decision (or proposed it, in a steering group). */
  recordedBy: string | null;
  /** A steering decision's consents, in the group's party order: who consented for each party, and when. */
  consents?: Array<{ party: string; name: string; at: Date }>;
}

export interface SearchResult {
  items: DecisionSummary[];
  /** How many match, counted up to COUNT_LIMIT; more than that reads as COUNT_LIMIT + 1. */
  total: number;
  group?: string;
  year?: number;
  terms: string[];
  /** How many matches came before this page (0 on the first). */
  shown: number;
  /** Where the next page starts, when more match than this page and those before it. */
  next?: string;
}

/** `/beslut lista` counts its matches only this far: counting a log of thousands each time would read all of it. */
export const COUNT_LIMIT = 500;

/** A page of the register starts after the decision of this cursor: its creation and id, newest first. */
const cursorOf = (d: { createdAt: Date; id: string }) => `${d.createdAt.toISOString()}_${d.id}`;
function afterCursor(cursor: string | undefined): P.DecisionWhereInput[] {
  const m = cursor ? /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)_(.+)$/.exec(cursor) : null;
  if (!m) return [];
  const at = new Date(m[1]!);
  if (Number.isNaN(at.getTime())) return [];
  // The index on (partnership or group, createdAt) finds where the page starts; ties go by id.
  return [{ createdAt: { lte: at } }, { OR: [{ createdAt: { lt: at } }, { id: { lt: m[2]! } }] }];
}

/**
 * `/beslut lista [grupp] [år] [sökord]`: a word naming a group (key or short code) picks the group,
 * a four-digit number the year; the remaining words must all occur in the title, text, background
 * or number. Newest first, `limit` at a time: `page.after` (a result's `next`) continues where the
 * page before ended, through the index, never by counting past the rows already shown.
 */
export async function searchDecisions(ctx: DomainContext, words: string[], limit = 15, page: { after?: string; shown?: number } = {}): Promise<SearchResult> {
  const groups = await listGroups(ctx);
  const { group, year, terms } = readRegisterWords(groups, words);
  const where: P.DecisionWhereInput = {
    partnershipId: ctx.partnershipId,
    ...(group ? { groupId: group.id } : {}),
    ...(year ? { OR: [{ year }, { year: null, createdAt: { gte: new Date(Date.UTC(year, 0, 1)), lt: new Date(Date.UTC(year + 1, 0, 1)) } }] } : {}),
    AND: terms.map((t) => ({
      OR: (['title', 'body', 'background', 'reference'] as const).map((f) => ({ [f]: { contains: t, mode: 'insensitive' as const } })),
    })),
  };
  const pageWhere: P.DecisionWhereInput = { ...where, AND: [...(where.AND as P.DecisionWhereInput[]), ...afterCursor(page.after)] };
  const [rows, total] = await Promise.all([
    ctx.prisma.decision.findMany({ where: pageWhere, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit + 1 }),
    ctx.prisma.decision.count({ where, take: COUNT_LIMIT + 1 }),
  ]);
  const items = rows.slice(0, limit);
  const next = rows.length > limit ? cursorOf(items[items.length - 1]!) : undefined;
  return { items: await summarise(ctx, items, groups), total, group: group?.name, year, terms, shown: Math.max(0, page.shown ?? 0), ...(next ? { next } : {}) };
}

/** Words of `/beslut lista` and `/beslut export`: the first naming a group (key, short code or name), the first four-digit year, the rest. */
export function readRegisterWords(groups: GroupView[], words: string[]): { group?: GroupView; year?: number; terms: string[] } {
  let group: GroupView | undefined;
  let year: number | undefined;
  const terms: string[] = [];
  for (const w of words) {
    const g = groups.find((x) => [x.key, x.shortCode, x.name].some((n) => n.toLowerCase() === w.toLowerCase()));
    if (g && !group) group = g;
    else if (/^(19|20)\d{2}$/.test(w) && year === undefined) year = Number(w);
    else terms.push(w);
  }
  return { group, year, terms };
}

/** The register of a year: numbered decisions by group and number (the minutes' order). */
export async function yearRegister(ctx: DomainContext, year: number, groupId?: string): Promise<DecisionSummary[]> {
  const rows = await ctx.prisma.decision.findMany({
    where: { partnershipId: ctx.partnershipId, status: 'ADOPTED', year, ...(groupId ? { groupId } : {}) },
    orderBy: [{ groupId: 'asc' }, { number: 'asc' }],
  });
  const groups = await listGroups(ctx);
  const items = await summarise(ctx, rows, groups);
  await addConsents(ctx, items, groups);
  const order = (s: DecisionSummary) => groups.findIndex((g) => g.name === s.groupName);
  return items.sort((a, b) => order(a) - order(b));
}

/** The register is a public record: a steering decision names who consented for each party, and when. */
async function addConsents(ctx: DomainContext, items: DecisionSummary[], groups: GroupView[]): Promise<void> {
  const steering = items.filter((d) => d.groupKind === 'STEERING');
  if (steering.length === 0) return;
  const votes = await ctx.prisma.decisionVote.findMany({ where: { decisionId: { in: steering.map((d) => d.id) }, kind: 'CONSENT' } });
  const voters = await ctx.prisma.member.findMany({ where: { id: { in: [...new Set(votes.map((v) => v.memberId))] } } });
  for (const d of steering) {
    const parties = groups.find((g) => g.name === d.groupName)?.parties ?? [];
    const rank = (partyId: string) => {
      const i = parties.findIndex((p) => p.id === partyId);
      return i < 0 ? parties.length : i;
    };
    d.consents = votes
      .filter((v) => v.decisionId === d.id)
      .sort((a, b) => rank(a.partyId) - rank(b.partyId))
      .map((v) => ({ party: parties.find((p) => p.id === v.partyId)?.name ?? '?', name: voters.find((m) => m.id === v.memberId)?.name ?? '?', at: v.updatedAt }));
  }
}

export interface HomeData {
  groups: Array<{ name: string; channelId: string; latest: DecisionSummary[]; proposals: DecisionSummary[] }>;
}

/** The App Home: for each of the member's groups, its open proposals and latest decisions. */
export async function homeData(ctx: DomainContext, member: MemberView, latest = 5): Promise<HomeData> {
  const all = await listGroups(ctx);
  const mine = all.filter((g) => isMemberOf(member, g.id));
  const groups = mine.length > 0 ? mine : all;
  // Names, votes and links are looked up once for every row on the page, not per group.
  const [proposed, ...adopted] = await Promise.all([
    ctx.prisma.decision.findMany({ where: { groupId: { in: groups.map((g) => g.id) }, status: 'PROPOSED' }, orderBy: [{ createdAt: 'asc' }] }),
    ...groups.map((g) => ctx.prisma.decision.findMany({ where: { groupId: g.id, status: 'ADOPTED' }, orderBy: [{ adoptedAt: 'desc' }], take: latest })),
  ]);
  const summaries = await summarise(ctx, [...proposed, ...adopted.flat()], all);
  const byId = new Map(summaries.map((s) => [s.id, s]));
  const pick = (rows: Row[]) => rows.map((r) => byId.get(r.id)!);
  return {
    groups: groups.map((g, i) => ({
      name: g.name,
      channelId: g.channelId,
      latest: pick(adopted[i]!),
      proposals: pick(proposed.filter((r) => r.groupId === g.id)),
    })),
  };
}

export const currentYear = (ctx: DomainContext) => Number(localDate(ctx.clock.now(), ctx.timezone).slice(0, 4));

type Row = Awaited<ReturnType<DomainContext['prisma']['decision']['findMany']>>[number];

async function summarise(ctx: DomainContext, rows: Row[], groups: GroupView[]): Promise<DecisionSummary[]> {
  if (rows.length === 0) return [];
  const ids = (f: (r: Row) => string | null) => [...new Set(rows.map(f).filter((x): x is string => !!x))];
  const [parties, members, linked, votes, inAgreement] = await Promise.all([
    ctx.prisma.party.findMany({ where: { partnershipId: ctx.partnershipId } }),
    ctx.prisma.member.findMany({ where: { id: { in: [...ids((r) => r.responsibleMemberId), ...ids((r) => r.createdById)] } } }),
    ctx.prisma.decision.findMany({ where: { id: { in: [...ids((r) => r.supersedesId), ...ids((r) => r.supersededById)] } } }),
    ctx.prisma.decisionVote.findMany({ where: { decisionId: { in: rows.filter((r) => r.status === 'PROPOSED').map((r) => r.id) }, kind: 'CONSENT' } }),
    partiesInAgreement(ctx),
  ]);
  const now = ctx.clock.now();
  const partyName = (id: string | null) => {
    const p = parties.find((x) => x.id === id);
    return p ? (p.shortName ?? p.name) : null;
  };
  return rows.map((r) => {
    const g = groups.find((x) => x.id === r.groupId)!;
    const ref = (id: string | null) => {
      const d = linked.find((x) => x.id === id);
      return d ? (d.reference ?? d.title) : null;
    };
    return {
      ...basicsOf(r, g, partyName(r.responsiblePartyId)),
      groupKind: g.kind,
      responsibleName: members.find((m) => m.id === r.responsibleMemberId)?.name ?? null,
      supersedes: ref(r.supersedesId),
      supersededBy: ref(r.supersededById),
      recordedBy: members.find((m) => m.id === r.createdById)?.name ?? null,
      // A party whose notice has taken effect is no longer asked.
      awaiting: r.status === 'PROPOSED' ? g.parties.filter((p) => inAgreement.at(p.id, now) && !votes.some((v) => v.decisionId === r.id && v.partyId === p.id)).map((p) => p.name) : [],
    };
  });
}

/** What the form offers a member: the groups they may record for, and the parties. */
export async function formChoices(ctx: DomainContext, member: MemberView) {
  const groups = (await listGroups(ctx)).filter((g) => isMemberOf(member, g.id));
  const parties = await ctx.prisma.party.findMany({ where: { partnershipId: ctx.partnershipId, active: true }, orderBy: { name: 'asc' } });
  return {
    groups: groups.map((g) => ({ id: g.id, name: g.name, channelId: g.channelId, kind: g.kind })),
    parties: parties.map((p) => ({ id: p.id, name: p.shortName ?? p.name })),
  };
}

/** One decision with the number it is known by (its reference, or its proposal id). */
export async function findDecision(ctx: DomainContext, id: string) {
  const d = await ctx.prisma.decision.findUnique({ where: { id } });
  if (!d || d.partnershipId !== ctx.partnershipId) return undefined;
  const g = await ctx.prisma.group.findUniqueOrThrow({ where: { id: d.groupId } });
  return { ...d, label: displayReference(d, g.shortCode), channelId: g.channelId, groupName: g.name };
}

export const displayReference = (d: { reference: string | null; proposalNumber: number | null; id: string }, shortCode: string) =>
  d.reference ?? (d.proposalNumber ? formatProposalReference(shortCode, d.proposalNumber) : d.id);

/** What a form may show before the member writes: every field is theirs to change. */
export interface DecisionDraft {
  title?: string;
  body?: string;
  background?: string;
  responsiblePartyId?: string;
  /** The responsible member's chat user id (the form's person picker speaks in those). */
  responsibleUser?: string;
  followUpOn?: string;
  link?: string;
}

/**
 * "Ersätt med nytt beslut": the correction starts from the decision it supersedes, so the member
 * changes what changed instead of writing it all again. A follow-up date already passed is left
 * out (a new decision cannot be followed up before it is taken).
 */
export async function supersessionDraft(ctx: DomainContext, old: { title: string; body: string; background: string | null; responsiblePartyId: string | null; responsibleMemberId: string | null; followUpOn: Date | null; link: string | null }): Promise<DecisionDraft> {
  const person = old.responsibleMemberId ? await ctx.prisma.member.findUnique({ where: { id: old.responsibleMemberId } }) : null;
  const followUp = old.followUpOn ? fromDbDate(old.followUpOn) : undefined;
  return {
    title: old.title,
    body: old.body,
    background: old.background ?? undefined,
    responsiblePartyId: old.responsiblePartyId ?? undefined,
    responsibleUser: person?.active ? person.chatUserId : undefined,
    followUpOn: followUp && followUp > localDate(ctx.clock.now(), ctx.timezone) ? followUp : undefined,
    link: old.link ?? undefined,
  };
}
