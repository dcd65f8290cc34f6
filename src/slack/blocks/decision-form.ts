import type { DecisionField } from '../../domain/decisions/index.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { OBJECTION_REASON, VIEW_FORM, VIEW_OBJECTION } from '../decisions/ids.ts';
import { escapeMrkdwn, plain, section, truncate, type Block } from './kit.ts';

export interface FormOptions {
  groups: Array<{ id: string; name: string }>;
  groupId?: string;
  parties: Array<{ id: string; name: string }>;
  today: string;
  prefill?: { title?: string; body?: string; link?: string };
  supersedes?: { reference: string; title: string };
  privateMetadata: string;
}

const option = (text: string, value: string) => ({ text: plain(truncate(text, 75)), value });

function input(locale: Locale, field: DecisionField, element: Block, opts: { optional?: boolean; hint?: string } = {}): Block {
  return {
    type: 'input',
    block_id: field,
    label: plain(t(locale, `decisions.form.label.${field}`)),
    element: { ...element, action_id: field },
    ...(opts.optional ? { optional: true } : {}),
    ...(opts.hint ? { hint: plain(opts.hint) } : {}),
  };
}

/** The form of `/beslut`, the message shortcut and the "supersede" button. Block ids are the field names. */
export function decisionFormView(locale: Locale, o: FormOptions): Block {
  const groupOptions = o.groups.map((g) => option(g.name, g.id));
  const selected = groupOptions.find((x) => x.value === o.groupId) ?? (groupOptions.length === 1 ? groupOptions[0] : undefined);
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
      input(locale, 'group', { type: 'static_select', options: groupOptions, ...(selected ? { initial_option: selected } : {}) }),
      input(locale, 'decided_on', { type: 'datepicker', initial_date: o.today }, { hint: t(locale, 'decisions.form.hint.decided_on') }),
      input(locale, 'background', text(undefined, 3000, true), { optional: true }),
      input(locale, 'responsible_party', { type: 'static_select', options: o.parties.map((p) => option(p.name, p.id)) }, { optional: true }),
      input(locale, 'responsible_person', { type: 'users_select' }, { optional: true }),
      input(locale, 'follow_up', { type: 'datepicker' }, { optional: true, hint: t(locale, 'decisions.form.hint.follow_up') }),
      input(locale, 'link', { type: 'url_text_input', ...(o.prefill?.link ? { initial_value: o.prefill.link } : {}) }, { optional: true }),
    ],
  };
}

/** Shown in place of the form once it is saved. */
export function decisionDoneView(locale: Locale, text: string): Block {
  return { type: 'modal', title: plain(t(locale, 'decisions.form.done.title')), close: plain(t(locale, 'decisions.form.close')), blocks: [section(text)] };
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
        element: { type: 'plain_text_input', action_id: OBJECTION_REASON, multiline: true, max_length: 1000 },
      },
    ],
  };
}
