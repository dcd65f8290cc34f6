import { BREAKDOWNS, COMMENT_FIELD, COMMENT_MAX, crimeField, type CountField } from '../../domain/statistics/figures.ts';
import { quarterKey, type Quarter } from '../../domain/statistics/quarter.ts';
import type { SubmitResult } from '../../domain/statistics/submit.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { BACK_ACTION, CHOOSE_VIEW, FORM_VIEW, MUNICIPALITY_FIELD, PERIOD_FIELD } from '../statistics/ids.ts';
import { actions, button, context, escapeMrkdwn, header, plain, section, type Block } from './kit.ts';
import { notAboutAPersonInput, privacyHint } from './privacy.ts';
import { savedLines } from './statistics-messages.ts';

/** What the form carries between steps: period, municipality, base version, crime types and a draft of the figures. */
export interface FormState {
  p?: string;
  m?: string;
  b?: number;
  c?: string[];
  d?: Record<string, string>;
}

const modal = (locale: Locale, callbackId: string, blocks: Block[], state: FormState, submit: string) => ({
  type: 'modal' as const,
  callback_id: callbackId,
  title: plain(t(locale, 'statistics.form.title')),
  submit: plain(submit),
  close: plain(t(locale, 'statistics.form.cancel')),
  private_metadata: JSON.stringify(state),
  blocks,
});

const option = (text: string, value: string) => ({ text: plain(text), value });

export function chooseView(locale: Locale, o: { party: string; municipalities: Array<{ id: string; name: string }>; periods: Quarter[]; period: Quarter; municipalityId?: string; state: FormState }) {
  const periodOptions = o.periods.map((q) => option(t(locale, 'statistics.form.periodOption', { quarter: q.quarter, year: q.year }), quarterKey(q)));
  const muniOptions = o.municipalities.map((m) => option(m.name, m.id));
  const initialPeriod = periodOptions.find((p) => p.value === quarterKey(o.period));
  const initialMuni = muniOptions.find((m) => m.value === o.municipalityId) ?? (muniOptions.length === 1 ? muniOptions[0] : undefined);
  return modal(
    locale,
    CHOOSE_VIEW,
    [
      section(t(locale, 'statistics.form.intro', { party: escapeMrkdwn(o.party) })),
      {
        type: 'input',
        block_id: PERIOD_FIELD,
        label: plain(t(locale, 'statistics.form.period')),
        element: { type: 'static_select', action_id: PERIOD_FIELD, options: periodOptions, ...(initialPeriod ? { initial_option: initialPeriod } : {}) },
      },
      {
        type: 'input',
        block_id: MUNICIPALITY_FIELD,
        label: plain(t(locale, 'statistics.form.municipality')),
        element: { type: 'static_select', action_id: MUNICIPALITY_FIELD, options: muniOptions, ...(initialMuni ? { initial_option: initialMuni } : {}) },
      },
    ],
    o.state,
    t(locale, 'statistics.form.next'),
  );
}

/** A whole-number input; `optional` for a form saved as a draft, where a blank is no error. */
export function numberInput(label: string, field: string, value: string | undefined, hint?: string, optional = false): Block {
  // Slack refuses a number input whose initial value is not a whole non-negative number; a draft
  // value that is not one (typed before an error, then Back and Next) is kept in a text input, so
  // nothing typed is lost and the same error shows again on submit.
  const kept = value !== undefined && value !== '' && !/^\d+$/.test(value);
  return {
    type: 'input',
    block_id: field,
    ...(optional ? { optional: true } : {}),
    label: plain(label),
    ...(hint ? { hint: plain(hint) } : {}),
    element: kept
      ? { type: 'plain_text_input', action_id: field, initial_value: value }
      : {
          type: 'number_input',
          action_id: field,
          is_decimal_allowed: false,
          min_value: '0',
          ...(value !== undefined && value !== '' ? { initial_value: value } : {}),
        },
  };
}

export function formView(
  locale: Locale,
  o: { party: string; municipality: string; period: Quarter; crimeTypes: string[]; values: Record<string, string>; current?: number; state: FormState },
) {
  const v = o.values;
  const field = (f: CountField, hint?: string) => numberInput(t(locale, `statistics.field.${f}`), f, v[f], hint);
  const group = (title: Parameters<typeof t>[1], fields: readonly CountField[]) => [
    header(t(locale, title)),
    ...fields.map((f, i) => field(f, i === 0 ? t(locale, 'statistics.form.sumHint') : undefined)),
  ];
  const blocks: Block[] = [
    section(t(locale, 'statistics.form.heading', { party: escapeMrkdwn(o.party), municipality: escapeMrkdwn(o.municipality), quarter: o.period.quarter, year: o.period.year })),
    ...(o.current ? [context(t(locale, 'statistics.form.correcting', { version: o.current, next: o.current + 1 }))] : []),
    actions('nav', [button(t(locale, 'statistics.form.back'), BACK_ACTION)]),
    header(t(locale, 'statistics.section.people')),
    field('total'),
    ...group('statistics.section.gender', BREAKDOWNS.gender),
    ...group('statistics.section.age', BREAKDOWNS.age),
    ...group('statistics.section.role', BREAKDOWNS.role),
    header(t(locale, 'statistics.section.crime')),
    ...o.crimeTypes.map((name, i) => numberInput(name, crimeField(i), v[crimeField(i)], i === 0 ? t(locale, 'statistics.form.sumHint') : undefined)),
    header(t(locale, 'statistics.section.other')),
    field('meetings'),
    field('referrals'),
    field('volunteerHours'),
    {
      type: 'input',
      block_id: COMMENT_FIELD,
      optional: true,
      label: plain(t(locale, 'statistics.field.comment')),
      hint: privacyHint(locale, t(locale, 'statistics.form.commentHint')),
      // A draft longer than the limit (kept after an error) widens the limit rather than being cut.
      element: { type: 'plain_text_input', action_id: COMMENT_FIELD, multiline: true, max_length: Math.max(COMMENT_MAX, v[COMMENT_FIELD]?.length ?? 0), ...(v[COMMENT_FIELD] ? { initial_value: v[COMMENT_FIELD] } : {}) },
    },
    notAboutAPersonInput(locale),
  ];
  return modal(locale, FORM_VIEW, blocks, o.state, t(locale, 'statistics.form.submit'));
}

export function savedView(locale: Locale, r: SubmitResult & { year: number; quarter: number; total: number }) {
  return {
    type: 'modal' as const,
    title: plain(t(locale, 'statistics.saved.title')),
    close: plain(t(locale, 'statistics.form.close')),
    blocks: [section(savedLines(locale, { ...r, version: r.version }).join('\n'))],
  };
}
