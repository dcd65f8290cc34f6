import { requireActor } from '../../domain/partnership/directory.ts';
import { defaultYear } from '../../domain/followup/report.ts';
import { annualStatus } from '../../domain/followup/status.ts';
import { annualStatusMessage } from '../blocks/followup-messages.ts';
import { localeOf } from '../support.ts';
import { t } from '../../i18n/index.ts';
import type { FollowupSubcommand } from './command.ts';
import { parseYear } from './report.ts';

/** `/uppfoljning status [år]`: who has submitted the year's report, who has a draft, what is missing. */
export const statusSubcommand: FollowupSubcommand = {
  words: ['status'],
  help: (locale) => t(locale, 'followup.status.help'),
  async run({ deps, command, args, reply }) {
    const { member } = await requireActor(deps.ctx, command.user_id);
    const status = await annualStatus(deps.ctx, member, parseYear(args[0], defaultYear(deps.ctx)));
    await reply(annualStatusMessage(localeOf(deps, member), status, deps.ctx.timezone));
  },
};
