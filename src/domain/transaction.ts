import type { Tx } from '../db/client.ts';
import type { DomainContext } from './context.ts';
import { markActionSaved } from './ack-journal.ts';
import { crashPoint } from '../crash-points.ts';
import { transactionGate } from '../db/gate.ts';

/**
 * One user action = one transaction (with its audit rows and queued notices). After the commit
 * the outbox is nudged; nothing talks to chat inside the transaction.
 */
export async function inTransaction<T>(ctx: DomainContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  // The action's journal row says "saved" in the same commit as what it saved.
  // In line in the process first (db/gate.ts), so that a burst never runs out Prisma's maxWait.
  const result = await transactionGate(ctx.prisma).run(() =>
    ctx.prisma.$transaction(async (tx) => {
      const r = await fn(tx);
      await markActionSaved(tx, ctx.clock.now());
      await crashPoint('before-commit');
      return r;
    }, { timeout: 20_000, maxWait: 10_000 }),
  );
  ctx.onNotices?.();
  return result;
}
