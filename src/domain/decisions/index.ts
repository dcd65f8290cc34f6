/**
 * The decision log. Entry points for other features:
 * - `proposeDecision(ctx, actor, input, tx?)` creates a steering-group proposal (unanimity flow)
 *   with `input.origin = { type, id }`;
 * - `onDecisionAdopted(type, hook)` / `onDecisionClosed(type, hook)` run `hook(tx, decision)` inside
 *   the transaction that adopts (last consent) or withdraws such a proposal;
 * - `closeProposal(tx, ctx, actor, id, closedById)` withdraws such a proposal inside the caller's
 *   transaction when its question goes away;
 * - `countDecisionsTaken(ctx, groupId, from, to)` tells how many decisions a group took on those dates;
 * - `votingParties(tx, ctx, groupId, at)` names the parties whose consent a decision needs.
 */
export { proposeDecision, recordDecision, type RecordResult } from './record.ts';
export { castVote, checkCanVote, checkCanWithdraw, withdrawProposal, closeProposal, votingParties, type VoteKind, type VoteResult } from './votes.ts';
export { onDecisionAdopted, onDecisionClosed, type DecisionHook } from './hooks.ts';
export { COUNT_LIMIT, searchDecisions, yearRegister, homeData, currentYear, formChoices, findDecision, displayReference, supersessionDraft, type DecisionDraft, type DecisionSummary, type HomeData, type SearchResult } from './query.ts';
export { draftFromMessage, titleFromMessage } from './draft.ts';
export { exportRegister, type RegisterExport } from './export.ts';
export { sendDueFollowUps } from './follow-up.ts';
export { countDecisionsTaken } from './taken.ts';
export { cardRef, type DecisionCardData } from './card.ts';
export { localDate } from '../dates.ts';
export type { DecisionInput, DecisionRow, DecisionField } from './types.ts';
export { decisionFormChoices, submitDecisionForm, objectionFor, withdrawalFor, consentTo, objectTo, withdraw, type DecisionFormChoices, type DecisionFormInput, type DecisionFormRequest, type ProposalRef } from './interactions.ts';
