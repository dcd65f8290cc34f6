import type { App } from '@slack/bolt';
import { findPersonalDetails } from '../../domain/personal-details.ts';
import { t } from '../../i18n/index.ts';
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

/**
 * A form whose text carries the marks of a description of one person (an age, a date of birth,
 * a street address) is held back before any listener runs, so nothing is saved: each such field
 * asks to remove them, or — on a form with the checkbox — to tick that the text is not about a
 * person supported and send again. Every form, present and future, is covered in one place.
 */
export function holdBackPersonalDetails(app: App, deps: SlackDeps): void {
  app.use(async (args) => {
    const { body, next } = args as unknown as { body: Record<string, any>; next: () => Promise<void> };
    const a = args as unknown as { ack?: (x?: unknown) => Promise<void> };
    if (!a.ack || body.type !== 'view_submission') return next();
    const values = body.view?.state?.values as Record<string, Record<string, any>> | undefined;
    if (notAboutAPerson(values)) return next();
    const flagged = typedTexts(values)
      .map(([field, text]) => [field, findPersonalDetails(text)] as const)
      .filter(([, found]) => found.length > 0);
    if (flagged.length === 0) return next();
    const locale = await localeForUser(deps, body.user?.id ?? '');
    const canConfirm = (body.view?.blocks ?? []).some((b: any) => b?.block_id === NOT_ABOUT_A_PERSON);
    const key = canConfirm ? 'core.guard.personal' : 'core.guard.personalRemove';
    const errors = Object.fromEntries(flagged.map(([field, found]) => [field, t(locale, key, { found: found.slice(0, 3).map((d) => t(locale, 'core.privacy.quote', { text: d.text })).join(', ') })]));
    deps.logger.info(`held back a form (${body.view?.callback_id ?? '?'}) whose text looks like personal details in ${flagged.map(([f]) => f).join(', ')}`);
    await a.ack({ response_action: 'errors', errors });
  });
}
