import type { Tx } from '../../db/client.ts';
import { audit } from '../audit.ts';
import type { DomainContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { enqueue } from '../outbox.ts';
import { getMember, requireActor } from '../partnership/directory.ts';
import { getGroup } from '../partnership/directory.ts';
import { isMemberOf } from '../partnership/permissions.ts';
import { isChair } from './chair.ts';
import { requireGroupMember } from './access.ts';
import { HORIZON_MS, loadPlan, meetingOn, type Plan, type StoredChange } from './plan.ts';
import { partyPeopleInGroup } from './recipients.ts';
import { isoDate, localParts, parseIsoDate } from './time.ts';
import { inTransaction } from '../transaction.ts';

function parseDate(text: string | undefined) {
  if (text === undefined) return undefined;
  const d = parseIsoDate(text);
  if (!d) throw new DomainError('rotation.error.badDate', { value: text });
  return d;
}

/** The turn a command is about: the one of the meeting on `dateText`, else the next one (optionally held by `partyId`). */
function turnFor(ctx: DomainContext, plan: Plan, dateText: string | undefined, partyId?: string) {
  const now = ctx.clock.now();
  const date = parseDate(dateText);
  const m = date
    ? meetingOn(plan, ctx.timezone, date)
    : plan.meetings.find((x) => x.at > now && plan.slotStarts[x.slot]! > now && (!partyId || x.holder === partyId));
  if (!m) throw new DomainError(date ? 'rotation.error.noMeetingOn' : 'rotation.error.noUpcoming', { date: dateText ?? '' });
  const slotAt = plan.slotStarts[m.slot]!;
  if (slotAt <= now) throw new DomainError(plan.duty === 'chair' ? 'rotation.error.termStarted' : 'rotation.error.pastMeeting', { date: dateText ?? '' });
  return { slot: m.slot, slotAt, holder: plan.holders[m.slot]! };
}

/** Serialises changes to one group's rotation, so two commands at once cannot both pass the checks. */
export async function lockGroup(tx: Tx, groupId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Group" WHERE "id" = ${groupId} FOR UPDATE`;
}

// A change may not make the turns less even than they already are.
export const keepsBalance = (before: Plan, after: Plan) => after.maxGap <= Math.max(1, before.maxGap);

const horizon = (ctx: DomainContext) => new Date(ctx.clock.now().getTime() + HORIZON_MS);

/** Skips the party holding a turn (e.g. absence): the next in line takes it, the skipped party is first afterwards. */
export async function skipTurn(ctx: DomainContext, chatUserId: string, channelId: string, dateText?: string) {
  const { group, member, actor } = await requireGroupMember(ctx, chatUserId, channelId);
  return inTransaction(ctx, async (tx) => {
    await lockGroup(tx, group.id);
    const before = await loadPlan(ctx, group, horizon(ctx), [], tx);
    const turn = turnFor(ctx, before, dateText);
    // `/rotation hoppa` typed twice (or by two people at once) must not skip the party that took over too.
    const earlier = await tx.rotationChange.findFirst({ where: { groupId: group.id, kind: 'SKIP', status: 'ACCEPTED', slotAt: turn.slotAt } });
    if (earlier) {
      const day = isoDate(localParts(turn.slotAt, ctx.timezone));
      throw new DomainError('rotation.error.alreadySkipped', { skipped: before.partyName(earlier.partyId), taker: before.partyName(turn.holder), date: day });
    }
    // Only the party whose turn it is (its representatives) or the group's chair may skip it.
    if (member.partyId !== turn.holder && !(await isChair(ctx, member, group, ctx.clock.now(), tx))) {
      throw new DomainError('rotation.error.skipNotYours', { party: before.partyName(turn.holder) });
    }
    // A swapped turn is a trade two parties agreed on: skipping it would hand the turn back to the
    // party that gave it away (or unbalance the trade). Another swap can still move it.
    const swaps = await tx.rotationChange.findMany({ where: { groupId: group.id, kind: 'SWAP', status: 'ACCEPTED', OR: [{ slotAt: turn.slotAt }, { otherSlotAt: turn.slotAt }] } });
    const inForce = (at: Date | null) => !!at && before.slotStarts.some((d) => d.getTime() === at.getTime());
    if (swaps.some((c) => inForce(c.slotAt) && inForce(c.otherSlotAt))) {
      const day = isoDate(localParts(turn.slotAt, ctx.timezone));
      throw new DomainError('rotation.error.skipSwapped', { party: before.partyName(turn.holder), date: day });
    }
    const change: StoredChange = { kind: 'SKIP', slotAt: turn.slotAt, partyId: turn.holder, otherPartyId: null, otherSlotAt: null };
    const after = await loadPlan(ctx, group, horizon(ctx), [change], tx);
    const taker = after.holders[turn.slot]!;
    if (!skipFits(before, after, turn.slot, turn.holder)) throw new DomainError('rotation.error.skipUnbalanced', { party: before.partyName(turn.holder) });
    const row = await tx.rotationChange.create({ data: { groupId: group.id, ...change, status: 'ACCEPTED', createdById: actor.memberId, decidedById: actor.memberId, createdAt: ctx.clock.now(), decidedAt: ctx.clock.now() } });
    await audit(tx, actor, { action: 'skip', entityType: 'RotationChange', entityId: row.id, after: row }, ctx.clock.now());
    const data = { groupName: group.name, duty: before.duty, at: turn.slotAt.toISOString(), skipped: before.partyName(turn.holder), taker: after.partyName(taker) };
    await enqueue(tx, `rotation:skip:${row.id}`, { to: { group: group.id }, template: 'rotation.skipped', data });
    for (const member of await partyPeopleInGroup(ctx, group.id, taker, tx)) {
      await enqueue(tx, `rotation:skip:${row.id}:${member}`, { to: { member }, template: 'rotation.skipped', data });
    }
    return data;
  });
}

/** A party as typed: case, quotes and spacing do not matter (`"boj södra  stockholm"` is BOJ Södra Stockholm). */
const normaliseName = (text: string) => text.normalize('NFKC').replace(/["'“”‘’«»]/g, '').replace(/\s+/g, ' ').trim().toLocaleLowerCase('sv');

/** Proposes to give the actor's party's turn to another party, which takes effect when that party accepts. */
export async function proposeSwap(ctx: DomainContext, chatUserId: string, channelId: string, partyText: string | undefined, dateText?: string) {
  const { group, member, actor } = await requireGroupMember(ctx, chatUserId, channelId);
  const partyNames = group.parties.map((p) => `\`${p.key}\``).join(', ');
  // The example names a party the member could actually swap with, never their own.
  const example = group.parties.find((p) => p.id !== member.partyId)?.key ?? group.parties[0]?.key ?? '';
  if (!partyText?.trim()) throw new DomainError('rotation.error.swapNeedsParty', { parties: partyNames, example });
  const wanted = normaliseName(partyText);
  const other = group.parties.find((p) => [p.key, p.name, p.fullName].some((n) => normaliseName(n) === wanted));
  if (!other) throw new DomainError('rotation.error.unknownParty', { party: partyText.trim(), parties: partyNames });
  if (other.id === member.partyId) throw new DomainError('rotation.error.swapSelf');
  return inTransaction(ctx, async (tx) => {
    await lockGroup(tx, group.id);
    const before = await loadPlan(ctx, group, horizon(ctx), [], tx);
    const turn = turnFor(ctx, before, dateText, dateText ? undefined : member.partyId);
    if (turn.holder !== member.partyId) throw new DomainError('rotation.error.notYourTurn', { party: before.partyName(turn.holder) });
    const theirs = before.holders.findIndex((h, i) => i > turn.slot && h === other.id);
    if (theirs < 0) throw new DomainError('rotation.error.swapUnbalanced', { party: other.name });
    const change: StoredChange = { kind: 'SWAP', slotAt: turn.slotAt, partyId: member.partyId, otherPartyId: other.id, otherSlotAt: before.slotStarts[theirs]! };
    // A party that skipped one of the two turns cannot be handed it back by a swap.
    const skipper = await tx.rotationChange.findFirst({ where: { groupId: group.id, kind: 'SKIP', status: 'ACCEPTED', OR: [{ slotAt: turn.slotAt, partyId: other.id }, { slotAt: change.otherSlotAt!, partyId: member.partyId }] } });
    if (skipper) throw new DomainError('rotation.error.swapSkipped', { party: before.partyName(skipper.partyId), date: isoDate(localParts(skipper.slotAt, ctx.timezone)) });
    if (!swapFits(before, await loadPlan(ctx, group, horizon(ctx), [change], tx), change, turn.slot, theirs)) throw new DomainError('rotation.error.swapUnbalanced', { party: other.name });
    const pending = await tx.rotationChange.findFirst({ where: { groupId: group.id, kind: 'SWAP', status: 'PENDING', slotAt: turn.slotAt } });
    if (pending) throw new DomainError('rotation.error.swapPending');
    const row = await tx.rotationChange.create({ data: { groupId: group.id, ...change, status: 'PENDING', createdById: actor.memberId, createdAt: ctx.clock.now() } });
    await audit(tx, actor, { action: 'propose-swap', entityType: 'RotationChange', entityId: row.id, after: row }, ctx.clock.now());
    const data = { changeId: row.id, groupName: group.name, duty: before.duty, at: turn.slotAt.toISOString(), theirAt: change.otherSlotAt!.toISOString(), from: before.partyName(member.partyId), to: other.name, proposer: member.name };
    const people = await partyPeopleInGroup(ctx, group.id, other.id, tx);
    for (const m of people) await enqueue(tx, `rotation:swap:${row.id}:${m}`, { to: { member: m }, template: 'rotation.swapRequest', data, ref: `rotation:swap:${row.id}:${m}` });
    return { ...data, notified: people.length };
  });
}

/** A skip hands the turn to another party and keeps the turns as even as they were. */
export function skipFits(before: Plan, after: Plan, slot: number, holder: string): boolean {
  return after.holders[slot] !== holder && keepsBalance(before, after);
}

/**
 * The swap gives each party the other's turn, changes no other turn (nobody who was not asked
 * gets or loses one), and keeps the turns as even as they were.
 */
export function swapFits(before: Plan, after: Plan, change: Pick<StoredChange, 'partyId' | 'otherPartyId'>, mine: number, theirs: number): boolean {
  if (before.holders[mine] !== change.partyId || before.holders[theirs] !== change.otherPartyId) return false;
  if (after.holders[mine] !== change.otherPartyId || after.holders[theirs] !== change.partyId) return false;
  if (after.holders.length !== before.holders.length || after.holders.some((h, i) => i !== mine && i !== theirs && h !== before.holders[i])) return false;
  return keepsBalance(before, after);
}

/** A representative of the other party accepts or declines a proposed swap (a button in their DM). */
export async function decideSwap(ctx: DomainContext, chatUserId: string, changeId: string, accept: boolean) {
  const { member, actor } = await requireActor(ctx, chatUserId);
  return inTransaction(ctx, async (tx) => {
    const found = await tx.rotationChange.findUnique({ where: { id: changeId }, select: { groupId: true } });
    if (!found) throw new DomainError('rotation.error.swapGone');
    // The group's lock, as every rotation change takes it: a second click, or a skip at the same
    // time, waits for this decision and then sees it (read the change again after the lock).
    await lockGroup(tx, found.groupId);
    const change = await tx.rotationChange.findUnique({ where: { id: changeId } });
    if (!change || change.kind !== 'SWAP') throw new DomainError('rotation.error.swapGone');
    const group = await getGroup(ctx, change.groupId, tx);
    if (!group) throw new DomainError('rotation.error.swapGone');
    if (member.partyId !== change.otherPartyId || !isMemberOf(member, group.id)) throw new DomainError('rotation.error.swapNotYours', { party: group.parties.find((p) => p.id === change.otherPartyId)?.name ?? '' });
    if (change.status !== 'PENDING') throw new DomainError(change.status === 'ACCEPTED' ? 'rotation.error.swapAlreadyAccepted' : 'rotation.error.swapAlreadyDeclined');
    const now = ctx.clock.now();
    let status = accept ? 'ACCEPTED' : 'DECLINED';
    const before = await loadPlan(ctx, group, horizon(ctx), [], tx);
    if (accept) {
      const mine = before.slotStarts.findIndex((d) => d.getTime() === change.slotAt.getTime());
      const theirs = before.slotStarts.findIndex((d) => d.getTime() === change.otherSlotAt?.getTime());
      // The rotation may have moved on since the proposal: accepting now would unbalance it.
      const fits = change.slotAt > now && mine >= 0 && theirs >= 0 && swapFits(before, await loadPlan(ctx, group, horizon(ctx), [change], tx), change, mine, theirs);
      if (!fits) status = 'LAPSED';
    }
    await tx.rotationChange.update({ where: { id: change.id }, data: { status, decidedById: actor.memberId, decidedAt: now } });
    await audit(tx, actor, { action: `swap-${status.toLowerCase()}`, entityType: 'RotationChange', entityId: change.id, before: { status: change.status }, after: { status } }, now);
    const proposer = change.createdById ? await getMember(ctx, change.createdById, tx) : undefined;
    const data = { changeId: change.id, status, groupName: group.name, duty: before.duty, at: change.slotAt.toISOString(), theirAt: change.otherSlotAt?.toISOString() ?? '', from: before.partyName(change.partyId), to: before.partyName(change.otherPartyId!), decidedBy: member.name, proposer: proposer?.name ?? '' };
    if (status === 'ACCEPTED') await enqueue(tx, `rotation:swap:${change.id}:channel`, { to: { group: group.id }, template: 'rotation.swapDecided', data });
    if (proposer) await enqueue(tx, `rotation:swap:${change.id}:proposer`, { to: { member: proposer.id }, template: 'rotation.swapDecided', data });
    if (status === 'ACCEPTED') {
      // Exactly two turns changed hands: tell each party's people which meeting is now theirs.
      const yours = [
        { partyId: change.otherPartyId!, at: change.slotAt, instead: change.otherSlotAt! },
        { partyId: change.partyId, at: change.otherSlotAt!, instead: change.slotAt },
      ];
      for (const y of yours) {
        const d = { groupName: group.name, duty: before.duty, party: before.partyName(y.partyId), at: y.at.toISOString(), instead: y.instead.toISOString() };
        for (const m of await partyPeopleInGroup(ctx, group.id, y.partyId, tx)) {
          if (m === proposer?.id) continue; // told above, with both meetings
          await enqueue(tx, `rotation:swap:${change.id}:yours:${m}`, { to: { member: m }, template: 'rotation.swapYours', data: d });
        }
      }
    }
    // Close the request card for every representative it was sent to.
    for (const m of await partyPeopleInGroup(ctx, group.id, change.otherPartyId!, tx)) {
      await enqueue(tx, `rotation:swap:${change.id}:${m}:closed`, { to: { member: m }, template: 'rotation.swapDecided', data, ref: `rotation:swap:${change.id}:${m}` });
    }
    return data;
  });
}
