import { describe, expect, it } from 'vitest';
import { ValidationErrors } from '../../../src/domain/errors.ts';
import { validateDecisionInput } from '../../../src/domain/decisions/validate.ts';

const fieldsOf = (fn: () => void) => {
  try {
    fn();
    return [];
  } catch (err) {
    if (!(err instanceof ValidationErrors)) throw err;
    return err.errors.map((e) => `${e.field}:${e.key}`);
  }
};

describe('validateDecisionInput', () => {
  const base = { groupId: 'g', title: 'Rubrik', body: 'Beslut' };

  it('accepts a plain decision and an organisation number', () => {
    expect(fieldsOf(() => validateDecisionInput({ ...base, body: 'Avtal med 802490-7720.' }, '2026-03-10', true))).toEqual([]);
  });

  it('refuses personnummer and samordningsnummer in every free-text field, with or without century', () => {
    const input = { ...base, title: 'Om 811218-9876', background: 'Se 198112189876', link: 'https://x.se/?p=19811278-9873' };
    expect(fieldsOf(() => validateDecisionInput(input, '2026-03-10', true))).toEqual([
      'title:core.guard.personnummer',
      'background:core.guard.personnummer',
      'link:core.guard.personnummer',
    ]);
  });

  it('checks required fields, lengths and dates, but not the date of a proposal (set at adoption)', () => {
    expect(fieldsOf(() => validateDecisionInput({ ...base, title: ' ', body: 'x'.repeat(3001) }, '2026-03-10', true))).toEqual([
      'title:decisions.error.required',
      'body:decisions.error.tooLong',
    ]);
    expect(fieldsOf(() => validateDecisionInput({ ...base, decidedOn: '2026-03-11' }, '2026-03-10', true))).toEqual(['decided_on:decisions.error.futureDate']);
    expect(fieldsOf(() => validateDecisionInput({ ...base, decidedOn: '2026-03-11' }, '2026-03-10', false))).toEqual([]);
    expect(fieldsOf(() => validateDecisionInput({ ...base, followUpOn: '2026-03-10' }, '2026-03-10', false))).toEqual(['follow_up:decisions.error.followUpBeforeDecision']);
  });
});
