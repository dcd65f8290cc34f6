import type { DomainContext } from '../context.ts';
import { localDate } from '../dates.ts';
import { DomainError } from '../errors.ts';
import type { TermSpec } from '../partnership/file-schema.ts';
import { listNotices, type NoticeView } from './notices.ts';
import { agreementEnd, daysBetween, nextNoticeDeadline, periodOn, periods, renewalSettled, termSpec, type Period } from './term.ts';

export interface AgreementOverview {
  spec: TermSpec;
  today: string;
  /** The period that holds today; undefined before the start or after the end. */
  current: Period | undefined;
  /** The period the next renewal begins, if one follows the current period. */
  next: Period | undefined;
  /** The renewal into `next` can no longer be stopped: its notice deadline has passed. */
  nextSettled: boolean;
  /** The agreement's last day (null: until further notice). */
  end: string | null;
  /** The notice deadline that decides the next renewal, and the days left to it (0: today). */
  deadline: { date: string; daysLeft: number } | undefined;
  notices: NoticeView[];
}

/** What `/samverkan avtal` shows: the current period, the next renewal, the notice deadline and the notices. */
export async function agreementOverview(ctx: DomainContext): Promise<AgreementOverview> {
  const spec = await termSpec(ctx);
  if (!spec) throw new DomainError('agreement.error.noTerm');
  const today = localDate(ctx.clock.now(), ctx.timezone);
  const current = periodOn(spec, today);
  const all = periods(spec);
  const next = current ? all[current.index + 1] : today < spec.start ? all[0] : undefined;
  const d = nextNoticeDeadline(spec, today);
  return {
    spec,
    today,
    current,
    next,
    nextSettled: renewalSettled(spec, today, next),
    end: agreementEnd(spec),
    deadline: d ? { date: d, daysLeft: daysBetween(today, d) } : undefined,
    notices: (await listNotices(ctx)).filter((n) => !n.withdrawn),
  };
}
