import { DomainError, ValidationErrors } from '../domain/errors.ts';
import { t, type Locale, type MessageKey, type Params } from '../i18n/index.ts';
import { describeError, type SlackDeps } from './support.ts';

/**
 * Turns a refusal into Slack's `response_action: errors` for a modal, so the user's typing is kept:
 * field errors on their block, anything else (in the user's language, or an apology with an error
 * code) on `fallbackBlock`. Messages may name the field with `{field}`, looked up as
 * `<catalogue>.field.<block id>` in the feature's catalogue.
 */
export function modalErrors(deps: SlackDeps, locale: Locale, err: unknown, fallbackBlock: string, catalogue: string): Record<string, string> {
  const text = (key: MessageKey, params: Params | undefined, field: string) =>
    t(locale, key, { field: t(locale, `${catalogue}.field.${field}` as MessageKey), ...params });
  if (err instanceof ValidationErrors) {
    const out: Record<string, string> = {};
    for (const e of err.errors) out[e.field] ??= text(e.key, e.params, e.field);
    return out;
  }
  if (err instanceof DomainError) return { [err.field ?? fallbackBlock]: text(err.key, err.params, err.field ?? fallbackBlock) };
  return { [fallbackBlock]: describeError(deps, locale, err) };
}
