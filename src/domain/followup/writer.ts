import type { DomainContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { requireReporter, type Reporter } from '../statistics/reporter.ts';

/** Who may write an association's annual report: the same people who report its statistics. */
export type Writer = Reporter;

const OWN_WORDS: Partial<Record<MessageKey, MessageKey>> = {
  'statistics.error.notReporter': 'followup.error.notWriter',
  'statistics.error.publicParty': 'followup.error.publicParty',
  'statistics.error.noMunicipalities': 'followup.error.noMunicipalities',
};

/** The member may write the annual report of their own association, as its coordinator or representative. */
export async function requireWriter(ctx: DomainContext, chatUserId: string): Promise<Writer> {
  try {
    return await requireReporter(ctx, chatUserId);
  } catch (err) {
    // The same rule as for statistics, said in the words of the annual report.
    const own = err instanceof DomainError ? OWN_WORDS[err.key] : undefined;
    throw own ? new DomainError(own, err instanceof DomainError ? err.params : {}) : err;
  }
}
