import type { MessageKey, Params } from '../../i18n/index.ts';
import { ValidationErrors } from '../errors.ts';
import { textErrors } from '../personal-details.ts';
import { isIsoDate } from '../dates.ts';
import type { DecisionField, DecisionInput } from './types.ts';

export const LIMITS = { title: 150, body: 3000, background: 3000, link: 500, reason: 1000 } as const;

type FieldError = { field: DecisionField; key: MessageKey; params?: Params };

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
  const texts = (['title', 'body', 'background', 'link'] as const).map((field) => ({ field, value: input[field] }));
  errors.push(...(textErrors(texts, { confirmed: input.notAboutAPerson, earlier: errors }) as FieldError[]));
  if (errors.length > 0) throw new ValidationErrors(errors);
}
