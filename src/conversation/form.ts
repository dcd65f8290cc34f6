import type { Markup } from './markup.ts';
import type { Option } from './card.ts';

/**
 * A form a person fills in (a Slack modal, a Teams dialog). Its id routes the submission; each
 * input's id is the field name under which the adapter's reader returns the value, and under
 * which a per-field error is shown.
 */
export interface Form {
  id: string;
  title: string;
  submit?: string;
  close: string;
  /** Text above the inputs, and elsewhere between them. */
  body: FormElement[];
  /** Opaque to the platform; given back with the submission. */
  metadata?: string;
  /** Per-field errors to show under their fields (a platform without an error answer draws the form again). */
  errors?: Record<string, string>;
}

export type FormElement = { kind: 'text'; text: Markup } | Input;

interface InputBase {
  kind: 'input';
  id: string;
  label: string;
  hint?: string;
  /** The platform writes its own "(optional)" marker; the catalogue never does. */
  optional?: boolean;
  /** Changing it draws the form again (what is asked depends on it; Slack: `dispatch_action`). */
  redraws?: boolean;
}

/** What kind of value an input takes; dates are `yyyy-mm-dd`, times `HH:mm`, members their chat identity. */
export type InputType =
  | { type: 'text'; multiline?: boolean; maxLength?: number; initial?: string; url?: boolean }
  | { type: 'number'; min?: number; max?: number; initial?: number }
  | { type: 'date'; initial?: string }
  | { type: 'time'; initial?: string }
  | { type: 'select'; options: Option[]; initial?: string; style?: 'list' | 'radio' }
  | { type: 'multiselect'; options: Option[]; initial?: string[] }
  | { type: 'member'; initial?: string }
  | { type: 'checkboxes'; options: Option[]; initial?: string[] };

export type Input = InputBase & InputType;

/** A form's answer: nothing to fill in, just what happened and a way to close it. */
export interface Receipt {
  title: string;
  close: string;
  text: Markup;
}

/** A form's inputs, by field name (to check that an error names a field the form has). */
export const fieldsOf = (f: Form): string[] => f.body.flatMap((e) => (e.kind === 'input' ? [e.id] : []));
