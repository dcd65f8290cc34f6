import type { Prisma } from '../db/client.ts';

/** How long a key is remembered: far longer than any retry of one request. */
const KEEP_MS = 7 * 24 * 60 * 60_000;

/**
 * How long a claim whose work never said it was done keeps others out. The work it guards (an
 * upload: a few Slack calls, each bounded by 10 s and retried twice) ends far sooner, so a claim
 * this old was left by a process that died: a later delivery takes it over.
 */
export const STALE_CLAIM_MS = 5 * 60_000;

/** The first claim; a claim taken over from a dead process (claimed then, never done); or the work is done or under way. */
export type Claim = { kind: 'claimed' } | { kind: 'takenOver'; since: Date } | { kind: 'already' };

/**
 * Claims a one-time key: 'claimed' the first time, 'already' for every later claim (a retried or
 * repeated delivery of the same request) while the work is under way or done. A claim left
 * undone for STALE_CLAIM_MS (its process died between claiming and doing) is taken over, with the
 * time it was first claimed, so the new owner can look whether the work went out after all.
 * Keys older than a week are forgotten.
 */
export async function claimOnce(prisma: Prisma, key: string, now: Date): Promise<Claim> {
  await prisma.onceKey.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - KEEP_MS) } } });
  const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS);
  const rows = await prisma.$queryRaw<Array<{ since: Date | null }>>`
    WITH "old" AS (SELECT "createdAt" FROM "OnceKey" WHERE "key" = ${key})
    INSERT INTO "OnceKey" ("key", "createdAt") VALUES (${key}, ${now})
    ON CONFLICT ("key") DO UPDATE SET "createdAt" = EXCLUDED."createdAt"
      WHERE "OnceKey"."doneAt" IS NULL AND "OnceKey"."createdAt" < ${staleBefore}
    RETURNING (SELECT "createdAt" FROM "old") AS "since"`;
  if (rows.length === 0) return { kind: 'already' };
  const since = rows[0]!.since;
  return since ? { kind: 'takenOver', since: new Date(since) } : { kind: 'claimed' };
}

/** The key's work is done: later claims are 'already' for good (until the key is forgotten). */
export async function completeOnce(prisma: Prisma, key: string, now: Date): Promise<void> {
  await prisma.onceKey.updateMany({ where: { key }, data: { doneAt: now } });
}

/** Gives a key back when its work failed, so a retry may do it. */
export async function releaseOnce(prisma: Prisma, key: string): Promise<void> {
  await prisma.onceKey.deleteMany({ where: { key } });
}
