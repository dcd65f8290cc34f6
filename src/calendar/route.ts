import type { Route } from '../core/http.ts';
import type { Logger } from '../logger.ts';
import type { DomainContext } from '../domain/context.ts';
import { feedEvents } from '../domain/calendar/events.ts';
import { openFeed } from '../domain/calendar/feeds.ts';
import { t } from '../i18n/index.ts';
import { renderIcs } from './ics.ts';

export const CALENDAR_PATH = '/kalender';

/** The address a calendar app subscribes to. */
export const feedUrl = (base: string, token: string) => `${base}${CALENDAR_PATH}/${token}.ics`;

/**
 * Serves the secret feed addresses to calendar apps (Outlook, Google Calendar), which fetch them
 * without signing in: the address is the key. Anything but a live address answers 404, the same
 * for all, and nothing about the bot's state leaks into an error.
 */
export function calendarRoute(ctx: DomainContext, logger: Logger): Route {
  return {
    path: `${CALENDAR_PATH}/:file`,
    method: ['GET', 'HEAD'],
    handler: async (req, res) => {
      const file = String(req.params?.file ?? '');
      try {
        const feed = file.endsWith('.ics') ? await openFeed(ctx, file.slice(0, -'.ics'.length)) : undefined;
        if (!feed) {
          res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(t(ctx.locale, 'calendar.notFound'));
          return;
        }
        const { name, events } = await feedEvents(ctx, feed.member, feed.scope);
        const body = renderIcs({ name, timezone: ctx.timezone, host: 'samverkan', events, now: ctx.clock.now() });
        res.writeHead(200, {
          'content-type': 'text/calendar; charset=utf-8',
          'content-disposition': 'inline; filename="samverkan.ics"',
          // The address is a secret: no shared cache may keep it.
          'cache-control': 'private, max-age=300',
          'referrer-policy': 'no-referrer',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      } catch (err) {
        logger.error(`calendar feed: ${(err as Error).message}`);
        if (!res.headersSent) res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '60' });
        res.end();
      }
    },
  };
}
