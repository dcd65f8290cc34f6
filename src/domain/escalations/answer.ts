import type { Tx } from '../../db/client.ts';
import { systemActor, type Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import type { DomainContext } from '../context.ts';
import { displayReference, proposeDecision, type DecisionRow } from '../decisions/index.ts';
import { DomainError } from '../errors.ts';
import type { MemberView } from '../partnership/directory.ts';
import { inTransaction } from '../transaction.ts';
import { checkTexts } from '../personal-details.ts';
import { originRecipient, queueCard, queueNote, steeringThread, tell } from './card.ts';
import { requireSteeringMember, steeringGroup } from './groups.ts';
import { lockActive } from './lifecycle.ts';
import { ACTIVE, escalationLabel } from './types.ts';

export const ORIGIN = 'escalation';

export interface AnswerResult {
  decision: DecisionRow;
  label: string;
  duplicate: boolean;
}

/**
 * A steering-group member proposes the group's answer. The answer is a steering decision: it goes
 * through the decision log's unanimity flow, and the escalation closes when it is adopted.
 */
export async function proposeAnswer(ctx: DomainContext, member: MemberView, actor: Actor, id: string, answer: { title: string; body: string; notAboutAPerson?: boolean; requestKey?: string }): Promise<AnswerResult> {
  const steering = await steeringGroup(ctx);
  requireSteeringMember(member, steering);
  const label = (d: DecisionRow) => displayReference(d, steering.shortCode);
  if (answer.requestKey) {
    const earlier = await ctx.prisma.decision.findUnique({ where: { requestKey: answer.requestKey } });
    if (earlier) return { decision: earlier, label: label(earlier), duplicate: true };
  }
  return inTransaction(ctx, async (tx) => {
    const e = await lockActive(tx, ctx, id);
    if (e.decisionId) {
      const pending = await tx.decision.findUnique({ where: { id: e.decisionId } });
      if (pending?.status === 'PROPOSED') throw new DomainError('escalations.error.proposalPending', { label: escalationLabel(e.number), proposal: label(pending) });
    }
    const origin = { type: ORIGIN, id: e.id };
    // The question is the answer's background, unless the title already says it in full ("Svar på ESK-3: …").
    const background = answer.title.includes(e.question.trim()) ? undefined : e.question;
    // The background is the question, accepted when it was raised: only the answer's own words
    // are asked about (a personnummer in any of them is refused by the decision log's check).
    checkTexts([{ field: 'title', value: answer.title }, { field: 'body', value: answer.body }], { confirmed: answer.notAboutAPerson });
    const d = await proposeDecision(ctx, actor, { groupId: steering.id, title: answer.title, body: answer.body, background, origin, requestKey: answer.requestKey, notAboutAPerson: true }, tx);
    const now = ctx.clock.now();
    await tx.escalation.update({ where: { id }, data: { status: 'IN_PROGRESS', takenUpAt: e.takenUpAt ?? now, decisionId: d.id } });
    await audit(tx, actor, { action: 'propose-answer', entityType: 'Escalation', entityId: id, before: { status: e.status }, after: { status: 'IN_PROGRESS', decisionId: d.id } }, now);
    await queueCard(tx, id);
    await tell(tx, e, `proposed:${d.id}`, { to: steeringThread(e), template: 'escalation.proposed', data: { label: escalationLabel(e.number), proposal: label(d), title: d.title, question: e.question, user: member.chatUserId } });
    return { decision: d, label: label(d), duplicate: false };
  });
}

/** The unanimous answer closes the escalation in the adopting transaction and goes back down. */
async function adopted(tx: Tx, d: DecisionRow): Promise<void> {
  const e = await tx.escalation.findUnique({ where: { id: d.originId ?? '' } });
  if (!e || !ACTIVE.includes(e.status)) return; // withdrawn or sent back meanwhile: the decision stands on its own
  const at = d.adoptedAt ?? undefined;
  const after = await tx.escalation.update({ where: { id: e.id }, data: { status: 'DECIDED', decisionId: d.id, closedAt: at } });
  await audit(tx, systemActor(e.partnershipId, `decision ${d.reference}`), { action: 'decide', entityType: 'Escalation', entityId: e.id, before: { status: e.status }, after: { status: 'DECIDED', decisionId: d.id } }, at);
  await queueCard(tx, e.id);
  const data = { label: escalationLabel(e.number), question: e.question, reference: d.reference ?? '', title: d.title, body: d.body };
  await tell(tx, e, `answered:${d.id}`, { to: originRecipient(e), template: 'escalation.answered', data });
  await queueNote(tx, after);
}

/** A withdrawn proposal leaves the question with the steering group, open for another answer. */
async function closed(tx: Tx, d: DecisionRow): Promise<void> {
  const e = await tx.escalation.findUnique({ where: { id: d.originId ?? '' } });
  if (!e || e.decisionId !== d.id || !ACTIVE.includes(e.status)) return;
  await tx.escalation.update({ where: { id: e.id }, data: { decisionId: null } });
  await queueCard(tx, e.id);
  await tell(tx, e, `proposal-closed:${d.id}`, { to: steeringThread(e), template: 'escalation.proposalWithdrawn', data: { label: escalationLabel(e.number) } });
}

/** The escalation's part in the decision log (wired by `wireDecisionOrigins`). */
export const escalationOrigin = { type: ORIGIN, adopted, closed };
