import { decisionCards, decisionHelp } from '../../conversation/decisions/index.ts';
import { strong } from '../../conversation/markup.ts';
import { t } from '../../i18n/index.ts';
import { cardRenderers, mrkdwn } from '../render/index.ts';
import type { SlackFeature } from '../features.ts';
import { registerCommand } from './command.ts';
import { registerForm } from './form.ts';
import { publishHome, registerHome } from './home.ts';
import { registerShortcut } from './shortcut.ts';
import { registerVotes } from './votes.ts';

/** The decision log: `/beslut`, the message shortcut, the card buttons and the App Home. */
export const decisionsFeature: SlackFeature = {
  name: 'decisions',
  register(app, deps) {
    registerCommand(app, deps);
    registerShortcut(app, deps);
    registerForm(app, deps);
    registerVotes(app, deps);
    registerHome(app, deps);
  },
  // The help has no dates in it: any time zone writes it the same.
  help: (locale) => [strong(t(locale, 'decisions.list.title')), '\n', ...decisionHelp(locale)],
  renderers: cardRenderers(decisionCards),
  // The Home tab is the decision log's: shown again in the member's new language.
  onLanguageChanged: (client, deps, userId) => publishHome(client, deps, userId),
};
