import type { MessageKey, Params } from '../../i18n/index.ts';
import { ValidationErrors } from '../errors.ts';
import { textErrors } from '../personal-details.ts';
import { wholeNumber } from '../statistics/figures.ts';

/** The narrative's free texts; every one but the last must be written before the report is submitted. */
export const TEXT_FIELDS = ['activities', 'goals', 'cooperation', 'complaintsHandling'] as const;
/** Complaints and views received (synpunkter och klagomål): counts only, never who. */
export const COUNT_FIELDS = ['complaints', 'views'] as const;
export const VOLUNTEER_HOURS = 'volunteerHours';
export const FINANCE_COMMENT = 'financeComment';
export const TEXT_MAX = 3000; // Slack's longest text input
const MAX_COUNT = 100_000;
const MAX_KRONOR = 1_000_000_000;
const MAX_HOURS = 1_000_000;

/** Form field id of the grant received from a municipality (its key is stable and short). */
export const grantField = (municipalityKey: string) => `grant_${municipalityKey}`;
/** Form field id of the i-th cost category (names can contain anything). */
export const costField = (i: number) => `cost_${i}`;

export type Step = 'narrative' | 'finance';

/** What the form asks of one association: the municipalities it serves and the cost categories. */
export interface Layout {
  municipalities: Array<{ id: string; key: string; name: string }>;
  costCategories: string[];
}

export function stepFields(step: Step, layout: Layout): string[] {
  if (step === 'narrative') return ['activities', 'goals', 'cooperation', ...COUNT_FIELDS, 'complaintsHandling'];
  return [...layout.municipalities.map((m) => grantField(m.key)), ...layout.costCategories.map((_, i) => costField(i)), VOLUNTEER_HOURS, FINANCE_COMMENT];
}

export const isText = (field: string) => (TEXT_FIELDS as readonly string[]).includes(field) || field === FINANCE_COMMENT;
const numberMax = (field: string) => (field.startsWith('grant_') || field.startsWith('cost_') ? MAX_KRONOR : field === VOLUNTEER_HOURS ? MAX_HOURS : MAX_COUNT);

type FieldError = { field: string; key: MessageKey; params?: Params };

/** The error of one typed value, if any; a blank is no error in a draft. */
function fieldError(field: string, value: string): FieldError | undefined {
  if (value === '') return undefined;
  if (isText(field)) {
    if (value.length > TEXT_MAX) return { field, key: 'followup.error.textTooLong', params: { max: TEXT_MAX } };
    return textErrors([{ field, value, personal: false, personnummerKey: 'followup.error.personnummer' }])[0];
  }
  const max = numberMax(field);
  const r = wholeNumber(max).safeParse(value);
  return r.success ? undefined : { field, key: r.error.issues[0]!.message as MessageKey, params: { max } };
}

const clean = (raw: Record<string, string | null | undefined>, fields: string[]) =>
  Object.fromEntries(fields.map((f) => [f, (raw[f] ?? '').trim()]));

/**
 * What a step's fields hold, checked as a draft: blanks are allowed (the report is completed over
 * several sessions), a badly shaped number, a text that is too long or holds a personnummer is an
 * error on its field (ValidationErrors).
 */
export function checkStep(raw: Record<string, string | null | undefined>, fields: string[]): Record<string, string> {
  const values = clean(raw, fields);
  const errors = fields.flatMap((f) => fieldError(f, values[f]!) ?? []);
  if (errors.length) throw new ValidationErrors(errors);
  return values;
}

/**
 * What can be kept of a step when the form is closed or left: everything typed, except a text
 * holding a personnummer or (not confirmed otherwise) the marks of a description of a person,
 * which is never stored. Returns the values kept and the fields left out.
 */
export function savableOf(raw: Record<string, string | null | undefined>, fields: string[], notAboutAPerson: boolean): { kept: Record<string, string>; dropped: string[] } {
  const values = clean(raw, fields);
  const dropped = textErrors(fields.map((field) => ({ field, value: values[field] })), { confirmed: notAboutAPerson }).map((e) => e.field);
  return { kept: Object.fromEntries(Object.entries(values).filter(([f]) => !dropped.includes(f))), dropped };
}

export interface AnnualReportContent {
  narrative: { activities: string; goals: string; cooperation: string; complaints: number; views: number; complaintsHandling: string | null };
  financial: {
    grants: Array<{ municipality: string; name: string; received: number }>;
    costs: Array<{ category: string; amount: number }>;
    totalCosts: number;
    volunteerHours: number;
    comment: string | null;
  };
}

/** One thing that keeps a report from being submitted, as a sentence of the catalogue. */
export type MissingPart = FieldError;

/** The year's statistics the bot holds for the association: what is reported, what is missing. */
export interface StatisticsCheck {
  municipalities: Array<{ name: string; missing: number[] }>;
  /** Volunteer hours reported over the year, all municipalities. */
  volunteerHours: number;
}

/** What is still missing from a report: unwritten sections, blank figures, unreported statistics. */
export function missingParts(values: Record<string, string>, layout: Layout, stats: StatisticsCheck): MissingPart[] {
  const blank = (f: string) => (values[f] ?? '').trim() === '';
  const out: MissingPart[] = [];
  for (const f of TEXT_FIELDS.filter((f) => f !== 'complaintsHandling')) if (blank(f)) out.push({ field: f, key: `followup.missing.${f}` as MessageKey });
  if (COUNT_FIELDS.some(blank)) out.push({ field: 'complaints', key: 'followup.missing.complaints' });
  const grants = layout.municipalities.filter((m) => blank(grantField(m.key)));
  if (grants.length) out.push({ field: grantField(grants[0]!.key), key: 'followup.missing.grants', params: { names: grants.map((m) => m.name).join(', ') } });
  const costs = layout.costCategories.filter((_, i) => blank(costField(i)));
  if (costs.length) out.push({ field: costField(layout.costCategories.indexOf(costs[0]!)), key: 'followup.missing.costs', params: { names: costs.join(', ') } });
  if (blank(VOLUNTEER_HOURS)) out.push({ field: VOLUNTEER_HOURS, key: 'followup.missing.volunteerHours' });
  for (const m of stats.municipalities.filter((m) => m.missing.length)) {
    out.push({ field: 'statistics', key: 'followup.missing.statistics', params: { municipality: m.name, quarters: m.missing.join(', '), count: m.missing.length } });
  }
  return out;
}

/** The report's content from complete, checked values. */
export function contentOf(values: Record<string, string>, layout: Layout): AnnualReportContent {
  const n = (f: string) => Number((values[f] ?? '').replace(/\s+/g, ''));
  const text = (f: string) => (values[f] ?? '').trim();
  const costs = layout.costCategories.map((category, i) => ({ category, amount: n(costField(i)) }));
  return {
    narrative: { activities: text('activities'), goals: text('goals'), cooperation: text('cooperation'), complaints: n('complaints'), views: n('views'), complaintsHandling: text('complaintsHandling') || null },
    financial: {
      grants: layout.municipalities.map((m) => ({ municipality: m.key, name: m.name, received: n(grantField(m.key)) })),
      costs,
      totalCosts: costs.reduce((s, c) => s + c.amount, 0),
      volunteerHours: n(VOLUNTEER_HOURS),
      comment: text(FINANCE_COMMENT) || null,
    },
  };
}

/** A submitted version as the form's values, to correct it. */
export function valuesOf(c: AnnualReportContent, layout: Layout): Record<string, string> {
  const out: Record<string, string> = {
    activities: c.narrative.activities,
    goals: c.narrative.goals,
    cooperation: c.narrative.cooperation,
    complaints: String(c.narrative.complaints),
    views: String(c.narrative.views),
    complaintsHandling: c.narrative.complaintsHandling ?? '',
    [VOLUNTEER_HOURS]: String(c.financial.volunteerHours),
    [FINANCE_COMMENT]: c.financial.comment ?? '',
  };
  for (const g of c.financial.grants) out[grantField(g.municipality)] = String(g.received);
  layout.costCategories.forEach((name, i) => {
    const cost = c.financial.costs.find((x) => x.category === name);
    if (cost) out[costField(i)] = String(cost.amount);
  });
  return out;
}
