import type { Tx } from '../db/client.ts';
import type { DomainContext } from './context.ts';

/**
 * One user action = one transaction (with its audit rows and queued notices). After the commit
 * the outbox is nudged; nothing talks to chat inside the transaction.
 */
export async function inTransaction<T>(ctx: DomainContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await ctx.prisma.$transaction(fn, { timeout: 20_000, maxWait: 10_000 });
  ctx.onNotices?.();
  return result;
}
