import type { App, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { t, type Locale } from '../../i18n/index.ts';
import { describeError, ephemeralReply, localeForUser, words, type Reply, type SlackDeps } from '../support.ts';
import { COMMAND } from './ids.ts';
import { reportCommand } from './report.ts';
import { statusCommand } from './status.ts';

/** One sub-command of `/uppfoljning`, run after the acknowledgement (a form opens with the trigger still fresh). */
export type SubCommand = (deps: SlackDeps, c: { client: WebClient; command: SlashCommand; args: string[]; reply: Reply; locale: Locale }) => Promise<void>;

// Each sub-command in its own file; Swedish and English words for each.
const SUBCOMMANDS: Record<string, SubCommand> = {
  rapport: reportCommand,
  report: reportCommand,
  status: statusCommand,
};
const HELP_WORDS = new Set(['', 'hjälp', 'hjalp', 'help']);

export function registerCommand(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ command, ack, respond, client }) => {
    await ack();
    const locale = await localeForUser(deps, command.user_id);
    const reply = ephemeralReply(respond);
    try {
      const [sub = '', ...args] = words(command.text.trim());
      const run = SUBCOMMANDS[sub.toLowerCase()];
      if (run) return void (await run(deps, { client, command, args, reply, locale }));
      const help = t(locale, 'followup.help');
      await reply({ text: HELP_WORDS.has(sub.toLowerCase()) ? help : `${t(locale, 'followup.unknown', { sub })}\n${help}` });
    } catch (err) {
      await reply({ text: describeError(deps, locale, err) });
    }
  });
}
