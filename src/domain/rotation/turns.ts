/**
 * Who holds each turn, computed from the whole history so nobody keeps a spreadsheet. A turn
 * goes to the first party in file order with the fewest turns so far; a skip leaves the
 * skipped party first in line, a swap exchanges exactly two turns. Pure and deterministic.
 *
 * A swap is a trade, not a new turn: at the first swapped turn the other party holds it but the
 * turn still counts for the party that gave it away (and the later one the other way round), so
 * the order seen by every other turn is exactly the order without the swap. Counting the turn for
 * its new holder instead would let the party that gave it away, now one turn behind, take the
 * very next turn of somebody who was never asked.
 */
export interface TurnChange {
  kind: 'SKIP' | 'SWAP';
  /** Index of the turn the change is for. */
  slot: number;
  /** SKIP: the skipped party. SWAP: the party that gives `slot` away and takes `otherSlot`. */
  partyId: string;
  otherPartyId?: string;
  otherSlot?: number;
}

export interface TurnResult {
  holders: string[];
  /** Largest difference in turns held between two parties, over every prefix of the history. */
  maxGap: number;
}

/**
 * `order` may differ per turn (an admin changed it): it only breaks ties between the parties with
 * the fewest turns, so a new order never gives anyone an extra turn; it must name the same parties,
 * less those that have left the agreement (they hold no more turns, and count no more).
 * `changes` are in the order they were decided (a swapped turn may be swapped again).
 */
export function assignTurns(slotCount: number, order: string[] | ((slot: number) => string[]), changes: TurnChange[]): TurnResult {
  const orderAt = typeof order === 'function' ? order : () => order;
  const skips = new Map<number, Set<string>>();
  /** A swapped turn: who holds it, and whose turn it counts as (the party it would have gone to). */
  const swapped = new Map<number, { holder: string; countsFor: string }>();
  for (const c of changes) {
    if (c.kind === 'SKIP') skips.set(c.slot, (skips.get(c.slot) ?? new Set()).add(c.partyId));
    else if (c.otherPartyId !== undefined && c.otherSlot !== undefined) {
      // A turn swapped again keeps counting for the party it first belonged to.
      const mine = swapped.get(c.slot)?.countsFor ?? c.partyId;
      const theirs = swapped.get(c.otherSlot)?.countsFor ?? c.otherPartyId;
      swapped.set(c.slot, { holder: c.otherPartyId, countsFor: mine });
      swapped.set(c.otherSlot, { holder: c.partyId, countsFor: theirs });
    }
  }
  /** Turns as counted for the order (a swapped turn for the party it belonged to); `held`: as held. */
  const count = new Map(orderAt(0).map((p) => [p, 0]));
  const held = new Map(count);
  const holders: string[] = [];
  let maxGap = 0;
  for (let i = 0; i < slotCount && count.size > 0; i++) {
    const order = orderAt(i);
    const skipped = skips.get(i) ?? new Set<string>();
    const swap = swapped.get(i);
    let pick: string;
    let countsFor: string;
    if (swap && order.includes(swap.holder) && count.has(swap.countsFor) && !skipped.has(swap.holder)) {
      pick = swap.holder;
      countsFor = swap.countsFor;
    } else {
      const min = Math.min(...order.map((p) => count.get(p)!));
      const tiers = [(p: string) => count.get(p) === min && !skipped.has(p), (p: string) => !skipped.has(p), () => true];
      // Within a round, file order: a skipped party (still owed its turn) comes first afterwards.
      pick = countsFor = tiers.map((ok) => order.filter(ok)).find((c) => c.length > 0)![0]!;
    }
    count.set(countsFor, count.get(countsFor)! + 1);
    held.set(pick, held.get(pick)! + 1);
    holders.push(pick);
    // The balance among the parties in line (a party that has left the agreement holds no more turns).
    const inLine = order.map((p) => held.get(p) ?? 0);
    maxGap = Math.max(maxGap, Math.max(...inLine) - Math.min(...inLine));
  }
  return { holders, maxGap };
}
