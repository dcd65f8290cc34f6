import type { Locale } from '../i18n/index.ts';
import type { ConversationRef, MessageRef } from './message-ref.ts';

/** Where a notice goes, in domain terms; the chat adapter resolves ids to its own. */
export type Recipient =
  | { group: string; threadRef?: string } // a group's channel, optionally in the thread of a card
  | { member: string } // a direct message to a member
  | { conversation: ConversationRef; thread?: MessageRef }; // a conversation by the platform's id (where a command was run), optionally in a thread the bot did not start

/**
 * What to tell whom. `template` names a renderer of the chat adapter; `data` is plain JSON.
 * With `ref`, the message is a card: the first notice posts it, later ones with the same ref update it.
 */
export interface Notice {
  to: Recipient;
  template: string;
  data: Record<string, unknown>;
  ref?: string;
  locale?: Locale;
}
