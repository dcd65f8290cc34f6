import { describe, expect, it } from 'vitest';
import { allMessages, format, pluralCategory, t } from '../src/i18n/index.ts';

// `{name}` and the argument of `{name, plural, …}`; `#` inside a plural branch is the count itself.
const placeholders = (s: string) => [...new Set([...s.replace(/(?:zero|one|two|few|many|other|=\d+)\s*\{/g, '(').matchAll(/\{(\w+)(?:\}|,\s*plural,)/g)].map((m) => m[1]))].sort();

describe('the message catalogue', () => {
  const sv = allMessages('sv');
  const en = allMessages('en');

  it('has every key in Swedish and English with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
    const missingEn = Object.keys(sv).filter((k) => !(k in en));
    expect(missingEn).toEqual([]);
    const mismatched = Object.keys(sv).filter((k) => placeholders(sv[k]!).join() !== placeholders(en[k]!).join());
    expect(mismatched).toEqual([]);
    const empty = Object.keys(sv).filter((k) => !sv[k]!.trim() || !en[k]!.trim());
    expect(empty).toEqual([]);
  });

  it('never writes the optional marker itself: Slack adds "(valfritt)"/"(optional)" to an optional field', () => {
    const marked = Object.entries({ ...prefixed('sv', sv), ...prefixed('en', en) }).filter(([, s]) => /\((valfri|valfritt|optional)\)/i.test(s));
    expect(marked.map(([k]) => k)).toEqual([]);
  });

  it('shows English sub-commands in English ("/rotation swap", not "/rotation byt")', () => {
    const swedish = /\/(rotation (byt|hoppa|möte|extramöte|protokoll|ordning|hjälp)|beslut (lista|sök|hjälp)|statistik (rapport|hjälp)|eskalera (lista|återta|hjälp)|samverkan (hjälp|språk|admin (visa|lägg-till|inaktivera)))(?=[\s`<\[\].,;:)*_|]|$)/;
    const inSwedish = Object.entries(en).filter(([, s]) => swedish.test(s));
    expect(inSwedish.map(([k]) => k)).toEqual([]);
  });

  it('asks for numbers as "tal"/"heltal", never as a "siffra" (a single digit)', () => {
    const digits = Object.entries(sv).filter(([, s]) => /\ben siffra\b|\bsiffran\b/i.test(s));
    expect(digits.map(([k]) => k)).toEqual([]);
  });

  it('writes every count with a plural form, never "{count} träffar" or "1 personer"', () => {
    // Every count parameter is 1; other parameters are words. Keys named `.one`/`.other` choose their form in code.
    const ones = (n: number) => new Proxy({}, { get: (_t, k) => (COUNTS.has(String(k)) ? n : 'X'), has: () => true }) as Record<string, number | string>;
    const samples = [0, 1, 2, 5, 21];
    const bad: string[] = [];
    for (const [key, s] of Object.entries(sv).filter(([k]) => !/\.(one|other)$/.test(k))) {
      for (const n of samples) {
        const text = format('sv', s, ones(n));
        if (/(^|\D)1 (träffar|personer|kommuner|rapporter|ledamöter|dagar|beslut har)/.test(text)) bad.push(`${key}: ${text}`);
      }
    }
    for (const [key, s] of Object.entries(en).filter(([k]) => !/\.(one|other)$/.test(k))) {
      const text = format('en', s, ones(1));
      if (/(^|\D)1 (matches|people|municipalities|reports|members|days|decisions)\b/.test(text)) bad.push(`${key}: ${text}`);
    }
    expect(bad).toEqual([]);
  });

  it('fills placeholders and keeps unknown ones visible', () => {
    expect(t('sv', 'core.admin.error.unknownMember', { user: 'U1' })).toBe('<@U1> är inte medlem i partnerskapet.');
    expect(t('en', 'core.admin.error.unknownMember', { user: 'U1' })).toBe('<@U1> is not a member of the partnership.');
    expect(t('sv', 'core.admin.error.unknownMember')).toContain('{user}');
  });
});

const COUNTS = new Set(['count', 'total', 'members', 'days', 'weeks', 'reported', 'n', 'max']);

function prefixed(locale: string, m: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [`${locale}:${k}`, v]));
}

describe('plural forms (Intl.PluralRules)', () => {
  it('chooses "one" for 1 and "other" for 0 and many, in Swedish and English', () => {
    expect(pluralCategory('sv', 1)).toBe('one');
    expect(pluralCategory('sv', 0)).toBe('other');
    expect(pluralCategory('sv', 2)).toBe('other');
    expect(pluralCategory('en', 1)).toBe('one');
    expect(pluralCategory('en', 21)).toBe('other');
  });

  it('writes a search result count the way each language does', () => {
    expect(t('sv', 'decisions.list.count', { count: 1, filters: '' })).toBe('1 träff.');
    expect(t('sv', 'decisions.list.count', { count: 0, filters: '' })).toBe('0 träffar.');
    expect(t('sv', 'decisions.list.count', { count: 3, filters: '' })).toBe('3 träffar.');
    expect(t('en', 'decisions.list.count', { count: 1, filters: '' })).toBe('1 match.');
    expect(t('en', 'decisions.list.count', { count: 2, filters: '' })).toBe('2 matches.');
  });

  it('tells a swap proposal sent to one person and to several', () => {
    const p = { to: 'SOF', duty: 'dokumentationen', date: '1 mars', theirDate: '8 mars' };
    expect(t('sv', 'rotation.swap.proposed', { ...p, count: 1 })).toContain('(1 person)');
    expect(t('sv', 'rotation.swap.proposed', { ...p, count: 3 })).toContain('(3 personer)');
    expect(t('en', 'rotation.swap.proposed', { ...p, count: 1 })).toContain('(1 person)');
    expect(t('en', 'rotation.swap.proposed', { ...p, count: 3 })).toContain('(3 people)');
  });

  it('says a party with one municipality is done without "1 av 1 kommuner"', () => {
    expect(t('sv', 'statistics.status.done', { party: 'BOJ', count: 1 })).toBe('✅ *BOJ*: klart för 1 av 1 kommun');
    expect(t('sv', 'statistics.status.done', { party: 'BOJ', count: 8 })).toBe('✅ *BOJ*: klart för alla 8 kommuner');
    expect(t('sv', 'statistics.status.partial', { party: 'BOJ', reported: 0, count: 1, missing: 'Åre' })).toContain('0 av 1 kommun.');
    expect(t('en', 'statistics.report.missing', { count: 1 })).toContain('1 report for an ended quarter is still missing');
  });

  it('takes an exact match before the category, and other placeholders inside a branch', () => {
    expect(format('sv', '{n, plural, =0 {inga {what}} one {# {what}} other {# {what}er}}', { n: 0, what: 'rad' })).toBe('inga rad');
    expect(format('sv', '{n, plural, =0 {inga} one {# rad} other {# rader}} kvar', { n: 2 })).toBe('2 rader kvar');
    expect(t('sv', 'rotation.schedule.everyWeeks', { weeks: 2, weekday: 'torsdag', time: '09:00', starting: '15 jan' })).toMatch(/^varannan vecka på torsdag/);
  });

  it('keeps a plural with a missing count visible rather than guessing', () => {
    expect(format('sv', '{n, plural, one {# rad} other {# rader}}', {})).toBe('{n, plural, one {# rad} other {# rader}}');
  });
});
