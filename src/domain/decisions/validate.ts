import type { MessageKey, Params } from '../../i18n/index.ts';
import { ValidationErrors } from '../errors.ts';
import { findPersonnummer } from '../personnummer.ts';
import { personalDetailErrors } from '../personal-details.ts';
import { isIsoDate } from '../dates.ts';
import type { DecisionField, DecisionInput } from './types.ts';

export const LIMITS = { title: 150, body: 3000, background: 3000, link: 500, reason: 1000 } as const;

type FieldError = { field: DecisionField; key: MessageKey; params?: Params };

/** The register must not hold data about the people supported: refuse text with a personnummer. */
export function guardText(field: string, text: string | undefined): { field: string; key: MessageKey } | undefined {
  return text && findPersonnummer(text) ? { field, key: 'core.guard.personnummer' } : undefined;
}

/**
 * Checks a decision's own fields (not who may record it). `today` is the local date; a proposal's
 * date is the day of adoption, so `decidedOn` is only checked for decisions taken at once.
 */
export function validateDecisionInput(input: DecisionInput, today: string, takenNow: boolean): void {
  const errors: FieldError[] = [];
  const need = (field: DecisionField, v: string | undefined, max: number) => {
    if (!v?.trim()) errors.push({ field, key: 'decisions.error.required' });
    else if (v.length > max) errors.push({ field, key: 'decisions.error.tooLong', params: { max } });
  };
  need('title', input.title, LIMITS.title);
  need('body', input.body, LIMITS.body);
  if (input.background && input.background.length > LIMITS.background) errors.push({ field: 'background', key: 'decisions.error.tooLong', params: { max: LIMITS.background } });
  if (input.link) {
    if (input.link.length > LIMITS.link || !/^https?:\/\/\S+$/i.test(input.link)) errors.push({ field: 'link', key: 'decisions.error.link' });
  }
  const decidedOn = takenNow ? (input.decidedOn ?? today) : today;
  if (takenNow && input.decidedOn !== undefined) {
    if (!isIsoDate(input.decidedOn)) errors.push({ field: 'decided_on', key: 'decisions.error.date' });
    else if (input.decidedOn > today) errors.push({ field: 'decided_on', key: 'decisions.error.futureDate' });
  }
  if (input.followUpOn !== undefined) {
    if (!isIsoDate(input.followUpOn)) errors.push({ field: 'follow_up', key: 'decisions.error.date' });
    else if (input.followUpOn <= decidedOn) errors.push({ field: 'follow_up', key: 'decisions.error.followUpBeforeDecision' });
  }
  for (const field of ['title', 'body', 'background', 'link'] as const) {
    const hit = guardText(field, input[field]);
    if (hit && !errors.some((e) => e.field === field)) errors.push({ field, key: hit.key });
  }
  const texts = (['title', 'body', 'background', 'link'] as const).map((field) => ({ field, value: input[field] }));
  for (const e of personalDetailErrors(texts, input.notAboutAPerson)) if (!errors.some((x) => x.field === e.field)) errors.push(e as FieldError);
  if (errors.length > 0) throw new ValidationErrors(errors);
}
