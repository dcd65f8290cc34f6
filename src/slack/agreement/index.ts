import { t } from '../../i18n/index.ts';
import { grantsRenderers } from '../blocks/grants-messages.ts';
import type { SlackFeature } from '../features.ts';

/**
 * The agreement's grants. `/samverkan bidrag` is answered by the core command (it is a
 * subcommand of `/samverkan`); this feature adds its help lines and the reminder's renderer.
 */
export const grantsFeature: SlackFeature = {
  name: 'grants',
  register() {},
  help: (locale) => t(locale, 'grants.help'),
  renderers: grantsRenderers,
};
