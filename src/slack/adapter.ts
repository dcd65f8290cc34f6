import { WebClient } from '@slack/web-api';
import { LogLevel } from '@slack/bolt';
import type { Adapter, Core } from '../core/core.ts';
import { buildSlackApp, EVENTS_PATH, SLACK_CALL_TIMEOUT_MS } from './app.ts';
import type { InFlight } from './in-flight.ts';
import { boltLogger } from './logger.ts';
import { slackDeliverer } from './outbox-sender.ts';
import { deliveryWatcher } from './undeliverable.ts';
import type { App } from '@slack/bolt';

/** How the adapter reaches Slack: the configured workspace, or the local fake Slack. */
export interface SlackConnection {
  botToken: string;
  /** HTTP mode: the secret every request to EVENTS_PATH is signed with. */
  signingSecret?: string;
  /** Socket Mode: the app-level token. */
  appToken?: string;
  /** Base URL of the Web API (a fake Slack in local mode and tests). */
  apiUrl?: string;
}

export interface SlackAdapterOptions {
  /** Bound on each Slack Web API call (tests of a hung Slack shorten it). */
  timeoutMs?: number;
  /** How long a form's submission may work before it is answered with "saving…". */
  submitDeadlineMs?: number;
  /** The bot's public address (calendar links); local mode: where it listens. */
  publicUrl: () => string | undefined;
}

export interface SlackAdapter extends Adapter {
  app: App;
  inFlight: InFlight;
}

/**
 * Mounts Slack on the core: the Bolt app with every feature (HTTP: its receiver on the core's
 * server at /slack/events; Socket Mode: connected at start), and the outbox's deliveries to Slack.
 */
export function mountSlack(core: Core, conn: SlackConnection, o: SlackAdapterOptions): SlackAdapter {
  const logger = boltLogger(core.logger);
  const { app, receiver, renderers, inFlight } = buildSlackApp({
    ctx: core.ctx,
    logger,
    logLevel: core.config.logLevel as LogLevel,
    botToken: conn.botToken,
    signingSecret: conn.signingSecret,
    appToken: conn.appToken,
    apiUrl: conn.apiUrl,
    publicUrl: o.publicUrl,
    // PGlite runs one query at a time on this thread: more concurrent work only delays acks.
    workSlots: core.db.kind === 'pglite' ? 1 : 8,
    timeoutMs: o.timeoutMs,
    submitDeadlineMs: o.submitDeadlineMs,
  });
  if (receiver) core.http.route({ path: EVENTS_PATH, method: ['POST'], handler: (req, res) => receiver.requestListener(req, res) });

  // The outbox's own client: bounded calls and no retries of its own (a retried post could
  // double); the outbox retries, after checking whether an unanswered post went out.
  const outboxClient = new WebClient(conn.botToken, {
    slackApiUrl: conn.apiUrl, logger, timeout: o.timeoutMs ?? SLACK_CALL_TIMEOUT_MS, rejectRateLimitedCalls: true, retryConfig: { retries: 0 },
  });
  let started: Promise<unknown> | undefined;
  let stopped: Promise<unknown> | undefined;
  const adapter: SlackAdapter = {
    platform: 'slack',
    app,
    inFlight,
    deliver: slackDeliverer(outboxClient, core.ctx, renderers),
    watcher: deliveryWatcher(core.ctx),
    // Socket Mode connects to Slack; over HTTP the core's server already takes the requests.
    start: async () => {
      if (conn.appToken) await (started ??= app.start());
    },
    stop: async () => {
      if (started) await (stopped ??= app.stop());
    },
    idle: () => inFlight.idle(),
  };
  core.mount(adapter);
  return adapter;
}
