import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { Gate, transactionGate } from '../../src/db/gate.ts';
import { inTransaction } from '../../src/domain/transaction.ts';
import type { DomainContext } from '../../src/domain/context.ts';
import { openTestDatabase } from '../helpers/db.ts';

// A burst of user actions, each holding its transaction for a while: together far longer than
// Prisma's maxWait (10 s). Before the gate, the last ones failed with "Unable to start a
// transaction in the given time"; now each waits its turn and every one is saved.
describe('transactions under a burst', () => {
  let db: Database;
  let ctx: DomainContext;
  beforeAll(async () => {
    db = await openTestDatabase();
    await db.sql.exec('CREATE TABLE burst (n INT PRIMARY KEY)');
    ctx = { prisma: db.prisma, clock: { now: () => new Date() }, partnershipId: 'p', timezone: 'Europe/Stockholm', locale: 'sv' } as DomainContext;
  });
  afterAll(async () => db?.close());

  it('saves every action of a burst that outlasts maxWait, never more at once than the connections carry', async () => {
    const slots = transactionGate(db.prisma).slots;
    expect(slots).toBe(db.kind === 'pglite' ? 1 : 8);
    const burst = 24 * slots;
    let inside = 0;
    let most = 0;
    const results = await Promise.allSettled(
      Array.from({ length: burst }, (_, n) =>
        inTransaction(ctx, async (tx) => {
          inside++;
          most = Math.max(most, inside);
          await tx.$executeRawUnsafe('INSERT INTO burst (n) VALUES ($1)', n);
          // Holds the transaction open: 24 in a row take ~12 s, past maxWait.
          await new Promise((r) => setTimeout(r, 500));
          inside--;
          return n;
        }),
      ),
    );
    const failed = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
    expect(failed).toEqual([]);
    expect(most).toBeLessThanOrEqual(slots);
    const [row] = await db.sql.query<{ c: number }>('SELECT count(*)::int AS c FROM burst');
    expect(row!.c).toBe(burst);
  }, 60_000);

  it('passes a slot on when a transaction fails, and keeps the order of arrival', async () => {
    const gate = new Gate(1);
    const order: number[] = [];
    const runs = [0, 1, 2, 3].map((i) =>
      gate.run(async () => {
        order.push(i);
        await new Promise((r) => setTimeout(r, 5));
        if (i === 1) throw new Error('rolled back');
      }),
    );
    const settled = await Promise.allSettled(runs);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(order).toEqual([0, 1, 2, 3]);
    expect(gate.load).toEqual({ active: 0, waiting: 0 });
    expect(() => new Gate(0)).toThrow();
  });
});
