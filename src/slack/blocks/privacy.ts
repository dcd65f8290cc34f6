import { notAboutAPerson, privacyHint as hintText } from '../../conversation/privacy.ts';
import type { Locale } from '../../i18n/index.ts';
import { renderInput } from '../render/form.ts';
import { plain, type Block } from './kit.ts';

/** A free-text field's hint: its own words, if any, then what never to write (one text for every form). */
export const privacyHint = (locale: Locale, own?: string) => plain(hintText(locale, own));

/** The last block of a form with free text (the model's `notAboutAPerson`, drawn for Slack). */
export const notAboutAPersonInput = (locale: Locale): Block => renderInput(notAboutAPerson(locale));
