import { z } from 'zod';
import { parseMetadata } from '../edge/parse.ts';
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { draftFromMessage } from '../../domain/decisions/index.ts';
import { collaborationGroupOf, escalationLabel, listEscalations, raiseEscalation, withdrawByNumber } from '../../domain/escalations/index.ts';
import { requireActor } from '../../domain/partnership/directory.ts';
import { t, type Locale } from '../../i18n/index.ts';
import * as forms from '../../conversation/escalations/forms.ts';
import { FORM_RAISE } from '../../conversation/escalations/ids.ts';
import { escalationListCard } from '../../conversation/escalations/list.ts';
import { markup } from '../../conversation/markup.ts';
import { toPerson } from '../../conversation/reply.ts';
import { parseFields, renderReply } from '../render/index.ts';
import { describeError, localeForUser, localeOf, words, type SlackDeps, ephemeralReply } from '../support.ts';
import { openPlanRequireForm } from './duties.ts';
import { COMMAND, SHORTCUT_ESCALATE } from './ids.ts';
import { confirmedNotAboutAPerson, many, one, onSubmit, openForm, said } from '../respond.ts';

const META = z.object({ channel: z.string().optional(), origin: z.object({ channelId: z.string(), threadTs: z.string() }).optional() });
type Meta = z.infer<typeof META>;
const RAISE = z.object({ question: one, background: one, parties: many, positions: one, options: one, urgency: one, link: one });

/** Opens the escalation form; refuses (DomainError) anyone outside the collaboration group. */
async function openRaiseForm(client: WebClient, deps: SlackDeps, o: { triggerId: string; userId: string; channelId?: string; origin?: Meta['origin']; prefill?: { question?: string; background?: string; link?: string } }) {
  const { member } = await requireActor(deps.ctx, o.userId);
  const group = await collaborationGroupOf(deps.ctx, member, o.origin?.channelId ?? o.channelId);
  const meta: Meta = { channel: o.channelId, origin: o.origin };
  const locale = localeOf(deps, member);
  await openForm(client, deps, o.triggerId, forms.raiseForm(locale, { groupName: group.name, parties: group.parties, prefill: o.prefill, privateMetadata: JSON.stringify(meta) }), locale);
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
          return void (await reply(renderReply(toPerson(escalationListCard(locale, await listEscalations(deps.ctx))), { locale, timezone: deps.ctx.timezone })));
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
          return void (await reply({ text: said(deps, locale, 'escalations.help') }));
        default:
          await reply({ text: `${said(deps, locale, 'escalations.unknown', { command: `${COMMAND} ${sub}` })}\n${said(deps, locale, 'escalations.help')}` });
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

  onSubmit(app, deps, FORM_RAISE, 'question', async ({ fields, meta, viewId }, { member, actor, locale }) => {
    const m = parseMetadata(META, meta);
    const f = parseFields(RAISE, fields);
    const r = await raiseEscalation(deps.ctx, member, actor, {
      question: f.question ?? '',
      background: f.background,
      partyIds: f.parties,
      positions: f.positions ?? '',
      options: f.options,
      urgent: f.urgency === 'urgent',
      link: f.link,
      notAboutAPerson: confirmedNotAboutAPerson(fields),
      origin: m.origin && { platform: 'slack', conversation: m.origin.channelId, message: m.origin.threadTs },
      channelId: m.channel,
      // The view id is the same on every delivery of this submission, and on a double click.
      requestKey: `view:${viewId}`,
    });
    const key = r.escalation.urgent ? 'escalations.form.doneUrgent' : 'escalations.form.done';
    return forms.done(locale, markup(locale, key, { label: r.label, channel: r.steeringChannelId }));
  });
}
