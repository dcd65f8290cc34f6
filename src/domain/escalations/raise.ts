import type { Tx } from '../../db/client.ts';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import type { DomainContext } from '../context.ts';
import { ValidationErrors } from '../errors.ts';
import type { MemberView } from '../partnership/directory.ts';
import { inTransaction } from '../transaction.ts';
import { queueCard, queueNote, steeringThread, tell } from './card.ts';
import { checkTexts, type FieldError } from './guard.ts';
import { chairRecipients, collaborationGroupOf, steeringGroup } from './groups.ts';
import { escalationLabel, LIMITS, type EscalationInput, type EscalationRow } from './types.ts';

export interface RaiseResult {
  escalation: EscalationRow;
  label: string;
  steeringChannelId: string;
  duplicate: boolean;
}

/**
 * A collaboration-group member takes a question the group disagrees on to the steering group.
 * The escalation is saved first; the card, the note in the discussion and (when urgent) the
 * chair's alert are queued in the same transaction and posted after it, with retries.
 */
export async function raiseEscalation(ctx: DomainContext, member: MemberView, actor: Actor, input: EscalationInput): Promise<RaiseResult> {
  const from = await collaborationGroupOf(ctx, member, input.origin?.conversation ?? input.channelId);
  const to = await steeringGroup(ctx);
  const partyIds = [...new Set(input.partyIds)];
  const extra: FieldError[] = [];
  if (partyIds.length < 2) extra.push({ field: 'parties', key: 'escalations.error.twoParties' });
  else if (!partyIds.every((id) => from.parties.some((p) => p.id === id))) extra.push({ field: 'parties', key: 'escalations.error.unknownParty', params: { group: from.name } });
  if (input.link && (input.link.length > LIMITS.link || !/^https?:\/\/\S+$/i.test(input.link.trim()))) extra.push({ field: 'link', key: 'escalations.error.link' });
  const texts = [
    { field: 'question', value: input.question, max: LIMITS.question, required: true },
    { field: 'background', value: input.background, max: LIMITS.background },
    { field: 'positions', value: input.positions, max: LIMITS.positions, required: true },
    { field: 'options', value: input.options, max: LIMITS.options },
    // A link is free text too: a personnummer in its path or query is as stored as in a sentence.
    { field: 'link', value: input.link, max: LIMITS.link },
  ];
  checkTexts(texts, extra, { confirmed: input.notAboutAPerson });
  const result = (e: EscalationRow, duplicate: boolean): RaiseResult => ({ escalation: e, label: escalationLabel(e.number), steeringChannelId: to.channelId, duplicate });
  const earlier = await byRequest(ctx, input.requestKey);
  if (earlier) return result(earlier, true);
  // Two raises at once may take the same number; the unique index lets one in and the other retries.
  for (let attempt = 0; ; attempt++) {
    try {
      return result(await inTransaction(ctx, (tx) => insert(tx, ctx, actor, member, from.id, to.id, partyIds, input)), false);
    } catch (err) {
      if ((err as { code?: string }).code !== 'P2002' || attempt >= 3) throw err;
      const winner = await byRequest(ctx, input.requestKey);
      if (winner) return result(winner, true);
    }
  }
}

const byRequest = async (ctx: DomainContext, key: string | undefined) => (key ? ((await ctx.prisma.escalation.findUnique({ where: { requestKey: key } })) ?? undefined) : undefined);

async function insert(tx: Tx, ctx: DomainContext, actor: Actor, member: MemberView, fromId: string, toId: string, partyIds: string[], input: EscalationInput): Promise<EscalationRow> {
  const now = ctx.clock.now();
  const last = await tx.escalation.aggregate({ where: { partnershipId: ctx.partnershipId }, _max: { number: true } });
  const e = await tx.escalation.create({
    data: {
      partnershipId: ctx.partnershipId,
      number: (last._max.number ?? 0) + 1,
      fromGroupId: fromId,
      toGroupId: toId,
      raisedById: member.id,
      raisedByPartyId: member.partyId,
      question: input.question.trim(),
      background: input.background?.trim() || null,
      partyIds,
      positions: input.positions.trim(),
      options: input.options?.trim() || null,
      urgent: input.urgent,
      link: input.link?.trim() || null,
      originPlatform: input.origin?.platform ?? null,
      originConversationId: input.origin?.conversation ?? null,
      originMessageId: input.origin?.message ?? null,
      requestKey: input.requestKey ?? null,
      createdAt: now,
    },
  });
  await audit(tx, actor, { action: 'raise', entityType: 'Escalation', entityId: e.id, after: e }, now);
  await queueCard(tx, e.id);
  await queueNote(tx, e);
  if (e.urgent) {
    const steering = await tx.group.findUniqueOrThrow({ where: { id: toId } });
    const alert = { id: e.id, label: escalationLabel(e.number), question: e.question, user: member.chatUserId, steeringChannelId: steering.channelId, party: member.partyName };
    for (const r of await chairRecipients(ctx, toId, steeringThread(e), tx)) {
      await tell(tx, e, `urgent:${r.key}`, { to: r.to, template: 'escalation.urgent', data: alert });
    }
  }
  return e;
}
