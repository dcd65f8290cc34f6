import { DomainError, ValidationErrors } from '../../domain/errors.ts';
import { t, type Locale, type MessageKey, type Params } from '../../i18n/index.ts';
import { describeError, type SlackDeps } from '../support.ts';

const fieldLabel = (locale: Locale, field: string) => t(locale, `decisions.field.${field}` as MessageKey);

const text = (locale: Locale, key: MessageKey, params: Params | undefined, field: string) => t(locale, key, { field: fieldLabel(locale, field), ...params });

/**
 * Turns a refusal into Slack's `response_action: errors` for a modal, so the user's typing is kept:
 * field errors on their block, anything else (in the user's language, or an apology with an error
 * code) on `fallbackBlock`.
 */
export function modalErrors(deps: SlackDeps, locale: Locale, err: unknown, fallbackBlock: string): Record<string, string> {
  if (err instanceof ValidationErrors) {
    const out: Record<string, string> = {};
    for (const e of err.errors) out[e.field] ??= text(locale, e.key, e.params, e.field);
    return out;
  }
  if (err instanceof DomainError) return { [err.field ?? fallbackBlock]: text(locale, err.key, err.params, err.field ?? fallbackBlock) };
  return { [fallbackBlock]: describeError(deps, locale, err) };
}
