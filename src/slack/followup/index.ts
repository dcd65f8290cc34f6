import type { SlackFeature } from '../features.ts';
import { followupHelp, registerCommand } from './command.ts';
import { registerOutreachForm } from './outreach.ts';

/** The annual follow-up (`/uppfoljning`): the outreach log, and the sub-commands that join it. */
export const followupFeature: SlackFeature = {
  name: 'followup',
  register(app, deps) {
    registerCommand(app, deps);
    registerOutreachForm(app, deps);
  },
  help: followupHelp,
};
