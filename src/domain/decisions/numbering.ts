import type { Tx } from '../../db/client.ts';

/** Year 0 of the counter numbers a group's proposals; real years number its decisions. */
export const PROPOSAL_SERIES = 0;

/**
 * Hands out the next number of a series inside the caller's transaction. The upsert locks the
 * counter row until commit, so concurrent transactions on PostgreSQL queue up and never share a
 * number; a rolled-back transaction gives its number back.
 */
export async function nextNumber(tx: Tx, groupId: string, year: number): Promise<number> {
  const rows = await tx.$queryRaw<Array<{ last: number }>>`
    INSERT INTO "DecisionCounter" ("groupId", "year", "last") VALUES (${groupId}, ${year}, 1)
    ON CONFLICT ("groupId", "year") DO UPDATE SET "last" = "DecisionCounter"."last" + 1
    RETURNING "last"`;
  return Number(rows[0]!.last);
}

export const formatReference = (shortCode: string, year: number, number: number) => `${shortCode} ${year}:${number}`;
export const formatProposalReference = (shortCode: string, n: number) => `${shortCode}-F${n}`;
