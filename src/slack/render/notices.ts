import type { Card } from '../../conversation/card.ts';
import type { Locale } from '../../i18n/index.ts';
import type { Renderers } from '../blocks/renderers.ts';
import { renderCard } from './card.ts';

/** A feature's notice cards as the outbox's Slack renderers: each card drawn as Block Kit. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function cardRenderers(cards: Record<string, (data: any, locale: Locale) => Card>): Renderers {
  return Object.fromEntries(Object.entries(cards).map(([template, card]) => [template, (data, env) => renderCard(card(data, env.locale), env)]));
}
