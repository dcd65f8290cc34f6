import { costField, FINANCE_COMMENT, grantField, TEXT_MAX, VOLUNTEER_HOURS, type MissingPart } from '../../domain/followup/fields.ts';
import type { ReportForm, SubmitResult } from '../../domain/followup/report.ts';
import { formatDate, t, type Locale, type MessageKey } from '../../i18n/index.ts';
import { CHECK_VIEW, CONFIRM_FIELD, FINANCE_VIEW, NARRATIVE_VIEW, REPORT_BACK_ACTION } from '../followup/ids.ts';
import { actions, button, context, escapeMrkdwn, header, plain, section, type Block } from './kit.ts';
import { notAboutAPersonInput, privacyHint } from './privacy.ts';
import { numberInput } from './statistics-form.ts';

/** What the report's form carries between steps: its year and the version it corrects. */
export interface ReportFormState {
  y: number;
  b: number;
}

export interface ReportFormView {
  party: string;
  form: ReportForm;
  timezone: string;
}

const modal = (locale: Locale, callbackId: string, year: number, blocks: Block[], state: ReportFormState, submit: string) => ({
  type: 'modal' as const,
  callback_id: callbackId,
  title: plain(t(locale, 'followup.report.title', { year })),
  submit: plain(submit),
  close: plain(t(locale, 'followup.report.close')),
  // Closing keeps what was typed: Slack tells the bot, which saves the step as a draft.
  notify_on_close: true,
  private_metadata: JSON.stringify(state),
  blocks,
});

function textInput(locale: Locale, field: string, label: string, value: string | undefined, hint?: string): Block {
  return {
    type: 'input',
    block_id: field,
    optional: true,
    label: plain(label),
    hint: privacyHint(locale, hint),
    // A draft longer than the limit (kept after an error) widens the limit rather than being cut.
    element: { type: 'plain_text_input', action_id: field, multiline: true, max_length: Math.max(TEXT_MAX, value?.length ?? 0), ...(value ? { initial_value: value } : {}) },
  };
}

const stateOf = (v: ReportFormView): ReportFormState => ({ y: v.form.year, b: v.form.baseVersion });

/** The heading of every step, and where the report stands (a correction, a draft continued). */
function heading(locale: Locale, v: ReportFormView, step: 1 | 2 | 3): Block[] {
  const f = v.form;
  const notes = [
    ...(f.current ? [t(locale, 'followup.report.correcting', { version: f.current.version, next: f.current.version + 1 })] : []),
    ...(f.draft ? [t(locale, 'followup.report.draftFrom', { date: formatDate(locale, f.draft.updatedAt, v.timezone), name: escapeMrkdwn(f.draft.updatedBy) })] : []),
  ];
  return [
    section(t(locale, 'followup.report.heading', { party: escapeMrkdwn(v.party), year: f.year, step })),
    ...(notes.length ? [context(...notes)] : []),
    ...(step > 1 ? [actions('nav', [button(t(locale, 'followup.report.back'), REPORT_BACK_ACTION)])] : []),
  ];
}

/** Step one: what the association did, the agreement's goals, cooperation, complaints and views. */
export function narrativeView(locale: Locale, v: ReportFormView) {
  const values = v.form.values;
  const text = (f: 'activities' | 'goals' | 'cooperation' | 'complaintsHandling') => textInput(locale, f, t(locale, `followup.field.${f}`), values[f], t(locale, `followup.hint.${f}`));
  const blocks: Block[] = [
    ...heading(locale, v, 1),
    header(t(locale, 'followup.section.narrative')),
    text('activities'),
    text('goals'),
    text('cooperation'),
    header(t(locale, 'followup.section.complaints')),
    context(t(locale, 'followup.hint.complaints')),
    numberInput(t(locale, 'followup.field.complaints'), 'complaints', values.complaints, undefined, true),
    numberInput(t(locale, 'followup.field.views'), 'views', values.views, undefined, true),
    text('complaintsHandling'),
    notAboutAPersonInput(locale),
  ];
  return modal(locale, NARRATIVE_VIEW, v.form.year, blocks, stateOf(v), t(locale, 'followup.report.next'));
}

/** Step two: grant received per municipality, costs by category, volunteer hours. */
export function financeView(locale: Locale, v: ReportFormView) {
  const f = v.form;
  const values = f.values;
  const blocks: Block[] = [
    ...heading(locale, v, 2),
    header(t(locale, 'followup.section.grants')),
    context(t(locale, f.grantsPlanned ? 'followup.hint.grantsPlanned' : 'followup.hint.grants')),
    ...f.layout.municipalities.map((m) => numberInput(t(locale, 'followup.field.grant', { municipality: m.name }), grantField(m.key), values[grantField(m.key)], undefined, true)),
    header(t(locale, 'followup.section.costs')),
    ...f.layout.costCategories.map((name, i) => numberInput(t(locale, 'followup.field.cost', { category: name }), costField(i), values[costField(i)], undefined, true)),
    header(t(locale, 'followup.section.volunteers')),
    numberInput(t(locale, 'followup.field.volunteerHours'), VOLUNTEER_HOURS, values[VOLUNTEER_HOURS], t(locale, 'followup.hint.volunteerHours', { hours: f.stats.volunteerHours }), true),
    textInput(locale, FINANCE_COMMENT, t(locale, 'followup.field.financeComment'), values[FINANCE_COMMENT]),
    notAboutAPersonInput(locale),
  ];
  return modal(locale, FINANCE_VIEW, f.year, blocks, stateOf(v), t(locale, 'followup.report.next'));
}

export const missingText = (locale: Locale, m: MissingPart) => t(locale, m.key, m.params);

/** The year's statistics the bot holds, a line per municipality. */
export function statisticsLines(locale: Locale, stats: ReportForm['stats']): string[] {
  return stats.municipalities.map((m) =>
    m.missing.length
      ? t(locale, 'followup.check.statisticsMissing', { municipality: escapeMrkdwn(m.name), quarters: m.missing.join(', '), count: m.missing.length })
      : t(locale, 'followup.check.statisticsDone', { municipality: escapeMrkdwn(m.name) }),
  );
}

/** Step three: the check of the year's statistics, what is still missing, and the submission. */
export function checkView(locale: Locale, v: ReportFormView) {
  const f = v.form;
  const deadline = formatDate(locale, new Date(`${f.deadline}T12:00:00Z`), 'UTC');
  const blocks: Block[] = [
    ...heading(locale, v, 3),
    header(t(locale, 'followup.section.statistics')),
    section(statisticsLines(locale, f.stats).join('\n')),
    header(t(locale, 'followup.section.missing')),
    section(f.missing.length ? f.missing.map((m) => `• ${missingText(locale, m)}`).join('\n') : t(locale, 'followup.check.complete')),
    context(t(locale, 'followup.check.deadline', { deadline })),
    {
      type: 'input',
      block_id: CONFIRM_FIELD,
      optional: true,
      label: plain(t(locale, 'followup.field.confirm')),
      element: { type: 'checkboxes', action_id: CONFIRM_FIELD, options: [{ text: plain(t(locale, 'followup.report.confirm', { party: v.party, year: f.year })), value: 'yes' }] },
    },
  ];
  return modal(locale, CHECK_VIEW, f.year, blocks, stateOf(v), t(locale, 'followup.report.submit'));
}

/** The writer's receipt: what was submitted and, for a correction, which sections changed. */
export function receiptLines(locale: Locale, d: { party: string; year: number; version: number; changes: string[]; unchanged?: boolean }): string[] {
  const p = { party: escapeMrkdwn(d.party), year: d.year, version: d.version };
  if (d.unchanged) return [t(locale, 'followup.saved.unchanged', p)];
  if (d.version === 1) return [t(locale, 'followup.saved.new', p)];
  return [t(locale, 'followup.saved.corrected', { ...p, sections: d.changes.map((c) => t(locale, `followup.field.${c}` as MessageKey)).join(', ') })];
}

export function submittedView(locale: Locale, party: string, year: number, r: SubmitResult) {
  return {
    type: 'modal' as const,
    title: plain(t(locale, 'followup.report.title', { year })),
    close: plain(t(locale, 'followup.report.done')),
    blocks: [section(receiptLines(locale, { party, year, ...r }).join('\n'))],
  };
}
