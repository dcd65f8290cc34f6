import type { Prisma, Tx } from '../../db/client.ts';
import type { DomainContext } from '../context.ts';
import { fromDbDate, localDate } from '../dates.ts';
import { zonedInstant } from '../statistics/quarter.ts';

/**
 * The one rule for who is in the agreement on a day: every party, except from the day its notice
 * (not withdrawn) takes effect. Rotation (no more turns), statistics (no more expected reports)
 * and steering votes (its consent no longer needed) all ask it.
 */
/** Who is in the agreement on which day: every party, except from the day its notice takes effect. */
export interface PartiesInAgreement {
  /** True while the party is in the agreement on the local day `day` (YYYY-MM-DD). */
  onDay(partyId: string, day: string): boolean;
  /** True while the party is in the agreement at the instant `at` (its local day). */
  at(partyId: string, at: Date): boolean;
  /** The instant (local midnight) the party leaves, if it has given notice. */
  leavesAt(partyId: string): Date | undefined;
}

export async function partiesInAgreement(ctx: DomainContext, db: Prisma | Tx = ctx.prisma): Promise<PartiesInAgreement> {
  const rows = await db.agreementNotice.findMany({ where: { partnershipId: ctx.partnershipId, withdrawnAt: null }, select: { partyId: true, effectiveOn: true } });
  const leaves = new Map(rows.map((r) => [r.partyId, fromDbDate(r.effectiveOn)]));
  const onDay = (partyId: string, day: string) => {
    const from = leaves.get(partyId);
    return from === undefined || day < from;
  };
  return {
    onDay,
    at: (partyId, at) => onDay(partyId, localDate(at, ctx.timezone)),
    leavesAt: (partyId) => {
      const from = leaves.get(partyId);
      if (from === undefined) return undefined;
      const [y, m, d] = from.split('-').map(Number) as [number, number, number];
      return zonedInstant(y, m, d, 0, ctx.timezone);
    },
  };
}
