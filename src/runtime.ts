import type { App } from '@slack/bolt';
import type { Config } from './config.ts';
import { Core, EXAMPLE_PARTNERSHIP, StartupError } from './core/core.ts';
import type { Route } from './core/http.ts';
import type { Database } from './db/client.ts';
import type { Clock } from './domain/clock.ts';
import type { DomainContext } from './domain/context.ts';
import type { PartnershipFile } from './domain/partnership/file-schema.ts';
import type { Logger } from './logger.ts';
import type { OutboxWorker } from './scheduler/outbox-worker.ts';
import type { Scheduler } from './scheduler/scheduler.ts';
import { mountSlack, type SlackConnection } from './slack/adapter.ts';
import type { InFlight } from './slack/in-flight.ts';

export { EXAMPLE_PARTNERSHIP, StartupError };

export interface StartOptions {
  config: Config;
  clock?: Clock;
  /** An already open database (tests share one per file); closed by the caller, not by stop(). */
  db?: Database;
  logger?: Logger;
  /** How Slack is reached instead of the configuration's (local mode: its fake Slack). */
  slack?: SlackConnection;
  /** Extra routes on the bot's HTTP server (local workspace). */
  routes?: Route[];
  /** Start the minute scheduler (default true). Tests drive `scheduler.tick()` themselves. */
  scheduler?: boolean;
  /** Bound on each Slack Web API call (tests of a hung Slack shorten it). */
  slackTimeoutMs?: number;
  /** How long a form's submission may work before it is answered with "saving…". */
  submitDeadlineMs?: number;
  /**
   * Outbox deliveries in flight at once (default 4). More lets a slow post hold back only its own
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
  /** Base URL of the bot's HTTP server. */
  url?: string;
  partnership: PartnershipFile | undefined;
  outbox: OutboxWorker;
  scheduler: Scheduler;
  /** Listener work still running after its acknowledgement; stop() waits for it. */
  inFlight: InFlight;
  stop(): Promise<void>;
}

/**
 * The composition root: the core (config → database → partnership → domain, outbox, scheduler,
 * HTTP server), the Slack adapter mounted on it, then start. The development wing (fake Slack and
 * local workspace, `src/local/`) calls this with its own Slack connection and routes.
 */
export async function startSamverkan(o: StartOptions): Promise<Running> {
  const { config } = o;
  const local = config.slack.mode === 'local';
  const core = await Core.open({
    config, clock: o.clock, db: o.db, logger: o.logger, scheduler: o.scheduler, outboxConcurrency: o.outboxConcurrency,
    defaultPartnershipFile: local ? EXAMPLE_PARTNERSHIP : undefined,
  });
  try {
    const conn = o.slack ?? slackConnection(config.slack);
    // Calendar apps need the address people reach; local mode is reached where it listens.
    const publicUrl = () => config.publicUrl ?? (local ? core.url : undefined);
    const slack = mountSlack(core, conn, { timeoutMs: o.slackTimeoutMs, submitDeadlineMs: o.submitDeadlineMs, publicUrl });
    // Local mode is for one person at this machine: it listens on the loopback interface only.
    await core.start({ port: config.port, host: local ? '127.0.0.1' : config.host, extraRoutes: o.routes });
    return {
      config, db: core.db, ctx: core.ctx, app: slack.app, logger: core.logger, url: core.url, partnership: core.partnership,
      outbox: core.outbox, scheduler: core.scheduler, inFlight: slack.inFlight,
      stop: () => core.stop(),
    };
  } catch (err) {
    await core.stop();
    throw err;
  }
}

/** The configured workspace; local mode has none (the development wing passes its fake Slack's). */
function slackConnection(slack: Config['slack']): SlackConnection {
  if (slack.mode === 'socket') return { botToken: slack.botToken, appToken: slack.appToken, apiUrl: slack.apiUrl };
  if (slack.mode === 'http') return { botToken: slack.botToken, signingSecret: slack.signingSecret, apiUrl: slack.apiUrl };
  throw new StartupError('local mode starts through startLocal (src/local/start.ts), which runs the fake Slack');
}
