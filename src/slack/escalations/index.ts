import { registerDecisionHooks } from '../../domain/escalations/index.ts';
import { t } from '../../i18n/index.ts';
import { escalationRenderers } from '../blocks/escalation-card.ts';
import { dutyRenderers } from '../blocks/escalation-duties.ts';
import type { SlackFeature } from '../features.ts';
import { registerCardActions } from './card-actions.ts';
import { registerDuties } from './duties.ts';
import { registerRaise } from './raise.ts';

/** Escalation to the steering group and back, the information duty and action plans. */
export const escalationsFeature: SlackFeature = {
  name: 'escalations',
  register(app, deps) {
    registerDecisionHooks();
    registerRaise(app, deps);
    registerCardActions(app, deps);
    registerDuties(app, deps);
  },
  help: (locale) => `*${t(locale, 'escalations.helpTitle')}*\n${t(locale, 'escalations.help')}\n${t(locale, 'escalations.information.help')}`,
  renderers: { ...escalationRenderers, ...dutyRenderers },
};
