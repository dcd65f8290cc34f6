/* eslint-disable @typescript-eslint/no-explicit-any */
import { validateMessageBlocks, validateView } from '../../src/slack/fake/blocks.ts';

/**
 * Every reason Slack would refuse a message or a modal: the fake Slack's own checks (text
 * lengths, blocks, options, ids) and what it does not look at (confirmations, radio and checkbox
 * counts, context texts, a message's text, input lengths).
 */
export function blockKitProblems(kind: 'message' | 'modal', payload: any): string[] {
  const problems: string[] = [];
  try {
    if (kind === 'message') validateMessageBlocks(payload.blocks);
    else validateView(payload, 'modal');
  } catch (err) {
    problems.push(...((err as any).data?.response_metadata?.messages ?? [String(err)]));
  }
  if (kind === 'message' && (typeof payload.text !== 'string' || payload.text.length === 0 || payload.text.length > 4000)) problems.push('text: missing or over 4000 characters');
  const walk = (v: any, path: string): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}/${i}`));
    if (!v || typeof v !== 'object') return;
    if (v.type === 'context') v.elements?.forEach((e: any, i: number) => e.text?.length > 3000 && problems.push(`${path}/elements/${i}: over 3000 characters`));
    if (v.type === 'radio_buttons' && v.options?.length > 10) problems.push(`${path}: more than 10 radio buttons`);
    if (v.type === 'checkboxes' && v.options?.length > 10) problems.push(`${path}: more than 10 checkboxes`);
    if (v.type === 'plain_text_input' && (v.max_length > 3000 || (v.initial_value ?? '').length > (v.max_length ?? 3000))) problems.push(`${path}: text input over its length`);
    if (v.placeholder?.text?.length > 150) problems.push(`${path}: placeholder over 150 characters`);
    if (v.confirm) {
      const c = v.confirm;
      if (!(c.title?.text?.length <= 100 && c.text?.text?.length <= 300 && c.confirm?.text?.length <= 30 && c.deny?.text?.length <= 30)) problems.push(`${path}/confirm: over its limits`);
    }
    for (const [k, x] of Object.entries(v)) if (k !== 'confirm') walk(x, `${path}/${k}`);
  };
  walk(kind === 'message' ? payload.blocks : payload.blocks, kind === 'message' ? '/blocks' : '/view/blocks');
  return problems;
}
