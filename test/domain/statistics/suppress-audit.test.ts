import { describe, expect, it } from 'vitest';
import { auditSuppression, feasibleRange } from '../../../src/domain/statistics/suppress-audit.ts';
import { suppress, tableRelations, type Cell } from '../../../src/domain/statistics/suppress.ts';

/** `rows` rows of two parts and their total, then the totals row: the shape of the gender columns. */
const relations = (rows: number) => tableRelations(rows + 1, [{ parts: [0, 1], total: 2 }], 3, true);
const withTotals = (rows: number[][]) => [...rows.map(([a, b]) => [a!, b!, a! + b!]), [0, 1, 2].map((c) => rows.reduce((s, r) => s + (c < 2 ? r[c]! : r[0]! + r[1]!), 0))];
const none = (v: number[][]) => v.map((row) => row.map(() => false));
const pinned = (cells: Cell[][], rows: number) =>
  cells.flatMap((row, r) => row.map((cell, c) => ({ cell, at: [r, c] as [number, number] })))
    .filter(({ cell, at }) => cell.suppressed && (([lo, hi]) => lo === hi)(feasibleRange(cells, relations(rows), 5, undefined, at, { integer: true })))
    .map(({ at }) => at.join(','));

describe('the suppression audit', () => {
  it('catches what one sum at a time misses: four "<5" cells adding up to a "<5" total are all 1, and fixes it', () => {
    // The first column is 1, 1, 1, 1 with total 4: each part is at least 1 and the total at most 4, so every one is known.
    const values = withTotals([[1, 5], [1, 6], [1, 7], [1, 8]]);
    const cells = suppress(values, relations(4), 5);
    expect(pinned(cells, 4)).toEqual(expect.arrayContaining(['0,0', '1,0', '2,0', '3,0', '4,0']));
    auditSuppression(cells, { relations: relations(4), threshold: 5, missing: none(values), readers: [] });
    expect(pinned(cells, 4)).toEqual([]);
    // The audit printed some of those small counts as ".." (at least 0) rather than "<5" (at least 1).
    expect(cells.flat().filter((c) => c.value === 1 && c.suppressed === 'secondary').length).toBeGreaterThan(0);
  });

  it('leaves no hidden cell pinned in random small tables', () => {
    let seed = 17;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 40; n++) {
      const rows = 2 + Math.floor(next() * 3);
      const values = withTotals(Array.from({ length: rows }, () => [Math.floor(next() * 9), Math.floor(next() * 9)]));
      const cells = suppress(values, relations(rows), 5);
      auditSuppression(cells, { relations: relations(rows), threshold: 5, missing: none(values), readers: [] });
      expect(pinned(cells, rows), JSON.stringify(values)).toEqual([]);
    }
  });
});
