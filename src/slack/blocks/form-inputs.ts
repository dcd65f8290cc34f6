import { t, type Locale, type MessageKey } from '../../i18n/index.ts';
import { plain, truncate, type Block } from './kit.ts';
import { notAboutAPersonInput, privacyHint } from './privacy.ts';

export const option = (text: string, value: string) => ({ text: plain(truncate(text, 75)), value });

export const textElement = (max: number, o: { initial?: string; multiline?: boolean } = {}) => ({
  type: 'plain_text_input',
  max_length: max,
  ...(o.multiline ? { multiline: true } : {}),
  ...(o.initial ? { initial_value: truncate(o.initial, max) } : {}),
});

/**
 * An input whose block id and action id are the field name, so a field error lands on it; its
 * label is `<words>.label.<field>` and, with `hint`, its hint `<words>.hint.<field>`. Free text
 * also says what never to write.
 */
export function formInput(locale: Locale, words: string, field: string, element: Block, opts: { optional?: boolean; hint?: boolean } = {}): Block {
  const own = opts.hint ? t(locale, `${words}.hint.${field}` as MessageKey) : undefined;
  const freeText = element.type === 'plain_text_input' || element.type === 'url_text_input';
  return {
    type: 'input',
    block_id: field,
    label: plain(t(locale, `${words}.label.${field}` as MessageKey)),
    element: { ...element, action_id: field },
    ...(opts.optional ? { optional: true } : {}),
    ...(freeText ? { hint: privacyHint(locale, own) } : own ? { hint: plain(own) } : {}),
  };
}

/** A form: every one with free text can say, when asked, that a text is not about a person supported. */
export function formModal(o: { locale: Locale; callbackId: string; title: string; submit: string; close: string; blocks: Block[]; privateMetadata?: string }): Block {
  return {
    type: 'modal',
    callback_id: o.callbackId,
    title: plain(truncate(o.title, 24)),
    submit: plain(o.submit),
    close: plain(o.close),
    private_metadata: o.privateMetadata ?? '',
    blocks: o.blocks.some((b) => b.element?.type === 'plain_text_input') ? [...o.blocks, notAboutAPersonInput(o.locale)] : o.blocks,
  };
}
