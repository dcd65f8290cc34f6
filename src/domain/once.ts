import type { Prisma } from '../db/client.ts';

/** How long a key is remembered: far longer than any retry of one request. */
const KEEP_MS = 7 * 24 * 60 * 60_000;

/**
 * Claims a one-time key: true the first time, false for every later claim (a retried or
 * repeated delivery of the same request). Keys older than a week are forgotten.
 */
export async function claimOnce(prisma: Prisma, key: string, now: Date): Promise<boolean> {
  await prisma.onceKey.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - KEEP_MS) } } });
  const rows = await prisma.$executeRaw`INSERT INTO "OnceKey" ("key", "createdAt") VALUES (${key}, ${now}) ON CONFLICT ("key") DO NOTHING`;
  return rows > 0;
}

/** Gives a key back when its work failed, so a retry may do it. */
export async function releaseOnce(prisma: Prisma, key: string): Promise<void> {
  await prisma.onceKey.deleteMany({ where: { key } });
}
