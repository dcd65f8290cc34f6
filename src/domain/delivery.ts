import { isLocale, type Locale } from '../i18n/index.ts';
import type { DomainContext } from './context.ts';
import { DEFAULT_PLATFORM, messageRefOf, type ConversationRef, type MessageRef } from './message-ref.ts';
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
 * file): a new message in a conversation, possibly in a thread, or an update of a card posted before.
 */
export type Destination =
  | { kind: 'skip' }
  | { kind: 'post'; conversation: ConversationRef; thread?: MessageRef; locale: Locale }
  | { kind: 'update'; message: MessageRef; locale: Locale };

async function postedCard(ctx: DomainContext, ref: string): Promise<MessageRef | null> {
  const row = await ctx.prisma.chatMessage.findUnique({ where: { ref } });
  return row ? messageRefOf(row.platform, row.conversationId, row.messageId) : null;
}

/** Resolves a notice's domain recipient; the chat adapter only renders and sends. */
export async function planDelivery(ctx: DomainContext, notice: Notice): Promise<Destination> {
  let locale: Locale = notice.locale ?? ctx.locale;
  if (notice.ref) {
    const card = await postedCard(ctx, notice.ref);
    if (card) return { kind: 'update', message: card, locale: await memberLocale(ctx, notice, locale) };
  }
  const to = notice.to;
  if ('conversation' in to) return { kind: 'post', conversation: to.conversation, thread: to.thread, locale };
  if ('member' in to) {
    const m = await ctx.prisma.member.findUnique({ where: { id: to.member } });
    if (!m) throw new DeliveryError(`member ${to.member} not found`, true);
    if (!m.active) return { kind: 'skip' }; // nobody to tell any more
    if (!notice.locale) locale = memberRowLocale(m, locale);
    // A user id as the conversation: the direct message with the bot.
    return { kind: 'post', conversation: { platform: DEFAULT_PLATFORM, id: m.chatUserId }, locale };
  }
  if (to.threadRef) {
    const parent = await postedCard(ctx, to.threadRef);
    if (!parent) throw new DeliveryError(`thread parent ${to.threadRef} is not posted yet`, false);
    return { kind: 'post', conversation: { platform: parent.platform, id: parent.conversation }, thread: parent, locale };
  }
  const g = await ctx.prisma.group.findUnique({ where: { id: to.group } });
  if (!g) throw new DeliveryError(`group ${to.group} not found`, true);
  return { kind: 'post', conversation: { platform: DEFAULT_PLATFORM, id: g.channelId }, locale };
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
export async function rememberCard(ctx: DomainContext, ref: string, posted: MessageRef): Promise<void> {
  await ctx.prisma.chatMessage.upsert({
    where: { ref },
    create: { ref, platform: posted.platform, conversationId: posted.conversation, messageId: posted.message },
    update: {},
  });
}
