import { isLocale, type Locale } from '../i18n/index.ts';
import type { DomainContext } from './context.ts';
import type { Notice } from './notice.ts';

/**
 * A delivery that failed; `permanent` means a retry alone cannot help (it is kept as undeliverable),
 * `uncertain` that the call may have been carried out (a timeout or a lost connection).
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly retryAfterMs?: number,
    readonly uncertain = false,
  ) {
    super(message);
  }
}

/**
 * Where and in which language a notice goes, in the chat platform's own ids (from the partnership
 * file): a new message, possibly in a thread, or an update of a card posted before.
 */
export type Destination =
  | { kind: 'skip' }
  | { kind: 'post'; channel: string; threadTs?: string; locale: Locale }
  | { kind: 'update'; channel: string; ts: string; locale: Locale };

/** Resolves a notice's domain recipient; the chat adapter only renders and sends. */
export async function planDelivery(ctx: DomainContext, notice: Notice): Promise<Destination> {
  let locale: Locale = notice.locale ?? ctx.locale;
  if (notice.ref) {
    const card = await ctx.prisma.chatMessage.findUnique({ where: { ref: notice.ref } });
    if (card) return { kind: 'update', channel: card.channelId, ts: card.ts, locale: await memberLocale(ctx, notice, locale) };
  }
  let channel: string;
  let threadTs: string | undefined;
  const to = notice.to;
  if ('group' in to) {
    const g = await ctx.prisma.group.findUnique({ where: { id: to.group } });
    if (!g) throw new DeliveryError(`group ${to.group} not found`, true);
    channel = g.channelId;
  } else if ('member' in to) {
    const m = await ctx.prisma.member.findUnique({ where: { id: to.member } });
    if (!m) throw new DeliveryError(`member ${to.member} not found`, true);
    if (!m.active) return { kind: 'skip' }; // nobody to tell any more
    channel = m.chatUserId; // a user id as channel: the direct message with the bot
    if (!notice.locale) locale = memberRowLocale(m, locale);
  } else {
    channel = to.channel;
    threadTs = to.threadTs;
  }
  const threadRef = 'threadRef' in to ? to.threadRef : undefined;
  if (threadRef) {
    const parent = await ctx.prisma.chatMessage.findUnique({ where: { ref: threadRef } });
    if (!parent) throw new DeliveryError(`thread parent ${threadRef} is not posted yet`, false);
    channel = parent.channelId;
    threadTs = parent.ts;
  }
  return { kind: 'post', channel, threadTs, locale };
}

async function memberLocale(ctx: DomainContext, notice: Notice, fallback: Locale): Promise<Locale> {
  if (notice.locale || !('member' in notice.to)) return fallback;
  const m = await ctx.prisma.member.findUnique({ where: { id: notice.to.member } });
  return m ? memberRowLocale(m, fallback) : fallback;
}

/** A member's own choice, else the partnership file's language, else the partnership's. */
function memberRowLocale(m: { locale: string | null; chosenLocale: string | null }, fallback: Locale): Locale {
  if (isLocale(m.chosenLocale)) return m.chosenLocale;
  return isLocale(m.locale) ? m.locale : fallback;
}

/** Remembers where a card was posted, so later notices with its ref update it or reply in its thread. */
export async function rememberCard(ctx: DomainContext, ref: string, channel: string, ts: string): Promise<void> {
  await ctx.prisma.chatMessage.upsert({ where: { ref }, create: { ref, channelId: channel, ts }, update: {} });
}
