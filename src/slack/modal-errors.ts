import { DomainError, ValidationErrors } from '../domain/errors.ts';
import { t, type Locale, type MessageKey, type Params } from '../i18n/index.ts';
import { describeError, type SlackDeps } from './support.ts';

/**
 * Turns a refusal into Slack's `response_action: errors` for a modal, so the user's typing is kept:
 * field errors on their block, anything else (in the user's language, or an apology with an error
 * code) on `fallbackBlock`. Messages may name the field with `{field}`, looked up as
 * `<catalogue>.field.<block id>` in the feature's catalogue.
 *
 * Slack shows an error only under an input block of the view: given `viewBlocks` (the view's block
 * ids), an error for a field that is not in the view (e.g. checked again in a later step) goes to
 * `fallbackBlock` too, after any error of its own, so none is lost.
 */
export function modalErrors(deps: SlackDeps, locale: Locale, err: unknown, fallbackBlock: string, catalogue: string, viewBlocks?: Iterable<string | undefined>): Record<string, string> {
  const text = (key: MessageKey, params: Params | undefined, field: string) =>
    t(locale, key, { field: t(locale, `${catalogue}.field.${field}` as MessageKey), ...params });
  const shown = viewBlocks ? new Set(viewBlocks) : undefined;
  const blockOf = (field: string) => (!shown || shown.has(field) ? field : fallbackBlock);
  if (err instanceof ValidationErrors) {
    const own: Record<string, string> = {};
    const moved: Record<string, string[]> = {};
    for (const e of err.errors) {
      const block = blockOf(e.field);
      if (block === e.field) own[block] ??= text(e.key, e.params, e.field);
      else (moved[block] ??= []).push(text(e.key, e.params, e.field));
    }
    const out: Record<string, string> = { ...own };
    for (const [block, texts] of Object.entries(moved)) out[block] = [own[block], ...texts].filter(Boolean).join(' ');
    return out;
  }
  if (err instanceof DomainError) return { [blockOf(err.field ?? fallbackBlock)]: text(err.key, err.params, err.field ?? fallbackBlock) };
  return { [fallbackBlock]: describeError(deps, locale, err) };
}
