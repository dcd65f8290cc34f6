import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '../../src/db/client.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { recordDecision } from '../../src/domain/decisions/index.ts';
import { requireActor } from '../../src/domain/partnership/directory.ts';
import { jobs } from '../../src/scheduler/jobs.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';

// The decision log's engineer saw a full scheduler round hang after a test clock jumped about 11
// months: the rotation job's work outlived PGlite's 20 s transaction timeout. These tests jump a year
// on the Stockholm example and run every registered job through the bot's own scheduler.
const SAM = 'C0SAMVERK';
const LINNEA = 'U0LINNEA';
const JONAS = 'U0JONAS';

/** Every transaction the bot runs while `fn` runs, with how long it held the database. */
async function timingTransactions(tb: TestBot, fn: () => Promise<void>): Promise<number[]> {
  const ctx = tb.bot.ctx;
  const real = ctx.prisma;
  const held: number[] = [];
  ctx.prisma = new Proxy(real, {
    get(target, prop) {
      if (prop === '$transaction') {
        return async (...args: Parameters<Prisma['$transaction']>) => {
          const started = performance.now();
          try {
            return await (target.$transaction as (...a: unknown[]) => Promise<unknown>)(...args);
          } finally {
            held.push(performance.now() - started);
          }
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  try {
    await fn();
  } finally {
    ctx.prisma = real;
  }
  return held;
}

describe('a full scheduler round after the clock jumps a year', () => {
  let tb: TestBot;
  const clock = new ManualClock('2026-03-01T10:00:00Z');
  const failures: string[] = [];
  beforeAll(async () => {
    tb = await startTestBot({ clock });
    const log = tb.bot.logger.error.bind(tb.bot.logger);
    tb.bot.logger.error = (...msg: unknown[]) => {
      failures.push(msg.map(String).join(' '));
      log(...msg);
    };
    // Some history for every job to look at: a skip, a swap proposal, decisions with follow-up dates.
    await tb.driver.command(LINNEA, SAM, '/rotation hoppa 2026-04-07');
    await tb.driver.command(JONAS, SAM, '/rotation byt boj-sodra');
    const erik = await requireActor(tb.bot.ctx, 'U0ERIK');
    const sam = await tb.db.prisma.group.findFirstOrThrow({ where: { channelId: SAM } });
    for (let i = 0; i < 5; i++) {
      await recordDecision(tb.bot.ctx, erik.member, erik.actor, { groupId: sam.id, title: `Uppföljning ${i}`, body: 'Följs upp.', followUpOn: `2026-0${4 + i}-15`, responsibleMemberId: erik.member.id });
    }
    await tb.bot.scheduler.tick();
    await tb.flush();
  });
  afterAll(async () => {
    await tb?.stop();
  });

  it('runs every registered job quickly, in short transactions, without a failure', async () => {
    expect(jobs.map((j) => j.name)).toContain('rotation-reminders');
    clock.set('2027-03-01T10:00:00Z');
    let led = false;
    const started = performance.now();
    const held = await timingTransactions(tb, async () => {
      led = await tb.bot.scheduler.tick();
    });
    const elapsed = performance.now() - started;
    expect(led).toBe(true);
    expect(failures).toEqual([]);
    expect(elapsed).toBeLessThan(10_000);
    expect(held.length).toBeGreaterThan(0); // the follow-ups at least
    expect(Math.max(...held)).toBeLessThan(2_000); // far from the 20 s timeout, and the single connection is free in between
    await tb.flush();
    // The work was done: each overdue follow-up once, and the rotation's late reminders recorded.
    expect(tb.fake.channelMessages(SAM).filter((m) => m.text?.includes('Dags att följa upp'))).toHaveLength(5);
    expect(await tb.db.prisma.rotationReminder.count({ where: { slotAt: { gte: new Date('2027-01-30T00:00:00Z') } } })).toBeGreaterThan(0);
  });

  it('does the same again a minute later without sending anything twice', async () => {
    const before = tb.fake.messages.length;
    clock.set('2027-03-01T10:01:00Z');
    const started = performance.now();
    expect(await tb.bot.scheduler.tick()).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
    await tb.flush();
    expect(tb.fake.messages.length).toBe(before);
    expect(failures).toEqual([]);
  });
});
