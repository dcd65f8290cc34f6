import type { App, SlashCommand } from '@slack/bolt';
import { t, type Locale } from '../../i18n/index.ts';
import { describeError, ephemeralReply, localeForUser, words, type Reply, type SlackDeps } from '../support.ts';
import { COMMAND } from './ids.ts';
import { compileSubcommand } from './compile.ts';
import { outreachSubcommand } from './outreach.ts';
import { reportSubcommand } from './report.ts';
import { statusSubcommand } from './status.ts';

/** What a sub-command of `/uppfoljning` is given: the command already acknowledged, its remaining words. */
export interface FollowupCall {
  deps: SlackDeps;
  client: App['client'];
  command: SlashCommand;
  args: string[];
  reply: Reply;
  /** The member's language (the bot's for someone who is not a member). */
  locale: Locale;
}

/** One sub-command: the words that name it, what it does, and its lines in the help. */
export interface FollowupSubcommand {
  words: readonly string[];
  run(call: FollowupCall): Promise<void>;
  help(locale: Locale): string;
}

/** Each sub-command adds itself here (outreach log; annual report, status …). */
export const SUBCOMMANDS: FollowupSubcommand[] = [outreachSubcommand, reportSubcommand, statusSubcommand, compileSubcommand];

const HELP_WORDS = new Set(['', 'hjälp', 'hjalp', 'help']);

export const followupHelp = (locale: Locale) => [t(locale, 'followup.help.title'), ...SUBCOMMANDS.map((s) => s.help(locale))].join('\n');

/**
 * `/uppfoljning <sub> …`: acknowledged at once (a form must open while the trigger is fresh),
 * then handed to the sub-command named by the first word; anything else gets the help.
 */
export function registerCommand(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ command, ack, respond, client }) => {
    await ack();
    const reply = ephemeralReply(respond);
    const locale = await localeForUser(deps, command.user_id);
    const [sub = '', ...args] = words(command.text.trim());
    const verb = sub.toLowerCase();
    try {
      const found = SUBCOMMANDS.find((s) => s.words.includes(verb));
      if (found) return void (await found.run({ deps, client, command, args, reply, locale }));
      const help = followupHelp(locale);
      await reply({ text: HELP_WORDS.has(verb) ? help : `${t(locale, 'followup.unknown', { sub })}\n${help}` });
    } catch (err) {
      await reply({ text: describeError(deps, locale, err) });
    }
  });
}
