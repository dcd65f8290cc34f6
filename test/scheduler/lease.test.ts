import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import type { DomainContext } from '../../src/domain/context.ts';
import { createLogger } from '../../src/logger.ts';
import { Scheduler, type Job } from '../../src/scheduler/scheduler.ts';
import { openTestDatabase } from '../helpers/db.ts';

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

describe('the scheduler lease', () => {
  it('lets one process run the jobs, and another take over when the leader is gone', async () => {
    const clock = new ManualClock('2026-03-29T00:30:00Z');
    const ctx = { prisma: db.prisma, clock, partnershipId: 'p', timezone: 'Europe/Stockholm', locale: 'sv' } as DomainContext;
    const runs: string[] = [];
    const job = (who: string): Job => ({ name: 'count', run: async () => void runs.push(who) });
    const logger = createLogger('error');
    const a = new Scheduler(ctx, [job('a')], logger);
    const b = new Scheduler(ctx, [job('b')], logger);

    const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
    expect([ra, rb].filter(Boolean)).toHaveLength(1);
    const leader = ra ? 'a' : 'b';
    expect(runs).toEqual([leader]);

    clock.advance(60_000);
    expect(await (leader === 'a' ? a : b).tick()).toBe(true);
    expect(await (leader === 'a' ? b : a).tick()).toBe(false);

    // The leader stops renewing (crashed); after the lease runs out the other one leads.
    clock.advance(91_000);
    expect(await (leader === 'a' ? b : a).tick()).toBe(true);
    expect(runs.at(-1)).not.toBe(leader);
  });
});
