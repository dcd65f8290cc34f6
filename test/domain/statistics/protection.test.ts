import { describe, expect, it } from 'vitest';
import { suppress, type Relation } from '../../../src/domain/statistics/suppress.ts';
import { auditSuppression, feasibleRange } from '../../../src/domain/statistics/suppress-audit.ts';

const THRESHOLD = 5;
const ROWS = 3; // municipalities; row ROWS is their total
const COLS = 4; // quarters; column COLS is the year

/** A small deterministic generator, so a failing table can be found again by its seed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** A year's table of small counts with every sum the reports print: each row's year, each column's total. */
function table(seed: number): { values: number[][]; relations: Relation[] } {
  const next = random(seed);
  const body = Array.from({ length: ROWS }, () => Array.from({ length: COLS }, () => (next() < 0.3 ? 0 : Math.floor(next() * 12))));
  const rows = body.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  const total = rows[0]!.map((_, c) => rows.reduce((a, row) => a + row[c]!, 0));
  const values = [...rows, total];
  const relations: Relation[] = [];
  for (let r = 0; r <= ROWS; r++) relations.push({ total: [r, COLS], parts: Array.from({ length: COLS }, (_, c) => [r, c] as [number, number]) });
  for (let c = 0; c <= COLS; c++) relations.push({ total: [ROWS, c], parts: Array.from({ length: ROWS }, (_, r) => [r, c] as [number, number]) });
  return { values, relations };
}

/** The narrowest integer range an attacker finds for any hidden small count, over every published sum at once. */
function narrowest(protection: number, seed: number): number {
  const { values, relations } = table(seed);
  const cells = suppress(values, relations, THRESHOLD);
  auditSuppression(cells, { relations, threshold: THRESHOLD, protection, missing: values.map((row) => row.map(() => false)), readers: [] });
  let least = Infinity;
  cells.forEach((row, r) => row.forEach((cell, c) => {
    if (!cell.suppressed || !(cell.value > 0 && cell.value < THRESHOLD)) return;
    const [lo, hi] = feasibleRange(cells, relations, THRESHOLD, undefined, [r, c], { integer: true });
    expect(lo).toBeLessThanOrEqual(cell.value);
    expect(hi).toBeGreaterThanOrEqual(cell.value);
    least = Math.min(least, hi - lo);
  }));
  return least;
}

describe('the protection setting: how wide a hidden small count stays, checked with an integer program', () => {
  const seeds = Array.from({ length: 40 }, (_, i) => 1000 + i);

  it('the default (1) never pins a hidden count to one value', () => {
    for (const seed of seeds) expect(narrowest(1, seed), `seed ${seed}`).toBeGreaterThanOrEqual(1);
  });

  it('a stricter setting (2) leaves every hidden small count at least three possible values', () => {
    for (const seed of seeds) expect(narrowest(2, seed), `seed ${seed}`).toBeGreaterThanOrEqual(2);
  });
});
