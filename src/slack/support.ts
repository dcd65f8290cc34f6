import crypto from 'node:crypto';
import type { AckFn, Logger, RespondArguments, RespondFn } from '@slack/bolt';
import type { DomainContext } from '../domain/context.ts';
import { DomainError, ValidationErrors } from '../domain/errors.ts';
import { findMemberByChatUser, type MemberView } from '../domain/partnership/directory.ts';
import { isLocale, t, type Locale } from '../i18n/index.ts';
import type { Renderers } from './blocks/renderers.ts';

/** What every listener module receives. */
export interface SlackDeps {
  ctx: DomainContext;
  logger: Logger;
  /** Where people's apps reach the bot over the web (calendar feeds); unknown until it listens. */
  publicUrl?: () => string | undefined;
  /** Every notice renderer (to quote a post, e.g. one that could not be delivered). */
  renderers?: Renderers;
}

/** The user's language: their own setting, else the bot's. */
export function localeOf(deps: SlackDeps, member?: Pick<MemberView, 'locale'>): Locale {
  return member && isLocale(member.locale) ? member.locale : deps.ctx.locale;
}

/**
 * The language of a post in a channel: a shared channel is read by every party, so it speaks the
 * partnership's language; a direct message with the bot (a D… channel) is the member's own.
 */
export function channelLocale(deps: SlackDeps, channelId: string, memberLocale: Locale): Locale {
  return channelId.startsWith('D') ? memberLocale : deps.ctx.locale;
}

export async function localeForUser(deps: SlackDeps, chatUserId: string): Promise<Locale> {
  try {
    return localeOf(deps, await findMemberByChatUser(deps.ctx, chatUserId));
  } catch {
    return deps.ctx.locale;
  }
}

/**
 * Turns any failure into words for the user: a domain refusal in their language, anything else
 * a short apology with an error code that matches the log line (never a stack trace in chat).
 */
export function describeError(deps: SlackDeps, locale: Locale, err: unknown): string {
  if (err instanceof DomainError) return t(locale, err.key, err.params);
  if (err instanceof ValidationErrors) return err.errors.map((e) => t(locale, e.key, e.params)).join('\n');
  const code = crypto.randomBytes(3).toString('hex');
  deps.logger.error(`[${code}] ${(err as Error)?.stack ?? String(err)}`);
  return t(locale, 'core.error.generic', { code });
}

/** Slack escapes mentions in command text as <@U123|name>; returns the user ids in order. */
export function mentionedUsers(text: string): string[] {
  return [...text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)].map((m) => m[1]!);
}

/** Splits command text into words, keeping "quoted phrases" together and dropping mentions. */
export function words(text: string): string[] {
  return [...text.replace(/<@[^>]+>/g, ' ').matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

/** Answers only the person who ran a command or clicked. */
export type Reply = (m: { text: string; blocks?: unknown[] }) => Promise<unknown>;

export function ephemeralReply(respond: RespondFn): Reply {
  return (m) => respond({ response_type: 'ephemeral', ...m } as Parameters<RespondFn>[0]);
}

type Answer = { text: string; blocks?: unknown[] };

/**
 * Answers a command within Slack's 3 seconds: when the answer is at hand (ready within `budgetMs`,
 * by default before the next turn of the event loop) it goes in the acknowledgement itself, one
 * round trip less (Slack shows it to the user like an ephemeral reply); otherwise the command is
 * acknowledged at once and the answer follows on response_url, so an acknowledgement never waits
 * for the database under load. `compute` must not throw: it returns the words for a failure too.
 */
export async function answerCommand(ack: AckFn<string | RespondArguments>, respond: RespondFn, compute: () => Promise<Answer>, budgetMs = 0): Promise<void> {
  const work = compute();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), budgetMs)));
  const early = await Promise.race([work, late]);
  clearTimeout(timer);
  if (early) return ack({ response_type: 'ephemeral', ...early } as RespondArguments);
  await ack();
  await ephemeralReply(respond)(await work);
}
