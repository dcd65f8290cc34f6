import type { DomainContext } from '../domain/context.ts';
import { gatedTransaction } from '../db/gate.ts';
import { planDelivery } from '../domain/delivery.ts';
import type { Notice } from '../domain/notice.ts';
import { enqueue, retryUndeliverable, undeliverable, type OutboxItem } from '../domain/outbox.ts';
import { findMemberByChatUser } from '../domain/partnership/directory.ts';
import { t, type Locale } from '../i18n/index.ts';
import type { DeliveryWatcher } from '../scheduler/outbox-worker.ts';
import type { Renderers } from './blocks/renderers.ts';
import { section } from './blocks/kit.ts';

/** Tells the person whose action queued a post that it could not be delivered (DM). */
export const UNDELIVERABLE_TEMPLATE = 'core.undeliverable';
/** …and that it was delivered after all. */
export const RECOVERED_TEMPLATE = 'core.undeliverableRecovered';

interface About {
  /** The channel (or user, for a direct message) the post was for, when known. */
  channel?: string;
  reason: string;
  original: Notice;
}

/** Where a post was going, in words: "i #kanal" or "till @person". */
function where(locale: Locale, channel: string | undefined): string {
  if (!channel) return '';
  return /^[UW]/.test(channel) ? t(locale, 'core.undeliverable.toUser', { user: channel }) : t(locale, 'core.undeliverable.inChannel', { channel });
}

/** What to do about Slack's reason, in words a member can act on. */
export function fixFor(locale: Locale, reason: string, channel: string | undefined): string {
  const ch = channel ?? '';
  switch (reason) {
    case 'not_in_channel':
      return t(locale, 'core.undeliverable.fix.notInChannel', { channel: ch });
    case 'channel_not_found':
      return t(locale, 'core.undeliverable.fix.channelNotFound', { channel: /^[CG]/.test(ch) ? `<#${ch}>` : ch });
    case 'is_archived':
      return t(locale, 'core.undeliverable.fix.archived', { channel: ch });
    case 'user_not_found':
      return t(locale, 'core.undeliverable.fix.user');
    case 'invalid_auth':
    case 'account_inactive':
    case 'token_revoked':
      return t(locale, 'core.undeliverable.fix.auth');
    default:
      return t(locale, 'core.undeliverable.fix.other', { reason: reason.replace(/`/g, "'").slice(0, 200) });
  }
}

/** The post's own words, shortened to one line, in the reader's language. */
function summary(renderers: Renderers, notice: Notice, locale: Locale, timezone: string): string {
  let text = '';
  try {
    text = renderers[notice.template]?.(notice.data, { locale, timezone }).text ?? '';
  } catch {
    text = '';
  }
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line || notice.template;
}

export interface UndeliverableWords {
  where: string;
  summary: string;
  fix: string;
}

/** The parts of a report about one undeliverable post (for the DM and `/samverkan status`). */
export function describeUndeliverable(renderers: Renderers, locale: Locale, timezone: string, u: About): UndeliverableWords {
  return { where: where(locale, u.channel), summary: summary(renderers, u.original, locale, timezone), fix: fixFor(locale, u.reason, u.channel) };
}

/** The channel a notice was going to, if it can still be worked out. */
export async function destinationOf(ctx: DomainContext, notice: Notice): Promise<string | undefined> {
  try {
    const d = await planDelivery(ctx, notice);
    if (d.kind === 'skip') return undefined;
    return d.kind === 'update' ? d.message.conversation : d.conversation.id;
  } catch {
    return 'conversation' in notice.to ? notice.to.conversation.id : undefined;
  }
}

/** Renderers of the two notices, which quote the post they are about through the other renderers. */
export function undeliverableRenderers(all: Renderers): Renderers {
  return {
    [UNDELIVERABLE_TEMPLATE]: (data: About, env) => {
      const text = t(env.locale, 'core.undeliverable.told', describeUndeliverable(all, env.locale, env.timezone, data) as unknown as Record<string, string>);
      return { text, blocks: [section(text)] };
    },
    [RECOVERED_TEMPLATE]: (data: About, env) => {
      const w = describeUndeliverable(all, env.locale, env.timezone, data);
      const text = t(env.locale, 'core.undeliverable.recovered', { where: w.where, summary: w.summary });
      return { text, blocks: [section(text)] };
    },
  };
}

/**
 * Tells the person whose action queued a post, by direct message, when the post becomes
 * undeliverable (once per post) and when it goes out after all. Posts of the scheduler have no
 * such person: the admins see them under `/samverkan status`.
 */
export function deliveryWatcher(ctx: DomainContext): DeliveryWatcher {
  const tell = async (item: OutboxItem, template: string, key: string, reason: string) => {
    if (!item.causedBy || item.notice.template === UNDELIVERABLE_TEMPLATE || item.notice.template === RECOVERED_TEMPLATE) return;
    const channel = await destinationOf(ctx, item.notice);
    // A post to the actor themself: telling them by the same road would fail the same way.
    if (channel === item.causedBy) return;
    const member = await findMemberByChatUser(ctx, item.causedBy).catch(() => undefined);
    const data: About = { channel, reason, original: item.notice };
    const notice: Notice = { to: member ? { member: member.id } : { conversation: { platform: 'slack', id: item.causedBy } }, template, data: data as unknown as Record<string, unknown> };
    if (await gatedTransaction(ctx.prisma, (tx) => enqueue(tx, key, notice))) ctx.onNotices?.();
  };
  return {
    undeliverable: (item, reason) => tell(item, UNDELIVERABLE_TEMPLATE, `undeliverable:${item.dedupeKey}`, reason),
    recovered: async (item) => {
      // Only someone who was told it could not be posted needs to hear that it now is.
      const told = await ctx.prisma.outboxMessage.findUnique({ where: { dedupeKey: `undeliverable:${item.dedupeKey}` }, select: { id: true } });
      if (told) await tell(item, RECOVERED_TEMPLATE, `undeliverable:${item.dedupeKey}:recovered`, '');
    },
  };
}

const STATUS_LINES = 6;

/**
 * For an admin's `/samverkan status`: the posts that could not be delivered, why and what to do,
 * and every one of them tried again now (the admin may just have fixed the cause).
 */
export async function undeliverableReport(ctx: DomainContext, renderers: Renderers, locale: Locale): Promise<string | undefined> {
  const rows = await undeliverable(ctx.prisma);
  if (rows.length === 0) return undefined;
  await retryUndeliverable(ctx.prisma, ctx.clock.now());
  ctx.onNotices?.();
  const lines = [t(locale, 'core.status.undeliverable', { count: rows.length })];
  for (const r of rows.slice(0, STATUS_LINES)) {
    const channel = await destinationOf(ctx, r.notice);
    const w = describeUndeliverable(renderers, locale, ctx.timezone, { channel, reason: r.reason, original: r.notice });
    const by = r.causedBy ? t(locale, 'core.status.undeliverableBy', { user: r.causedBy }) : '';
    lines.push(t(locale, 'core.status.undeliverableLine', { ...w, by }));
  }
  if (rows.length > STATUS_LINES) lines.push(t(locale, 'core.status.undeliverableMore', { count: rows.length - STATUS_LINES }));
  return lines.join('\n');
}
