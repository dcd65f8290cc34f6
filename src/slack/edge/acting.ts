import crypto from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { App, ReceiverEvent } from '@slack/bolt';
import { actingFor } from '../../domain/cause.ts';
import { t } from '../../i18n/index.ts';
import { localeForUser, type SlackDeps } from '../support.ts';

interface Request {
  user?: string;
  acked: boolean;
  failed?: unknown;
}

const current = new AsyncLocalStorage<Request>();

/** Something a person did (a command, a click, a form, a shortcut), as opposed to an event. */
export function isAction(body: unknown): boolean {
  const b = (body ?? {}) as { command?: unknown; type?: unknown };
  return typeof b.command === 'string' || ['block_actions', 'view_submission', 'message_action', 'shortcut'].includes(String(b.type));
}

/** The user a request comes from (commands, clicks, forms, events), if it names one. */
export function userOf(body: unknown): string | undefined {
  const b = (body ?? {}) as { user_id?: unknown; user?: { id?: unknown } | unknown; event?: { user?: unknown } };
  const candidates = [b.user_id, (b.user as { id?: unknown } | undefined)?.id, b.event?.user];
  return candidates.find((c): c is string => typeof c === 'string' && /^[UW][A-Z0-9]{1,30}$/.test(c));
}

/**
 * Runs each request's work on behalf of its user (notices it queues remember who caused them),
 * and keeps a promise made by the acknowledgement: when the work after `ack()` fails with an
 * error no listener answered, the person hears that it was not saved and should try again,
 * instead of nothing. Call `listenerFailed` from the app's error handler.
 */
export function installActing(app: App, deps: SlackDeps): { listenerFailed(err: unknown): void; idle(): Promise<void> } {
  const processEvent = app.processEvent.bind(app);
  const telling = new Set<Promise<void>>();
  app.processEvent = async (event: ReceiverEvent): Promise<void> => {
    const req: Request = { user: userOf(event.body), acked: false };
    const ack = event.ack;
    const tracked: ReceiverEvent = {
      ...event,
      ack: async (...x: Parameters<ReceiverEvent['ack']>) => {
        await ack(...x);
        req.acked = true;
      },
    };
    await current.run(req, () => actingFor(req.user, () => processEvent(tracked)));
    if (req.acked && req.failed !== undefined && req.user && isAction(event.body)) {
      const tell = tellNotSaved(app, deps, req.user, event.body, req.failed).finally(() => telling.delete(tell));
      telling.add(tell);
      await tell;
    }
  };
  return {
    /** Resolves when every "not saved" message being sent has gone (stop waits for them). */
    async idle() {
      while (telling.size > 0) await Promise.allSettled([...telling]);
    },
    listenerFailed(err) {
      const req = current.getStore();
      if (req) req.failed = err;
    },
  };
}

async function tellNotSaved(app: App, deps: SlackDeps, user: string, body: unknown, err: unknown): Promise<void> {
  const code = crypto.randomBytes(3).toString('hex');
  deps.logger.error(`[${code}] the work after an acknowledgement failed, ${user} is told it was not saved: ${(err as Error)?.message ?? String(err)}`);
  const locale = await localeForUser(deps, user);
  const text = t(locale, 'core.error.notSaved', { code });
  const responseUrl = (body as { response_url?: unknown })?.response_url;
  try {
    if (typeof responseUrl === 'string' && /^https?:\/\//.test(responseUrl)) {
      const res = await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
        signal: AbortSignal.timeout(10_000),
      });
      if (res.ok) return;
    }
  } catch {
    // The reply road may be what failed: fall back to a direct message.
  }
  try {
    await app.client.chat.postMessage({ channel: user, text });
  } catch (e) {
    deps.logger.error(`[${code}] could not tell ${user} either: ${(e as Error).message}`);
  }
}
