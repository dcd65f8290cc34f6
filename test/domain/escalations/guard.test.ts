import { describe, expect, it } from 'vitest';
import { ValidationErrors } from '../../../src/domain/errors.ts';
import { checkTexts, daysBetween, localDate } from '../../../src/domain/escalations/guard.ts';
import { parseEscalationNumber } from '../../../src/domain/escalations/types.ts';

describe('escalation text checks', () => {
  it('reports every bad field at once: missing, too long, personnummer', () => {
    try {
      checkTexts([
        { field: 'question', value: '  ', max: 10, required: true },
        { field: 'positions', value: 'x'.repeat(11), max: 10 },
        { field: 'options', value: 'ring 19811218-9876', max: 100 },
        { field: 'background', value: 'org 802490-7720 är en förening', max: 100 },
      ]);
      expect.unreachable();
    } catch (err) {
      expect((err as ValidationErrors).errors).toEqual([
        { field: 'question', key: 'escalations.error.required' },
        { field: 'positions', key: 'escalations.error.tooLong', params: { max: 10 } },
        { field: 'options', key: 'core.guard.personnummer' },
      ]);
    }
  });
});

describe('escalation numbers and dates', () => {
  it('reads ESK-3, esk3 and 3, and nothing else', () => {
    expect(['ESK-3', 'esk3', '3', ' 12 '].map(parseEscalationNumber)).toEqual([3, 3, 3, 12]);
    expect(['', 'ESK-', 'x3', undefined].map(parseEscalationNumber)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('counts days between local dates across daylight saving time', () => {
    expect(daysBetween('2026-03-27', '2026-03-30')).toBe(3);
    expect(daysBetween('2026-04-01', '2026-03-30')).toBe(-2);
    expect(localDate(new Date('2026-03-29T23:30:00Z'), 'Europe/Stockholm')).toBe('2026-03-30');
  });
});
