import type { MessageKey, Params } from '../../i18n/index.ts';
import { ValidationErrors } from '../errors.ts';
import { textErrors } from '../personal-details.ts';

export type FieldError = { field: string; key: MessageKey; params?: Params };

/**
 * Checks free-text fields: required ones filled, none too long, and the rule of
 * `personal-details.ts` (no personnummer; the marks of a description of a person only when
 * `confirmed` not to be about anyone supported). Throws every field's error at once.
 */
export function checkTexts(fields: Array<{ field: string; value: string | undefined; max: number; required?: boolean }>, extra: FieldError[] = [], o: { confirmed?: boolean } = {}): void {
  const errors: FieldError[] = [...extra];
  for (const f of fields) {
    if (errors.some((e) => e.field === f.field)) continue;
    const v = f.value?.trim();
    if (!v) {
      if (f.required) errors.push({ field: f.field, key: 'escalations.error.required' });
    } else if (v.length > f.max) errors.push({ field: f.field, key: 'escalations.error.tooLong', params: { max: f.max } });
  }
  errors.push(...textErrors(fields.map((f) => ({ field: f.field, value: f.value?.trim() })), { confirmed: o.confirmed, earlier: errors }));
  if (errors.length > 0) throw new ValidationErrors(errors);
}

/** Today's date ("YYYY-MM-DD") in the partnership's time zone: the decision log's, so both agree. */
export { localDate } from '../dates.ts';

export const DAY_MS = 86_400_000;

/** Whole days from `a` to `b` (dates "YYYY-MM-DD"). */
export const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
