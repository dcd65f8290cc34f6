import { z } from 'zod';
import type { MessageKey, Params } from '../../i18n/index.ts';
import { ValidationErrors } from '../errors.ts';
import { textErrors } from '../personal-details.ts';

/** The people counted in each breakdown; every breakdown must add up to `total`. */
export const BREAKDOWNS = {
  gender: ['genderFemale', 'genderMale', 'genderOther'],
  age: ['age0to17', 'age18to20', 'age21to64', 'age65plus'],
  role: ['roleVictim', 'roleWitness', 'roleVictimRelative', 'rolePerpetratorRelative'],
} as const;

export const COUNT_FIELDS = ['total', ...BREAKDOWNS.gender, ...BREAKDOWNS.age, ...BREAKDOWNS.role, 'meetings', 'referrals', 'volunteerHours'] as const;
export type CountField = (typeof COUNT_FIELDS)[number];

/** Form field id of the i-th crime type (ids must be stable and short; names can contain anything). */
export const crimeField = (i: number) => `crime_${i}`;
export const COMMENT_FIELD = 'comment';
export const COMMENT_MAX = 1000;
const MAX_COUNT = 1_000_000;

/** One quarter's aggregate figures for one municipality. Nothing here can describe a person. */
export interface Figures {
  counts: Record<CountField, number>;
  crimeTypes: Record<string, number>;
  comment: string | null;
}

type FieldError = { field: string; key: MessageKey; params?: Params };

/**
 * A whole non-negative number as typed (spaces allowed, "1 200"); each message is the catalogue
 * key shown on that field. Shared by every form that asks for counts or kronor.
 */
export const wholeNumber = (max: number) =>
  z
    .string({ error: 'statistics.error.required' })
    .transform((s) => s.replace(/\s+/g, ''))
    .pipe(
      z
        .string()
        .min(1, 'statistics.error.required')
        .refine((s) => !/^-/.test(s), 'statistics.error.negative')
        .refine((s) => !/^\d*[.,]\d+$/.test(s), 'statistics.error.whole')
        .regex(/^\d+$/, 'statistics.error.notNumber')
        .transform(Number)
        .pipe(z.number().max(max, 'statistics.error.tooLarge')),
    );
const count = wholeNumber(MAX_COUNT);

/**
 * Turns what was typed into figures, or throws ValidationErrors with one message per field
 * (the field ids are the form's block ids, so each error appears where the mistake is).
 */
export function parseFigures(raw: Record<string, string | null | undefined>, crimeTypes: string[], o: { notAboutAPerson?: boolean } = {}): Figures {
  const errors: FieldError[] = [];
  const number = (field: string): number => {
    const r = count.safeParse(raw[field] ?? '');
    if (r.success) return r.data;
    errors.push({ field, key: r.error.issues[0]!.message as MessageKey, params: { max: MAX_COUNT } });
    return NaN;
  };
  const counts = Object.fromEntries(COUNT_FIELDS.map((f) => [f, number(f)])) as Record<CountField, number>;
  const crimes = Object.fromEntries(crimeTypes.map((name, i) => [name, number(crimeField(i))]));
  const comment = (raw[COMMENT_FIELD] ?? '').trim();
  if (comment.length > COMMENT_MAX) errors.push({ field: COMMENT_FIELD, key: 'statistics.error.commentTooLong', params: { max: COMMENT_MAX } });
  else errors.push(...commentErrors(comment, o.notAboutAPerson));

  const total = counts.total;
  const check = (fields: readonly string[], values: number[], key: MessageKey) => {
    if (Number.isNaN(total) || values.some(Number.isNaN)) return; // the field error says it already
    const sum = values.reduce((a, b) => a + b, 0);
    if (sum !== total) errors.push({ field: fields[0]!, key, params: { sum, total } });
  };
  check(BREAKDOWNS.gender, BREAKDOWNS.gender.map((f) => counts[f]), 'statistics.error.sumGender');
  check(BREAKDOWNS.age, BREAKDOWNS.age.map((f) => counts[f]), 'statistics.error.sumAge');
  check(BREAKDOWNS.role, BREAKDOWNS.role.map((f) => counts[f]), 'statistics.error.sumRole');
  if (crimeTypes.length > 0) check([crimeField(0)], Object.values(crimes), 'statistics.error.sumCrime');

  if (errors.length > 0) throw new ValidationErrors(errors);
  return { counts, crimeTypes: crimes, comment: comment || null };
}

/** The comment is free text: no personnummer, and the marks of a description of a person only when confirmed. */
export const commentErrors = (comment: string | null | undefined, notAboutAPerson: boolean | undefined): FieldError[] =>
  textErrors([{ field: COMMENT_FIELD, value: comment, personnummerKey: 'statistics.error.personnummer' }], { confirmed: notAboutAPerson });

export interface FieldChange {
  field: CountField | 'comment' | `crime:${string}`;
  before: number | string | null;
  after: number | string | null;
}

/** What a correction changed, field by field, in form order. */
export function diffFigures(before: Figures, after: Figures): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const f of COUNT_FIELDS) if (before.counts[f] !== after.counts[f]) changes.push({ field: f, before: before.counts[f], after: after.counts[f] });
  const names = [...new Set([...Object.keys(after.crimeTypes), ...Object.keys(before.crimeTypes)])];
  for (const n of names) {
    const a = before.crimeTypes[n] ?? null;
    const b = after.crimeTypes[n] ?? null;
    if (a !== b) changes.push({ field: `crime:${n}`, before: a, after: b });
  }
  if ((before.comment ?? null) !== (after.comment ?? null)) changes.push({ field: 'comment', before: before.comment, after: after.comment });
  return changes;
}
