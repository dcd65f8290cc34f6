import type { Decision } from '../../generated/prisma/client.ts';
import type { Tx } from '../../db/client.ts';
import type { DomainContext } from '../context.ts';
import { enqueue } from '../outbox.ts';
import { fromDbDate } from '../dates.ts';
import { formatProposalReference } from './numbering.ts';
import { partiesInAgreement } from '../agreement/in-agreement.ts';

export type VoteState = 'PENDING' | 'CONSENT' | 'OBJECTION';

/** What the card and the register show alike of a decision. */
export interface DecisionBasics {
  id: string;
  groupName: string;
  status: 'PROPOSED' | 'ADOPTED' | 'WITHDRAWN';
  reference: string | null;
  proposalReference: string | null;
  title: string;
  body: string;
  background: string | null;
  decidedOn: string | null;
  responsibleParty: string | null;
  followUpOn: string | null;
  link: string | null;
}

type DecisionRecord = Pick<Decision, 'id' | 'status' | 'reference' | 'proposalNumber' | 'title' | 'body' | 'background' | 'decidedOn' | 'followUpOn' | 'link'>;

/** What every view of a decision shows, from its row, its group and its responsible party's name. */
export function basicsOf(d: DecisionRecord, group: { name: string; shortCode: string }, responsibleParty: string | null): DecisionBasics {
  return {
    id: d.id,
    groupName: group.name,
    status: d.status,
    reference: d.reference,
    proposalReference: d.proposalNumber ? formatProposalReference(group.shortCode, d.proposalNumber) : null,
    title: d.title,
    body: d.body,
    background: d.background,
    decidedOn: d.decidedOn ? fromDbDate(d.decidedOn) : null,
    responsibleParty,
    followUpOn: d.followUpOn ? fromDbDate(d.followUpOn) : null,
    link: d.link,
  };
}

/** Everything a decision card shows, as plain JSON for the outbox. */
export interface DecisionCardData extends DecisionBasics {
  steering: boolean;
  responsibleUser: string | null;
  supersedes: { reference: string; title: string } | null;
  supersededBy: { reference: string } | null;
  parties: Array<{ name: string; state: VoteState; voterUser?: string; reason?: string | null }>;
  createdByUser: string | null;
  closedByUser: string | null;
}

export const cardRef = (decisionId: string) => `decision:${decisionId}`;

/** Builds the card of a decision from the database, as it stands inside `tx`. */
export async function loadCard(tx: Tx, ctx: DomainContext, decisionId: string): Promise<DecisionCardData> {
  const d = await tx.decision.findUniqueOrThrow({ where: { id: decisionId }, include: { votes: true } });
  const group = await tx.group.findUniqueOrThrow({
    where: { id: d.groupId },
    include: { parties: { where: { active: true, party: { active: true } }, include: { party: true }, orderBy: { position: 'asc' } } },
  });
  const memberIds = [d.responsibleMemberId, d.createdById, d.closedById, ...d.votes.map((v) => v.memberId)].filter((x): x is string => !!x);
  const members = new Map((await tx.member.findMany({ where: { id: { in: memberIds } } })).map((m) => [m.id, m]));
  const party = d.responsiblePartyId ? await tx.party.findUnique({ where: { id: d.responsiblePartyId } }) : null;
  const [old, successor] = await Promise.all([
    d.supersedesId ? tx.decision.findUnique({ where: { id: d.supersedesId } }) : null,
    d.supersededById ? tx.decision.findUnique({ where: { id: d.supersededById } }) : null,
  ]);
  const user = (id: string | null) => (id ? (members.get(id)?.chatUserId ?? null) : null);
  // The parties asked: those in the agreement when it was decided (or now, while it is open), and any that voted.
  const inAgreement = await partiesInAgreement(ctx, tx);
  const asOf = d.adoptedAt ?? d.closedAt ?? ctx.clock.now();
  const asked = group.parties.filter((gp) => inAgreement.at(gp.partyId, asOf) || d.votes.some((v) => v.partyId === gp.partyId));
  return {
    ...basicsOf(d, group, party ? (party.shortName ?? party.name) : null),
    steering: group.kind === 'STEERING',
    responsibleUser: user(d.responsibleMemberId),
    supersedes: old ? { reference: old.reference ?? old.id, title: old.title } : null,
    supersededBy: successor?.reference ? { reference: successor.reference } : null,
    parties:
      group.kind === 'STEERING'
        ? asked.map((gp) => {
            const v = d.votes.find((x) => x.partyId === gp.partyId);
            return { name: gp.party.shortName ?? gp.party.name, state: v?.kind ?? 'PENDING', voterUser: user(v?.memberId ?? null) ?? undefined, reason: v?.reason };
          })
        : [],
    createdByUser: user(d.createdById),
    closedByUser: user(d.closedById),
  };
}

/**
 * Queues the card of a decision (posted the first time, updated in place afterwards). The
 * revision makes each state's notice unique, so a retried transaction queues it once; a caller
 * redrawing it for a reason of its own passes that reason's `dedupeKey` instead.
 */
export async function queueCard(tx: Tx, ctx: DomainContext, decisionId: string, dedupeKey?: string): Promise<void> {
  const d = dedupeKey ? await tx.decision.findUniqueOrThrow({ where: { id: decisionId } }) : await tx.decision.update({ where: { id: decisionId }, data: { revision: { increment: 1 } } });
  const data = await loadCard(tx, ctx, decisionId);
  await enqueue(tx, dedupeKey ?? `decision-card:${d.id}:${d.revision}`, { to: { group: d.groupId }, template: 'decision.card', ref: cardRef(d.id), data: data as unknown as Record<string, unknown> });
}
