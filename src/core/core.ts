import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { recoverAbandonedActions } from '../domain/ack-journal.ts';
import { systemClock, type Clock } from '../domain/clock.ts';
import type { DomainContext } from '../domain/context.ts';
import { DeliveryError, planDelivery, type Destination } from '../domain/delivery.ts';
import type { Platform } from '../domain/message-ref.ts';
import type { Notice } from '../domain/notice.ts';
import { loadPartnershipFile } from '../domain/partnership/file-loader.ts';
import type { PartnershipFile } from '../domain/partnership/file-schema.ts';
import { syncPartnership } from '../domain/partnership/sync.ts';
import { wireDecisionOrigins } from '../domain/decision-origins.ts';
import { holdSuppressionThread } from '../domain/statistics/suppress-thread.ts';
import { calendarRoute } from '../calendar/route.ts';
import { createLogger, type Logger } from '../logger.ts';
import { jobs } from '../scheduler/jobs.ts';
import { OutboxWorker, type DeliveryWatcher } from '../scheduler/outbox-worker.ts';
import { Scheduler } from '../scheduler/scheduler.ts';
import { HttpServer, type Route } from './http.ts';

export const EXAMPLE_PARTNERSHIP = fileURLToPath(new URL('../../examples/stockholm.yml', import.meta.url));

export class StartupError extends Error {}

/** A notice the core has resolved to a post or an update on the adapter's platform. */
export type PlatformDelivery = (notice: Notice, dest: Exclude<Destination, { kind: 'skip' }>, item: { key: string; uncertain: boolean }) => Promise<void>;

/**
 * A chat platform mounted on the core: it delivers the notices resolved to its platform, may
 * watch for undeliverable ones, and has work after acknowledgements that shutdown waits for.
 */
export interface Adapter {
  platform: Platform;
  deliver: PlatformDelivery;
  watcher?: DeliveryWatcher;
  /** Starts taking requests (HTTP routes are mounted before; Socket Mode connects here). */
  start?(): Promise<void>;
  /** Stops taking requests. */
  stop?(): Promise<void>;
  /** Resolves when the work taken before stop() has ended. */
  idle(): Promise<void>;
}

export interface CoreOptions {
  config: Config;
  clock?: Clock;
  /** An already open database (tests share one per file); closed by the caller, not by stop(). */
  db?: Database;
  logger?: Logger;
  /** Start the minute scheduler (default true). Tests drive `scheduler.tick()` themselves. */
  scheduler?: boolean;
  /** Outbox deliveries in flight at once (default 4). */
  outboxConcurrency?: number;
  /** The partnership file when the configuration names none (local mode: the example). */
  defaultPartnershipFile?: string;
}

/**
 * The core of the bot, free of every platform: configuration, the database (migrated), the
 * partnership synced from its file, the domain context, the outbox and the scheduler, and the one
 * HTTP server with `/healthz` and the calendar feeds. Adapters are mounted on it before start().
 */
export class Core {
  readonly http: HttpServer;
  readonly outbox: OutboxWorker;
  readonly scheduler: Scheduler;
  /** Base URL of the HTTP server once started. */
  url: string | undefined;
  private readonly adapters: Adapter[] = [];
  private readonly cleanups: Array<() => Promise<void>>;
  private stopped = false;

  private constructor(
    readonly config: Config,
    readonly logger: Logger,
    readonly db: Database,
    readonly ctx: DomainContext,
    readonly partnership: PartnershipFile | undefined,
    cleanups: Array<() => Promise<void>>,
    private readonly o: CoreOptions,
  ) {
    this.cleanups = cleanups;
    this.http = new HttpServer(logger);
    this.outbox = new OutboxWorker(ctx, (notice, item) => this.deliver(notice, item), logger, 1000, o.outboxConcurrency ?? 4, this.watcher());
    this.scheduler = new Scheduler(ctx, jobs, logger);
    this.http.route(this.healthz(), calendarRoute(ctx, logger));
  }

  static async open(o: CoreOptions): Promise<Core> {
    const { config } = o;
    const logger = o.logger ?? createLogger(config.logLevel);
    const clock = o.clock ?? systemClock;
    wireDecisionOrigins();
    const cleanups: Array<() => Promise<void>> = [];
    // The statistics suppression thread (started on first use) ends with the last bot of the process.
    cleanups.push(holdSuppressionThread());
    try {
      const db = o.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
      if (!o.db) cleanups.push(() => db.close());
      const applied = await migrate(db.sql);
      logger.info(`database: ${db.describe}${applied.length ? `, applied ${applied.join(', ')}` : ''}`);

      const file = config.partnershipFile ?? o.defaultPartnershipFile;
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
      let core: Core | undefined;
      const ctx: DomainContext = {
        prisma: db.prisma,
        clock,
        partnershipId,
        timezone: config.timezone,
        locale: config.locale,
        onNotices: () => core?.outbox.kick(),
      };
      core = new Core(config, logger, db, ctx, partnership, cleanups, o);
      return core;
    } catch (err) {
      for (const c of cleanups.reverse()) await c().catch(() => {});
      throw err;
    }
  }

  /** Mounts an adapter; its routes go on `http` (the adapter mounts them itself). */
  mount(adapter: Adapter): void {
    if (this.adapters.some((a) => a.platform === adapter.platform)) throw new Error(`a ${adapter.platform} adapter is already mounted`);
    this.adapters.push(adapter);
  }

  /** Listens, starts the adapters, the outbox and the scheduler, and tells those a crash left unsaved. */
  async start(o: { port: number; host?: string; extraRoutes?: Route[] }): Promise<void> {
    try {
      if (o.extraRoutes) this.http.route(...o.extraRoutes);
      this.url = await this.http.listen(o.port, o.host);
      this.cleanups.push(() => this.http.close());
      for (const a of this.adapters) {
        await a.start?.();
      }
      this.outbox.start();
      // Actions a crashed process acknowledged but never saved: their actors are told now.
      const told = await recoverAbandonedActions(this.ctx, { onlyProcessAlive: this.db.kind === 'pglite' });
      if (told > 0) this.logger.warn(`${told} acknowledged action(s) were cut off by a crash; their actors are told they were not saved`);
      // Stop taking requests, let the work already taken finish (it may queue posts), then the outbox.
      this.cleanups.push(async () => {
        for (const a of this.adapters) await a.stop?.();
        await this.http.close();
        for (const a of this.adapters) await a.idle();
        await this.outbox.stop();
      });
      if (this.o.scheduler !== false) {
        this.scheduler.start();
        this.cleanups.push(() => this.scheduler.stop());
      }
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  /** Adds work to undo at stop(), after everything started later has stopped. */
  onStop(cleanup: () => Promise<void>): void {
    this.cleanups.push(cleanup);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const c of this.cleanups.reverse()) await c().catch((err) => this.logger.warn(`shutdown: ${(err as Error).message}`));
  }

  /** Resolves a notice and hands it to the adapter of its platform. */
  private async deliver(notice: Notice, item: { key: string; uncertain: boolean }): Promise<void> {
    const dest = await planDelivery(this.ctx, notice);
    if (dest.kind === 'skip') return;
    const platform = dest.kind === 'update' ? dest.message.platform : dest.conversation.platform;
    const adapter = this.adapters.find((a) => a.platform === platform);
    if (!adapter) throw new DeliveryError(`no ${platform} adapter is configured`, true);
    await adapter.deliver(notice, dest, item);
  }

  private watcher(): DeliveryWatcher {
    const each = async (f: (w: DeliveryWatcher) => Promise<void>) => {
      for (const a of this.adapters) if (a.watcher) await f(a.watcher);
    };
    return {
      undeliverable: (item, reason) => each((w) => w.undeliverable(item, reason)),
      recovered: (item) => each((w) => w.recovered(item)),
    };
  }

  private healthz(): Route {
    const db = this.db;
    return {
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
  }
}
