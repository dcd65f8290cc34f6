import { t, type Locale } from '../i18n/index.ts';
import type { Form, Input } from './form.ts';

/** The checkbox on every form with free text: "the text is not about an individual person supported". */
export const NOT_ABOUT_A_PERSON = 'not_about_a_person';

/** A free-text field's hint: its own words, if any, then what never to write (one text for every form). */
export const privacyHint = (locale: Locale, own?: string): string => (own ? `${own} ${t(locale, 'core.privacy.hint')}` : t(locale, 'core.privacy.hint'));

/**
 * The last input of a form with free text: ticked only when the form has held back a text that
 * looks like a description of a person, to say it is not about anyone supported.
 */
export function notAboutAPerson(locale: Locale): Input {
  return {
    kind: 'input',
    id: NOT_ABOUT_A_PERSON,
    type: 'checkboxes',
    optional: true,
    label: t(locale, 'core.privacy.confirmLabel'),
    hint: t(locale, 'core.privacy.confirmHint'),
    options: [{ label: t(locale, 'core.privacy.confirm'), value: 'yes' }],
  };
}

const freeText = (e: Form['body'][number]) => e.kind === 'input' && e.type === 'text' && !e.url;

/** Every form with free text can say, when asked, that a text is not about a person supported. */
export const withPrivacyConfirmation = (locale: Locale, form: Form): Form =>
  form.body.some(freeText) ? { ...form, body: [...form.body, notAboutAPerson(locale)] } : form;
