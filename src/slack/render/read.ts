import type { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
/** A submitted form or a clicked button, flat: field name → what was typed or picked. */
export type Fields = Record<string, string | string[] | undefined>;

/** What one Block Kit element holds: a string, a list (multi-selects, checkboxes), or nothing when left empty. */
function valueOf(el: Record<string, any> | undefined): string | string[] | undefined {
  if (!el) return undefined;
  if (Array.isArray(el.selected_options)) return el.selected_options.map((o: { value: string }) => o.value);
  for (const list of ['selected_users', 'selected_conversations', 'selected_channels']) if (Array.isArray(el[list])) return el[list];
  const raw = el.value ?? el.selected_option?.value ?? el.selected_date ?? el.selected_time ?? el.selected_date_time ?? el.selected_user ?? el.selected_conversation ?? el.selected_channel;
  const s = typeof raw === 'number' ? String(raw) : raw;
  return typeof s === 'string' && s.trim() !== '' ? s : undefined;
}

/**
 * A view submission's `state.values` as one record. The renderer names each input's block and
 * element after the field, so the block id is the field (its element of the same name, or its only
 * one); a block of several other elements gives each under its own action id.
 */
export function readState(values: Record<string, Record<string, any>> | undefined): Fields {
  const out: Fields = {};
  for (const [block, elements] of Object.entries(values ?? {})) {
    const entries = Object.entries(elements ?? {});
    const own = elements?.[block] ?? (entries.length === 1 ? entries[0]![1] : undefined);
    if (own !== undefined) out[block] = valueOf(own);
    else for (const [action, el] of entries) if (!(action in out)) out[action] = valueOf(el);
  }
  return out;
}

/** A clicked button or picked option: its intent and payload, and the state of any inputs beside it. */
export function readAction(body: { actions?: Array<Record<string, any>>; state?: { values?: Record<string, Record<string, any>> } }): { intent: string; payload: string; fields: Fields } {
  const a = body.actions?.[0] ?? {};
  return { intent: String(a.action_id ?? ''), payload: String(valueOf(a) ?? ''), fields: readState(body.state?.values) };
}

/** Checks the flat record against the listener's own schema; an altered payload is refused in words. */
export function parseFields<T>(schema: z.ZodType<T>, fields: Fields): T {
  const r = schema.safeParse(fields);
  if (!r.success) throw new DomainError('core.error.malformed');
  return r.data;
}
