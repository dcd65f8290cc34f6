import { requireActor } from '../../domain/partnership/directory.ts';
import { defaultYear } from '../../domain/followup/report.ts';
import { annualStatus } from '../../domain/followup/status.ts';
import { annualStatusMessage } from '../blocks/followup-messages.ts';
import { localeOf } from '../support.ts';
import type { SubCommand } from './command.ts';
import { parseYear } from './report.ts';

/** `/uppfoljning status [år]`: who has submitted the year's report, who has a draft, what is missing. */
export const statusCommand: SubCommand = async (deps, c) => {
  const { member } = await requireActor(deps.ctx, c.command.user_id);
  const status = await annualStatus(deps.ctx, member, parseYear(c.args[0], defaultYear(deps.ctx)));
  await c.reply(annualStatusMessage(localeOf(deps, member), status, deps.ctx.timezone));
};
