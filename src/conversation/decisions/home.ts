import type { HomeData } from '../../domain/decisions/index.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { actions, button, context, divider, text, type Card, type CardElement } from '../card.ts';
import { flat, join, markup, type Markup } from '../markup.ts';
import { INTENT_HOME_REGISTER } from './ids.ts';
import { decisionLine } from './list.ts';

const bullets = (lines: Markup[]): Markup => join('\n', lines.map((l) => flat(['• ', l])));

/** The member's home (Slack's App Home tab): open proposals and the latest decisions of their groups. */
export function homeCard(locale: Locale, data: HomeData | undefined): Card {
  const heading = t(locale, 'decisions.home.title');
  if (!data) return { heading, body: [text(markup(locale, 'decisions.home.notMember'))] };
  const body: CardElement[] = [actions([button(INTENT_HOME_REGISTER, t(locale, 'decisions.home.register'), 'register', 'primary')], 'decision_home')];
  for (const g of data.groups) {
    body.push(divider());
    if (g.proposals.length > 0) body.push(text(flat([markup(locale, 'decisions.home.proposals', { group: g.name }), '\n', bullets(g.proposals.map((d) => decisionLine(locale, d)))])));
    const latest = g.latest.length > 0 ? bullets(g.latest.map((d) => decisionLine(locale, d))) : markup(locale, 'decisions.home.none');
    body.push(text(flat([markup(locale, 'decisions.home.latest', { group: g.name, channel: g.channelId }), '\n', latest])));
  }
  body.push(context(markup(locale, 'decisions.home.hint')));
  return { heading, body };
}

/** The home when it could not be built: the reason instead of an empty or stale one. */
export const homeFailedCard = (locale: Locale, reason: Markup): Card => ({ heading: t(locale, 'decisions.home.title'), body: [text(reason)] });
