import { LocalError } from './errors.ts';
import type { LocalWorkspace } from './workspace.ts';
import { localDate } from '../domain/dates.ts';

const DAY = 86_400_000;
const MAX_DAYS = 5 * 366;

export interface TravelRequest {
  /** Move forward this many days (e.g. 1 or 7). */
  days?: number;
  /** Or to this date (YYYY-MM-DD, in the bot's time zone), keeping the time of day. */
  to?: string;
}


/**
 * Moves the bot's clock forward, then runs the scheduler once and lets the outbox deliver, so
 * reminders and deadlines that fell due in the skipped time show up at once. Never backwards:
 * the database already holds what happened "now", and a clock that goes back would contradict it.
 */
export async function travel(ws: LocalWorkspace, req: TravelRequest): Promise<{ now: Date; movedDays: number }> {
  const { ctx } = ws.bot;
  const now = ctx.clock.now();
  let days: number;
  if (req.days === undefined && req.to === undefined) throw new LocalError('local.time.noDate');
  if (req.to !== undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(req.to);
    const target = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
    if (!m || Number.isNaN(target) || new Date(target).getUTCDate() !== Number(m[3])) throw new LocalError('local.time.notDate', { value: req.to });
    const [y, mo, d] = localDate(now, ctx.timezone).split('-').map(Number) as [number, number, number];
    days = Math.round((target - Date.UTC(y, mo - 1, d)) / DAY);
    if (days <= 0) throw new LocalError('local.time.backwards', { value: req.to, today: localDate(now, ctx.timezone) });
  } else {
    days = Number(req.days);
    if (!Number.isFinite(days) || days <= 0) throw new LocalError('local.time.positive');
  }
  if (days > MAX_DAYS) throw new LocalError('local.time.tooFar', { max: MAX_DAYS });
  ws.clock.advance(days * DAY);
  ws.expireEphemeral();
  ws.bot.logger.info(`LOCAL MODE: time travel +${days} day(s), the bot's clock now reads ${ws.clock.now().toISOString()}`);
  await ws.bot.scheduler.tick();
  await ws.settle();
  ws.changed();
  return { now: ws.clock.now(), movedDays: days };
}
