import type { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';

/** Reads the private metadata the bot put on its own form; an altered one is refused in words. */
export function parseMetadata<T>(schema: z.ZodType<T>, raw: string | undefined): T {
  let json: unknown = {};
  try {
    json = raw ? JSON.parse(raw) : {};
  } catch {
    throw new DomainError('core.error.malformed');
  }
  const r = schema.safeParse(json);
  if (!r.success) throw new DomainError('core.error.malformed');
  return r.data;
}

// PostgreSQL stores no NUL character, and no text is valid with half of a surrogate pair.
const UNSAVABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const cannotBeSaved = (text: string): boolean => UNSAVABLE.test(text);

/** Whether any string inside `value` holds a character that cannot be saved. */
export function holdsUnsavable(value: unknown): boolean {
  if (typeof value === 'string') return cannotBeSaved(value);
  if (Array.isArray(value)) return value.some(holdsUnsavable);
  if (value && typeof value === 'object') return Object.values(value).some(holdsUnsavable);
  return false;
}

/** The block ids of a view's state whose typed or picked values hold a character that cannot be saved. */
export function unsavableFields(values: Record<string, Record<string, unknown>> | undefined): string[] {
  return Object.entries(values ?? {}).filter(([, elements]) => holdsUnsavable(elements)).map(([blockId]) => blockId);
}
