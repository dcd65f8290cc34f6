import { t, type Locale } from '../../i18n/index.ts';
import { NOT_ABOUT_A_PERSON } from '../core/ids.ts';
import { plain, type Block } from './kit.ts';

/** A free-text field's hint: its own words, if any, then what never to write (one text for every form). */
export const privacyHint = (locale: Locale, own?: string) => plain(own ? `${own} ${t(locale, 'core.privacy.hint')}` : t(locale, 'core.privacy.hint'));

/**
 * The last block of a form with free text: ticked only when the form has held back a text that
 * looks like a description of a person, to say it is not about anyone supported.
 */
export function notAboutAPersonInput(locale: Locale): Block {
  return {
    type: 'input',
    block_id: NOT_ABOUT_A_PERSON,
    optional: true,
    label: plain(t(locale, 'core.privacy.confirmLabel')),
    hint: plain(t(locale, 'core.privacy.confirmHint')),
    element: { type: 'checkboxes', action_id: NOT_ABOUT_A_PERSON, options: [{ text: plain(t(locale, 'core.privacy.confirm')), value: 'yes' }] },
  };
}
