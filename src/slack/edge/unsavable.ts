import type { App } from '@slack/bolt';
import { t } from '../../i18n/index.ts';
import { localeForUser, type SlackDeps } from '../support.ts';
import { plain, section } from '../blocks/kit.ts';
import { holdsUnsavable, unsavableFields } from './parse.ts';

/**
 * Text PostgreSQL refuses (a NUL byte, half a surrogate pair) is answered before any listener
 * runs, so nothing is half-saved: a form gets "this character cannot be saved" on each field
 * that holds one, a command or a click a short reply in the person's language.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function refuseUnsavableText(app: App, deps: SlackDeps): void {
  app.use(async (args) => {
    const { body, next } = args as unknown as { body: Record<string, any>; next: () => Promise<void> };
    const a = args as unknown as { ack?: (x?: unknown) => Promise<void>; respond?: (x: unknown) => Promise<unknown> };
    if (!a.ack) return next();
    const userId: string = body.user?.id ?? body.user_id ?? '';
    if (body.type === 'view_submission') {
      // The bot's own metadata never holds such text: it was altered on the way.
      if (holdsUnsavable(body.view?.private_metadata)) {
        const locale = await localeForUser(deps, userId);
        const view = { type: 'modal', title: plain(t(locale, 'core.error.malformedTitle')), close: plain(t(locale, 'core.working.close')), blocks: [section(t(locale, 'core.error.malformed'))] };
        await a.ack({ response_action: 'update', view });
        return;
      }
      const fields = unsavableFields(body.view?.state?.values);
      if (fields.length === 0) return next();
      const locale = await localeForUser(deps, userId);
      await a.ack({ response_action: 'errors', errors: Object.fromEntries(fields.map((f) => [f, t(locale, 'core.guard.character')])) });
      return;
    }
    const suspect = body.command !== undefined ? body.text : body.type === 'block_actions' ? [body.actions, body.state] : body.type === 'message_action' ? body.message?.text : undefined;
    if (!holdsUnsavable(suspect)) return next();
    await a.ack();
    const locale = await localeForUser(deps, userId);
    if (a.respond) await a.respond({ response_type: 'ephemeral', replace_original: false, text: t(locale, 'core.guard.character') });
  });
}

/**
 * A click in a modal comes without a response_url, so Bolt gives its listener no `respond`:
 * an answer meant for the person then reaches them as a DM instead of failing.
 */
export function respondEvenFromModals(app: App): void {
  const original = app.action.bind(app) as (...a: unknown[]) => unknown;
  (app as unknown as { action: (...a: unknown[]) => unknown }).action = (...a: unknown[]) => {
    const listener = a.pop() as (args: Record<string, any>) => Promise<void>;
    return original(...a, (args: Record<string, any>) => {
      const userId: string | undefined = args.body?.user?.id;
      if (args.respond || !userId) return listener(args);
      const respond = (m: { text?: string; blocks?: unknown[] } | string) =>
        args.client.chat.postMessage(typeof m === 'string' ? { channel: userId, text: m } : { channel: userId, text: m.text, blocks: m.blocks });
      return listener({ ...args, respond });
    });
  };
}
