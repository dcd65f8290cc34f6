import { audit } from '../audit.ts';
import type { DomainContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { enqueue } from '../outbox.ts';
import { requireActor, type GroupView } from '../partnership/directory.ts';
import { isAdmin } from '../partnership/permissions.ts';
import { inTransaction } from '../transaction.ts';
import { requireGroup } from './access.ts';
import { keepsBalance, lockGroup } from './changes.ts';
import { HORIZON_MS, loadPlan } from './plan.ts';

/** The words after `/rotation ordning`, each a party of the group (key or name), every party exactly once. */
function parseOrder(group: GroupView, current: string[], args: string[]): string[] {
  const names = (ids: string[]) => ids.map((id) => group.parties.find((p) => p.id === id)?.name ?? id);
  const keys = group.parties.map((p) => `\`${p.key}\``).join(', ');
  if (args.length === 0) {
    const example = current.map((id) => group.parties.find((p) => p.id === id)?.key ?? id).join(' ');
    throw new DomainError('rotation.error.orderUsage', { example, current: names(current).join(', ') });
  }
  const ids: string[] = [];
  for (const word of args) {
    const w = word.toLowerCase();
    const party = group.parties.find((p) => p.key === w || p.name.toLowerCase() === w);
    if (!party) throw new DomainError('rotation.error.unknownParty', { party: word, parties: keys });
    if (ids.includes(party.id)) throw new DomainError('rotation.error.orderDuplicate', { party: word });
    ids.push(party.id);
  }
  const missing = group.parties.filter((p) => !ids.includes(p.id));
  if (missing.length > 0) throw new DomainError('rotation.error.orderMissing', { missing: missing.map((p) => p.name).join(', ') });
  return ids;
}

/**
 * An admin changes a group's turn order. It applies to turns that start after now: a party that
 * already had its turn in the current round keeps it, the others get theirs in the new order, and
 * later rounds follow the new order. Turns still go to the parties with the fewest, so the balance
 * holds; an order that would unbalance accepted swaps is refused.
 */
export async function setOrder(ctx: DomainContext, chatUserId: string, channelId: string, args: string[]) {
  const group = await requireGroup(ctx, channelId);
  const { member, actor } = await requireActor(ctx, chatUserId);
  if (!isAdmin(member)) throw new DomainError('rotation.error.orderNotAdmin');
  const now = ctx.clock.now();
  const horizon = new Date(now.getTime() + HORIZON_MS);
  return inTransaction(ctx, async (tx) => {
    await lockGroup(tx, group.id);
    const before = await loadPlan(ctx, group, horizon, [], tx);
    const partyIds = parseOrder(group, before.order, args);
    if (partyIds.join() === before.order.join()) throw new DomainError('rotation.error.orderUnchanged', { order: partyIds.map(before.partyName).join(', ') });
    const row = await tx.rotationOrder.create({ data: { groupId: group.id, effectiveFrom: now, partyIds, createdById: actor.memberId, createdAt: now } });
    const after = await loadPlan(ctx, group, horizon, [], tx);
    if (!keepsBalance(before, after)) throw new DomainError('rotation.error.orderUnbalanced'); // rolls the row back
    await audit(tx, actor, { action: 'set-order', entityType: 'RotationOrder', entityId: row.id, before: { order: before.order }, after: { order: partyIds } }, now);
    const next = after.meetings.find((m) => m.at > now);
    const data = { groupName: group.name, duty: after.duty, by: actor.label, order: partyIds.map(after.partyName), next: next?.at.toISOString() ?? '', party: next ? after.partyName(next.holder) : '' };
    await enqueue(tx, `rotation:order:${row.id}`, { to: { group: group.id }, template: 'rotation.orderChanged', data });
    return data;
  });
}
