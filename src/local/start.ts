import type { Logger } from '../logger.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { OffsetClock, type Clock } from '../domain/clock.ts';
import crypto from 'node:crypto';
import { loadPartnershipFile } from '../domain/partnership/file-loader.ts';
import { EXAMPLE_PARTNERSHIP, startSamverkan, type Running } from '../runtime.ts';
import { FakeSlack } from '../slack/fake/server.ts';
import { persistWorkspace } from './persist.ts';
import { localRoutes } from './routes.ts';
import { seedDemo } from './seed.ts';
import { demoSteps } from './seed-steps.ts';
import { LocalWorkspace } from './workspace.ts';

export interface LocalOptions {
  config: Config;
  db?: Database;
  logger?: Logger;
  /** Seed the demo history when the database has none (default true). */
  seed?: boolean;
  scheduler?: boolean;
  /** Keep the workspace's messages across restarts in DATA_DIR (default: when the database is not passed in). */
  persist?: boolean;
  /** The time the offset is added to (default the system clock; tests pin a date). */
  baseClock?: Clock;
}

export interface LocalRunning {
  running: Running;
  /** The built-in fake Slack the bot talks to. */
  fake: FakeSlack;
  workspace: LocalWorkspace;
  clock: OffsetClock;
  stop(): Promise<void>;
}

/**
 * Local mode: the real bot against the built-in fake Slack, with the workspace page on its HTTP
 * server and a clock that can be moved forward for demos.
 */
export async function startLocal(o: LocalOptions): Promise<LocalRunning> {
  if (o.config.slack.mode !== 'local') throw new Error('local mode only starts without Slack tokens');
  const clock = new OffsetClock(o.baseClock);
  let workspace: LocalWorkspace | undefined;
  // The fake Slack knows the file's people and channels, as a real workspace would.
  const partnership = loadPartnershipFile(o.config.partnershipFile ?? EXAMPLE_PARTNERSHIP);
  const fake = await FakeSlack.start({
    token: 'xoxb-local',
    users: partnership.members.map((m) => ({ id: m.user, name: m.name.split(' ')[0]!.toLowerCase(), real_name: m.name, locale: m.locale })),
    channels: partnership.groups.map((g) => ({ id: g.channel, name: g.key })),
  });
  const signingSecret = crypto.randomBytes(16).toString('hex');
  let running: Running;
  try {
    running = await startSamverkan({
      config: o.config, db: o.db, logger: o.logger, clock, scheduler: o.scheduler,
      slack: { botToken: 'xoxb-local', signingSecret, apiUrl: fake.apiUrl },
      routes: localRoutes(() => workspace),
    });
  } catch (err) {
    await fake.close();
    throw err;
  }
  const ws = new LocalWorkspace(running, fake, signingSecret, clock);
  workspace = ws;
  const databaseIsNew = (await running.db.prisma.idempotencyKey.count({ where: { key: { startsWith: 'local-workspace:' } } })) === 0;
  await running.db.prisma.idempotencyKey.upsert({ where: { key: 'local-workspace:started' }, create: { key: 'local-workspace:started' }, update: {} });
  const stopPersisting = (o.persist ?? !o.db) ? persistWorkspace(ws, o.config.dataDir, databaseIsNew) : () => undefined;
  try {
    if (o.seed !== false) await seedDemo(ws, demoSteps);
  } catch (err) {
    running.logger.warn(`LOCAL MODE: seeding the demo failed, the workspace starts without it: ${(err as Error).stack ?? err}`);
  }
  return {
    running,
    fake,
    workspace: ws,
    clock,
    async stop() {
      stopPersisting();
      ws.close();
      await running.stop();
      await fake.close();
    },
  };
}
