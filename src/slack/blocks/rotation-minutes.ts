import { t, type Locale } from '../../i18n/index.ts';
import { MINUTES_LINK, MINUTES_REGISTER, VIEW_MINUTES } from '../rotation/ids.ts';
import { actions, button, escapeMrkdwn, plain, section, type Block, type RenderedMessage } from './kit.ts';
import { privacyHint } from './privacy.ts';
import type { RenderEnv } from './renderers.ts';
import { dutyNoun, meetingTime } from './rotation-format.ts';

/** Which meeting a minutes button or form is about. */
export interface MinutesTarget {
  g: string;
  at: string;
}

export const encodeTarget = (x: MinutesTarget) => JSON.stringify(x);
export function decodeTarget(text: string | undefined): MinutesTarget {
  try {
    const x = JSON.parse(text ?? '') as Partial<MinutesTarget>;
    return { g: String(x.g ?? ''), at: String(x.at ?? '') };
  } catch {
    return { g: '', at: '' };
  }
}

/* eslint-disable @typescript-eslint/no-explicit-any */
/** The minutes reminder with its button; once the minutes are registered, the same card says so. */
export function minutesReminderCard(d: any, env: RenderEnv): RenderedMessage {
  const esc = (v: unknown) => escapeMrkdwn(String(v ?? ''));
  const date = meetingTime(env.locale, d.at, env.timezone);
  if (d.registered) {
    const s = t(env.locale, d.link ? 'rotation.minutes.cardLink' : 'rotation.minutes.card', { group: esc(d.groupName), date, by: esc(d.by), link: esc(d.link ?? '') });
    return { text: s, blocks: [section(s)] };
  }
  const s = t(env.locale, 'rotation.minutesReminder', { group: esc(d.groupName), date, party: esc(d.party), duty: dutyNoun(env.locale, d.duty) });
  const blocks = [section(s)];
  if (d.groupId) blocks.push(actions('rotation_minutes', [button(t(env.locale, 'rotation.minutes.button'), MINUTES_REGISTER, encodeTarget({ g: d.groupId, at: d.at }), 'primary')]));
  return { text: s, blocks };
}

/** The small form behind the button: only an optional link. */
export function minutesForm(locale: Locale, timezone: string, target: MinutesTarget, groupName: string): Block {
  return {
    type: 'modal',
    callback_id: VIEW_MINUTES,
    private_metadata: encodeTarget(target),
    title: plain(t(locale, 'rotation.minutes.form.title')),
    submit: plain(t(locale, 'rotation.minutes.form.submit')),
    close: plain(t(locale, 'rotation.minutes.form.close')),
    blocks: [
      section(t(locale, 'rotation.minutes.form.intro', { group: escapeMrkdwn(groupName), date: meetingTime(locale, target.at, timezone) })),
      {
        type: 'input',
        block_id: MINUTES_LINK,
        optional: true,
        label: plain(t(locale, 'rotation.minutes.form.link')),
        hint: privacyHint(locale, t(locale, 'rotation.minutes.form.hint')),
        element: { type: 'plain_text_input', action_id: MINUTES_LINK, max_length: 1000, placeholder: plain('https://…') },
      },
    ],
  };
}

/** What the form turns into once the minutes are registered: the receipt, with one button to close it. */
export function minutesDoneView(locale: Locale, text: string): Block {
  return { type: 'modal', title: plain(t(locale, 'rotation.minutes.form.doneTitle')), close: plain(t(locale, 'rotation.minutes.form.ok')), blocks: [section(text)] };
}
