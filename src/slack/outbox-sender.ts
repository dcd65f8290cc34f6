import type { KnownBlock, WebClient } from '@slack/web-api';
import type { DomainContext } from '../domain/context.ts';
import type { Notice } from '../domain/notice.ts';
import { isLocale, type Locale } from '../i18n/index.ts';
import type { Renderers } from './blocks/renderers.ts';
import { DeliveryError, type Deliver } from '../scheduler/outbox-worker.ts';

// Errors that a retry cannot fix; the message is marked failed and logged instead of retried forever.
const PERMANENT = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'invalid_blocks', 'msg_too_long', 'no_text', 'user_not_found', 'cant_update_message', 'invalid_auth', 'account_inactive']);

/** Delivers outbox notices to Slack: resolves domain recipients, renders, posts or updates cards. */
export function slackDeliverer(client: WebClient, ctx: DomainContext, renderers: Renderers): Deliver {
  return async (notice: Notice) => {
    const render = renderers[notice.template];
    if (!render) throw new DeliveryError(`no renderer for template "${notice.template}"`, true);
    let channel: string;
    let locale: Locale = notice.locale ?? ctx.locale;
    let threadTs: string | undefined;
    if ('group' in notice.to) {
      const g = await ctx.prisma.group.findUnique({ where: { id: notice.to.group } });
      if (!g) throw new DeliveryError(`group ${notice.to.group} not found`, true);
      channel = g.channelId;
    } else if ('member' in notice.to) {
      const m = await ctx.prisma.member.findUnique({ where: { id: notice.to.member } });
      if (!m) throw new DeliveryError(`member ${notice.to.member} not found`, true);
      if (!m.active) return; // nobody to tell any more
      channel = m.chatUserId; // posting to a user id opens the direct message with the bot
      if (!notice.locale && isLocale(m.locale)) locale = m.locale;
    } else {
      channel = notice.to.channel;
      threadTs = notice.to.threadTs;
    }
    const threadRef = 'threadRef' in notice.to ? notice.to.threadRef : undefined;
    if (threadRef) {
      const parent = await ctx.prisma.chatMessage.findUnique({ where: { ref: threadRef } });
      if (!parent) throw new DeliveryError(`thread parent ${threadRef} is not posted yet`, false);
      channel = parent.channelId;
      threadTs = parent.ts;
    }
    const message = render(notice.data, { locale, timezone: ctx.timezone });
    const blocks = message.blocks as KnownBlock[] | undefined;
    try {
      const existing = notice.ref ? await ctx.prisma.chatMessage.findUnique({ where: { ref: notice.ref } }) : null;
      if (existing) {
        await client.chat.update({ channel: existing.channelId, ts: existing.ts, text: message.text, blocks: blocks ?? [] });
        return;
      }
      const posted = await client.chat.postMessage({ channel, text: message.text, blocks, thread_ts: threadTs, unfurl_links: false });
      if (notice.ref && posted.ts) {
        await ctx.prisma.chatMessage.upsert({
          where: { ref: notice.ref },
          create: { ref: notice.ref, channelId: posted.channel ?? channel, ts: posted.ts },
          update: {},
        });
      }
    } catch (err) {
      const e = err as { code?: string; data?: { error?: string }; retryAfter?: number; message?: string };
      if (e.code === 'slack_webapi_rate_limited_error') throw new DeliveryError('rate limited', false, (e.retryAfter ?? 1) * 1000);
      const slackError = e.data?.error;
      throw new DeliveryError(slackError ?? e.message ?? String(err), slackError ? PERMANENT.has(slackError) : false);
    }
  };
}
