import { followupRenderers } from '../blocks/followup-messages.ts';
import type { SlackFeature } from '../features.ts';
import { followupHelp, registerCommand } from './command.ts';
import { registerOutreachForm } from './outreach.ts';
import { registerReportForm } from './report.ts';

/** The annual follow-up (`/uppfoljning`): the outreach log, the associations' annual reports, their reminders and status. */
export const followupFeature: SlackFeature = {
  name: 'followup',
  register(app, deps) {
    registerCommand(app, deps);
    registerOutreachForm(app, deps);
    registerReportForm(app, deps);
  },
  help: (locale) => [followupHelp(locale)],
  renderers: followupRenderers,
};
