import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App, CustomRoute, Logger, LogLevel } from '@slack/bolt';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { systemClock, type Clock } from './domain/clock.ts';
import type { DomainContext } from './domain/context.ts';
import { loadPartnershipFile } from './domain/partnership/file-loader.ts';
import { syncPartnership } from './domain/partnership/sync.ts';
import { recoverAbandonedActions } from './domain/ack-journal.ts';
import type { PartnershipFile } from './domain/partnership/file-schema.ts';
import { createLogger } from './logger.ts';
import { OutboxWorker } from './scheduler/outbox-worker.ts';
import { jobs } from './scheduler/jobs.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { WebClient } from '@slack/web-api';
import { buildSlackApp, SLACK_CALL_TIMEOUT_MS } from './slack/app.ts';
import { calendarRoute } from './calendar/route.ts';
import { FakeSlack } from './slack/fake/server.ts';
import { slackDeliverer } from './slack/outbox-sender.ts';
import { deliveryWatcher } from './slack/undeliverable.ts';
import type { InFlight } from './slack/in-flight.ts';
import { holdSuppressionThread } from './domain/statistics/suppress-thread.ts';

export const EXAMPLE_PARTNERSHIP = fileURLToPath(new URL('../examples/stockholm.yml', import.meta.url));

export interface StartOptions {
  config: Config;
  clock?: Clock;
  /** An already open database (tests share one per file); closed by the caller, not by stop(). */
  db?: Database;
  logger?: Logger;
  /** Extra routes on the bot's HTTP server (local workspace). */
  customRoutes?: CustomRoute[];
  /** Start the minute scheduler (default true). Tests drive `scheduler.tick()` themselves. */
  scheduler?: boolean;
  /** Bound on each Slack Web API call (tests of a hung Slack shorten it). */
  slackTimeoutMs?: number;
  /** How long a form's submission may work before it is answered with "saving…". */
  submitDeadlineMs?: number;
  /**
   * Outbox deliveries in flight at once (default 1). More lets a slow post hold back only its own
   * card, but posts of different cards in one channel may then appear out of queue order.
   */
  outboxConcurrency?: number;
}

export interface Running {
  config: Config;
  db: Database;
  ctx: DomainContext;
  app: App;
  logger: Logger;
  /** Base URL of the bot's HTTP server (HTTP and local mode). */
  url?: string;
  /** The built-in fake Slack in local mode. */
  fake?: FakeSlack;
  /** Signing secret the HTTP endpoint verifies (local mode generates one). */
  signingSecret?: string;
  partnership: PartnershipFile | undefined;
  outbox: OutboxWorker;
  scheduler: Scheduler;
  /** Listener work still running after its acknowledgement; stop() waits for it. */
  inFlight: InFlight;
  stop(): Promise<void>;
}

export class StartupError extends Error {}

/** The composition root: config → db → partnership → services → Slack app → scheduler → HTTP. */
export async function startSamverkan(o: StartOptions): Promise<Running> {
  const { config } = o;
  const logger = o.logger ?? createLogger(config.logLevel);
  const clock = o.clock ?? systemClock;
  const cleanups: Array<() => Promise<void>> = [];
  // The statistics suppression thread (started on first use) ends with the last bot of the process.
  cleanups.push(holdSuppressionThread());
  try {
    const db = o.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
    if (!o.db) cleanups.push(() => db.close());
    const applied = await migrate(db.sql);
    logger.info(`database: ${db.describe}${applied.length ? `, applied ${applied.join(', ')}` : ''}`);

    const file = config.partnershipFile ?? (config.slack.mode === 'local' ? EXAMPLE_PARTNERSHIP : undefined);
    let partnership: PartnershipFile | undefined;
    let partnershipId: string;
    if (file) {
      partnership = loadPartnershipFile(file);
      const r = await syncPartnership(db.prisma, partnership, clock.now());
      partnershipId = r.partnershipId;
      logger.info(`partnership "${partnership.partnership.name}" from ${path.relative(process.cwd(), file) || file}: ${r.changes} change(s)`);
    } else {
      const all = await db.prisma.partnership.findMany({ select: { id: true } });
      if (all.length !== 1) throw new StartupError('PARTNERSHIP_FILE is required: set it to the YAML file that describes the partnership (see examples/).');
      partnershipId = all[0]!.id;
    }

    let outbox: OutboxWorker | undefined;
    const ctx: DomainContext = {
      prisma: db.prisma,
      clock,
      partnershipId,
      timezone: config.timezone,
      locale: config.locale,
      onNotices: () => outbox?.kick(),
    };

    let fake: FakeSlack | undefined;
    let botToken: string;
    let signingSecret: string | undefined;
    let apiUrl = config.slack.apiUrl;
    if (config.slack.mode === 'local') {
      fake = await FakeSlack.start({
        token: 'xoxb-local',
        users: (partnership?.members ?? []).map((m) => ({ id: m.user, name: m.name.split(' ')[0]!.toLowerCase(), real_name: m.name, locale: m.locale })),
        channels: (partnership?.groups ?? []).map((g) => ({ id: g.channel, name: g.key })),
      });
      cleanups.push(() => fake!.close());
      botToken = 'xoxb-local';
      signingSecret = crypto.randomBytes(16).toString('hex');
      apiUrl = fake.apiUrl;
    } else {
      botToken = config.slack.botToken;
      signingSecret = config.slack.signingSecret;
    }

    const healthz: CustomRoute = {
      path: '/healthz',
      method: ['GET'],
      handler: async (_req, res) => {
        const ok = await Promise.race([
          db.sql.query('SELECT 1').then(() => true, () => false),
          new Promise<boolean>((r) => setTimeout(() => r(false), 2000).unref()),
        ]);
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: ok ? 'ok' : 'error', db: ok ? 'ok' : 'unavailable' }));
      },
    };
    let url: string | undefined;
    // Calendar apps need the address people reach; local mode is reached where it listens.
    const publicUrl = () => config.publicUrl ?? (config.slack.mode === 'local' ? url : undefined);
    const { app, renderers, inFlight } = buildSlackApp({
      ctx,
      logger,
      logLevel: config.logLevel as LogLevel,
      botToken,
      signingSecret,
      appToken: config.slack.mode === 'socket' ? config.slack.appToken : undefined,
      apiUrl,
      customRoutes: [healthz, calendarRoute(ctx, logger), ...(o.customRoutes ?? [])],
      publicUrl,
      // PGlite runs one query at a time on this thread: more concurrent work only delays acks.
      workSlots: db.kind === 'pglite' ? 1 : 8,
      timeoutMs: o.slackTimeoutMs,
      submitDeadlineMs: o.submitDeadlineMs,
    });

    // The outbox's own client: bounded calls and no retries of its own (a retried post could
    // double); the outbox retries, after checking whether an unanswered post went out.
    const outboxClient = new WebClient(botToken, {
      slackApiUrl: apiUrl, logger, timeout: o.slackTimeoutMs ?? SLACK_CALL_TIMEOUT_MS, rejectRateLimitedCalls: true, retryConfig: { retries: 0 },
    });
    outbox = new OutboxWorker(ctx, slackDeliverer(outboxClient, ctx, renderers), logger, 1000, o.outboxConcurrency ?? 4, deliveryWatcher(ctx));
    const scheduler = new Scheduler(ctx, jobs, logger);

    // Local mode is for one person at this machine: it listens on the loopback interface only.
    const host = config.slack.mode === 'local' ? '127.0.0.1' : config.host;
    const started = (await (app.start as (...a: unknown[]) => Promise<unknown>)(host ? { port: config.port, host } : config.port)) as unknown;
    let appStopped: Promise<void> | undefined;
    const stopApp = () => (appStopped ??= app.stop().then(() => undefined));
    cleanups.push(stopApp);
    if (config.slack.mode !== 'socket') {
      const address = (started as Server).address() as AddressInfo;
      url = `http://127.0.0.1:${address.port}`;
    }
    outbox.start();
    // Actions a crashed process acknowledged but never saved: their actors are told now.
    const told = await recoverAbandonedActions(ctx, { onlyProcessAlive: db.kind === 'pglite' });
    if (told > 0) logger.warn(`${told} acknowledged action(s) were cut off by a crash; their actors are told they were not saved`);
    // Stop taking requests, let the work already taken finish (it may queue posts), then the outbox.
    cleanups.push(async () => {
      await stopApp();
      await inFlight.idle();
      await outbox!.stop();
    });
    if (o.scheduler !== false) {
      scheduler.start();
      cleanups.push(() => scheduler.stop());
    }

    let stopped = false;
    return {
      config, db, ctx, app, logger, url, fake, signingSecret, partnership, outbox, scheduler, inFlight,
      async stop() {
        if (stopped) return;
        stopped = true;
        for (const c of cleanups.reverse()) await c().catch((err) => logger.warn(`shutdown: ${(err as Error).message}`));
      },
    };
  } catch (err) {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    throw err;
  }
}
