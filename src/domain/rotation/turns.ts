/**
 * Who holds each turn, computed from the whole history so nobody keeps a spreadsheet. A turn
 * goes to the first party in file order with the fewest turns so far; a skip leaves the
 * skipped party first in line, a swap pins two turns. Pure and deterministic.
 */
export interface TurnChange {
  kind: 'SKIP' | 'SWAP';
  /** Index of the turn the change is for. */
  slot: number;
  /** SKIP: the skipped party. SWAP: the party that gives `slot` away and takes `otherSlot`. */
  partyId: string;
  otherPartyId?: string;
  otherSlot?: number;
  /** The first turn decided after the change was made; earlier turns were held already and must not move. */
  fromSlot?: number;
}

export interface TurnResult {
  holders: string[];
  /** Largest difference in turns between two parties, over every prefix of the history. */
  maxGap: number;
}

/**
 * `order` may differ per turn (an admin changed it): it only breaks ties between the parties with
 * the fewest turns, so a new order never gives anyone an extra turn; it must name the same parties.
 */
export function assignTurns(slotCount: number, order: string[] | ((slot: number) => string[]), changes: TurnChange[]): TurnResult {
  const orderAt = typeof order === 'function' ? order : () => order;
  const skips = new Map<number, Set<string>>();
  const pinned = new Map<number, string>();
  const pinnedFrom = new Map<number, number>();
  for (const c of changes) {
    if (c.kind === 'SKIP') skips.set(c.slot, (skips.get(c.slot) ?? new Set()).add(c.partyId));
    else if (c.otherPartyId !== undefined && c.otherSlot !== undefined) {
      pinned.set(c.slot, c.otherPartyId);
      pinned.set(c.otherSlot, c.partyId);
      pinnedFrom.set(c.slot, c.fromSlot ?? 0).set(c.otherSlot, c.fromSlot ?? 0);
    }
  }
  const count = new Map(orderAt(0).map((p) => [p, 0]));
  const holders: string[] = [];
  let maxGap = 0;
  for (let i = 0; i < slotCount && count.size > 0; i++) {
    const order = orderAt(i);
    const skipped = skips.get(i) ?? new Set<string>();
    const pin = pinned.get(i);
    const min = Math.min(...count.values());
    // A party holding a later swapped turn waits for it, but only in turns decided after the swap.
    const reservedLater = (p: string) => [...pinned].some(([slot, q]) => slot > i && q === p && pinnedFrom.get(slot)! <= i);
    let pick: string;
    if (pin !== undefined && count.has(pin) && !skipped.has(pin)) pick = pin;
    else {
      const tiers = [
        (p: string) => count.get(p) === min && !skipped.has(p) && !reservedLater(p),
        (p: string) => count.get(p) === min && !skipped.has(p),
        (p: string) => !skipped.has(p),
        () => true,
      ];
      const candidates = tiers.map((ok) => order.filter(ok)).find((c) => c.length > 0)!;
      // Within a round, file order: a skipped party (still owed its turn) comes first afterwards.
      pick = candidates[0]!;
    }
    count.set(pick, count.get(pick)! + 1);
    holders.push(pick);
    maxGap = Math.max(maxGap, Math.max(...count.values()) - Math.min(...count.values()));
  }
  return { holders, maxGap };
}
