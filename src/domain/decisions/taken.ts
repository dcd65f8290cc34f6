import type { Prisma, Tx } from '../../db/client.ts';
import type { DomainContext } from '../context.ts';
import { toDbDate } from '../dates.ts';

/**
 * How many decisions a group took on the local dates `from`..`to` (inclusive, "YYYY-MM-DD"),
 * superseded ones included: they were taken all the same. Other features ask this instead of
 * reading the register's tables (the rotation treats a meeting's decisions as its documentation).
 */
export async function countDecisionsTaken(ctx: DomainContext, groupId: string, from: string, to: string, db: Prisma | Tx = ctx.prisma): Promise<number> {
  return db.decision.count({
    where: { partnershipId: ctx.partnershipId, groupId, status: 'ADOPTED', decidedOn: { gte: toDbDate(from), lte: toDbDate(to) } },
  });
}
