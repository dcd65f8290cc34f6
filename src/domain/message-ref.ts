/**
 * Chat platforms as the domain names them. The domain never looks inside a platform's ids: it
 * stores them, compares them and hands them back to the adapter that made them.
 */
export type Platform = 'slack' | 'teams';
export const PLATFORMS: readonly Platform[] = ['slack', 'teams'];

/** A conversation on a platform: a Slack channel or DM, a Teams channel or chat. */
export interface ConversationRef {
  platform: Platform;
  id: string;
}

/** A posted message, opaque to the domain: Slack's channel + ts, Teams' conversation + activity id. */
export interface MessageRef {
  platform: Platform;
  conversation: string;
  message: string;
}

/**
 * The platform of the bare chat ids the domain still holds — a member's user id and a group's
 * channel from the partnership file, the chat user an acknowledgement was given to: Slack's, until
 * the partnership file names each one's platform (the Teams adapter).
 */
export const DEFAULT_PLATFORM: Platform = 'slack';

export const isPlatform = (v: unknown): v is Platform => typeof v === 'string' && (PLATFORMS as readonly string[]).includes(v);

/** A message reference from its stored columns; null when any part is missing or unknown. */
export function messageRefOf(platform: string | null, conversation: string | null, message: string | null): MessageRef | null {
  return isPlatform(platform) && conversation && message ? { platform, conversation, message } : null;
}
