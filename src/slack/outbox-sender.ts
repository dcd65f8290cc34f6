import type { KnownBlock, WebClient } from '@slack/web-api';
import type { DomainContext } from '../domain/context.ts';
import { DeliveryError, planDelivery, rememberCard } from '../domain/delivery.ts';
import type { Notice } from '../domain/notice.ts';
import type { Renderers } from './blocks/renderers.ts';
import type { Deliver } from '../scheduler/outbox-worker.ts';

// Errors that a retry cannot fix; the message is marked failed and logged instead of retried forever.
const PERMANENT = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'invalid_blocks', 'msg_too_long', 'no_text', 'user_not_found', 'cant_update_message', 'invalid_auth', 'account_inactive']);

/** Delivers outbox notices to Slack: the domain says where, the renderer what; this posts or updates. */
export function slackDeliverer(client: WebClient, ctx: DomainContext, renderers: Renderers): Deliver {
  return async (notice: Notice) => {
    const render = renderers[notice.template];
    if (!render) throw new DeliveryError(`no renderer for template "${notice.template}"`, true);
    const dest = await planDelivery(ctx, notice);
    if (dest.kind === 'skip') return;
    const message = render(notice.data, { locale: dest.locale, timezone: ctx.timezone });
    const blocks = message.blocks as KnownBlock[] | undefined;
    try {
      if (dest.kind === 'update') {
        await client.chat.update({ channel: dest.channel, ts: dest.ts, text: message.text, blocks: blocks ?? [] });
        return;
      }
      const posted = await client.chat.postMessage({ channel: dest.channel, text: message.text, blocks, thread_ts: dest.threadTs, unfurl_links: false });
      if (notice.ref && posted.ts) await rememberCard(ctx, notice.ref, posted.channel ?? dest.channel, posted.ts);
    } catch (err) {
      const e = err as { code?: string; data?: { error?: string }; retryAfter?: number; message?: string };
      if (e.code === 'slack_webapi_rate_limited_error') throw new DeliveryError('rate limited', false, (e.retryAfter ?? 1) * 1000);
      const slackError = e.data?.error;
      throw new DeliveryError(slackError ?? e.message ?? String(err), slackError ? PERMANENT.has(slackError) : false);
    }
  };
}
