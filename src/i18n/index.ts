import core from './messages/core.ts';
import decisions from './messages/decisions.ts';
import statistics from './messages/statistics.ts';
import rotation from './messages/rotation.ts';
import escalations from './messages/escalations.ts';
import local from './messages/local.ts';
import upload from './messages/upload.ts';

// Each feature adds its catalogue here.
const catalogues = [core, decisions, rotation, statistics, escalations, local, upload] as const;

export type Locale = 'sv' | 'en';
export const LOCALES: readonly Locale[] = ['sv', 'en'];
type Catalogue = (typeof catalogues)[number];
export type MessageKey = Catalogue extends infer C ? (C extends { sv: infer S } ? keyof S & string : never) : never;
export type Params = Record<string, string | number>;

const merged: Record<Locale, Record<string, string>> = { sv: {}, en: {} };
for (const c of catalogues) {
  Object.assign(merged.sv, c.sv);
  Object.assign(merged.en, c.en);
}

export function allMessages(locale: Locale): Readonly<Record<string, string>> {
  return merged[locale];
}

/** Looks up a message and fills `{name}` placeholders. */
export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  const template = merged[locale][key] ?? merged.sv[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function isLocale(v: unknown): v is Locale {
  return v === 'sv' || v === 'en';
}

/** Lists joined the way each language writes them ("a, b och c"). */
export function formatList(locale: Locale, items: string[]): string {
  return new Intl.ListFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { type: 'conjunction' }).format(items);
}

export function formatDate(locale: Locale, date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { timeZone, year: 'numeric', month: 'long', day: 'numeric' }).format(date);
}

export function formatDateTime(locale: Locale, date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    timeZone, year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit',
  }).format(date);
}
