import type { App } from '@slack/bolt';
import { addMember, deactivateMember, requireAdmin } from '../../domain/partnership/admin.ts';
import { findMemberByChatUser, getOverview, requireActor } from '../../domain/partnership/directory.ts';
import { DomainError } from '../../domain/errors.ts';
import { chooseLanguage, parseLanguage } from '../../domain/partnership/language.ts';
import { chairOf } from '../../domain/rotation/chair.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { adminShowCard, calendarCard, helpCard, memberAdded, memberDeactivated, roleList, statusCard } from '../../conversation/core/cards.ts';
import { text } from '../../conversation/card.ts';
import { mrkdwn, renderCard } from '../render/index.ts';
import { answerCommand, describeError, ephemeralReply, localeForUser, localeOf, mentionedUsers, words, type Reply, type SlackDeps } from '../support.ts';
import { COMMAND } from './ids.ts';
import type { LanguageHook } from '../features.ts';
import type { Actor } from '../../domain/actor.ts';
import type { MemberView } from '../../domain/partnership/directory.ts';
import { feedLinks, renewFeeds } from '../../domain/calendar/feeds.ts';
import { feedUrl } from '../../calendar/route.ts';

const LANGUAGE_WORDS = new Set(['språk', 'sprak', 'language']);
import { isAdmin } from '../../domain/partnership/permissions.ts';
import { undeliverableReport } from '../undeliverable.ts';
import { appendixCommand, appendixListReply, CHANGE_WORDS } from '../agreement/index.ts';
import { GRANTS_WORDS, grantsCommand } from '../agreement/grants.ts';
import { agreementReply, NOTICE_WORDS, noticeCommand } from '../agreement/term.ts';
import type { Markup } from '../../conversation/markup.ts';

/** Help lines that feature modules add to `/samverkan hjälp`. */
export type FeatureHelp = (locale: Locale) => Markup;

export function register(app: App, deps: SlackDeps, featureHelp: FeatureHelp[] = [], languageHooks: LanguageHook[] = []): void {
  const env = (locale: Locale) => ({ locale, timezone: deps.ctx.timezone });
  app.command(COMMAND, async ({ command, ack, respond, client }) => {
    const [sub = 'hjälp', ...rest] = words(command.text.trim());
    const verb = sub.toLowerCase();
    /** Acknowledges at once, then works and answers; a refusal comes back in the person's language. */
    const afterAck = async (run: (reply: Reply, locale: Locale) => Promise<void>) => {
      await ack();
      const reply = ephemeralReply(respond);
      const locale = await localeForUser(deps, command.user_id);
      try {
        await run(reply, locale);
      } catch (err) {
        await reply({ text: describeError(deps, locale, err) });
      }
    };
    // The split uploads a file: acknowledge first, then work and answer.
    if (GRANTS_WORDS.has(verb)) return afterAck((reply) => grantsCommand(deps, client, command, rest, reply));
    const form = NOTICE_WORDS.has(verb) ? noticeCommand : CHANGE_WORDS.has(verb) ? appendixCommand : undefined;
    if (form) {
      // The form opens after the acknowledgement, with the trigger still fresh.
      await ack();
      return void (await form(deps, client, { userId: command.user_id, triggerId: command.trigger_id, args: rest, respond }));
    }
    // Changes take the slow road: acknowledge first, then work and answer.
    if (verb === 'admin') return afterAck((reply, locale) => admin(deps, locale, command.user_id, command.text, rest, reply));
    if (LANGUAGE_WORDS.has(verb)) return afterAck((reply) => language(deps, client, languageHooks, command.user_id, rest, reply));
    await answerCommand(ack, respond, async () => {
      const member = await findMemberByChatUser(deps.ctx, command.user_id).catch(() => undefined);
      const locale = localeOf(deps, member);
      try {
        switch (verb) {
          case 'hjälp':
          case 'hjalp':
          case 'help': {
            const o = await getOverview(deps.ctx);
            return renderCard(helpCard(locale, o?.name ?? 'Samverkan', featureHelp.map((h) => h(locale))), env(locale));
          }
          case 'kalender':
          case 'calendar': {
            const { member, actor } = await requireActor(deps.ctx, command.user_id);
            return await calendarReply(deps, localeOf(deps, member), member, actor, rest[0]);
          }
          case 'bilagor':
          case 'appendices':
            return await appendixListReply(deps, command.user_id);
          case 'avtal':
          case 'agreement':
            return await agreementReply(deps, command.user_id);
          case 'status': {
            const o = await getOverview(deps.ctx);
            if (!o) return { text: t(locale, 'core.noPartnership') };
            // Who chairs each steering group now: the same rule that decides the chair's rights.
            const chairs = await Promise.all(o.groups.filter((g) => g.kind === 'STEERING').map((g) => chairOf(deps.ctx, g)));
            const stuck = member && isAdmin(member) ? await undeliverableReport(deps.ctx, deps.renderers ?? {}, locale) : undefined;
            const status = renderCard(statusCard(locale, o, member, chairs), env(locale));
            // The report on undeliverable posts is Slack's own words (its channels, its fixes).
            return stuck ? { text: `${status.text}\n${stuck}`, blocks: [...status.blocks, { type: 'section', text: { type: 'mrkdwn', text: stuck } }] } : status;
          }
          default:
            return { text: t(locale, 'core.unknownSubcommand', { command: `${COMMAND} ${sub}` }) };
        }
      } catch (err) {
        return { text: describeError(deps, locale, err) };
      }
    });
  });
}

/** `/samverkan kalender [förnya]`: the member's secret feed addresses, or new ones. */
async function calendarReply(deps: SlackDeps, locale: Locale, member: MemberView, actor: Actor, arg: string | undefined) {
  const base = deps.publicUrl?.();
  if (!base) return { text: t(locale, 'calendar.error.noPublicUrl') };
  const verb = arg?.toLowerCase();
  if (verb && !['förnya', 'fornya', 'renew'].includes(verb)) return { text: t(locale, 'calendar.error.unknownSubcommand', { value: arg! }) };
  const links = verb ? await renewFeeds(deps.ctx, member, actor) : await feedLinks(deps.ctx, member);
  return renderCard(calendarCard(locale, links.map((l) => ({ ...l, url: feedUrl(base, l.token) })), !!verb), { locale, timezone: deps.ctx.timezone });
}

/** `/samverkan språk [sv|en|standard]`: says the member's language, or changes it. */
async function language(deps: SlackDeps, client: App['client'], hooks: LanguageHook[], userId: string, args: string[], reply: Reply) {
  const { member, actor } = await requireActor(deps.ctx, userId);
  const locale = localeOf(deps, member);
  const name = (l: Locale) => t(l, `core.language.name.${l}`);
  if (!args[0]) {
    const source = member.localeChosen ? 'chosen' : member.locale ? 'file' : 'default';
    return void (await reply({ text: `${t(locale, `core.language.current.${source}`, { language: name(locale) })} ${t(locale, 'core.language.howTo')}` }));
  }
  const wanted = parseLanguage(args.join(' '));
  const r = await chooseLanguage(deps.ctx, member, actor, wanted);
  if (r.changed) for (const hook of hooks) await hook(client, deps, userId).catch((err: unknown) => deps.logger.warn(`language: ${(err as Error).message}`));
  // Answered in the language just chosen: the first thing said in it.
  if (wanted === 'default') {
    return void (await reply({ text: t(r.locale, r.changed ? 'core.language.reset' : 'core.language.notChosen', { language: name(r.locale) }) }));
  }
  await reply({ text: r.changed ? t(wanted, 'core.language.changed') : t(wanted, 'core.language.unchanged', { language: name(wanted) }) });
}

async function admin(
  deps: SlackDeps,
  locale: Locale,
  userId: string,
  text: string,
  args: string[],
  reply: (m: { text: string; blocks?: unknown[] }) => Promise<unknown>,
) {
  const { member, actor } = await requireActor(deps.ctx, userId);
  requireAdmin(member);
  const env = { locale, timezone: deps.ctx.timezone };
  const [verb = '', ...rest] = args;
  const target = mentionedUsers(text)[0];
  switch (verb.toLowerCase()) {
    case 'visa':
    case 'show': {
      const o = await getOverview(deps.ctx);
      if (o) await reply(renderCard(adminShowCard(locale, o), env));
      return;
    }
    case 'lägg-till':
    case 'lagg-till':
    case 'add': {
      if (!target) throw new DomainError('core.admin.error.needUser');
      const [partyKey, ...roles] = rest;
      if (!partyKey) throw new DomainError('core.admin.error.needUser');
      const name = /<@[UW][A-Z0-9]+\|([^>]+)>/.exec(text)?.[1] ?? target;
      const r = await addMember(deps.ctx, member, actor, { chatUserId: target, name, partyKey, roles });
      const added = await findMemberByChatUser(deps.ctx, target);
      const roleText = added ? roleList(locale, added) : t(locale, 'core.roles.none');
      await reply({ text: mrkdwn(memberAdded(locale, target, r.partyName, roleText), env) });
      return;
    }
    case 'inaktivera':
    case 'deactivate': {
      if (!target) throw new DomainError('core.admin.error.needUser');
      await deactivateMember(deps.ctx, member, actor, target);
      await reply({ text: mrkdwn(memberDeactivated(locale, target), env) });
      return;
    }
    default:
      await reply({ text: t(locale, 'core.admin.help') });
  }
}
