import type { PartyAppendix } from '../../domain/agreement/appendices.ts';
import { LIMITS } from '../../domain/agreement/appendices.ts';
import { formatDate, t, type Locale, type MessageKey } from '../../i18n/index.ts';
import { VIEW_APPENDIX_CHANGE } from '../agreement/ids.ts';
import { context, escapeMrkdwn, header, plain, section, truncate, type Block, type RenderedMessage } from './kit.ts';
import { notAboutAPersonInput, privacyHint } from './privacy.ts';
import type { Renderers } from './renderers.ts';

/** "1 januari 2026" for a date "2026-01-01" (a calendar date: no time zone applies). */
export const day = (locale: Locale, iso: string) => formatDate(locale, new Date(`${iso}T12:00:00Z`), 'UTC');

/** `/samverkan bilagor`: each party's current appendix, and its history with the decision behind each change. */
export function appendixListMessage(locale: Locale, list: PartyAppendix[]): RenderedMessage {
  const title = t(locale, 'appendices.list.title');
  if (list.length === 0) return { text: `${title}\n${t(locale, 'appendices.list.empty')}`, blocks: [header(title), section(t(locale, 'appendices.list.empty'))] };
  const blocks: Block[] = [header(title)];
  const lines: string[] = [title];
  for (const a of list) {
    const c = a.current;
    const current = t(locale, 'appendices.list.current', { party: escapeMrkdwn(a.partyName), title: escapeMrkdwn(c.title), version: escapeMrkdwn(c.version), validFrom: day(locale, c.validFrom), link: c.link });
    const history = a.history.map((v) =>
      `• ${v.decisionReference ? t(locale, 'appendices.list.fromDecision', { version: escapeMrkdwn(v.version), validFrom: day(locale, v.validFrom), reference: v.decisionReference }) : t(locale, 'appendices.list.fromFile', { version: escapeMrkdwn(v.version), validFrom: day(locale, v.validFrom) })}`,
    );
    const parts = [current, ...(a.pending ? [t(locale, 'appendices.list.pending', { proposal: a.pending })] : []), `${t(locale, 'appendices.list.historyTitle')}\n${history.join('\n')}`];
    blocks.push(section(parts.join('\n')));
    lines.push(parts.join('\n'));
  }
  blocks.push(context(t(locale, 'appendices.list.howToChange')));
  return { text: lines.join('\n'), blocks };
}

const text = (max: number, o: { initial?: string; multiline?: boolean } = {}) => ({
  type: 'plain_text_input',
  max_length: max,
  ...(o.multiline ? { multiline: true } : {}),
  ...(o.initial ? { initial_value: truncate(o.initial, max) } : {}),
});

function input(locale: Locale, field: string, element: Block, hint = false): Block {
  const own = hint ? t(locale, `appendices.form.hint.${field}` as MessageKey) : undefined;
  return {
    type: 'input',
    block_id: field,
    label: plain(t(locale, `appendices.form.label.${field}` as MessageKey)),
    element: { ...element, action_id: field },
    ...(element.type === 'plain_text_input' ? { hint: privacyHint(locale, own) } : own ? { hint: plain(own) } : {}),
  };
}

/** The form of `/samverkan bilaga ändra <part>`: prefilled with the current title. */
export function appendixChangeView(locale: Locale, a: PartyAppendix, today: string, privateMetadata: string): Block {
  const c = a.current;
  return {
    ...agreementForm(locale, VIEW_APPENDIX_CHANGE, 'appendices'),
    private_metadata: privateMetadata,
    blocks: [
      section(t(locale, 'appendices.form.intro', { party: escapeMrkdwn(a.partyName), title: escapeMrkdwn(c.title), version: escapeMrkdwn(c.version), validFrom: day(locale, c.validFrom) })),
      input(locale, 'title', text(LIMITS.title, { initial: c.title })),
      input(locale, 'version', text(LIMITS.version)),
      input(locale, 'valid_from', { type: 'datepicker', initial_date: today }),
      input(locale, 'link', text(LIMITS.link), true),
      input(locale, 'changes', text(LIMITS.changes, { multiline: true })),
      notAboutAPersonInput(locale),
    ],
  };
}

/** A form of the agreement's features: its callback and its catalogue's title, submit and close words. */
export const agreementForm = (locale: Locale, callbackId: string, catalogue: 'appendices' | 'agreement') => ({
  type: 'modal',
  callback_id: callbackId,
  title: plain(truncate(t(locale, `${catalogue}.form.title`), 24)),
  submit: plain(t(locale, `${catalogue}.form.submit`)),
  close: plain(t(locale, `${catalogue}.form.close`)),
});

/** What a form turns into once sent: its title, a close button and what was done. */
export const doneModal = (title: string, close: string, message: string): Block => ({
  type: 'modal',
  title: plain(truncate(title, 24)),
  close: plain(close),
  blocks: [section(message)],
});

export const appendixDoneView = (locale: Locale, message: string): Block => doneModal(t(locale, 'appendices.form.doneTitle'), t(locale, 'appendices.form.closeDone'), message);

export const appendixRenderers: Renderers = {
  'appendix.changed': (d: { party: string; title: string; version: string; validFrom: string; link: string; reference: string }, env) => {
    const text = t(env.locale, 'appendices.changed', { party: escapeMrkdwn(d.party), title: escapeMrkdwn(d.title), version: escapeMrkdwn(d.version), validFrom: day(env.locale, d.validFrom), link: d.link, reference: d.reference });
    return { text, blocks: [section(text)] };
  },
};
