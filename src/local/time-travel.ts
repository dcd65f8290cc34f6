import { LocalError, type LocalWorkspace } from './workspace.ts';

const DAY = 86_400_000;
const MAX_DAYS = 5 * 366;

// The page's own refusals, in the language of the person looking at it.
const words = {
  sv: {
    notDate: (v: string) => `"${v}" är inget datum; skriv det som ÅÅÅÅ-MM-DD.`,
    backwards: (v: string, today: string) => `Tiden går bara framåt här: ${v} är inte efter i dag (${today}).`,
    positive: () => 'Tiden går bara framåt: ange ett positivt antal dagar.',
    tooFar: (max: number) => `Högst ${max} dagar åt gången.`,
  },
  en: {
    notDate: (v: string) => `"${v}" is not a date; write it as YYYY-MM-DD.`,
    backwards: (v: string, today: string) => `Time only moves forward here: ${v} is not after today (${today}).`,
    positive: () => 'Time only moves forward: give a positive number of days.',
    tooFar: (max: number) => `At most ${max} days at a time.`,
  },
};

export interface TravelRequest {
  /** The language of refusals (sv or en). */
  lang?: string;
  /** Move forward this many days (e.g. 1 or 7). */
  days?: number;
  /** Or to this date (YYYY-MM-DD, in the bot's time zone), keeping the time of day. */
  to?: string;
}

/** Today's date in the bot's time zone, as YYYY-MM-DD. */
export function localDate(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/**
 * Moves the bot's clock forward, then runs the scheduler once and lets the outbox deliver, so
 * reminders and deadlines that fell due in the skipped time show up at once. Never backwards:
 * the database already holds what happened "now", and a clock that goes back would contradict it.
 */
export async function travel(ws: LocalWorkspace, req: TravelRequest): Promise<{ now: Date; movedDays: number }> {
  const { ctx } = ws.bot;
  const now = ctx.clock.now();
  const w = req.lang === 'en' ? words.en : words.sv;
  let days: number;
  if (req.to !== undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(req.to);
    const target = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
    if (!m || Number.isNaN(target) || new Date(target).getUTCDate() !== Number(m[3])) throw new LocalError(w.notDate(req.to));
    const [y, mo, d] = localDate(now, ctx.timezone).split('-').map(Number) as [number, number, number];
    days = Math.round((target - Date.UTC(y, mo - 1, d)) / DAY);
    if (days <= 0) throw new LocalError(w.backwards(req.to, localDate(now, ctx.timezone)));
  } else {
    days = Number(req.days);
    if (!Number.isFinite(days) || days <= 0) throw new LocalError(w.positive());
  }
  if (days > MAX_DAYS) throw new LocalError(w.tooFar(MAX_DAYS));
  ws.clock.advance(days * DAY);
  ws.bot.logger.info(`LOCAL MODE: time travel +${days} day(s), the bot's clock now reads ${ws.clock.now().toISOString()}`);
  await ws.bot.scheduler.tick();
  await ws.settle();
  ws.changed();
  return { now: ws.clock.now(), movedDays: days };
}
