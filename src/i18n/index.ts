import core from './messages/core.ts';
import decisions from './messages/decisions.ts';
import statistics from './messages/statistics.ts';
import rotation from './messages/rotation.ts';
import escalations from './messages/escalations.ts';
import local from './messages/local.ts';
import upload from './messages/upload.ts';
import calendar from './messages/calendar.ts';
import appendices from './messages/appendices.ts';
import grants from './messages/grants.ts';
import agreement from './messages/agreement.ts';
import followup from './messages/followup.ts';
import documents from './messages/documents.ts';

// Each feature adds its catalogue here.
const catalogues = [core, decisions, rotation, statistics, escalations, local, upload, calendar, appendices, grants, agreement, followup, documents] as const;

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

/**
 * Looks up a message and fills `{name}` placeholders. A count takes the ICU plural form
 * `{count, plural, one {# träff} other {# träffar}}` (also `=0 {…}`), chosen by Intl.PluralRules;
 * `#` is the number, and branches may hold other placeholders.
 */
export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  return format(locale, merged[locale][key] ?? merged.sv[key] ?? key, params);
}

const pluralRules: Record<Locale, Intl.PluralRules> = { sv: new Intl.PluralRules('sv-SE'), en: new Intl.PluralRules('en-GB') };

/** The plural category of a number in a language ("one", "other"). */
export function pluralCategory(locale: Locale, n: number): Intl.LDMLPluralRule {
  return pluralRules[locale].select(n);
}

export function format(locale: Locale, template: string, params: Params = {}): string {
  let out = '';
  let i = 0;
  for (;;) {
    const head = /\{(\w+),\s*plural,/.exec(template.slice(i));
    if (!head) return out + fill(template.slice(i), params);
    const start = i + head.index;
    out += fill(template.slice(i, start), params);
    const end = matchingBrace(template, start);
    const name = head[1]!;
    const value = params[name];
    const branches = parseBranches(template.slice(start + head[0].length, end));
    const n = typeof value === 'number' ? value : Number(value);
    if (value === undefined || Number.isNaN(n) || !branches.other) {
      out += template.slice(start, end + 1); // a missing count stays visible, as a missing placeholder does
    } else {
      const branch = branches[`=${n}`] ?? branches[pluralCategory(locale, n)] ?? branches.other;
      out += format(locale, branch.replace(/#/g, String(value)), params);
    }
    i = end + 1;
  }
}

function fill(s: string, params: Params): string {
  return s.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    if (s[j] === '{') depth++;
    else if (s[j] === '}' && --depth === 0) return j;
  }
  throw new Error(`unbalanced braces in message: ${s}`);
}

function parseBranches(body: string): Record<string, string> {
  const branches: Record<string, string> = {};
  let j = 0;
  while (j < body.length) {
    const m = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(body.slice(j));
    if (!m) break;
    const open = j + m[0].length - 1;
    const close = matchingBrace(body, open);
    branches[m[1]!] = body.slice(open + 1, close);
    j = close + 1;
  }
  return branches;
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
