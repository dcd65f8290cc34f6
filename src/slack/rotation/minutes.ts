import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { checkMinutesFromReminder, registerMinutesFromReminder } from '../../domain/rotation/minutes.ts';
import { isoDate, localParts } from '../../domain/rotation/time.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { escapeMrkdwn } from '../blocks/kit.ts';
import { decodeTarget, minutesDoneView, minutesForm } from '../blocks/rotation-minutes.ts';
import { meetingTime } from '../blocks/rotation-format.ts';
import { describeError, localeForUser, type SlackDeps } from '../support.ts';
import { MINUTES_LINK, MINUTES_REGISTER, VIEW_MINUTES } from './ids.ts';

/** "Protokoll registrerat" on the minutes reminder: a small form with an optional link. */
export function registerMinutesButton(app: App, deps: SlackDeps): void {
  const { ctx } = deps;
  const alreadyText = (locale: Locale, d: { groupName: string; at: string; link: string | null }) =>
    t(locale, d.link ? 'rotation.minutes.alreadyLink' : 'rotation.minutes.already', {
      date: meetingTime(locale, d.at, ctx.timezone), group: escapeMrkdwn(d.groupName), link: d.link ?? '', day: isoDate(localParts(new Date(d.at), ctx.timezone)),
    });

  app.action<BlockAction<ButtonAction>>(MINUTES_REGISTER, async ({ ack, body, action, client, respond }) => {
    await ack();
    const locale = await localeForUser(deps, body.user.id);
    const say = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    try {
      const target = decodeTarget(action.value);
      const { group, meeting, existing } = await checkMinutesFromReminder(ctx, body.user.id, target.g, target.at);
      if (existing) return void (await say(alreadyText(locale, { groupName: group.name, at: meeting.at.toISOString(), link: existing.link })));
      await client.views.open({ trigger_id: body.trigger_id, view: minutesForm(locale, ctx.timezone, { g: group.id, at: meeting.at.toISOString() }, group.name) as never });
    } catch (err) {
      await say(describeError(deps, locale, err));
    }
  });

  app.view(VIEW_MINUTES, async ({ ack, body, view }) => {
    const locale = await localeForUser(deps, body.user.id);
    const target = decodeTarget(view.private_metadata);
    const link = (view.state.values[MINUTES_LINK]?.[MINUTES_LINK]?.value as string | null | undefined) ?? undefined;
    try {
      const d = await registerMinutesFromReminder(ctx, body.user.id, target.g, target.at, link ?? undefined);
      if (d.already) return void (await ack({ response_action: 'errors', errors: { [MINUTES_LINK]: alreadyText(locale, d) } }));
      // A receipt in place of the form; the reminder cards are updated to say who registered them.
      const params = { date: meetingTime(locale, d.at, ctx.timezone), group: escapeMrkdwn(d.groupName), link: d.link ?? '' };
      const key = d.replaced ? 'rotation.minutes.replaced' : d.link ? 'rotation.minutes.registered' : 'rotation.minutes.registeredNoLink';
      await ack({ response_action: 'update', view: minutesDoneView(locale, t(locale, key, params)) as never });
    } catch (err) {
      // The form has one field: every refusal is shown on it, so nothing typed is lost.
      await ack({ response_action: 'errors', errors: { [MINUTES_LINK]: describeError(deps, locale, err) } });
    }
  });
}
