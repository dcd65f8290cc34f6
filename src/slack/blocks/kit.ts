// Small Block Kit builders shared by every card and modal.
/* eslint-disable @typescript-eslint/no-explicit-any */
export type Block = Record<string, any>;

export const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 3000), emoji: true });
export const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text: truncate(text, 3000) });

export const header = (text: string): Block => ({ type: 'header', text: plain(truncate(text, 150)) });
export const section = (text: string, accessory?: Block): Block => ({ type: 'section', text: mrkdwn(text), ...(accessory ? { accessory } : {}) });
export const fields = (items: string[]): Block => ({ type: 'section', fields: items.slice(0, 10).map((f) => mrkdwn(truncate(f, 2000))) });
export const context = (...texts: string[]): Block => ({ type: 'context', elements: texts.slice(0, 10).map((t) => mrkdwn(t)) });
export const divider = (): Block => ({ type: 'divider' });
export const actions = (blockId: string | undefined, elements: Block[]): Block => ({ type: 'actions', ...(blockId ? { block_id: blockId } : {}), elements });

export const button = (text: string, actionId: string, value?: string, style?: 'primary' | 'danger'): Block => ({
  type: 'button',
  text: plain(truncate(text, 75)),
  action_id: actionId,
  ...(value !== undefined ? { value: truncate(value, 2000) } : {}),
  ...(style ? { style } : {}),
});

/** An "are you sure?" modal: the question in lines, yes and no, and what the answer is about. */
export function confirmModal(o: { callbackId: string; privateMetadata: string; title: string; yes: string; no: string; lines: string[] }): Block {
  return {
    type: 'modal',
    callback_id: o.callbackId,
    private_metadata: o.privateMetadata,
    title: plain(truncate(o.title, 24)),
    submit: plain(o.yes),
    close: plain(o.no),
    blocks: o.lines.map((l) => section(l)),
  };
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Escapes user text for mrkdwn so it cannot ping channels or fake links. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface RenderedMessage {
  text: string;
  blocks?: Block[];
}
