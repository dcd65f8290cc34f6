import { t } from '../../i18n/index.ts';
import { followupRenderers } from '../blocks/followup-messages.ts';
import type { SlackFeature } from '../features.ts';
import { registerCommand } from './command.ts';
import { registerReportForm } from './report.ts';

/** The annual follow-up (`/uppfoljning`): the associations' annual reports, their reminders and status. */
export const followupFeature: SlackFeature = {
  name: 'followup',
  register(app, deps) {
    registerCommand(app, deps);
    registerReportForm(app, deps);
  },
  help: (locale) => t(locale, 'followup.help'),
  renderers: followupRenderers,
};
