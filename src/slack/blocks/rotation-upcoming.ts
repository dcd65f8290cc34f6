import type { Upcoming } from '../../domain/rotation/view.ts';
import { formatList, t, type Locale } from '../../i18n/index.ts';
import { escapeMrkdwn, header, section, type RenderedMessage } from './kit.ts';
import { meetingTime } from './rotation-format.ts';

/** The reply to `/rotation`: the next meetings and who holds the duty at each. */
export function upcomingMessage(locale: Locale, timezone: string, u: Upcoming): RenderedMessage {
  const title = t(locale, 'rotation.upcoming.title', { group: u.group });
  if (u.meetings.length === 0) return { text: t(locale, 'rotation.upcoming.none', { group: escapeMrkdwn(u.group) }) };
  const lines = u.meetings.map((m) => {
    const notes = [
      m.extra ? t(locale, 'rotation.upcoming.extra') : '',
      m.newTerm ? t(locale, 'rotation.upcoming.newTerm') : '',
      m.skipped.length ? t(locale, 'rotation.upcoming.skipped', { parties: escapeMrkdwn(formatList(locale, m.skipped)) }) : '',
      m.swapped ? t(locale, 'rotation.upcoming.swapped') : '',
    ].join('');
    const key = u.duty === 'chair' ? 'rotation.upcoming.line.chair' : 'rotation.upcoming.line.documentation';
    return t(locale, key, { date: meetingTime(locale, m.at, timezone), party: escapeMrkdwn(m.party), notes });
  });
  return { text: `${title}\n${lines.join('\n')}`, blocks: [header(title), section(lines.join('\n'))] };
}
