import type { KnownBlock, WebClient } from '@slack/web-api';
import type { DomainContext } from '../domain/context.ts';
import { DeliveryError, rememberCard } from '../domain/delivery.ts';
import type { MessageRef } from '../domain/message-ref.ts';
import type { Renderers } from './blocks/renderers.ts';
import type { PlatformDelivery } from '../core/core.ts';

// Errors that a retry alone cannot fix; the post is kept as undeliverable (retried now and then).
const PERMANENT = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'invalid_blocks', 'msg_too_long', 'no_text', 'user_not_found', 'cant_update_message', 'invalid_auth', 'account_inactive']);

/** The event type of the message metadata that carries a notice's outbox key. */
export const NOTICE_METADATA = 'samverkan_notice';
/** How far back a post whose outcome is unknown is looked for (it was posted minutes ago at most). */
const LOOK_BACK = 100;

/**
 * Delivers outbox notices to Slack: the core says where (planDelivery), the renderer what; this posts or updates.
 * Each post carries its outbox key as message metadata; when an earlier attempt's outcome is
 * unknown (a crash or timeout between Slack posting and the database recording it), the channel's
 * recent messages are searched for that key first, so the post is recorded instead of doubled.
 * Pass a client without its own retries and with a timeout: the outbox retries, after checking.
 */
export function slackDeliverer(client: WebClient, ctx: DomainContext, renderers: Renderers): PlatformDelivery {
  return async (notice, dest, item) => {
    const render = renderers[notice.template];
    if (!render) throw new DeliveryError(`no renderer for template "${notice.template}"`, true);
    try {
      const message = render(notice.data, { locale: dest.locale, timezone: ctx.timezone });
      const blocks = message.blocks as KnownBlock[] | undefined;
      if (dest.kind === 'update') {
        // An update is idempotent: repeating it after an unknown outcome changes nothing.
        await client.chat.update({ channel: dest.message.conversation, ts: dest.message.message, text: message.text, blocks: blocks ?? [] });
        return;
      }
      const channel = dest.conversation.id;
      const threadTs = dest.thread?.message;
      if (item.uncertain) {
        const found = await findPosted(client, channel, threadTs, item.key);
        if (found) {
          if (notice.ref) await rememberCard(ctx, notice.ref, found);
          return;
        }
      }
      const posted = await client.chat.postMessage({
        channel, text: message.text, blocks, thread_ts: threadTs, unfurl_links: false,
        metadata: { event_type: NOTICE_METADATA, event_payload: { key: item.key } },
      });
      if (notice.ref && posted.ts) await rememberCard(ctx, notice.ref, { platform: 'slack', conversation: posted.channel ?? channel, message: posted.ts });
    } catch (err) {
      if (err instanceof DeliveryError) throw err;
      const e = err as { code?: string; data?: { error?: string }; retryAfter?: number; message?: string };
      if (e.code === 'slack_webapi_rate_limited_error') throw new DeliveryError('rate limited', false, (e.retryAfter ?? 1) * 1000);
      // No answer (timeout, lost connection) or a server error: Slack may have acted.
      if (e.code === 'slack_webapi_request_error' || e.code === 'slack_webapi_http_error') {
        throw new DeliveryError(e.message ?? String(err), false, undefined, true);
      }
      const slackError = e.data?.error;
      throw new DeliveryError(slackError ?? e.message ?? String(err), slackError ? PERMANENT.has(slackError) : false);
    }
  };
}

/** The bot's message carrying `key` among the channel's (or thread's) recent messages. */
async function findPosted(client: WebClient, channel: string, threadTs: string | undefined, key: string): Promise<MessageRef | undefined> {
  // A direct message is addressed by user id; its history is read from the DM channel.
  let id = channel;
  if (/^[UW]/.test(channel)) id = (await client.conversations.open({ users: channel })).channel?.id ?? channel;
  const res = threadTs
    ? await client.conversations.replies({ channel: id, ts: threadTs, limit: LOOK_BACK, include_all_metadata: true })
    : await client.conversations.history({ channel: id, limit: LOOK_BACK, include_all_metadata: true });
  const hit = (res.messages ?? []).find((m) => {
    const md = (m as { metadata?: { event_type?: string; event_payload?: { key?: unknown } } }).metadata;
    return md?.event_type === NOTICE_METADATA && md.event_payload?.key === key;
  });
  return hit?.ts ? { platform: 'slack', conversation: id, message: hit.ts } : undefined;
}
