import type { DecisionDraft, DecisionField } from '../../domain/decisions/index.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { OBJECTION_REASON, VIEW_FORM, VIEW_OBJECTION, VIEW_WITHDRAW } from '../decisions/ids.ts';
import { confirmModal, escapeMrkdwn, plain, section, truncate, type Block } from './kit.ts';
import { notAboutAPersonInput, privacyHint } from './privacy.ts';

export interface FormOptions {
  groups: Array<{ id: string; name: string; kind: 'STEERING' | 'COLLABORATION' }>;
  groupId?: string;
  parties: Array<{ id: string; name: string }>;
  today: string;
  prefill?: DecisionDraft;
  supersedes?: { reference: string; title: string };
  privateMetadata: string;
}

const option = (text: string, value: string) => ({ text: plain(truncate(text, 75)), value });

function input(locale: Locale, field: DecisionField, element: Block, opts: { optional?: boolean; hint?: string } = {}): Block {
  const freeText = element.type === 'plain_text_input' || element.type === 'url_text_input';
  return {
    type: 'input',
    block_id: field,
    label: plain(t(locale, `decisions.form.label.${field}`)),
    element: { ...element, action_id: field },
    ...(opts.optional ? { optional: true } : {}),
    ...(freeText ? { hint: privacyHint(locale, opts.hint) } : opts.hint ? { hint: plain(opts.hint) } : {}),
  };
}

/** The form of `/beslut`, the message shortcut and the "supersede" button. Block ids are the field names. */
export function decisionFormView(locale: Locale, o: FormOptions): Block {
  const groupOptions = o.groups.map((g) => option(g.name, g.id));
  const selected = groupOptions.find((x) => x.value === o.groupId) ?? (groupOptions.length === 1 ? groupOptions[0] : undefined);
  const kind = o.groups.find((g) => g.id === selected?.value)?.kind;
  const mixed = new Set(o.groups.map((g) => g.kind)).size > 1;
  // A steering proposal is dated the day every party has consented: its form does not ask.
  const asksDate = kind ? kind === 'COLLABORATION' : o.groups.some((g) => g.kind === 'COLLABORATION');
  const partyOptions = o.parties.map((p) => option(p.name, p.id));
  const party = partyOptions.find((x) => x.value === o.prefill?.responsiblePartyId);
  const text = (initial: string | undefined, max: number, multiline = false) => ({
    type: 'plain_text_input',
    max_length: max,
    ...(multiline ? { multiline: true } : {}),
    ...(initial ? { initial_value: truncate(initial, max) } : {}),
  });
  return {
    type: 'modal',
    callback_id: VIEW_FORM,
    title: plain(t(locale, 'decisions.form.title')),
    submit: plain(t(locale, 'decisions.form.submit')),
    close: plain(t(locale, 'decisions.form.close')),
    private_metadata: o.privateMetadata,
    blocks: [
      ...(o.supersedes ? [section(t(locale, 'decisions.form.supersedes', { reference: o.supersedes.reference, title: escapeMrkdwn(o.supersedes.title) }))] : []),
      input(locale, 'title', text(o.prefill?.title, 150)),
      input(locale, 'body', text(o.prefill?.body, 3000, true), { hint: t(locale, 'decisions.form.hint.body') }),
      {
        ...input(locale, 'group', { type: 'static_select', options: groupOptions, ...(selected ? { initial_option: selected } : {}) }),
        // Picking the group redraws the form: only a decision taken at once asks for its date.
        ...(mixed ? { dispatch_action: true } : {}),
      },
      ...(asksDate ? [decidedOnInput(locale, o.today)] : []),
      input(locale, 'background', text(o.prefill?.background, 3000, true), { optional: true }),
      input(locale, 'responsible_party', { type: 'static_select', options: partyOptions, ...(party ? { initial_option: party } : {}) }, { optional: true }),
      input(locale, 'responsible_person', { type: 'users_select', ...(o.prefill?.responsibleUser ? { initial_user: o.prefill.responsibleUser } : {}) }, { optional: true }),
      input(locale, 'follow_up', { type: 'datepicker', ...(o.prefill?.followUpOn ? { initial_date: o.prefill.followUpOn } : {}) }, { optional: true, hint: t(locale, 'decisions.form.hint.follow_up') }),
      input(locale, 'link', { type: 'url_text_input', ...(o.prefill?.link ? { initial_value: o.prefill.link } : {}) }, { optional: true }),
      notAboutAPersonInput(locale),
    ],
  };
}

/** The date of a decision taken at once (a collaboration group's), today by default. */
export function decidedOnInput(locale: Locale, today: string, initial?: string): Block {
  return input(locale, 'decided_on', { type: 'datepicker', initial_date: initial ?? today }, { hint: t(locale, 'decisions.form.hint.decided_on') });
}

/**
 * The form after the member picked another group: the date comes or goes with the group's kind,
 * everything else stays as it is (Slack keeps what was typed in blocks whose ids stay the same).
 */
export function withDateFor(locale: Locale, view: Block, kind: 'STEERING' | 'COLLABORATION', today: string): Block[] {
  const blocks = (view.blocks as Block[]).filter((b) => b.block_id !== 'decided_on');
  if (kind === 'STEERING') return blocks;
  const at = blocks.findIndex((b) => b.block_id === 'group');
  const typed = view.state?.values?.decided_on?.decided_on?.selected_date as string | undefined;
  return [...blocks.slice(0, at + 1), decidedOnInput(locale, today, typed), ...blocks.slice(at + 1)];
}

/** Shown in place of the form once it is saved. */
export function decisionDoneView(locale: Locale, text: string, titleKey: 'decisions.form.done.title' | 'decisions.withdraw.notDoneTitle' = 'decisions.form.done.title'): Block {
  // Nothing is left to cancel: the only button closes the receipt.
  return { type: 'modal', title: plain(t(locale, titleKey)), close: plain(t(locale, 'decisions.form.ok')), blocks: [section(text)] };
}

export function objectionView(locale: Locale, d: { id: string; reference: string; title: string }): Block {
  return {
    type: 'modal',
    callback_id: VIEW_OBJECTION,
    private_metadata: d.id,
    title: plain(t(locale, 'decisions.objection.title')),
    submit: plain(t(locale, 'decisions.objection.submit')),
    close: plain(t(locale, 'decisions.form.close')),
    blocks: [
      section(t(locale, 'decisions.objection.intro', { reference: d.reference, title: escapeMrkdwn(d.title) })),
      {
        type: 'input',
        block_id: OBJECTION_REASON,
        label: plain(t(locale, 'decisions.objection.label')),
        hint: privacyHint(locale),
        element: { type: 'plain_text_input', action_id: OBJECTION_REASON, multiline: true, max_length: 1000 },
      },
      notAboutAPersonInput(locale),
    ],
  };
}

/** The chair's "are you sure?" before a proposal is withdrawn; opened only for someone who may. */
export function withdrawConfirmView(locale: Locale, d: { id: string; reference: string; title: string }): Block {
  return confirmModal({
    callbackId: VIEW_WITHDRAW,
    privateMetadata: d.id,
    title: t(locale, 'decisions.confirm.withdraw.title'),
    yes: t(locale, 'decisions.confirm.withdraw.yes'),
    no: t(locale, 'decisions.confirm.withdraw.no'),
    lines: [t(locale, 'decisions.confirm.withdraw.text', { reference: d.reference, title: escapeMrkdwn(d.title) })],
  });
}
