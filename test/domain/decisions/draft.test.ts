import { describe, expect, it } from 'vitest';
import { draftFromMessage, titleFromMessage } from '../../../src/domain/decisions/index.ts';

describe('a title taken from a message', () => {
  it('is the first non-empty line, as it stands when short', () => {
    expect(titleFromMessage('\n  Telefontider samordnas  \nJourerna turas om.')).toBe('Telefontider samordnas');
  });

  it('is shortened at the last whole word, without a dangling comma, and ends in an ellipsis', () => {
    const line = `${'Vi föreslår, '.repeat(10)}slut`;
    const title = titleFromMessage(line, 40);
    expect(title).toBe('Vi föreslår, Vi föreslår, Vi föreslår…');
    expect(title.length).toBeLessThanOrEqual(40);
  });

  it('cuts a single overlong word where it must', () => {
    expect(titleFromMessage('x'.repeat(200), 20)).toBe(`${'x'.repeat(19)}…`);
  });

  it('keeps the whole message as the body', () => {
    expect(draftFromMessage('Rubrik\nResten av meddelandet.\n')).toEqual({ title: 'Rubrik', body: 'Rubrik\nResten av meddelandet.' });
  });
});
