import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/client.ts';
import { ManualClock, type Clock } from '../../src/domain/clock.ts';
import { loadPartnershipFile } from '../../src/domain/partnership/file-loader.ts';
import { createLogger } from '../../src/logger.ts';
import { startSamverkan, type Running } from '../../src/runtime.ts';
import { FakeSlack } from '../../src/slack/fake/server.ts';
import { SignedDriver } from '../../src/slack/fake/signed-driver.ts';
import { openTestDatabase } from './db.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const STOCKHOLM = path.join(root, 'examples/stockholm.yml');
export const JAMTLAND = path.join(root, 'examples/jamtland.yml');
export const SIGNING_SECRET = 'test-signing-secret';
/**
 * Production answers a slow form "Sparar …" after 2.3 s, leaving room for Slack's network; the
 * fake is local, so tests wait until just before Bolt's own 3 s, and a busy CI machine does not
 * turn an ordinary receipt into "Sparar …" (the deadline's own test sets a short one).
 */
const TEST_SUBMIT_DEADLINE_MS = 2800;

export interface TestBot {
  bot: Running;
  fake: FakeSlack;
  driver: SignedDriver;
  db: Database;
  clock: Clock;
  /** Waits until every queued notice has been delivered (or has failed this round). */
  flush(): Promise<void>;
  /** Stops the bot (and the database unless it was passed in). */
  stop(): Promise<void>;
}

export interface TestBotOptions {
  partnershipFile?: string;
  db?: Database;
  clock?: Clock;
  env?: Record<string, string>;
  /** Bound on each Slack call (a test of a hung Slack shortens it). */
  slackTimeoutMs?: number;
  submitDeadlineMs?: number;
  outboxConcurrency?: number;
  /** Share another bot's fake Slack (two replicas of one app); then stop() leaves it open. */
  fake?: FakeSlack;
}

/**
 * Starts the real bot (composition root, Bolt over HTTP, real database) against a fresh fake
 * Slack, exactly as in production but with SLACK_API_URL pointing at the fake.
 */
export async function startTestBot(o: TestBotOptions = {}): Promise<TestBot> {
  const file = o.partnershipFile ?? STOCKHOLM;
  const partnership = loadPartnershipFile(file);
  const fake = o.fake ?? await FakeSlack.start({
    token: 'xoxb-test',
    users: partnership.members.map((m) => ({ id: m.user, name: m.name.split(' ')[0]!.toLowerCase(), real_name: m.name })),
    channels: partnership.groups.map((g) => ({ id: g.channel, name: g.key })),
  });
  const ownDb = !o.db;
  const db = o.db ?? (await openTestDatabase());
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    PARTNERSHIP_FILE: file,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    ...o.env,
  });
  const clock = o.clock ?? new ManualClock(new Date());
  // One post at a time unless a test asks for more (the outbox tests do, as production runs 4):
  // stories then read the fake's messages in one order across channels and people.
  const outboxConcurrency = o.outboxConcurrency ?? 1;
  const bot = await startSamverkan({ config, db, clock, scheduler: false, slackTimeoutMs: o.slackTimeoutMs, submitDeadlineMs: o.submitDeadlineMs ?? TEST_SUBMIT_DEADLINE_MS, outboxConcurrency, logger: createLogger(config.logLevel, 'test-bot') });
  const driver = new SignedDriver({ url: bot.url!, signingSecret: SIGNING_SECRET, fake });
  return {
    bot,
    fake,
    driver,
    db,
    clock,
    async flush() {
      // A drain started by the worker's timer may run beside ours: wait for it on both sides.
      await bot.outbox.idle();
      await bot.outbox.drain();
      await bot.outbox.idle();
    },
    async stop() {
      await bot.stop();
      if (!o.fake) await fake.close();
      if (ownDb) await db.close();
    },
  };
}
