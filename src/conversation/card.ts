import type { Markup } from './markup.ts';

/**
 * A message in the product's own words: what it says and what can be done with it. Each
 * platform's renderer draws it (Block Kit, Adaptive Cards) and keeps within the platform's limits.
 */
export interface Card {
  /** Plain words, shown large at the top. */
  heading?: string;
  body: CardElement[];
  /** What a notification or a screen reader says; by default the heading, else the first text. */
  summary?: Markup;
}

export type CardElement =
  | { kind: 'text'; text: Markup }
  | { kind: 'facts'; facts: Array<{ name: string; value: Markup }> }
  | { kind: 'context'; lines: Markup[] }
  | { kind: 'divider' }
  | { kind: 'actions'; id?: string; actions: Action[] };

export type Action = Button | Select;

/** A button names an intent (routed by the adapter to one listener) and carries a payload for it. */
export interface Button {
  kind: 'button';
  intent: string;
  label: string;
  payload?: string;
  style?: 'primary' | 'danger';
  confirm?: Confirmation;
}

export interface Select {
  kind: 'select';
  intent: string;
  placeholder: string;
  options: Option[];
  initial?: string;
}

export interface Option {
  label: string;
  value: string;
}

/** "Are you sure?" before a button acts. */
export interface Confirmation {
  title: string;
  text: Markup;
  yes: string;
  no: string;
}

export const text = (m: Markup): CardElement => ({ kind: 'text', text: m });
export const context = (...lines: Markup[]): CardElement => ({ kind: 'context', lines });
export const divider = (): CardElement => ({ kind: 'divider' });
export const actions = (list: Action[], id?: string): CardElement => ({ kind: 'actions', actions: list, ...(id ? { id } : {}) });
export const button = (intent: string, label: string, payload?: string, style?: Button['style']): Button => ({
  kind: 'button',
  intent,
  label,
  ...(payload !== undefined ? { payload } : {}),
  ...(style ? { style } : {}),
});

/** A card of one text, and buttons under it if any. */
export function note(m: Markup, buttons: Button[] = []): Card {
  return { body: [text(m), ...(buttons.length ? [actions(buttons)] : [])] };
}
