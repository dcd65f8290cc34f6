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
  // In line in the process first (db/gate.ts): at the head of the line, what remains is the wait
  // for a connection behind the reads of other requests, which under a burst of 200 on the embedded
  // database took longer than 10 s (bench). Losing a save is worse than a slow one: a minute.
  const result = await transactionGate(ctx.prisma).run(() =>
    ctx.prisma.$transaction(async (tx) => {
      const r = await fn(tx);
      await markActionSaved(tx, ctx.clock.now());
      await crashPoint('before-commit');
      return r;
    }, { timeout: 20_000, maxWait: 60_000 }),
  );
  ctx.onNotices?.();
  return result;
}
