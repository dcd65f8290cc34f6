import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { INTENT_LIST_MORE } from '../../conversation/decisions/ids.ts';
import { DomainError } from '../../domain/errors.ts';
import { decisionHelp, decisionListCard, exportFailed, exportPosted, readListPage } from '../../conversation/decisions/list.ts';
import { note } from '../../conversation/card.ts';
import { toPerson } from '../../conversation/reply.ts';
import { exportRegister, searchDecisions } from '../../domain/decisions/index.ts';
import { requireActor } from '../../domain/partnership/directory.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { mrkdwn, readAction, renderReply } from '../render/index.ts';
import { channelLocale, describeError, localeForUser, localeOf, words, type SlackDeps, ephemeralReply, type Reply } from '../support.ts';
import { describeUploadError } from '../upload-errors.ts';
import { uploadOnce } from '../upload-once.ts';
import { openDecisionForm } from './form.ts';
import { COMMAND } from './ids.ts';

export function registerCommand(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ command, ack, respond, client }) => {
    await ack();
    const reply = ephemeralReply(respond);
    let locale: Locale = await localeForUser(deps, command.user_id);
    const env = () => ({ locale, timezone: deps.ctx.timezone });
    try {
      const [sub = '', ...rest] = words(command.text.trim());
      switch (sub.toLowerCase()) {
        case '':
          await openDecisionForm(client, deps, { triggerId: command.trigger_id, userId: command.user_id, channelId: command.channel_id });
          return;
        case 'lista':
        case 'list':
        case 'sök':
        case 'search': {
          const { member } = await requireActor(deps.ctx, command.user_id);
          locale = localeOf(deps, member);
          await reply(renderReply(toPerson(decisionListCard(locale, await searchDecisions(deps.ctx, rest), rest)), env()));
          return;
        }
        case 'export': {
          const { member } = await requireActor(deps.ctx, command.user_id);
          locale = localeOf(deps, member);
          await exportYear(deps, client, locale, command.channel_id, command.trigger_id, rest, reply);
          return;
        }
        case 'hjälp':
        case 'hjalp':
        case 'help':
          await reply({ text: mrkdwn(decisionHelp(locale), env()) });
          return;
        default:
          await reply({ text: mrkdwn(decisionHelp(locale, `${COMMAND} ${sub}`), env()) });
      }
    } catch (err) {
      await reply({ text: describeError(deps, locale, err) });
    }
  });

  // "Visa fler" under the list: the next page of the same search, to the same person, below it.
  app.action<BlockAction<ButtonAction>>(INTENT_LIST_MORE, async ({ ack, body, respond }) => {
    await ack();
    let locale: Locale = await localeForUser(deps, body.user.id);
    const answer = (m: { text: string; blocks?: unknown[] }) => respond({ response_type: 'ephemeral', replace_original: false, ...m } as never);
    try {
      const { member } = await requireActor(deps.ctx, body.user.id);
      locale = localeOf(deps, member);
      const page = readListPage(readAction(body).payload);
      if (!page) throw new DomainError('core.error.malformed');
      const r = await searchDecisions(deps.ctx, page.words, 15, { after: page.after, shown: page.shown });
      await answer(renderReply(toPerson(decisionListCard(locale, r, page.words)), { locale, timezone: deps.ctx.timezone }));
    } catch (err) {
      await answer({ text: describeError(deps, locale, err) });
    }
  });
}

/** `/beslut export [grupp] [år]`: uploads the year's register as CSV and Markdown where the command ran. */
async function exportYear(deps: SlackDeps, client: App['client'], locale: Locale, channelId: string, triggerId: string, args: string[], reply: Reply) {
  // The files and their comment are posted for the whole channel: in the channel's language.
  const shared = channelLocale(deps, channelId, locale);
  const r = await exportRegister(deps.ctx, shared, args);
  const base = `${t(shared, 'decisions.export.filename')}-${r.groupKey ? `${r.groupKey}-` : ''}${r.year}`;
  const env = { locale, timezone: deps.ctx.timezone };
  try {
    // A retried or repeated delivery of this command finds its files already there.
    await uploadOnce(deps, client, triggerId, 'decisions-export', {
      channel_id: channelId,
      initial_comment: t(shared, 'decisions.export.done', { year: r.year, count: r.count }),
      file_uploads: [
        { file: Buffer.from(r.csv, 'utf8'), filename: `${base}.csv`, title: `${base}.csv` },
        { file: Buffer.from(r.markdown, 'utf8'), filename: `${base}.md`, title: `${base}.md` },
      ],
    });
  } catch (err) {
    return void (await reply(renderReply(toPerson(note(exportFailed(locale, describeUploadError(deps, locale, err)))), env)));
  }
  await reply({ text: mrkdwn(exportPosted(locale, r), env) });
}
