import type { App, ReceiverEvent } from '@slack/bolt';
import { findPersonalDetails } from '../../domain/personal-details.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { NOT_ABOUT_A_PERSON } from '../core/ids.ts';
import { localeForUser, type SlackDeps } from '../support.ts';
import { ticked } from '../view-state.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
/** The typed text of each free-text input of a submitted form, by block id. */
function typedTexts(values: Record<string, Record<string, any>> | undefined): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [blockId, elements] of Object.entries(values ?? {})) {
    for (const el of Object.values(elements ?? {})) {
      if (el?.type === 'plain_text_input' && typeof el.value === 'string') out.push([blockId, el.value]);
    }
  }
  return out;
}

/** Whether the form's "not about a person supported" box is ticked (the domain's `notAboutAPerson`). */
export const notAboutAPerson = (values: Record<string, Record<string, any>> | undefined): boolean => ticked(values, NOT_ABOUT_A_PERSON);

/** How the domain's own refusal (`core.guard.personalFound`) begins in the locale, to know it among a form's errors. */
const domainWords = (locale: Locale) => t(locale, 'core.guard.personalFound', { found: '\u0000' }).split('\u0000')[0]!;

/**
 * The Slack side of "nothing personal is stored". The rule itself is the domain's: every use case
 * refuses a text with the marks of a description of a person (an age, a date of birth, a street
 * address) unless the form's "not about a person supported" box is ticked, so nothing is saved.
 * Here the refusal is worded for Slack: each such field asks to remove them or — on a form with
 * the checkbox — to tick it at the bottom and send again. The form's listener runs as usual, so
 * every other field's error is shown at the same time; when it refuses on other fields only (its
 * own checks came first), the question is added to the fields that hold the marks.
 */
export function holdBackPersonalDetails(app: App, deps: SlackDeps): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent): Promise<void> => {
    const body = event.body as Record<string, any> | null;
    if (body?.type !== 'view_submission') return processEvent(event);
    const values = body.view?.state?.values as Record<string, Record<string, any>> | undefined;
    if (notAboutAPerson(values)) return processEvent(event);
    const flagged = typedTexts(values)
      .map(([field, text]) => [field, findPersonalDetails(text)] as const)
      .filter(([, found]) => found.length > 0);
    if (flagged.length === 0) return processEvent(event);
    const original = event.ack;
    const ack = async (response?: any) => {
      if (response?.response_action !== 'errors' || typeof response.errors !== 'object' || !response.errors) return original(response);
      const locale = await localeForUser(deps, String(body.user?.id ?? ''));
      const canConfirm = (body.view?.blocks ?? []).some((b: any) => b?.block_id === NOT_ABOUT_A_PERSON);
      const key = canConfirm ? 'core.guard.personal' : 'core.guard.personalRemove';
      const own = domainWords(locale);
      const errors: Record<string, string> = { ...response.errors };
      for (const [field, found] of flagged) {
        if (errors[field] !== undefined && !errors[field].startsWith(own)) continue;
        errors[field] = t(locale, key, { found: found.slice(0, 3).map((d) => t(locale, 'core.privacy.quote', { text: d.text })).join(', ') });
      }
      deps.logger.info(`held back a form (${body.view?.callback_id ?? '?'}) whose text looks like personal details in ${flagged.map(([f]) => f).join(', ')}`);
      return original({ ...response, errors } as never);
    };
    return processEvent({ ...event, ack });
  };
}
