import { t } from '../../i18n/index.ts';
import { statisticsRenderers } from '../blocks/statistics-messages.ts';
import type { SlackFeature } from '../features.ts';
import { registerCommands } from './commands.ts';
import { registerForm } from './form.ts';
import { markup } from '../../conversation/markup.ts';

/** Quarterly statistics: the coordinators' form, reminders, status and reports. */
export const statisticsFeature: SlackFeature = {
  name: 'statistics',
  register(app, deps) {
    registerCommands(app, deps);
    registerForm(app, deps);
  },
  help: (locale) => markup(locale, 'statistics.help'),
  renderers: statisticsRenderers,
};
