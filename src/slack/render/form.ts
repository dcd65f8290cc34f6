import type { Form, FormElement, Input, Receipt } from '../../conversation/form.ts';
import { option, plainText, sections, type Block } from './card.ts';
import { shorten, SLACK_LIMITS as L } from './limits.ts';
import { mrkdwn, type RenderEnv } from './mrkdwn.ts';

function inputElement(i: Input): Block {
  switch (i.type) {
    case 'text':
      if (i.url) return { type: 'url_text_input', ...(i.initial ? { initial_value: i.initial } : {}) };
      {
        const max = Math.min(i.maxLength ?? L.textInputMax, L.textInputMax);
        return { type: 'plain_text_input', max_length: max, ...(i.multiline ? { multiline: true } : {}), ...(i.initial ? { initial_value: shorten(i.initial, max) } : {}) };
      }
    case 'number':
      return {
        type: 'number_input',
        is_decimal_allowed: false,
        ...(i.min !== undefined ? { min_value: String(i.min) } : {}),
        ...(i.max !== undefined ? { max_value: String(i.max) } : {}),
        ...(i.initial !== undefined ? { initial_value: String(i.initial) } : {}),
      };
    case 'date':
      return { type: 'datepicker', ...(i.initial ? { initial_date: i.initial } : {}) };
    case 'time':
      return { type: 'timepicker', ...(i.initial ? { initial_time: i.initial } : {}) };
    case 'member':
      return { type: 'users_select', ...(i.initial ? { initial_user: i.initial } : {}) };
    case 'select': {
      const radio = i.style === 'radio' && i.options.length <= L.radioOptions;
      const options = i.options.slice(0, L.options).map(option);
      const initial = options.find((o) => o.value === i.initial);
      return { type: radio ? 'radio_buttons' : 'static_select', options, ...(initial ? { initial_option: initial } : {}) };
    }
    case 'multiselect':
    case 'checkboxes': {
      // More boxes than Slack draws become a multi-select: every choice stays on offer.
      const boxes = i.type === 'checkboxes' && i.options.length <= L.checkboxOptions;
      const options = i.options.slice(0, L.options).map(option);
      const initial = options.filter((o) => i.initial?.includes(o.value));
      return { type: boxes ? 'checkboxes' : 'multi_static_select', options, ...(initial.length ? { initial_options: initial } : {}) };
    }
  }
}

/** One input of a form as a Slack input block, its block id and action id the field's name. */
export function renderInput(e: Input): Block {
  const id = shorten(e.id, L.blockId);
  return {
    type: 'input',
    block_id: id,
    label: plainText(e.label, L.inputLabel),
    element: { ...inputElement(e), action_id: id },
    ...(e.optional ? { optional: true } : {}),
    ...(e.redraws ? { dispatch_action: true } : {}),
    ...(e.hint ? { hint: plainText(e.hint, L.inputHint) } : {}),
  };
}

function blocksOf(e: FormElement, env: RenderEnv, error?: string): Block[] {
  if (e.kind === 'text') return sections(mrkdwn(e.text, env));
  const input = renderInput(e);
  // A form drawn again with its errors (Slack's own error answer is `slackErrors`).
  return error ? [input, { type: 'context', elements: [{ type: 'mrkdwn', text: shorten(`:warning: ${error}`, L.sectionText) }] }] : [input];
}

/** A form as a Slack modal. Beyond 100 blocks its texts go first, then the last inputs. */
export function renderForm(f: Form, env: RenderEnv): Block {
  if ((f.metadata ?? '').length > L.privateMetadata) throw new Error(`form ${f.id}: private metadata over ${L.privateMetadata} characters`);
  let blocks = f.body.flatMap((e) => blocksOf(e, env, e.kind === 'input' ? f.errors?.[e.id] : undefined));
  if (blocks.length > L.viewBlocks) blocks = blocks.filter((b) => b.type === 'input').slice(0, L.viewBlocks);
  return {
    type: 'modal',
    callback_id: shorten(f.id, L.callbackId),
    title: plainText(f.title, L.viewTitle),
    ...(f.submit !== undefined ? { submit: plainText(f.submit, L.viewButton) } : {}),
    close: plainText(f.close, L.viewButton),
    private_metadata: f.metadata ?? '',
    blocks,
  };
}

/** What a submitted form turns into: its receipt in the same modal. */
export function renderReceipt(r: Receipt, env: RenderEnv): Block {
  return { type: 'modal', title: plainText(r.title, L.viewTitle), close: plainText(r.close, L.viewButton), blocks: sections(mrkdwn(r.text, env)).slice(0, L.viewBlocks) };
}

/** Per-field errors as Slack's answer to a submission; the form keeps everything typed. */
export const slackErrors = (errors: Record<string, string>) => ({ response_action: 'errors' as const, errors });
