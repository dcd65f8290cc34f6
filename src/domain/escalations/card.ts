import type { Tx } from '../../db/client.ts';
import { displayReference } from '../decisions/index.ts';
import type { Notice, Recipient } from '../notice.ts';
import { messageRefOf, type MessageRef } from '../message-ref.ts';
import { enqueue } from '../outbox.ts';
import { ACTIVE, escalationLabel, type EscalationRow, type EscalationStatus } from './types.ts';

/** Everything the escalation card shows, as plain JSON for the outbox. */
export interface EscalationCardData {
  id: string;
  label: string;
  status: EscalationStatus;
  question: string;
  background: string | null;
  positions: string;
  options: string | null;
  urgent: boolean;
  link: string | null;
  raisedByUser: string | null;
  raisedByParty: string;
  parties: string[];
  fromGroup: string;
  fromChannelId: string;
  decision: { label: string; status: string } | null;
  guidance: string | null;
  closedByUser: string | null;
  createdAt: string;
}

export const cardRef = (id: string) => `escalation:${id}`;
/** The note in the collaboration group's channel, when the question was not raised from a thread. */
export const noteRef = (id: string) => `escalation-note:${id}`;

/** The thread of the discussion it was raised from (message shortcut), if it was. */
const originThread = (e: EscalationRow): MessageRef | null => messageRefOf(e.originPlatform, e.originConversationId, e.originMessageId);

/** Where news of the escalation goes back to: the discussion it came from. */
export function originRecipient(e: EscalationRow): Recipient {
  const origin = originThread(e);
  return origin ? { conversation: { platform: origin.platform, id: origin.conversation }, thread: origin } : { group: e.fromGroupId, threadRef: noteRef(e.id) };
}

export const steeringThread = (e: EscalationRow): Recipient => ({ group: e.toGroupId, threadRef: cardRef(e.id) });

const partyName = (p: { name: string; shortName: string | null }) => p.shortName ?? p.name;

export async function loadCard(tx: Tx, id: string): Promise<EscalationCardData> {
  const e = await tx.escalation.findUniqueOrThrow({ where: { id } });
  const parties = await tx.party.findMany({ where: { id: { in: [...e.partyIds, e.raisedByPartyId] } } });
  const byId = new Map(parties.map((p) => [p.id, partyName(p)]));
  const members = new Map((await tx.member.findMany({ where: { id: { in: [e.raisedById, e.closedById ?? ''] } } })).map((m) => [m.id, m.chatUserId]));
  const from = await tx.group.findUniqueOrThrow({ where: { id: e.fromGroupId } });
  const to = await tx.group.findUniqueOrThrow({ where: { id: e.toGroupId } });
  const d = e.decisionId ? await tx.decision.findUnique({ where: { id: e.decisionId } }) : null;
  return {
    id: e.id,
    label: escalationLabel(e.number),
    status: e.status,
    question: e.question,
    background: e.background,
    positions: e.positions,
    options: e.options,
    urgent: e.urgent,
    link: e.link,
    raisedByUser: members.get(e.raisedById) ?? null,
    raisedByParty: byId.get(e.raisedByPartyId) ?? '?',
    parties: e.partyIds.map((p) => byId.get(p) ?? '?'),
    fromGroup: from.name,
    fromChannelId: from.channelId,
    decision: d ? { label: displayReference(d, to.shortCode), status: d.status } : null,
    guidance: e.guidance,
    closedByUser: e.closedById ? (members.get(e.closedById) ?? null) : null,
    createdAt: e.createdAt.toISOString(),
  };
}

/**
 * Queues the card in the steering group's channel (posted first, then updated in place). The
 * revision makes each state's notice unique, so a retried transaction queues it once.
 */
export async function queueCard(tx: Tx, id: string): Promise<void> {
  const e = await tx.escalation.update({ where: { id }, data: { revision: { increment: 1 } } });
  const data = await loadCard(tx, id);
  await enqueue(tx, `escalation-card:${id}:${e.revision}`, { to: { group: e.toGroupId }, ref: cardRef(id), template: 'escalation.card', data: data as unknown as Record<string, unknown> });
}

/** Queues a message about an escalation; `what` names the event so the key is unique per escalation. */
export async function tell(tx: Tx, e: EscalationRow, what: string, notice: Omit<Notice, 'data'> & { data: object }): Promise<void> {
  await enqueue(tx, `escalation:${e.id}:${what}`, notice as Notice);
}

/** The note in the collaboration group: where the question went, and while it is open, the withdraw button. */
export interface EscalationNoteData {
  id: string;
  label: string;
  question: string;
  user: string;
  steeringChannelId: string;
  status: EscalationStatus;
}

/**
 * Queues the note in the discussion the question came from (or, without one, as a card of its own
 * in the collaboration channel whose thread later news goes to). It is posted when the question is
 * raised and updated once it is closed, so its withdraw button goes away with the question.
 */
export async function queueNote(tx: Tx, e: EscalationRow): Promise<void> {
  const raiser = await tx.member.findUnique({ where: { id: e.raisedById } });
  const steering = await tx.group.findUniqueOrThrow({ where: { id: e.toGroupId } });
  const data: EscalationNoteData = { id: e.id, label: escalationLabel(e.number), question: e.question, user: raiser?.chatUserId ?? '', steeringChannelId: steering.channelId, status: e.status };
  const origin = originThread(e);
  const to: Recipient = origin ? { conversation: { platform: origin.platform, id: origin.conversation }, thread: origin } : { group: e.fromGroupId };
  await tell(tx, e, ACTIVE.includes(e.status) ? 'note' : `note:${e.status}`, { to, template: 'escalation.note', ref: noteRef(e.id), data });
}
