/** Block Kit validation close to what Slack enforces for messages and views. */
import { ApiError, isObj, withMessages } from './types.ts';

const BLOCK_TYPES = new Set(['section', 'header', 'divider', 'context', 'actions', 'input', 'image', 'rich_text', 'file', 'video', 'markdown']);

class Problems {
  readonly list: string[] = [];
  duplicateBlockId = false;
  add(msg: string, ptr: string): void {
    this.list.push(`[ERROR] ${msg} [json-pointer:${ptr}]`);
  }
}

interface TextRule { required?: boolean; plainOnly?: boolean }

function checkText(p: Problems, t: unknown, ptr: string, max: number, rule: TextRule = {}): void {
  if (t === undefined) {
    if (rule.required) p.add('missing required field: text object', ptr);
    return;
  }
  if (!isObj(t) || typeof t.text !== 'string' || (t.type !== 'plain_text' && t.type !== 'mrkdwn')) {
    p.add('must be a text object with type plain_text or mrkdwn and a string text', ptr);
    return;
  }
  if (rule.plainOnly && t.type !== 'plain_text') p.add('must be plain_text', `${ptr}/type`);
  if (t.text.length === 0) p.add('must be more than 0 characters', `${ptr}/text`);
  if (t.text.length > max) p.add(`must be less than ${max + 1} characters`, `${ptr}/text`);
}

function checkElement(p: Problems, el: unknown, ptr: string, actionIds: Set<string>): void {
  if (!isObj(el) || typeof el.type !== 'string') {
    p.add('must be an element object with a type', ptr);
    return;
  }
  if (el.action_id !== undefined) {
    if (typeof el.action_id !== 'string' || el.action_id.length > 255) p.add('must be a string of at most 255 characters', `${ptr}/action_id`);
    else if (actionIds.has(el.action_id)) p.add(`duplicate action_id: ${el.action_id}`, `${ptr}/action_id`);
    else actionIds.add(el.action_id);
  }
  if (el.type === 'button') {
    checkText(p, el.text, `${ptr}/text`, 75, { required: true, plainOnly: true });
    if (typeof el.value === 'string' && el.value.length > 2000) p.add('must be less than 2001 characters', `${ptr}/value`);
  }
  for (const key of ['options', 'initial_options']) {
    const opts = el[key];
    if (opts === undefined) continue;
    if (!Array.isArray(opts) || opts.length > 100) p.add('must be an array of at most 100 items', `${ptr}/${key}`);
    else opts.forEach((o, i) => checkOption(p, o, `${ptr}/${key}/${i}`));
  }
}

function checkOption(p: Problems, o: unknown, ptr: string): void {
  if (!isObj(o)) return p.add('must be an option object', ptr);
  checkText(p, o.text, `${ptr}/text`, 75, { required: true });
  if (typeof o.value === 'string' && o.value.length > 150) p.add('must be less than 151 characters', `${ptr}/value`);
}

function checkBlock(p: Problems, b: Record<string, any>, bp: string): void {
  const ids = new Set<string>(); // action_id is unique per block, as Slack requires
  switch (b.type) {
    case 'section':
      if (b.text === undefined && b.fields === undefined) p.add('must provide text or fields', bp);
      checkText(p, b.text, `${bp}/text`, 3000);
      if (b.fields !== undefined) {
        if (!Array.isArray(b.fields) || b.fields.length > 10) p.add('must be an array of at most 10 items', `${bp}/fields`);
        else b.fields.forEach((f, j) => checkText(p, f, `${bp}/fields/${j}`, 2000, { required: true }));
      }
      if (b.accessory !== undefined) checkElement(p, b.accessory, `${bp}/accessory`, ids);
      break;
    case 'header':
      checkText(p, b.text, `${bp}/text`, 150, { required: true, plainOnly: true });
      break;
    case 'actions':
    case 'context': {
      const max = b.type === 'actions' ? 25 : 10;
      if (!Array.isArray(b.elements) || b.elements.length === 0) p.add('must be a non-empty array', `${bp}/elements`);
      else if (b.elements.length > max) p.add(`must be no more than ${max} items`, `${bp}/elements`);
      else if (b.type === 'actions') b.elements.forEach((el, j) => checkElement(p, el, `${bp}/elements/${j}`, ids));
      break;
    }
    case 'input':
      checkText(p, b.label, `${bp}/label`, 2000, { required: true, plainOnly: true });
      checkText(p, b.hint, `${bp}/hint`, 2000, { plainOnly: true });
      if (b.element === undefined) p.add('missing required field: element', `${bp}/element`);
      else checkElement(p, b.element, `${bp}/element`, ids);
      break;
    case 'image':
      if (typeof b.image_url !== 'string' && !isObj(b.slack_file)) p.add('must provide image_url or slack_file', bp);
      if (typeof b.alt_text !== 'string' || b.alt_text.length > 2000) p.add('must be a string of at most 2000 characters', `${bp}/alt_text`);
      break;
    default:
      break;
  }
}

function checkBlocks(p: Problems, blocks: unknown, max: number, ptr: string): void {
  if (!Array.isArray(blocks)) return p.add('must be an array', ptr);
  if (blocks.length > max) p.add(`must be no more than ${max} items`, ptr);
  const blockIds = new Set<string>();
  blocks.forEach((b: unknown, i) => {
    const bp = `${ptr}/${i}`;
    if (!isObj(b) || typeof b.type !== 'string' || !BLOCK_TYPES.has(b.type)) {
      return p.add(`unsupported block type: ${isObj(b) ? String(b.type) : typeof b}`, `${bp}/type`);
    }
    if (b.block_id !== undefined) {
      if (typeof b.block_id !== 'string' || b.block_id.length > 255) p.add('must be a string of at most 255 characters', `${bp}/block_id`);
      else if (blockIds.has(b.block_id)) {
        p.duplicateBlockId = true;
        p.add(`duplicate block_id: ${b.block_id}`, `${bp}/block_id`);
      } else blockIds.add(b.block_id);
    }
    checkBlock(p, b, bp);
  });
}

/** Throws `invalid_blocks` (with response_metadata.messages) unless `blocks` is valid for a message. */
export function validateMessageBlocks(blocks: unknown): void {
  const p = new Problems();
  checkBlocks(p, blocks, 50, '/blocks');
  if (p.list.length > 0) throw new ApiError('invalid_blocks', { errors: p.list, ...withMessages(p.list) });
}

function checkString(p: Problems, v: unknown, max: number, ptr: string): void {
  if (v !== undefined && (typeof v !== 'string' || v.length > max)) p.add(`must be a string of at most ${max} characters`, ptr);
}

/**
 * Validates a modal or home view. Throws `duplicate_block_id` or `invalid_arguments`
 * (with response_metadata.messages); returns the view object.
 */
export function validateView(view: unknown, expected: 'modal' | 'home'): Record<string, any> {
  if (!isObj(view)) throw new ApiError('invalid_arguments', withMessages(['[ERROR] must provide an object [json-pointer:/view]']));
  const p = new Problems();
  if (view.type !== expected) p.add(`must be ${expected}`, '/view/type');
  if (expected === 'modal') {
    checkText(p, view.title, '/view/title', 24, { required: true, plainOnly: true });
    checkText(p, view.submit, '/view/submit', 24, { plainOnly: true });
    checkText(p, view.close, '/view/close', 24, { plainOnly: true });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b: unknown) => isObj(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) p.add('must provide submit when the view has input blocks', '/view/submit');
  }
  checkString(p, view.callback_id, 255, '/view/callback_id');
  checkString(p, view.external_id, 255, '/view/external_id');
  checkString(p, view.private_metadata, 3000, '/view/private_metadata');
  checkBlocks(p, view.blocks, 100, '/view/blocks');
  if (p.duplicateBlockId) throw new ApiError('duplicate_block_id', withMessages(p.list));
  if (p.list.length > 0) throw new ApiError('invalid_arguments', withMessages(p.list));
  return view;
}
