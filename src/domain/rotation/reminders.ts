import type { DomainContext } from '../context.ts';
import type { Notice } from '../notice.ts';
import { enqueue } from '../outbox.ts';
import { listGroups, type GroupView } from '../partnership/directory.ts';
import { inTransaction } from '../transaction.ts';
import { chairHeldBy } from './chair.ts';
import { isDocumented } from './documented.ts';
import { minutesReminderRef } from './minutes.ts';
import { HORIZON_MS, loadPlan, type Plan, type PlannedMeeting } from './plan.ts';
import { partyPeopleInGroup } from './recipients.ts';
import { addWorkingDays, isoDate, localParts } from './time.ts';

const DAY = 86_400_000;
/** How long after its due time a minutes reminder is still worth sending. */
const MINUTES_RELEVANT_MS = 14 * DAY;
const LOOK_BACK_MS = 30 * DAY;
const LOOK_AHEAD_MS = 8 * DAY;

type Kind = 'before7' | 'before1' | 'minutes' | 'handover';

interface Due {
  kind: Kind;
  slotAt: Date;
  dueAt: Date;
  /** After this a missed reminder is no longer useful: it is recorded as skipped, not sent. */
  relevantUntil: Date;
  notices: () => Promise<Notice[]>;
}

/**
 * State-based and idempotent: every reminder that is due by `now` is handled once, recorded in
 * RotationReminder (primary key group + meeting + kind) in the same transaction that queues its
 * notices. A second process or a restart finds the row and does nothing; after downtime a
 * reminder still relevant goes out late, one overtaken by events (the 7-day reminder when the
 * meeting is less than two days away, the 1-day reminder after the meeting) is recorded as skipped.
 */
export async function runRotationReminders(ctx: DomainContext, now: Date): Promise<void> {
  for (const group of await listGroups(ctx)) {
    // Far enough ahead to know who takes over the chair after a term's last meeting.
    const plan = await loadPlan(ctx, group, new Date(now.getTime() + HORIZON_MS));
    for (const due of dueReminders(ctx, plan, group, now)) {
      if (due.dueAt > now) continue;
      if (due.kind === 'minutes' && (await isDocumented(ctx, group, due.slotAt, due.dueAt))) continue;
      const send = now < due.relevantUntil;
      if (await ctx.prisma.rotationReminder.findUnique({ where: { groupId_slotAt_kind: { groupId: group.id, slotAt: due.slotAt, kind: due.kind } } })) continue;
      // Resolved before the transaction: an embedded database has a single connection.
      const notices = send ? await due.notices() : [];
      await inTransaction(ctx, async (tx) => {
        const inserted = await tx.$executeRaw`
          INSERT INTO "RotationReminder" ("groupId", "slotAt", "kind", "status", "handledAt")
          VALUES (${group.id}, ${due.slotAt}, ${due.kind}, ${send ? 'sent' : 'skipped'}, ${now})
          ON CONFLICT DO NOTHING`;
        if (inserted === 0) return;
        for (const [i, n] of notices.entries()) {
          const to = 'member' in n.to ? `member:${n.to.member}` : `group:${i}`;
          // `rotation:minutes:…:member:…` is how minutes.ts finds the cards to update.
          await enqueue(tx, `rotation:${due.kind}:${group.id}:${due.slotAt.toISOString()}:${to}`, n);
        }
      });
    }
  }
}

function dueReminders(ctx: DomainContext, plan: Plan, group: GroupView, now: Date): Due[] {
  const out: Due[] = [];
  const inWindow = (m: PlannedMeeting) => m.at.getTime() > now.getTime() - LOOK_BACK_MS && m.at.getTime() <= now.getTime() + LOOK_AHEAD_MS;
  const recent = plan.meetings.filter(inWindow);
  const data = (m: PlannedMeeting, extra: Record<string, unknown> = {}) => ({ groupName: group.name, duty: plan.duty, at: m.at.toISOString(), party: plan.partyName(m.holder), extra: m.extra, ...extra });
  const toParty = async (partyId: string, template: string, d: Record<string, unknown>) =>
    (await partyPeopleInGroup(ctx, group.id, partyId)).map((member): Notice => ({ to: { member }, template, data: d }));
  for (const m of recent) {
    for (const [kind, days] of [['before7', 7], ['before1', 1]] as const) {
      if (now.getTime() < m.at.getTime() - days * DAY) continue;
      // Sent late after downtime, the message still says how far off the meeting really is.
      const today = isoDate(localParts(m.at, ctx.timezone)) === isoDate(localParts(now, ctx.timezone));
      const d = data(m, { days: Math.max(1, Math.round((m.at.getTime() - now.getTime()) / DAY)), today });
      out.push({
        kind,
        slotAt: m.at,
        dueAt: new Date(m.at.getTime() - days * DAY),
        // A 7-day reminder sent less than two days ahead would say what the 1-day one says a few
        // hours later (an extra meeting called for tomorrow): it is overtaken, only the 1-day one goes.
        relevantUntil: kind === 'before7' ? new Date(m.at.getTime() - 2 * DAY) : m.at,
        notices: async () => [{ to: { group: group.id }, template: 'rotation.reminder', data: d }, ...(await toParty(m.holder, 'rotation.reminder', d))],
      });
    }
    const minutesDue = addWorkingDays(m.at, 2, ctx.timezone);
    out.push({
      kind: 'minutes',
      slotAt: m.at,
      dueAt: minutesDue,
      relevantUntil: new Date(minutesDue.getTime() + MINUTES_RELEVANT_MS),
      // A card with a button: registering the minutes later updates it in place (see minutes.ts).
      notices: async () =>
        (await partyPeopleInGroup(ctx, group.id, m.holder)).map((member): Notice => ({ to: { member }, template: 'rotation.minutesReminder', data: data(m, { groupId: group.id }), ref: minutesReminderRef(group.id, m.at, member) })),
    });
  }
  if (plan.duty === 'chair') {
    // Handover when the chair passes to another party: after the last meeting of the old term.
    for (const [i, prev] of plan.meetings.entries()) {
      const m = plan.meetings[i + 1];
      if (!m || !inWindow(prev) || prev.slot === m.slot || prev.holder === m.holder) continue;
      out.push({
        kind: 'handover',
        slotAt: m.at,
        // The moment chair rights pass to the next party (chairPartyAt): the old term's last meeting has ended.
        dueAt: new Date(prev.at.getTime() + prev.durationMinutes * 60_000),
        relevantUntil: m.at,
        notices: async () => {
          // Who can act from now on: the new party's representatives, named in the message.
          const people = (await chairHeldBy(ctx, group, m.holder)).members.map((x) => x.chatUserId);
          const d = data(m, { previous: plan.partyName(prev.holder), people });
          return [
            { to: { group: group.id }, template: 'rotation.handover', data: d },
            ...(await toParty(m.holder, 'rotation.handover', d)),
            ...(await toParty(prev.holder, 'rotation.handover', d)),
          ];
        },
      });
    }
  }
  return out;
}
