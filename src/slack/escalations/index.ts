import { escalationCards, dutyCards } from '../../conversation/escalations/index.ts';
import { markup, strong } from '../../conversation/markup.ts';
import { t, type Locale } from '../../i18n/index.ts';
import type { SlackFeature } from '../features.ts';
import { cardRenderers, mrkdwn } from '../render/index.ts';
import { registerCardActions } from './card-actions.ts';
import { registerDuties } from './duties.ts';
import { registerRaise } from './raise.ts';

/** The help has no dates in it: any time zone writes it the same. */
const said = (locale: Locale, key: Parameters<typeof markup>[1]) => mrkdwn(markup(locale, key), { locale, timezone: 'UTC' });

/** Escalation to the steering group and back, the information duty and action plans. */
export const escalationsFeature: SlackFeature = {
  name: 'escalations',
  register(app, deps) {
    registerRaise(app, deps);
    registerCardActions(app, deps);
    registerDuties(app, deps);
  },
  help: (locale) => [strong(t(locale, 'escalations.helpTitle')), '\n', ...markup(locale, 'escalations.help'), '\n', ...markup(locale, 'escalations.information.help')],
  renderers: cardRenderers({ ...escalationCards, ...dutyCards }),
};
