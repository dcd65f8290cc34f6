import type { App, BlockButtonAction } from '@slack/bolt';
import { decideSwap, proposeSwap, skipTurn } from '../../domain/rotation/changes.ts';
import { addExtraMeeting, setSchedule } from '../../domain/rotation/meetings.ts';
import { registerMinutes } from '../../domain/rotation/minutes.ts';
import { setOrder } from '../../domain/rotation/order.ts';
import { upcoming } from '../../domain/rotation/view.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { escapeMrkdwn } from '../blocks/kit.ts';
import { rotationRenderers, swapDecidedText } from '../blocks/rotation-notices.ts';
import { dutyNoun, meetingTime } from '../blocks/rotation-format.ts';
import { upcomingMessage } from '../blocks/rotation-upcoming.ts';
import { describeError, localeForUser, words, type SlackDeps, ephemeralReply, type Reply } from '../support.ts';
import { ROTATION_COMMAND, SWAP_ACCEPT, SWAP_DECLINE } from './ids.ts';
import { registerMinutesButton } from './minutes.ts';

export function register(app: App, deps: SlackDeps): void {
  registerMinutesButton(app, deps);
  app.command(ROTATION_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const locale = await localeForUser(deps, command.user_id);
    const reply = ephemeralReply(respond);
    try {
      await run(deps, locale, command.user_id, command.channel_id, words(command.text.trim()), reply);
    } catch (err) {
      await reply({ text: describeError(deps, locale, err) });
    }
  });

  for (const [actionId, accept] of [[SWAP_ACCEPT, true], [SWAP_DECLINE, false]] as const) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      const locale = await localeForUser(deps, body.user.id);
      const reply = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
      try {
        const d = await decideSwap(deps.ctx, body.user.id, action.value ?? '', accept);
        await reply(swapDecidedText({ locale, timezone: deps.ctx.timezone }, d));
      } catch (err) {
        await reply(describeError(deps, locale, err));
      }
    });
  }
}

async function run(deps: SlackDeps, locale: Locale, user: string, channel: string, args: string[], reply: Reply): Promise<void> {
  const { ctx } = deps;
  const env = { locale, timezone: ctx.timezone };
  const [sub = '', ...rest] = args;
  const when = (iso: string) => meetingTime(locale, iso, ctx.timezone);
  switch (sub.toLowerCase()) {
    case '':
    case 'visa':
    case 'show':
      return void (await reply(upcomingMessage(locale, ctx.timezone, await upcoming(ctx, channel))));
    case 'hoppa':
    case 'skip': {
      const d = await skipTurn(ctx, user, channel, rest[0]);
      return void (await reply(rotationRenderers['rotation.skipped']!(d, env)));
    }
    case 'byt':
    case 'swap': {
      // A party may be named in several words (`BOJ Södra Stockholm`); a last word with a digit is the date.
      const words = [...rest];
      const date = words.length > 1 && /\d/.test(words.at(-1)!) ? words.pop() : undefined;
      const d = await proposeSwap(ctx, user, channel, words.join(' ') || undefined, date);
      return void (await reply({ text: t(locale, 'rotation.swap.proposed', { to: escapeMrkdwn(d.to), count: d.notified, duty: dutyNoun(locale, d.duty), date: when(d.at), theirDate: when(d.theirAt) }) }));
    }
    case 'möte':
    case 'mote':
    case 'schedule': {
      const d = await setSchedule(ctx, user, channel, rest);
      return void (await reply(rotationRenderers['rotation.scheduleChanged']!(d, env)));
    }
    case 'extramöte':
    case 'extramote':
    case 'extra': {
      const d = await addExtraMeeting(ctx, user, channel, rest[0], rest[1]);
      return void (await reply(rotationRenderers['rotation.extraMeeting']!(d, env)));
    }
    case 'protokoll':
    case 'minutes': {
      const d = await registerMinutes(ctx, user, channel, rest[0], rest[1]);
      return void (await reply({ text: t(locale, d.replaced ? 'rotation.minutes.replaced' : 'rotation.minutes.registered', { date: when(d.at), group: escapeMrkdwn(d.groupName), link: d.link ?? '' }) }));
    }
    case 'ordning':
    case 'order': {
      const d = await setOrder(ctx, user, channel, rest);
      return void (await reply(rotationRenderers['rotation.orderChanged']!(d, env)));
    }
    case 'hjälp':
    case 'hjalp':
    case 'help':
      return void (await reply({ text: t(locale, 'rotation.help') }));
    default:
      await reply({ text: t(locale, 'rotation.usage', { sub: escapeMrkdwn(sub), help: t(locale, 'rotation.help') }) });
  }
}
