import { DomainError, ValidationErrors } from '../../domain/errors.ts';
import { t, type Locale, type MessageKey, type Params } from '../../i18n/index.ts';
import { describeError, type SlackDeps } from '../support.ts';

const label = (locale: Locale, field: string) => t(locale, `escalations.field.${field}` as MessageKey);
const say = (locale: Locale, key: MessageKey, params: Params | undefined, field: string) => t(locale, key, { field: label(locale, field), ...params });

/**
 * A refusal as Slack's `response_action: errors`, so the user's typing is kept: field errors on
 * their block, anything else (in the user's language, or an apology with a code) on `fallback`.
 */
export function modalErrors(deps: SlackDeps, locale: Locale, err: unknown, fallback: string): Record<string, string> {
  if (err instanceof ValidationErrors) {
    const out: Record<string, string> = {};
    for (const e of err.errors) out[e.field] ??= say(locale, e.key, e.params, e.field);
    return out;
  }
  if (err instanceof DomainError) return { [err.field ?? fallback]: say(locale, err.key, err.params, err.field ?? fallback) };
  return { [fallback]: describeError(deps, locale, err) };
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export type State = Record<string, Record<string, any>>;

/** The trimmed value of an input whose block id and action id are `field`, or undefined when empty. */
export function value(s: State, field: string): string | undefined {
  const v = s[field]?.[field];
  const raw = v?.value ?? v?.selected_option?.value ?? v?.selected_date ?? v?.selected_time ?? undefined;
  return typeof raw === 'string' && raw.trim() !== '' ? raw : undefined;
}

export const values = (s: State, field: string): string[] => ((s[field]?.[field]?.selected_options ?? []) as Array<{ value: string }>).map((o) => o.value);
