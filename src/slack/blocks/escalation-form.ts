import { LIMITS } from '../../domain/escalations/index.ts';
import { t, type Locale, type MessageKey } from '../../i18n/index.ts';
import { VIEW_ANSWER, VIEW_EXTRA_MEETING, VIEW_INFORM, VIEW_PLAN_REQUIRE, VIEW_PLAN_SUBMIT, VIEW_RAISE, VIEW_SEND_BACK, VIEW_WITHDRAW } from '../escalations/ids.ts';
import { confirmModal, escapeMrkdwn, plain, section, truncate, type Block } from './kit.ts';
import { formInput, formModal, option, textElement } from './form-inputs.ts';

const text = textElement;

/** An input whose block id and action id are the field name, so a field error lands on it. */
function input(locale: Locale, field: string, element: Block, opts: { optional?: boolean; hint?: boolean; words?: string } = {}): Block {
  // `words` names another set of label and hint for a field whose name several forms share.
  return formInput(locale, opts.words ?? 'escalations.form', field, element, opts);
}

function modal(locale: Locale, callbackId: string, titleKey: MessageKey, submitKey: MessageKey, blocks: Block[], privateMetadata = ''): Block {
  return formModal({ locale, callbackId, title: t(locale, titleKey), submit: t(locale, submitKey), close: t(locale, 'escalations.form.close'), blocks, privateMetadata });
}

export interface RaiseFormOptions {
  groupName: string;
  parties: Array<{ id: string; name: string }>;
  prefill?: { question?: string; background?: string; link?: string };
  privateMetadata: string;
}

/** The form of `/eskalera` and the message shortcut. */
export function raiseView(locale: Locale, o: RaiseFormOptions): Block {
  const urgency = [option(t(locale, 'escalations.form.urgency.normal'), 'normal'), option(t(locale, 'escalations.form.urgency.urgent'), 'urgent')];
  return modal(locale, VIEW_RAISE, 'escalations.form.title', 'escalations.form.submit', [
    section(t(locale, 'escalations.form.intro', { group: escapeMrkdwn(o.groupName) })),
    input(locale, 'question', text(LIMITS.question, { initial: o.prefill?.question, multiline: true })),
    input(locale, 'parties', { type: 'multi_static_select', options: o.parties.map((p) => option(p.name, p.id)) }, { hint: true }),
    input(locale, 'positions', text(LIMITS.positions, { multiline: true }), { hint: true }),
    input(locale, 'background', text(LIMITS.background, { initial: o.prefill?.background, multiline: true }), { optional: true }),
    input(locale, 'options', text(LIMITS.options, { multiline: true }), { optional: true, hint: true }),
    input(locale, 'urgency', { type: 'radio_buttons', options: urgency, initial_option: urgency[0] }, { hint: true }),
    input(locale, 'link', { type: 'url_text_input', ...(o.prefill?.link ? { initial_value: o.prefill.link } : {}) }, { optional: true }),
  ], o.privateMetadata);
}

export function answerView(locale: Locale, o: { id: string; label: string; question: string }): Block {
  return modal(locale, VIEW_ANSWER, 'escalations.answer.title', 'escalations.answer.submit', [
    section(t(locale, 'escalations.answer.intro', { label: o.label, question: escapeMrkdwn(o.question) })),
    input(locale, 'title', text(150, { initial: truncate(t(locale, 'escalations.answer.defaultTitle', { label: o.label, question: o.question }), 150) })),
    input(locale, 'body', text(3000, { multiline: true }), { hint: true }),
  ], o.id);
}

export function sendBackView(locale: Locale, o: { id: string; label: string; question: string }): Block {
  return modal(locale, VIEW_SEND_BACK, 'escalations.sendBack.title', 'escalations.sendBack.submit', [
    section(t(locale, 'escalations.sendBack.intro', { label: o.label, question: escapeMrkdwn(o.question) })),
    input(locale, 'guidance', text(LIMITS.guidance, { multiline: true })),
  ], o.id);
}

export function extraMeetingView(locale: Locale, o: { id: string; label: string; today: string }): Block {
  return modal(locale, VIEW_EXTRA_MEETING, 'escalations.extra.title', 'escalations.extra.submit', [
    section(t(locale, 'escalations.extra.intro', { label: o.label })),
    input(locale, 'date', { type: 'datepicker', initial_date: o.today }),
    input(locale, 'time', { type: 'timepicker', initial_time: '09:00' }),
  ], o.id);
}

export function informView(locale: Locale, o: { party: string }): Block {
  return modal(locale, VIEW_INFORM, 'escalations.information.title', 'escalations.information.submit', [
    section(t(locale, 'escalations.information.intro', { party: escapeMrkdwn(o.party) })),
    input(locale, 'subject', text(LIMITS.subject)),
    input(locale, 'change', text(LIMITS.body, { multiline: true }), { hint: true, words: 'escalations.information' }),
  ]);
}

export function planRequireView(locale: Locale, o: { parties: Array<{ id: string; name: string }>; minDate: string }): Block {
  return modal(locale, VIEW_PLAN_REQUIRE, 'escalations.actionPlan.requireTitle', 'escalations.actionPlan.requireSubmit', [
    section(t(locale, 'escalations.actionPlan.requireIntro')),
    input(locale, 'party', { type: 'static_select', options: o.parties.map((p) => option(p.name, p.id)) }),
    input(locale, 'shortcoming', text(LIMITS.shortcoming, { multiline: true })),
    input(locale, 'due', { type: 'datepicker', initial_date: o.minDate }),
  ]);
}

export function planSubmitView(locale: Locale, o: { id: string; shortcoming: string; due: string; plan?: string }): Block {
  return modal(locale, VIEW_PLAN_SUBMIT, 'escalations.actionPlan.submitTitle', 'escalations.actionPlan.submitSubmit', [
    section(t(locale, 'escalations.actionPlan.submitIntro', { shortcoming: escapeMrkdwn(o.shortcoming), due: o.due })),
    input(locale, 'plan', text(LIMITS.plan, { multiline: true, initial: o.plan })),
  ], o.id);
}

/** "Are you sure?" before the raising party takes its question back (and any proposed answer with it). */
export function withdrawConfirmView(locale: Locale, e: { id: string; label: string; question: string; openProposal?: string }): Block {
  const lines = [t(locale, 'escalations.confirm.withdraw.text', { label: e.label, question: escapeMrkdwn(truncate(e.question, 500)) })];
  if (e.openProposal) lines.push(t(locale, 'escalations.confirm.withdraw.proposal', { proposal: e.openProposal }));
  return confirmModal({
    callbackId: VIEW_WITHDRAW,
    privateMetadata: e.id,
    title: t(locale, 'escalations.confirm.withdraw.title'),
    yes: t(locale, 'escalations.confirm.withdraw.yes'),
    no: t(locale, 'escalations.confirm.withdraw.no'),
    lines,
  });
}

/** What a submitted form turns into: a short confirmation in the user's language. */
export function doneView(locale: Locale, message: string, titleKey: MessageKey = 'escalations.form.doneTitle'): Block {
  return { type: 'modal', title: plain(truncate(t(locale, titleKey), 24)), close: plain(t(locale, 'escalations.form.ok')), blocks: [section(message)] };
}
