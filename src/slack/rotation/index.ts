import { t } from '../../i18n/index.ts';
import { rotationRenderers } from '../blocks/rotation-notices.ts';
import type { SlackFeature } from '../features.ts';
import { register } from './commands.ts';
import { markup } from '../../conversation/markup.ts';

/** Rotation of documentation duty and chair, with meeting reminders. */
export const rotationFeature: SlackFeature = {
  name: 'rotation',
  register,
  help: (locale) => markup(locale, 'rotation.help'),
  renderers: rotationRenderers,
};
