import { LIMITS } from '../../domain/escalations/types.ts';
import { t, type Locale, type MessageKey } from '../../i18n/index.ts';
import type { Option } from '../card.ts';
import type { Form, FormElement, Input, InputType, Receipt } from '../form.ts';
import { markup, shorten, type Markup } from '../markup.ts';
import { privacyHint, withPrivacyConfirmation } from '../privacy.ts';
import { FORM_ANSWER, FORM_EXTRA_MEETING, FORM_INFORM, FORM_PLAN_REQUIRE, FORM_PLAN_SUBMIT, FORM_RAISE, FORM_SEND_BACK, FORM_WITHDRAW } from './ids.ts';

/** An input named after its field, so a field error lands on it; its label and hint come from the catalogue. */
function input(locale: Locale, field: string, spec: InputType, opts: { optional?: boolean; hint?: boolean; words?: string } = {}): Input {
  // `words` names another set of label and hint for a field whose name several forms share.
  const words = opts.words ?? 'escalations.form';
  const own = opts.hint ? t(locale, `${words}.hint.${field}` as MessageKey) : undefined;
  const hint = spec.type === 'text' ? privacyHint(locale, own) : own;
  return { kind: 'input', id: field, label: t(locale, `${words}.label.${field}` as MessageKey), ...spec, ...(opts.optional ? { optional: true } : {}), ...(hint ? { hint } : {}) } as Input;
}

const text = (maxLength: number, o: { initial?: string; multiline?: boolean } = {}): InputType => ({ type: 'text', maxLength, ...(o.multiline ? { multiline: true } : {}), ...(o.initial ? { initial: o.initial } : {}) });
const intro = (m: Markup): FormElement => ({ kind: 'text', text: m });

function form(locale: Locale, id: string, titleKey: MessageKey, submitKey: MessageKey, body: FormElement[], metadata = ''): Form {
  return withPrivacyConfirmation(locale, { id, title: t(locale, titleKey), submit: t(locale, submitKey), close: t(locale, 'escalations.form.close'), metadata, body });
}

const choices = (list: Array<{ id: string; name: string }>): Option[] => list.map((p) => ({ label: p.name, value: p.id }));

export interface RaiseFormOptions {
  groupName: string;
  parties: Array<{ id: string; name: string }>;
  prefill?: { question?: string; background?: string; link?: string };
  privateMetadata: string;
}

/** The form of `/eskalera` and the message shortcut. */
export function raiseForm(locale: Locale, o: RaiseFormOptions): Form {
  const urgency = [{ label: t(locale, 'escalations.form.urgency.normal'), value: 'normal' }, { label: t(locale, 'escalations.form.urgency.urgent'), value: 'urgent' }];
  return form(locale, FORM_RAISE, 'escalations.form.title', 'escalations.form.submit', [
    intro(markup(locale, 'escalations.form.intro', { group: o.groupName })),
    input(locale, 'question', text(LIMITS.question, { initial: o.prefill?.question, multiline: true })),
    input(locale, 'parties', { type: 'multiselect', options: choices(o.parties) }, { hint: true }),
    input(locale, 'positions', text(LIMITS.positions, { multiline: true }), { hint: true }),
    input(locale, 'background', text(LIMITS.background, { initial: o.prefill?.background, multiline: true }), { optional: true }),
    input(locale, 'options', text(LIMITS.options, { multiline: true }), { optional: true, hint: true }),
    input(locale, 'urgency', { type: 'select', style: 'radio', options: urgency, initial: 'normal' }, { hint: true }),
    input(locale, 'link', { type: 'text', url: true, ...(o.prefill?.link ? { initial: o.prefill.link } : {}) }, { optional: true }),
  ], o.privateMetadata);
}

export function answerForm(locale: Locale, o: { id: string; label: string; question: string }): Form {
  return form(locale, FORM_ANSWER, 'escalations.answer.title', 'escalations.answer.submit', [
    intro(markup(locale, 'escalations.answer.intro', { label: o.label, question: o.question })),
    input(locale, 'title', text(150, { initial: shorten(t(locale, 'escalations.answer.defaultTitle', { label: o.label, question: o.question }), 150) })),
    input(locale, 'body', text(3000, { multiline: true }), { hint: true }),
  ], o.id);
}

export function sendBackForm(locale: Locale, o: { id: string; label: string; question: string }): Form {
  return form(locale, FORM_SEND_BACK, 'escalations.sendBack.title', 'escalations.sendBack.submit', [
    intro(markup(locale, 'escalations.sendBack.intro', { label: o.label, question: o.question })),
    input(locale, 'guidance', text(LIMITS.guidance, { multiline: true })),
  ], o.id);
}

export function extraMeetingForm(locale: Locale, o: { id: string; label: string; today: string }): Form {
  return form(locale, FORM_EXTRA_MEETING, 'escalations.extra.title', 'escalations.extra.submit', [
    intro(markup(locale, 'escalations.extra.intro', { label: o.label })),
    input(locale, 'date', { type: 'date', initial: o.today }),
    input(locale, 'time', { type: 'time', initial: '09:00' }),
  ], o.id);
}

export function informForm(locale: Locale, o: { party: string }): Form {
  return form(locale, FORM_INFORM, 'escalations.information.title', 'escalations.information.submit', [
    intro(markup(locale, 'escalations.information.intro', { party: o.party })),
    input(locale, 'subject', text(LIMITS.subject)),
    input(locale, 'change', text(LIMITS.body, { multiline: true }), { hint: true, words: 'escalations.information' }),
  ]);
}

export function planRequireForm(locale: Locale, o: { parties: Array<{ id: string; name: string }>; minDate: string }): Form {
  return form(locale, FORM_PLAN_REQUIRE, 'escalations.actionPlan.requireTitle', 'escalations.actionPlan.requireSubmit', [
    intro(markup(locale, 'escalations.actionPlan.requireIntro')),
    input(locale, 'party', { type: 'select', options: choices(o.parties) }),
    input(locale, 'shortcoming', text(LIMITS.shortcoming, { multiline: true })),
    input(locale, 'due', { type: 'date', initial: o.minDate }),
  ]);
}

/** `due`: the day (yyyy-mm-dd) the plan is due. */
export function planSubmitForm(locale: Locale, o: { id: string; shortcoming: string; due: string; plan?: string }): Form {
  return form(locale, FORM_PLAN_SUBMIT, 'escalations.actionPlan.submitTitle', 'escalations.actionPlan.submitSubmit', [
    intro(markup(locale, 'escalations.actionPlan.submitIntro', { shortcoming: o.shortcoming, due: o.due })),
    input(locale, 'plan', text(LIMITS.plan, { multiline: true, initial: o.plan })),
  ], o.id);
}

/** "Are you sure?" before the raising party takes its question back (and any proposed answer with it). */
export function withdrawConfirmForm(locale: Locale, e: { id: string; label: string; question: string; openProposal?: string }): Form {
  const lines = [markup(locale, 'escalations.confirm.withdraw.text', { label: e.label, question: shorten(e.question, 500) })];
  if (e.openProposal) lines.push(markup(locale, 'escalations.confirm.withdraw.proposal', { proposal: e.openProposal }));
  return {
    id: FORM_WITHDRAW,
    metadata: e.id,
    title: t(locale, 'escalations.confirm.withdraw.title'),
    submit: t(locale, 'escalations.confirm.withdraw.yes'),
    close: t(locale, 'escalations.confirm.withdraw.no'),
    body: lines.map(intro),
  };
}

/** What a submitted form turns into: a short confirmation in the user's language. */
export function done(locale: Locale, text: Markup, titleKey: MessageKey = 'escalations.form.doneTitle'): Receipt {
  return { title: t(locale, titleKey), close: t(locale, 'escalations.form.ok'), text };
}
