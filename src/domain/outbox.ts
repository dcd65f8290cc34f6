import type { Prisma, Tx } from '../db/client.ts';
import { currentCause } from './cause.ts';
import type { Notice } from './notice.ts';

/**
 * Queues a notice in the same transaction as the change that caused it. The dedupe key makes
 * enqueueing idempotent: a reminder computed twice, or a retried request, posts once — also long
 * after the message itself was sent and pruned, because the key is kept in OutboxKey for good.
 * Returns false when the key was already queued.
 */
export async function enqueue(tx: Tx, dedupeKey: string, notice: Notice): Promise<boolean> {
  // The key first: only a key new to OutboxKey queues a message (one statement, so two
  // transactions queueing one key meet on OutboxKey's primary key and only one inserts).
  // Due at once whatever the clock says (tests and local time travel move the clock freely).
  const rows = await tx.$executeRaw`
    WITH "key" AS (
      INSERT INTO "OutboxKey" ("dedupeKey", "createdAt") VALUES (${dedupeKey}, ${new Date()})
      ON CONFLICT ("dedupeKey") DO NOTHING RETURNING "dedupeKey")
    INSERT INTO "OutboxMessage" ("dedupeKey", "notice", "orderKey", "causedBy", "status", "attempts", "nextAttemptAt", "createdAt")
    SELECT "dedupeKey", ${JSON.stringify(notice)}::jsonb, ${orderKey(notice)}, ${currentCause() ?? null}, 'pending', 0, ${new Date(0)}, ${new Date()} FROM "key"
    ON CONFLICT ("dedupeKey") DO NOTHING`;
  return rows > 0;
}

/** How long a sent message is kept (to look into a delivery) before it is pruned. */
export const SENT_KEPT_DAYS = 30;
const PRUNE_BATCH = 5000;

/**
 * Deletes sent messages older than SENT_KEPT_DAYS, at most PRUNE_BATCH per call (the scheduler
 * calls it every minute), so the queue the claim reads stays small. Only sent ones: a message
 * still open, or undeliverable, stays however old. Their dedupe keys stay in OutboxKey.
 */
export async function pruneSent(prisma: Prisma, now: Date): Promise<number> {
  const before = new Date(now.getTime() - SENT_KEPT_DAYS * 24 * 60 * 60_000);
  return prisma.$executeRaw`
    DELETE FROM "OutboxMessage" WHERE "id" IN (
      SELECT "id" FROM "OutboxMessage" WHERE "status" = 'sent' AND "sentAt" < ${before} ORDER BY "id" LIMIT ${PRUNE_BATCH})`;
}

/** Notices with one order key (a card's ref, or replies in its thread) go out in the order queued. */
export function orderKey(notice: Notice): string | null {
  return notice.ref ?? ('threadRef' in notice.to ? (notice.to.threadRef ?? null) : null);
}

export interface OutboxItem {
  id: bigint;
  dedupeKey: string;
  notice: Notice;
  attempts: number;
  createdAt: Date;
  /** The chat user whose action queued it, if any. */
  causedBy: string | null;
  /**
   * True when an earlier attempt may have reached the chat platform without the outcome being
   * recorded (the process died mid-call, or the call timed out or lost its connection): the
   * deliverer must find out whether it was posted before posting again.
   */
  uncertain: boolean;
  /** It was undeliverable before this attempt (a success now is news to whoever was told). */
  wasUndeliverable: boolean;
}

/**
 * Statuses: pending (due at nextAttemptAt), sending (claimed; the claim lapses at nextAttemptAt),
 * uncertain (an attempt's outcome is unknown), undeliverable (a cause a retry alone cannot fix, or a
 * day of failures; still retried now and then and on `/samverkan status`), sent. `failed` is the
 * pre-2026-12 name of undeliverable.
 */
const OPEN = ['pending', 'sending', 'uncertain', 'undeliverable', 'failed'];

/**
 * How long a claim is exclusive. It must outlast every chat call of one delivery (each is bounded
 * by the client's timeout, see slack/outbox-sender.ts), so a slow post is never taken over by a
 * second process while the first may still post it.
 */
export const CLAIM_FOR_MS = 2 * 60_000;

/**
 * Claims due messages for delivery. A claimed row is pushed into the future, so a process that
 * dies mid-delivery leaves it to be retried later (as uncertain) instead of lost; SKIP LOCKED lets
 * several processes share the queue without taking the same row. Notices with one order key go
 * out in the order they were queued: while an older one is still open, a newer one waits, so a
 * retried post never overwrites a later update. The anti-join uses the indexed orderKey column.
 */
export async function claimDue(prisma: Prisma, now: Date, limit = 20): Promise<OutboxItem[]> {
  const until = new Date(now.getTime() + CLAIM_FOR_MS);
  const rows = await prisma.$queryRaw<Array<{ id: bigint; dedupeKey: string; notice: Notice; attempts: number; createdAt: Date; causedBy: string | null; previous: string }>>`
    WITH picked AS (
      SELECT m."id", m."status" FROM "OutboxMessage" m
      WHERE m."status" IN ('pending', 'sending', 'uncertain', 'undeliverable', 'failed') AND m."nextAttemptAt" <= ${now}
        AND NOT EXISTS (
          SELECT 1 FROM "OutboxMessage" older
          WHERE older."orderKey" = m."orderKey" AND older."id" < m."id"
            AND older."status" IN ('pending', 'sending', 'uncertain', 'undeliverable', 'failed'))
      ORDER BY m."id" LIMIT ${limit} FOR UPDATE OF m SKIP LOCKED)
    UPDATE "OutboxMessage" o SET "status" = 'sending', "attempts" = o."attempts" + 1, "nextAttemptAt" = ${until}
    FROM picked WHERE o."id" = picked."id"
    RETURNING o."id", o."dedupeKey", o."notice", o."attempts", o."createdAt", o."causedBy", picked."status" AS "previous"`;
  return rows
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((r) => ({
      id: r.id, dedupeKey: r.dedupeKey, attempts: r.attempts, createdAt: r.createdAt, causedBy: r.causedBy,
      notice: typeof r.notice === 'string' ? JSON.parse(r.notice) : r.notice,
      // A row still "sending" when claimed again was left by a process that died mid-call; an
      // undeliverable one may have become so after calls whose outcome was unknown: look first.
      uncertain: ['sending', 'uncertain', 'undeliverable', 'failed'].includes(r.previous),
      wasUndeliverable: r.previous === 'undeliverable' || r.previous === 'failed',
    }));
}

export async function markSent(prisma: Prisma, id: bigint, now: Date): Promise<void> {
  await prisma.outboxMessage.update({ where: { id }, data: { status: 'sent', sentAt: now, lastError: null } });
}

/** Transient failures are retried with backoff for at least this long (from the first) before the post is reported undeliverable. */
export const RETRY_FOR_MS = 24 * 60 * 60_000;
const MAX_BACKOFF_MS = 15 * 60_000;
/** An undeliverable post is tried again this often (and at once on `/samverkan status`). */
export const UNDELIVERABLE_RETRY_MS = 30 * 60_000;

export interface Failure {
  error: string;
  retryAfterMs?: number;
  /** A retry alone cannot help (the bot is not in the channel, the channel is archived). */
  permanent?: boolean;
  /** The call may have been carried out (timeout, lost connection). */
  uncertain?: boolean;
}

/**
 * Schedules a retry: exponential backoff (or the server's Retry-After) for transient failures.
 * Nothing is ever dropped: a permanent failure, or transient ones for longer than RETRY_FOR_MS,
 * make the post undeliverable with its reason, retried every UNDELIVERABLE_RETRY_MS.
 * Returns true when the post has just become undeliverable (to tell someone), whether at once or
 * after a day of transient failures.
 */
export async function markFailed(prisma: Prisma, item: OutboxItem, now: Date, f: Failure): Promise<boolean> {
  const row = await prisma.outboxMessage.findUnique({ where: { id: item.id }, select: { failingSince: true } });
  const failingSince = row?.failingSince ?? now;
  const undeliverable = f.permanent === true || now.getTime() - failingSince.getTime() >= RETRY_FOR_MS;
  const backoff = f.retryAfterMs ?? (undeliverable ? UNDELIVERABLE_RETRY_MS : Math.min(1000 * 2 ** (item.attempts - 1), MAX_BACKOFF_MS));
  // A day of calls that timed out is reported like any other: the next try still looks first.
  const status = undeliverable ? 'undeliverable' : f.uncertain ? 'uncertain' : 'pending';
  await prisma.outboxMessage.update({
    where: { id: item.id },
    data: { status, lastError: f.error.slice(0, 2000), failingSince, nextAttemptAt: new Date(now.getTime() + backoff) },
  });
  return status === 'undeliverable' && !item.wasUndeliverable;
}

export async function pendingCount(prisma: Prisma): Promise<number> {
  return prisma.outboxMessage.count({ where: { status: { in: OPEN } } });
}

export interface Undeliverable {
  dedupeKey: string;
  notice: Notice;
  reason: string;
  since: Date;
  causedBy: string | null;
}

/** Posts that could not be delivered, with the chat platform's reason (for `/samverkan status`). */
export async function undeliverable(prisma: Prisma): Promise<Undeliverable[]> {
  const rows = await prisma.outboxMessage.findMany({ where: { status: { in: ['undeliverable', 'failed'] } }, orderBy: { id: 'asc' }, take: 50 });
  return rows.map((r) => ({ dedupeKey: r.dedupeKey, notice: r.notice as unknown as Notice, reason: r.lastError ?? '', since: r.createdAt, causedBy: r.causedBy }));
}

/** Makes every undeliverable post due now (the admin fixed the cause and checks the status). */
export async function retryUndeliverable(prisma: Prisma, now: Date): Promise<number> {
  const r = await prisma.outboxMessage.updateMany({ where: { status: { in: ['undeliverable', 'failed'] } }, data: { nextAttemptAt: now } });
  return r.count;
}
