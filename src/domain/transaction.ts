import type { Tx } from '../db/client.ts';
import type { DomainContext } from './context.ts';
import { markActionSaved } from './ack-journal.ts';
import { crashPoint } from '../crash-points.ts';

/**
 * One user action = one transaction (with its audit rows and queued notices). After the commit
 * the outbox is nudged; nothing talks to chat inside the transaction.
 */
export async function inTransaction<T>(ctx: DomainContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  // The action's journal row says "saved" in the same commit as what it saved.
  const result = await ctx.prisma.$transaction(async (tx) => {
    const r = await fn(tx);
    await markActionSaved(tx, ctx.clock.now());
    await crashPoint('before-commit');
    return r;
  }, { timeout: 20_000, maxWait: 10_000 });
  ctx.onNotices?.();
  return result;
}
