import { describe, expect, it } from 'vitest';
import { suppress, tableRelations } from '../../../src/domain/statistics/suppress.ts';
import { cellText } from '../../../src/domain/statistics/export/csv.ts';

const shown = (values: number[][], relations = tableRelations(values.length, [{ parts: [0, 1], total: 2 }], 3, true), threshold = 5) =>
  suppress(values, relations, threshold).map((row) => row.map((c) => cellText(c, threshold)));

describe('suppression of small counts', () => {
  it('hides 1–4 and a second cell in the same row, so the hidden one cannot be computed from the total', () => {
    // women, men, total; last row is the totals row
    expect(shown([[3, 9, 12], [20, 15, 35], [23, 24, 47]])).toEqual([
      ['<5', '..', '12'],
      // the women column then has one hidden cell, so the smallest other part is hidden too
      ['..', '..', '35'],
      ['23', '24', '47'],
    ]);
  });

  it('leaves zeros and large counts alone, and a table without small counts untouched', () => {
    expect(shown([[0, 9, 9], [20, 15, 35], [20, 24, 44]])).toEqual([['0', '9', '9'], ['20', '15', '35'], ['20', '24', '44']]);
  });

  it('protects a small count in the totals row too, without hiding zeros', () => {
    // Column A: 3 + 0 = 3, so the total of A is small as well; row and totals row each get a partner.
    expect(shown([[3, 8, 11], [0, 6, 6], [3, 14, 17]])).toEqual([
      ['<5', '..', '11'],
      ['0', '6', '6'],
      ['<5', '..', '17'],
    ]);
  });

  it('hides nothing below a threshold of 1 (the reporting organisation reading its own figures)', () => {
    expect(shown([[3, 9, 12]], tableRelations(1, [{ parts: [0, 1], total: 2 }], 3, false), 0)).toEqual([['3', '9', '12']]);
  });
});
