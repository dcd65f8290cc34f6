import { describe, expect, it } from 'vitest';
import { allMessages, t } from '../src/i18n/index.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogue', () => {
  const sv = allMessages('sv');
  const en = allMessages('en');

  it('has every key in Swedish and English with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
    const mismatched = Object.keys(sv).filter((k) => placeholders(sv[k]!).join() !== placeholders(en[k]!).join());
    expect(mismatched).toEqual([]);
    const empty = Object.keys(sv).filter((k) => !sv[k]!.trim() || !en[k]!.trim());
    expect(empty).toEqual([]);
  });

  it('fills placeholders and keeps unknown ones visible', () => {
    expect(t('sv', 'core.admin.deactivated', { user: 'U1' })).toBe('<@U1> är inaktiverad. Historiken finns kvar.');
    expect(t('en', 'core.admin.deactivated', { user: 'U1' })).toBe('<@U1> is deactivated. Their history is kept.');
    expect(t('sv', 'core.admin.deactivated')).toContain('{user}');
  });
});
