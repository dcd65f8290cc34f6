import { z } from 'zod';
import { parseMetadata } from '../edge/parse.ts';
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { draftFromMessage } from '../../domain/decisions/index.ts';
import { collaborationGroupOf, escalationLabel, listEscalations, raiseEscalation, withdrawByNumber } from '../../domain/escalations/index.ts';
import { requireActor } from '../../domain/partnership/directory.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { doneView, raiseView } from '../blocks/escalation-form.ts';
import { escalationListMessage } from '../blocks/escalation-list.ts';
import { describeError, localeForUser, localeOf, words, type SlackDeps, ephemeralReply } from '../support.ts';
import { value, values } from './inputs.ts';
import { openPlanRequireForm } from './duties.ts';
import { COMMAND, SHORTCUT_ESCALATE, VIEW_RAISE } from './ids.ts';
import { onSubmit } from './respond.ts';
import { notAboutAPerson } from '../edge/personal.ts';

const META = z.object({ channel: z.string().optional(), origin: z.object({ channelId: z.string(), threadTs: z.string() }).optional() });
type Meta = z.infer<typeof META>;

/** Opens the escalation form; refuses (DomainError) anyone outside the collaboration group. */
async function openRaiseForm(client: WebClient, deps: SlackDeps, o: { triggerId: string; userId: string; channelId?: string; origin?: Meta['origin']; prefill?: { question?: string; background?: string; link?: string } }) {
  const { member } = await requireActor(deps.ctx, o.userId);
  const group = await collaborationGroupOf(deps.ctx, member, o.origin?.channelId ?? o.channelId);
  const meta: Meta = { channel: o.channelId, origin: o.origin };
  await client.views.open({
    trigger_id: o.triggerId,
    view: raiseView(localeOf(deps, member), { groupName: group.name, parties: group.parties, prefill: o.prefill, privateMetadata: JSON.stringify(meta) }) as never,
  });
}

export function registerRaise(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ command, ack, respond, client }) => {
    await ack();
    const reply = ephemeralReply(respond);
    let locale: Locale = await localeForUser(deps, command.user_id);
    try {
      const [sub = '', ...rest] = words(command.text.trim());
      switch (sub.toLowerCase()) {
        case '':
          return void (await openRaiseForm(client, deps, { triggerId: command.trigger_id, userId: command.user_id, channelId: command.channel_id }));
        case 'lista':
        case 'list': {
          const { member } = await requireActor(deps.ctx, command.user_id);
          locale = localeOf(deps, member);
          return void (await reply(escalationListMessage(locale, await listEscalations(deps.ctx))));
        }
        case 'återta':
        case 'aterta':
        case 'withdraw': {
          const { member, actor } = await requireActor(deps.ctx, command.user_id);
          locale = localeOf(deps, member);
          const e = await withdrawByNumber(deps.ctx, member, actor, rest[0]);
          return void (await reply({ text: t(locale, 'escalations.withdraw.done', { label: escalationLabel(e.number) }) }));
        }
        case 'åtgärdsplan':
        case 'atgardsplan':
        case 'action-plan':
          return void (await openPlanRequireForm(client, deps, command.trigger_id, command.user_id));
        case 'hjälp':
        case 'hjalp':
        case 'help':
          return void (await reply({ text: t(locale, 'escalations.help') }));
        default:
          await reply({ text: `${t(locale, 'escalations.unknown', { command: `${COMMAND} ${sub}` })}\n${t(locale, 'escalations.help')}` });
      }
    } catch (err) {
      await reply({ text: describeError(deps, locale, err) });
    }
  });

  app.shortcut({ callback_id: SHORTCUT_ESCALATE, type: 'message_action' }, async ({ ack, shortcut, client, respond }) => {
    await ack();
    const channelId = shortcut.channel.id;
    const message = shortcut.message as { ts: string; thread_ts?: string; text?: string };
    try {
      // Without a permalink the link field is only empty; the form must still open in time.
      const link = await client.chat.getPermalink({ channel: channelId, message_ts: message.ts }).then((r) => r.permalink, () => undefined);
      // The first line asks the question; the whole message goes into the background.
      const { title: question, body } = draftFromMessage(message.text ?? '');
      const origin = { channelId, threadTs: message.thread_ts ?? message.ts };
      await openRaiseForm(client, deps, { triggerId: shortcut.trigger_id, userId: shortcut.user.id, channelId, origin, prefill: { question, background: body !== question ? body : undefined, link } });
    } catch (err) {
      await respond({ response_type: 'ephemeral', text: describeError(deps, await localeForUser(deps, shortcut.user.id), err) });
    }
  });

  onSubmit(app, deps, VIEW_RAISE, 'question', async ({ state, meta, viewId }, { member, actor, locale }) => {
    const m = parseMetadata(META, meta);
    const r = await raiseEscalation(deps.ctx, member, actor, {
      question: value(state, 'question') ?? '',
      background: value(state, 'background'),
      partyIds: values(state, 'parties'),
      positions: value(state, 'positions') ?? '',
      options: value(state, 'options'),
      urgent: value(state, 'urgency') === 'urgent',
      link: value(state, 'link'),
      notAboutAPerson: notAboutAPerson(state as never),
      origin: m.origin,
      channelId: m.channel,
      // The view id is the same on every delivery of this submission, and on a double click.
      requestKey: `view:${viewId}`,
    });
    const key = r.escalation.urgent ? 'escalations.form.doneUrgent' : 'escalations.form.done';
    return { response_action: 'update', view: doneView(locale, t(locale, key, { label: r.label, channel: r.steeringChannelId })) };
  });
}
