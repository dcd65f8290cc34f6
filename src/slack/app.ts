import { App, HTTPReceiver, LogLevel, type Logger } from '@slack/bolt';
import type { DomainContext } from '../domain/context.ts';
import type { Renderers } from './blocks/renderers.ts';
import { coreFeature, features } from './features.ts';
import type { SlackDeps } from './support.ts';
import { installPacing } from './pacing.ts';
import { trackInFlight, type InFlight } from './in-flight.ts';
import { holdBackPersonalDetails } from './edge/personal.ts';
import { refuseUnsavableText, respondEvenFromModals } from './edge/unsavable.ts';
import { guardReceiver } from './edge/receiver-guard.ts';
import { installSubmitDeadline } from './edge/submit-deadline.ts';
import { undeliverableRenderers } from './undeliverable.ts';
import { installActing } from './edge/acting.ts';
import { installJournal } from './edge/journal.ts';
import { inRequestScope } from '../domain/request-scope.ts';

/** Where Slack sends every request in HTTP mode. */
export const EVENTS_PATH = '/slack/events';

export interface SlackAppOptions {
  ctx: DomainContext;
  logger: Logger;
  logLevel: LogLevel;
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  /** How many listeners may work after their ack at once (1 for the embedded database). */
  workSlots?: number;
  /** Bound on every Web API call (default SLACK_CALL_TIMEOUT_MS). */
  timeoutMs?: number;
  publicUrl?: () => string | undefined;
  /** How long a form's submission may work before it is answered with "saving…" (default 2.3 s). */
  submitDeadlineMs?: number;
}

/**
 * Every Web API call is bounded: a hung Slack must not hold a form (Slack refuses a trigger after
 * 3 s) or the outbox. The outbox's claim lease (domain/outbox.ts) is far longer than this.
 */
export const SLACK_CALL_TIMEOUT_MS = 10_000;

/**
 * Builds the Bolt app with every feature's listeners. Socket Mode when an app token is given;
 * otherwise an HTTP receiver that runs no server of its own: its `requestListener` is mounted on
 * the core's server at EVENTS_PATH.
 */
export function buildSlackApp(o: SlackAppOptions): { app: App; receiver: HTTPReceiver | undefined; renderers: Renderers; inFlight: InFlight } {
  const clientOptions = {
    slackApiUrl: o.apiUrl,
    // Slack's client would otherwise wait out 429s for up to half an hour, holding its queue;
    // user-facing calls fail fast and the outbox retries at the pace Slack asks for.
    rejectRateLimitedCalls: true,
    timeout: o.timeoutMs ?? SLACK_CALL_TIMEOUT_MS,
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 },
  };
  let receiver: HTTPReceiver | undefined;
  if (!o.appToken) {
    receiver = new HTTPReceiver({
      signingSecret: o.signingSecret!,
      endpoints: EVENTS_PATH,
      logger: o.logger,
      logLevel: o.logLevel,
      // Acknowledge first, work after: Slack wants an answer within 3 seconds.
      processBeforeResponse: false,
      // A request that fails before any listener acknowledged it is a malformed one, not our fault.
      processEventErrorHandler: async ({ error, response, logger }) => {
        logger.warn(`refused a request Bolt could not process: ${(error as Error)?.message ?? error}`);
        if (!response.headersSent) {
          response.writeHead(400);
          response.end();
        }
        return false;
      },
    });
    guardReceiver(receiver, { signingSecret: o.signingSecret!, endpoint: EVENTS_PATH, logger: o.logger });
  }
  const app = o.appToken
    ? new App({ token: o.botToken, appToken: o.appToken, socketMode: true, logger: o.logger, logLevel: o.logLevel, clientOptions })
    : new App({ token: o.botToken, logger: o.logger, logLevel: o.logLevel, clientOptions, receiver });
  const listeners = trackInFlight(app);
  const all = [...features, coreFeature(features)];
  const renderers: Renderers = Object.assign({}, ...all.map((f) => f.renderers ?? {}));
  Object.assign(renderers, undeliverableRenderers(renderers));
  const deps: SlackDeps = { ctx: o.ctx, logger: o.logger, renderers, ...(o.publicUrl ? { publicUrl: o.publicUrl } : {}) };
  refuseUnsavableText(app, deps);
  holdBackPersonalDetails(app, deps);
  respondEvenFromModals(app);
  installPacing(app, o.workSlots ?? 4);
  const journal = installJournal(app, deps);
  installSubmitDeadline(app, deps, o.submitDeadlineMs);
  // Each request (its ack, the work after it, and the wrappers above) reads the member behind it once.
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => inRequestScope(() => processEvent(event));
  const acting = installActing(app, deps);
  // Work after an acknowledgement, and a "not saved" message that may follow it.
  const inFlight: InFlight = {
    get count() {
      return listeners.count;
    },
    async idle() {
      await listeners.idle();
      await journal.idle();
      await acting.idle();
    },
  };
  for (const f of all) f.register(app, deps);
  app.error(async (err) => {
    o.logger.error(`unhandled listener error: ${(err as Error).stack ?? err}`);
    acting.listenerFailed(err);
  });
  return { app, receiver, renderers, inFlight };
}
