import type { Actor } from '../actor.ts';
import type { DomainContext } from '../context.ts';
import { localDate } from '../dates.ts';
import { DomainError, ValidationErrors } from '../errors.ts';
import { findMemberByChatUser, type MemberView } from '../partnership/directory.ts';
import { findDecision, formChoices, supersessionDraft, type DecisionDraft } from './query.ts';
import { recordDecision, type RecordResult } from './record.ts';
import type { DecisionInput } from './types.ts';
import { castVote, checkCanVote, checkCanWithdraw, withdrawProposal } from './votes.ts';

/*
 * What the decision log's forms and buttons ask of it, one call each: the adapter reads what was
 * typed or clicked, calls one of these, and draws the answer.
 */

type GroupChoice = { id: string; name: string; kind: 'STEERING' | 'COLLABORATION' };

/** Everything the decision form offers one member, and what it starts from. */
export interface DecisionFormChoices {
  /** The groups the member may record in (only the old decision's group when superseding). */
  groups: GroupChoice[];
  /** The group already picked: asked for, the one of the channel, or the only one. */
  groupId?: string;
  /** A decision taken at once (a collaboration group's) asks for its date; a steering proposal is dated when every party has consented. */
  asksDate: boolean;
  /** The member may record in groups of both kinds: picking the group changes whether the date is asked. */
  groupDecidesDate: boolean;
  parties: Array<{ id: string; name: string }>;
  /** The local date, the date field's default. */
  today: string;
  prefill?: DecisionDraft;
  /** The decision the new one replaces ("Ersätt med nytt beslut"). */
  supersedes?: { reference: string; title: string };
}

export interface DecisionFormRequest {
  channelId?: string;
  groupId?: string;
  supersedesId?: string;
  prefill?: DecisionDraft;
}

/**
 * The decision form for a member: refuses someone in no group, and a correction of a decision
 * that cannot be found or that belongs to a group the member is not in; a correction starts
 * from the decision it supersedes.
 */
export async function decisionFormChoices(ctx: DomainContext, member: MemberView, o: DecisionFormRequest = {}): Promise<DecisionFormChoices> {
  const choices = await formChoices(ctx, member);
  let groups = choices.groups;
  let supersedes: DecisionFormChoices['supersedes'];
  let prefill = o.prefill;
  if (o.supersedesId) {
    const old = await findDecision(ctx, o.supersedesId);
    if (!old) throw new DomainError('decisions.error.notFound');
    groups = groups.filter((g) => g.id === old.groupId);
    if (groups.length === 0) throw new DomainError('decisions.error.notMemberOfGroup', { group: old.groupName });
    supersedes = { reference: old.label, title: old.title };
    prefill = { ...(await supersessionDraft(ctx, old)), ...o.prefill };
  }
  if (groups.length === 0) throw new DomainError('decisions.error.noGroups');
  const picked = groups.find((g) => g.id === o.groupId) ?? groups.find((g) => g.channelId === o.channelId) ?? (groups.length === 1 ? groups[0] : undefined);
  return {
    groups: groups.map(({ id, name, kind }) => ({ id, name, kind })),
    ...(picked ? { groupId: picked.id } : {}),
    asksDate: picked ? picked.kind === 'COLLABORATION' : groups.some((g) => g.kind === 'COLLABORATION'),
    groupDecidesDate: new Set(groups.map((g) => g.kind)).size > 1,
    parties: choices.parties,
    today: localDate(ctx.clock.now(), ctx.timezone),
    ...(prefill ? { prefill } : {}),
    ...(supersedes ? { supersedes } : {}),
  };
}

/** The decision form as submitted: the responsible person is named by their chat identity. */
export interface DecisionFormInput extends Omit<DecisionInput, 'responsibleMemberId' | 'origin'> {
  responsibleUser?: string;
}

/** Records (or proposes) the decision of a submitted form; the responsible person must be a member. */
export async function submitDecisionForm(ctx: DomainContext, member: MemberView, actor: Actor, input: DecisionFormInput): Promise<RecordResult> {
  const { responsibleUser, ...rest } = input;
  const responsible = responsibleUser ? await findMemberByChatUser(ctx, responsibleUser) : undefined;
  if (responsibleUser && !responsible) throw new ValidationErrors([{ field: 'responsible_person', key: 'decisions.error.responsibleNotMember' }]);
  return recordDecision(ctx, member, actor, { ...rest, ...(responsible ? { responsibleMemberId: responsible.id } : {}) });
}

/** A proposal as a form about it names it: by its number and title. */
export interface ProposalRef {
  id: string;
  reference: string;
  title: string;
}

const refOf = async (ctx: DomainContext, id: string): Promise<ProposalRef> => {
  const d = await findDecision(ctx, id);
  if (!d) throw new DomainError('decisions.error.notFound');
  return { id: d.id, reference: d.label, title: d.title };
};

/** "Invänd": the member may vote on the proposal (else refused at once), and the proposal to object to. */
export async function objectionFor(ctx: DomainContext, member: MemberView, decisionId: string): Promise<ProposalRef> {
  await checkCanVote(ctx, member, decisionId);
  return refOf(ctx, decisionId);
}

/** "Dra tillbaka": only the chair may (refused before any "are you sure?"), and the proposal to withdraw. */
export async function withdrawalFor(ctx: DomainContext, member: MemberView, decisionId: string): Promise<ProposalRef> {
  await checkCanWithdraw(ctx, member, decisionId);
  return refOf(ctx, decisionId);
}

/** "Godkänn": the party's consent, and what it did (the last one adopts the proposal). */
export async function consentTo(ctx: DomainContext, member: MemberView, actor: Actor, decisionId: string) {
  const r = await castVote(ctx, member, actor, decisionId, 'CONSENT');
  return { reference: (await findDecision(ctx, r.decision.id))?.label ?? '', party: member.partyName, adopted: r.adopted, liftedObjection: r.liftedObjection };
}

/** The objection form's submission. */
export async function objectTo(ctx: DomainContext, member: MemberView, actor: Actor, decisionId: string, reason: string, o: { notAboutAPerson?: boolean } = {}): Promise<void> {
  await castVote(ctx, member, actor, decisionId, 'OBJECTION', reason, o);
}

/** The chair confirmed: the proposal is withdrawn; its number, to say so. */
export async function withdraw(ctx: DomainContext, member: MemberView, actor: Actor, decisionId: string): Promise<string> {
  const d = await withdrawProposal(ctx, member, actor, decisionId);
  return (await findDecision(ctx, d.id))?.label ?? '';
}
