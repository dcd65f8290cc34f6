import type { DecisionFormChoices, ProposalRef } from '../../domain/decisions/index.ts';
import { t, type Locale, type MessageKey } from '../../i18n/index.ts';
import type { Form, FormElement, Input, InputType, Receipt } from '../form.ts';
import { markup, type Markup } from '../markup.ts';
import { privacyHint, withPrivacyConfirmation } from '../privacy.ts';
import { FIELD_GROUP, FORM_DECISION, FORM_OBJECTION, FORM_WITHDRAW, OBJECTION_REASON } from './ids.ts';

/** An input named after its field; its label (and, when asked, hint) from the catalogue; free text gets the privacy hint. */
function input(locale: Locale, field: string, spec: InputType, opts: { optional?: boolean; hint?: boolean } = {}): Input {
  const own = opts.hint ? t(locale, `decisions.form.hint.${field}` as MessageKey) : undefined;
  const hint = spec.type === 'text' ? privacyHint(locale, own) : own;
  return { kind: 'input', id: field, label: t(locale, `decisions.form.label.${field}` as MessageKey), ...spec, ...(opts.optional ? { optional: true } : {}), ...(hint ? { hint } : {}) } as Input;
}

const text = (maxLength: number, initial?: string, multiline = false): InputType => ({ type: 'text', maxLength, ...(multiline ? { multiline: true } : {}), ...(initial ? { initial } : {}) });
const intro = (m: Markup): FormElement => ({ kind: 'text', text: m });

/** The date of a decision taken at once, today by default. */
export const decidedOnInput = (locale: Locale, initial: string): Input => input(locale, 'decided_on', { type: 'date', initial }, { hint: true });

/**
 * The form of `/beslut`, the message shortcut "Registrera som beslut" and "Ersätt med nytt
 * beslut": the choices are the domain's (`decisionFormChoices`), `metadata` comes back with the
 * submission. `decidedOn` keeps a date already picked when the form is drawn again.
 */
export function decisionForm(locale: Locale, c: DecisionFormChoices, metadata: string, decidedOn?: string): Form {
  const p = c.prefill ?? {};
  const groups = { type: 'select' as const, options: c.groups.map((g) => ({ label: g.name, value: g.id })), ...(c.groupId ? { initial: c.groupId } : {}) };
  const parties = { type: 'select' as const, options: c.parties.map((x) => ({ label: x.name, value: x.id })), ...(p.responsiblePartyId ? { initial: p.responsiblePartyId } : {}) };
  const body: FormElement[] = [
    ...(c.supersedes ? [intro(markup(locale, 'decisions.form.supersedes', c.supersedes))] : []),
    input(locale, 'title', text(150, p.title)),
    input(locale, 'body', text(3000, p.body, true), { hint: true }),
    // Picking the group redraws the form where it decides whether the date is asked.
    { ...input(locale, FIELD_GROUP, groups), ...(c.groupDecidesDate ? { redraws: true } : {}) },
    ...(c.asksDate ? [decidedOnInput(locale, decidedOn ?? c.today)] : []),
    input(locale, 'background', text(3000, p.background, true), { optional: true }),
    input(locale, 'responsible_party', parties, { optional: true }),
    input(locale, 'responsible_person', { type: 'member', ...(p.responsibleUser ? { initial: p.responsibleUser } : {}) }, { optional: true }),
    input(locale, 'follow_up', { type: 'date', ...(p.followUpOn ? { initial: p.followUpOn } : {}) }, { optional: true, hint: true }),
    input(locale, 'link', { type: 'text', url: true, ...(p.link ? { initial: p.link } : {}) }, { optional: true }),
  ];
  return withPrivacyConfirmation(locale, {
    id: FORM_DECISION,
    title: t(locale, 'decisions.form.title'),
    submit: t(locale, 'decisions.form.submit'),
    close: t(locale, 'decisions.form.close'),
    metadata,
    body,
  });
}

/** "Invänd": why the party objects, shown on the card and in its thread. */
export function objectionForm(locale: Locale, d: ProposalRef): Form {
  return withPrivacyConfirmation(locale, {
    id: FORM_OBJECTION,
    metadata: d.id,
    title: t(locale, 'decisions.objection.title'),
    submit: t(locale, 'decisions.objection.submit'),
    close: t(locale, 'decisions.form.close'),
    body: [
      intro(markup(locale, 'decisions.objection.intro', { reference: d.reference, title: d.title })),
      { kind: 'input', id: OBJECTION_REASON, type: 'text', multiline: true, maxLength: 1000, label: t(locale, 'decisions.objection.label'), hint: privacyHint(locale) },
    ],
  });
}

/** The chair's "are you sure?" before a proposal is withdrawn; opened only for someone who may. */
export function withdrawConfirmForm(locale: Locale, d: ProposalRef): Form {
  return {
    id: FORM_WITHDRAW,
    metadata: d.id,
    title: t(locale, 'decisions.confirm.withdraw.title'),
    submit: t(locale, 'decisions.confirm.withdraw.yes'),
    close: t(locale, 'decisions.confirm.withdraw.no'),
    body: [intro(markup(locale, 'decisions.confirm.withdraw.text', { reference: d.reference, title: d.title }))],
  };
}

/** What a saved decision form says: recorded, proposed, or already saved before. */
export function recordedReceipt(locale: Locale, r: { label: string; channelId: string; duplicate: boolean; proposed: boolean }): Receipt {
  const key = r.duplicate ? 'decisions.form.done.duplicate' : r.proposed ? 'decisions.form.done.proposed' : 'decisions.form.done.recorded';
  return done(locale, markup(locale, key, { reference: r.label, channel: r.channelId }));
}

/** Shown in place of a form once it is done; nothing is left to cancel, the only button closes it. */
export function done(locale: Locale, text: Markup, titleKey: 'decisions.form.done.title' | 'decisions.withdraw.notDoneTitle' = 'decisions.form.done.title'): Receipt {
  return { title: t(locale, titleKey), close: t(locale, 'decisions.form.ok'), text };
}
