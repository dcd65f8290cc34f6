import type { DomainContext } from '../context.ts';
import { localDate } from '../dates.ts';
import { enqueue } from '../outbox.ts';
import { listGroups } from '../partnership/directory.ts';
import { zonedInstant } from '../statistics/quarter.ts';
import { addDays, addMonths, daysBetween, nextNoticeDeadline, periodOn, periods, termSpec } from './term.ts';

const REMIND_HOUR = 8; // reminders arrive in the morning, local time
/** After this, the news that the agreement was renewed is stale and not sent (downtime). */
const RENEWAL_CATCH_UP_DAYS = 14;

const at = (ctx: DomainContext, day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return zonedInstant(y, m, d, REMIND_HOUR, ctx.timezone);
};

/**
 * Reminds the steering group before the notice deadline (each of `notice_days` before it) and
 * before the latest end (`latest_end_months`: time to renegotiate), and tells it on renewal day
 * the new period. State-based like the other reminders: any run works out what is due now, the
 * outbox's dedupe key (kept for good in OutboxKey) sends each once, also across replicas. After
 * downtime a missed reminder goes out once, late, saying the real days left; one overtaken by a
 * later stage (the 60-day reminder when the 14-day one is due too) is skipped.
 */
export async function runAgreementReminders(ctx: DomainContext, now: Date): Promise<number> {
  const spec = await termSpec(ctx);
  if (!spec) return 0;
  const steering = (await listGroups(ctx)).find((g) => g.kind === 'STEERING');
  if (!steering) return 0;
  const today = localDate(now, ctx.timezone);
  const all = periods(spec);
  let queued = 0;
  const send = async (key: string, template: string, data: Record<string, unknown>) => {
    if (await enqueue(ctx.prisma, `agreement:${key}`, { to: { group: steering.id }, template, data })) queued++;
  };

  const deadline = nextNoticeDeadline(spec, today);
  if (deadline) {
    const { notice_days } = spec.reminders;
    // The latest stage due: the nearest to the deadline whose time has come.
    const stage = [...notice_days].sort((a, b) => a - b).find((days) => now >= at(ctx, addDays(deadline, -days)));
    const renewal = all.find((p) => p.index > 0 && p.start > deadline);
    if (stage !== undefined) await send(`notice-deadline:${deadline}:${stage}`, 'agreement.deadlineReminder', { deadline, daysLeft: daysBetween(today, deadline), renewalStart: renewal?.start ?? null, renewalEnd: renewal?.end ?? null });
  }

  const latest = spec.latest_end;
  if (latest && today <= latest && now >= at(ctx, addMonths(latest, -spec.reminders.latest_end_months))) {
    await send(`latest-end:${latest}`, 'agreement.latestEndReminder', { latestEnd: latest, daysLeft: daysBetween(today, latest) });
  }

  const current = periodOn(spec, today);
  if (current && current.index > 0 && now >= at(ctx, current.start) && daysBetween(current.start, today) <= RENEWAL_CATCH_UP_DAYS) {
    await send(`renewed:${current.start}`, 'agreement.renewed', { start: current.start, end: current.end, last: current.index === all.length - 1 && current.end !== null });
  }
  return queued;
}
