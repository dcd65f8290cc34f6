import { describe, expect, it } from 'vitest';
import { keepsBalance, skipFits, swapFits } from '../../../src/domain/rotation/changes.ts';
import { derivePlan, type Plan, type PlanInput, type StoredChange } from '../../../src/domain/rotation/plan.ts';
import { WEEKDAYS } from '../../../src/domain/rotation/schedule.ts';
import type { GroupView } from '../../../src/domain/partnership/directory.ts';

/** mulberry32: a small seeded PRNG, so a failure can be replayed from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const TZ = 'Europe/Stockholm';
const START = new Date('2026-01-01T08:00:00Z');
const UNTIL = new Date('2027-09-01T00:00:00Z');

/**
 * Random histories, replayed through the same plan derivation and acceptance rules the commands
 * use: random parties and schedules (documentation turns per meeting, or chair terms of a few
 * meetings), time passing, extra meetings, skips and swaps proposed at random and kept when the
 * domain would accept them. Every swap whose two parties hold the two turns it names must change
 * exactly those two turns and no other meeting's responsible party.
 */
describe('an accepted swap changes exactly the two turns it names', () => {
  it('over random histories of parties, meetings, skips, swaps and extra meetings', () => {
    let proposed = 0;
    let accepted = 0;
    let skips = 0;
    let extras = 0;
    for (let seed = 1; seed <= 80; seed++) {
      const rnd = prng(seed);
      const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
      const partyCount = 2 + Math.floor(rnd() * 5);
      const parties = Array.from({ length: partyCount }, (_, i) => ({ id: `p${i}`, key: `k${i}`, name: `Part ${i}`, fullName: `Part ${i}` }));
      const steering = rnd() < 0.3;
      const group: GroupView = {
        id: 'g', key: 'g', kind: steering ? 'STEERING' : 'COLLABORATION', name: 'Gruppen', shortCode: 'G', channelId: 'C',
        parties,
        meetings: { every_weeks: 1 + Math.floor(rnd() * 5), weekday: pick([...WEEKDAYS].slice(1, 6)), time: '13:00', starting: '2026-01-05' },
        rotation: steering ? { term_meetings: 1 + Math.floor(rnd() * 3) } : {},
      };
      const input: PlanInput = { group, timezone: TZ, createdAt: START, until: UNTIL, schedules: [], extras: [], changes: [], orders: [] };
      const plan = (extra: StoredChange[] = []) => derivePlan({ ...input, changes: [...input.changes, ...extra] });
      let now = START;
      let current = plan();
      /** The future turns, as `turnFor` offers them: a turn whose start is still ahead. */
      const futureSlots = (p: Plan) => p.slotStarts.map((d, i) => [d, i] as const).filter(([d]) => d > now).map(([, i]) => i);

      for (let step = 0; step < 25; step++) {
        now = new Date(now.getTime() + Math.floor(rnd() * 20) * DAY);
        const roll = rnd();
        if (roll < 0.15) {
          // An extra meeting at 10:00 on a day ahead (not one that exists already).
          const at = new Date(Math.floor((now.getTime() + (1 + Math.floor(rnd() * 120)) * DAY) / DAY) * DAY + 9 * 3_600_000);
          if (current.meetings.some((m) => m.at.getTime() === at.getTime())) continue;
          input.extras.push({ startsAt: at });
          extras++;
          current = plan();
          continue;
        }
        const slots = futureSlots(current);
        if (slots.length < 2) continue;
        const mine = pick(slots.slice(0, 8));
        const holder = current.holders[mine]!;
        const slotAt = current.slotStarts[mine]!;
        if (roll < 0.45) {
          // A skip, as `/rotation hoppa` accepts it: once per turn, never a swapped turn, balance kept.
          if (input.changes.some((c) => c.kind === 'SKIP' && c.slotAt.getTime() === slotAt.getTime())) continue;
          if (input.changes.some((c) => c.kind === 'SWAP' && (c.slotAt.getTime() === slotAt.getTime() || c.otherSlotAt?.getTime() === slotAt.getTime()))) continue;
          const change: StoredChange = { kind: 'SKIP', slotAt, partyId: holder, otherPartyId: null, otherSlotAt: null };
          const after = plan([change]);
          if (!skipFits(current, after, mine, holder)) continue;
          input.changes.push(change);
          skips++;
          current = after;
          continue;
        }
        // A swap, as `/rotation byt` proposes it: the other party's next turn after the proposer's.
        const other = pick(parties.filter((p) => p.id !== holder)).id;
        const theirs = current.holders.findIndex((h, i) => i > mine && h === other);
        if (theirs < 0) continue;
        const change: StoredChange = { kind: 'SWAP', slotAt, partyId: holder, otherPartyId: other, otherSlotAt: current.slotStarts[theirs]! };
        // A party that skipped one of the two turns cannot take it back by a swap (refused first).
        const skipped = (party: string, at: Date) => input.changes.some((c) => c.kind === 'SKIP' && c.partyId === party && c.slotAt.getTime() === at.getTime());
        if (skipped(other, slotAt) || skipped(holder, change.otherSlotAt!)) continue;
        const after = plan([change]);
        proposed++;
        // The derivation itself: whatever the balance, only the two named turns change hands.
        const where = `seed ${seed}, step ${step}: swap of turn ${mine} (${holder}) and ${theirs} (${other})`;
        expect(after.holders[mine], where).toBe(other);
        expect(after.holders[theirs], where).toBe(holder);
        expect(after.meetings.length, where).toBe(current.meetings.length);
        after.meetings.forEach((m, i) => {
          if (m.slot === mine || m.slot === theirs) return;
          expect(m.holder, `${where}, meeting ${m.at.toISOString()}`).toBe(current.meetings[i]!.holder);
        });
        if (!swapFits(current, after, change, mine, theirs)) {
          // Refused only because it would make the turns uneven.
          expect(keepsBalance(current, after), where).toBe(false);
          continue;
        }
        input.changes.push(change);
        accepted++;
        current = after;
      }
    }
    // The histories really are full of swaps, skips and extra meetings.
    expect(accepted).toBeGreaterThan(300);
    expect(proposed).toBeGreaterThan(accepted);
    expect(skips).toBeGreaterThan(150);
    expect(extras).toBeGreaterThan(100);
  });
});
