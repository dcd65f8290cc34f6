import type { Card } from './card.ts';

/**
 * An answer to something a person did: seen by that person only (Slack: ephemeral, Teams: the
 * personal chat or the refreshed card), in the thread it belongs to, or by the whole channel.
 */
export interface Reply {
  to: 'person' | 'thread' | 'channel';
  card: Card;
}

export const toPerson = (card: Card): Reply => ({ to: 'person', card });
