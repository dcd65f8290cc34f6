import type { HomeData } from '../../domain/decisions/index.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { ACTION_HOME_REGISTER } from '../decisions/ids.ts';
import { decisionLine } from '../../conversation/decisions/list.ts';
import { mrkdwn } from '../render/mrkdwn.ts';
import { actions, button, context, divider, header, section, type Block } from './kit.ts';

/** The App Home tab when it could not be built: the reason instead of an empty or stale tab. */
export function homeFailedView(locale: Locale, reason: string): Block {
  return { type: 'home', blocks: [header(t(locale, 'decisions.home.title')), section(reason)] };
}

/** The App Home tab: open proposals and latest decisions of the member's groups. */
export function homeView(locale: Locale, data: HomeData | undefined): Block {
  if (!data) return { type: 'home', blocks: [header(t(locale, 'decisions.home.title')), section(t(locale, 'decisions.home.notMember'))] };
  // A register line has no dates written out in words: any time zone writes it the same.
  const line = (d: HomeData['groups'][number]['latest'][number]) => mrkdwn(decisionLine(locale, d), { locale, timezone: 'UTC' });
  const blocks: Block[] = [header(t(locale, 'decisions.home.title')), actions('decision_home', [button(t(locale, 'decisions.home.register'), ACTION_HOME_REGISTER, 'register', 'primary')])];
  for (const g of data.groups) {
    blocks.push(divider());
    if (g.proposals.length > 0) blocks.push(section(`${t(locale, 'decisions.home.proposals', { group: g.name })}\n${g.proposals.map((d) => `• ${line(d)}`).join('\n')}`));
    const latest = g.latest.length > 0 ? g.latest.map((d) => `• ${line(d)}`).join('\n') : t(locale, 'decisions.home.none');
    blocks.push(section(`${t(locale, 'decisions.home.latest', { group: g.name, channel: g.channelId })}\n${latest}`));
  }
  blocks.push(context(t(locale, 'decisions.home.hint')));
  return { type: 'home', blocks: blocks.slice(0, 100) };
}
