import { describe, expect, it } from 'vitest';
import { markup, mention, plainText, strong } from '../../src/conversation/markup.ts';
import { allMessages } from '../../src/i18n/index.ts';

describe('the neutral markup of the catalogue', () => {
  it('reads emphasis, mentions, channels, dates and emoji as tokens, whatever the language', () => {
    expect(markup('sv', 'escalations.card.meta', { status: 'öppen', user: 'U1', party: 'BOJ', group: 'Samverkansgruppen', date: '2026-03-10T09:00:00Z' })).toEqual([
      { strong: ['Status:'] },
      ' öppen · eskalerad av ',
      { mention: 'U1' },
      ' (BOJ) från Samverkansgruppen den ',
      { date: '2026-03-10T09:00:00Z' },
    ]);
    expect(markup('en', 'escalations.card.urgent')).toEqual([{ emoji: 'urgent' }, ' ', { strong: ['Urgent'] }]);
    expect(markup('sv', 'escalations.card.link', { link: 'https://x.se/a?b=1&c=2' })).toEqual([{ link: 'https://x.se/a?b=1&c=2', label: ['Diskussionen i samverkansgruppen'] }]);
  });

  it('never reads a token in what a person typed', () => {
    const typed = '<b>nej</b> {user, mention} <emoji name="urgent"/>';
    expect(markup('sv', 'escalations.takeUp.done', { label: typed })).toEqual([`${typed} är nu under behandling.`]);
  });

  it('takes markup as a parameter, and writes plurals with Intl.PluralRules', () => {
    expect(markup('sv', 'escalations.notice.titlePart', { title: strong('Rubrik') })).toEqual([' – ', { strong: ['Rubrik'] }]);
    expect(plainText(markup('sv', 'escalations.age', { n: 1 }))).toBe('1 dag');
    expect(plainText(markup('sv', 'escalations.age', { n: 3 }))).toBe('3 dagar');
    expect(plainText(markup('sv', 'escalations.age', { n: 0 }))).toBe('under en dag');
    expect(plainText(markup('en', 'escalations.ago', { n: 1 }))).toBe('yesterday');
    expect(plainText([strong('a'), mention('U1')])).toBe('a@U1');
  });

  it('leaves no Slack syntax in the escalation catalogue, and every tag closed, in both languages', () => {
    for (const locale of ['sv', 'en'] as const) {
      const entries = Object.entries(allMessages(locale)).filter(([k]) => k.startsWith('escalations.'));
      expect(entries.filter(([, s]) => /<[@#!]|<http|\*[^*\s][^*]*\*|:[a-z_]+:/.test(s)).map(([k]) => k)).toEqual([]);
      const unclosed = entries.filter(([, s]) => (s.match(/<(b|code|a)[ >]/g) ?? []).length !== (s.match(/<\/(b|code|a)>/g) ?? []).length);
      expect(unclosed.map(([k]) => k)).toEqual([]);
    }
  });
});
