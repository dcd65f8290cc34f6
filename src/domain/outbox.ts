import type { Prisma, Tx } from '../db/client.ts';
import type { Notice } from './notice.ts';

/**
 * Queues a notice in the same transaction as the change that caused it. The dedupe key makes
 * enqueueing idempotent: a reminder computed twice, or a retried request, posts once.
 * Returns false when the key was already queued.
 */
export async function enqueue(tx: Tx, dedupeKey: string, notice: Notice): Promise<boolean> {
  // Due at once whatever the clock says (tests and local time travel move the clock freely).
  const rows = await tx.$executeRaw`
    INSERT INTO "OutboxMessage" ("dedupeKey", "notice", "status", "attempts", "nextAttemptAt", "createdAt")
    VALUES (${dedupeKey}, ${JSON.stringify(notice)}::jsonb, 'pending', 0, ${new Date(0)}, ${new Date()})
    ON CONFLICT ("dedupeKey") DO NOTHING`;
  return rows > 0;
}

export interface OutboxItem {
  id: bigint;
  dedupeKey: string;
  notice: Notice;
  attempts: number;
}

const CLAIM_FOR_MS = 2 * 60_000;

/**
 * Claims due messages for delivery. A claimed row is pushed into the future, so a process that
 * dies mid-delivery leaves it to be retried later instead of lost; SKIP LOCKED lets several
 * processes share the queue without taking the same row. Notices about one card (its `ref`, or
 * replies in its thread) go out in the order they were queued: while an older one is still
 * pending, a newer one waits, so a retried post never overwrites a later update.
 */
export async function claimDue(prisma: Prisma, now: Date, limit = 20): Promise<OutboxItem[]> {
  const until = new Date(now.getTime() + CLAIM_FOR_MS);
  const rows = await prisma.$queryRaw<Array<{ id: bigint; dedupeKey: string; notice: Notice; attempts: number }>>`
    UPDATE "OutboxMessage" SET "status" = 'sending', "attempts" = "attempts" + 1, "nextAttemptAt" = ${until}
    WHERE "id" IN (
      SELECT m."id" FROM "OutboxMessage" m
      WHERE m."status" IN ('pending', 'sending') AND m."nextAttemptAt" <= ${now}
        AND NOT EXISTS (
          SELECT 1 FROM "OutboxMessage" older
          WHERE older."id" < m."id" AND older."status" IN ('pending', 'sending')
            AND COALESCE(older."notice"->>'ref', older."notice"->'to'->>'threadRef')
              = COALESCE(m."notice"->>'ref', m."notice"->'to'->>'threadRef'))
      ORDER BY m."id" LIMIT ${limit} FOR UPDATE OF m SKIP LOCKED)
    RETURNING "id", "dedupeKey", "notice", "attempts"`;
  return rows.sort((a, b) => (a.id < b.id ? -1 : 1)).map((r) => ({ ...r, notice: typeof r.notice === 'string' ? JSON.parse(r.notice) : r.notice }));
}

export async function markSent(prisma: Prisma, id: bigint, now: Date): Promise<void> {
  await prisma.outboxMessage.update({ where: { id }, data: { status: 'sent', sentAt: now, lastError: null } });
}

const MAX_ATTEMPTS = 12;

/** Schedules a retry with exponential backoff (or the server's Retry-After); gives up after MAX_ATTEMPTS. */
export async function markFailed(prisma: Prisma, item: OutboxItem, now: Date, error: string, retryAfterMs?: number, permanent = false): Promise<void> {
  const dead = permanent || item.attempts >= MAX_ATTEMPTS;
  const backoff = retryAfterMs ?? Math.min(1000 * 2 ** (item.attempts - 1), 15 * 60_000);
  await prisma.outboxMessage.update({
    where: { id: item.id },
    data: { status: dead ? 'failed' : 'pending', lastError: error.slice(0, 2000), nextAttemptAt: new Date(now.getTime() + backoff) },
  });
}

export async function pendingCount(prisma: Prisma): Promise<number> {
  return prisma.outboxMessage.count({ where: { status: { in: ['pending', 'sending'] } } });
}
