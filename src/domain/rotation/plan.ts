import type { Prisma, Tx } from '../../db/client.ts';
import type { DomainContext } from '../context.ts';
import type { GroupView } from '../partnership/directory.ts';
import { DEFAULT_DURATION, recurringMeetings, type MeetingSpec } from './schedule.ts';
import { localParts } from './time.ts';
import { assignTurns, type TurnChange } from './turns.ts';
import { partiesInAgreement } from '../agreement/in-agreement.ts';

export interface RotationSpec {
  order?: string[];
  term_meetings?: number;
  term_months?: number;
}

export interface PlannedMeeting {
  at: Date;
  durationMinutes: number;
  extra: boolean;
  slot: number;
  /** The party holding the duty (documentation) or the chair at this meeting. */
  holder: string;
}

export interface Plan {
  group: GroupView;
  duty: 'documentation' | 'chair';
  /** The turn order now in force (the file's, or the latest set by an admin). */
  order: string[];
  meetings: PlannedMeeting[];
  /** Start (first meeting) of each turn: a meeting, or a chair's term. */
  slotStarts: Date[];
  holders: string[];
  maxGap: number;
  partyName(id: string): string;
}

/** A change as stored: turns are identified by the time of their first meeting. */
export interface StoredChange {
  kind: string;
  slotAt: Date;
  partyId: string;
  otherPartyId: string | null;
  otherSlotAt: Date | null;
}

export const HORIZON_MS = 400 * 86_400_000;
const DEFAULT_TERM_MONTHS = 12;

/** What a plan is derived from: the group's stored schedules, extra meetings, changes and orders. */
export interface PlanInput {
  group: GroupView;
  timezone: string;
  /** When the group was created: where a schedule without a start date begins counting. */
  createdAt: Date;
  until: Date;
  /** Set by command, by effective time. */
  schedules: Array<{ effectiveFrom: Date; meetings: unknown }>;
  extras: Array<{ startsAt: Date }>;
  /** Accepted skips and swaps, in the order they were decided. */
  changes: StoredChange[];
  orders: Array<{ effectiveFrom: Date; partyIds: string[] }>;
  /** When a party leaves the agreement (its notice takes effect): it holds no turn starting then or later. */
  leavesAt?: (partyId: string) => Date | undefined;
}

/**
 * The group's meetings from the start of its history to `until`, with who holds each turn.
 * Schedules set by command replace the file's from their effective time on; `extraChanges` lets
 * a caller see the plan as it would be with a proposed skip or swap.
 */
export async function loadPlan(ctx: DomainContext, group: GroupView, until: Date, extraChanges: StoredChange[] = [], db: Prisma | Tx = ctx.prisma): Promise<Plan> {
  const [row, schedules, extras, changes, orders, parties] = await Promise.all([
    db.group.findUniqueOrThrow({ where: { id: group.id }, select: { createdAt: true } }),
    db.rotationSchedule.findMany({ where: { groupId: group.id }, orderBy: [{ effectiveFrom: 'asc' }, { createdAt: 'asc' }] }),
    db.rotationExtraMeeting.findMany({ where: { groupId: group.id } }),
    db.rotationChange.findMany({ where: { groupId: group.id, status: 'ACCEPTED' }, orderBy: [{ decidedAt: 'asc' }, { createdAt: 'asc' }] }),
    db.rotationOrder.findMany({ where: { groupId: group.id }, orderBy: [{ effectiveFrom: 'asc' }, { createdAt: 'asc' }] }),
    partiesInAgreement(ctx, db),
  ]);
  return derivePlan({ group, timezone: ctx.timezone, createdAt: row.createdAt, until, schedules, extras, changes: [...changes, ...extraChanges], orders, leavesAt: parties.leavesAt });
}

/** The plan from its inputs: pure, so a property test can replay any history. */
export function derivePlan(input: PlanInput): Plan {
  const { group, until, timezone } = input;
  const segments = [{ from: new Date(0), spec: (group.meetings ?? {}) as MeetingSpec }, ...input.schedules.map((o) => ({ from: o.effectiveFrom, spec: o.meetings as MeetingSpec }))];
  const byTime = new Map<number, Omit<PlannedMeeting, 'slot' | 'holder'>>();
  segments.forEach((s, i) => {
    const to = segments[i + 1]?.from ?? until;
    if (to <= s.from) return;
    for (const at of recurringMeetings(s.spec, timezone, s.from, to, input.createdAt)) {
      byTime.set(at.getTime(), { at, durationMinutes: s.spec.duration_minutes ?? DEFAULT_DURATION, extra: false });
    }
  });
  for (const e of input.extras) if (e.startsAt < until) byTime.set(e.startsAt.getTime(), { at: e.startsAt, durationMinutes: DEFAULT_DURATION, extra: true });
  const meetings = [...byTime.values()].sort((a, b) => a.at.getTime() - b.at.getTime());

  const rotation = (group.rotation ?? {}) as RotationSpec;
  const duty = group.kind === 'STEERING' ? 'chair' : 'documentation';
  const slotOf = slotIndexer(duty, rotation, meetings.map((m) => m.at), timezone);
  const slotStarts: Date[] = [];
  meetings.forEach((m) => {
    const s = slotOf(m.at);
    if (slotStarts[s] === undefined) slotStarts[s] = m.at;
  });
  const slotByStart = new Map(slotStarts.map((d, i) => [d.getTime(), i]));

  const partyIds = new Map(group.parties.map((p) => [p.key, p.id]));
  const order = [...new Set([...(rotation.order ?? []).flatMap((k) => partyIds.get(k) ?? []), ...group.parties.map((p) => p.id)])];
  // An admin's order decides the turns that start after it was set; parties it does not know follow in file order.
  const changedOrders = input.orders.map((o) => ({ from: o.effectiveFrom, order: [...new Set([...o.partyIds.filter((id) => order.includes(id)), ...order])] }));
  const orderIn = (slot: number) => [...changedOrders].reverse().find((o) => o.from < slotStarts[slot]!)?.order ?? order;
  // A party whose notice has taken effect by the start of a turn is no longer in line for it.
  const stays = (id: string, slot: number) => { const left = input.leavesAt?.(id); return left === undefined || slotStarts[slot]! < left; };
  const orderAt = (slot: number) => { const o = orderIn(slot); const left = o.filter((id) => stays(id, slot)); return left.length > 0 ? left : o; };
  const turnChanges: TurnChange[] = [];
  for (const c of input.changes) {
    const slot = slotByStart.get(c.slotAt.getTime());
    if (slot === undefined) continue; // the meeting was moved or cancelled: the change lapses
    const otherSlot = c.otherSlotAt ? slotByStart.get(c.otherSlotAt.getTime()) : undefined;
    if (c.kind === 'SWAP' && otherSlot === undefined) continue;
    turnChanges.push({ kind: c.kind === 'SWAP' ? 'SWAP' : 'SKIP', slot, partyId: c.partyId, otherPartyId: c.otherPartyId ?? undefined, otherSlot });
  }
  const { holders, maxGap } = assignTurns(slotStarts.length, orderAt, turnChanges);
  const names = new Map(group.parties.map((p) => [p.id, p.name]));
  return {
    group,
    duty,
    order: changedOrders.at(-1)?.order ?? order,
    meetings: meetings.map((m) => {
      const slot = slotOf(m.at);
      return { ...m, slot, holder: holders[slot]! };
    }),
    slotStarts,
    holders,
    maxGap,
    partyName: (id) => names.get(id) ?? id,
  };
}

/** Meetings → turns: every meeting for documentation; a term of meetings or months for the chair. */
function slotIndexer(duty: Plan['duty'], rotation: RotationSpec, times: Date[], tz: string): (at: Date) => number {
  if (duty === 'documentation') {
    const index = new Map(times.map((t, i) => [t.getTime(), i]));
    return (at) => index.get(at.getTime())!;
  }
  if (rotation.term_meetings) {
    const n = rotation.term_meetings;
    const index = new Map(times.map((t, i) => [t.getTime(), Math.floor(i / n)]));
    return (at) => index.get(at.getTime())!;
  }
  // A term of months counts from the month of the first meeting; terms without meetings are not turns.
  const months = rotation.term_months ?? DEFAULT_TERM_MONTHS;
  const first = times[0] ? localParts(times[0], tz) : undefined;
  const term = (at: Date) => {
    const p = localParts(at, tz);
    return Math.floor(((p.y - first!.y) * 12 + (p.m - first!.m)) / months);
  };
  const dense = new Map<number, number>();
  for (const t of times) if (!dense.has(term(t))) dense.set(term(t), dense.size);
  return (at) => dense.get(term(at))!;
}

/** The first planned meeting at or after `from` (or on a given local date). */
export function meetingOn(plan: Plan, tz: string, date?: { y: number; m: number; d: number }, from?: Date): PlannedMeeting | undefined {
  return plan.meetings.find((m) => {
    if (from && m.at < from) return false;
    if (!date) return true;
    const p = localParts(m.at, tz);
    return p.y === date.y && p.m === date.m && p.d === date.d;
  });
}
