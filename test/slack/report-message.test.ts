import { describe, expect, it } from 'vitest';
import type { CompiledReport } from '../../src/domain/statistics/compile.ts';
import { reportMessage } from '../../src/slack/blocks/statistics-messages.ts';

function nationalReport(count: number): CompiledReport {
  const columns: CompiledReport['columns'] = ['q1', 'q2', 'q3', 'q4', 'total'];
  const rows = Array.from({ length: count }, (_, i) => {
    const q = [i + 10, i + 20, i + 30, i + 40];
    return { key: `k${i}`, label: `Kommun nummer ${i}`, cells: [...q, q.reduce((a, b) => a + b)].map((value) => ({ value })) };
  });
  const total = columns.map((_, c) => ({ value: rows.reduce((a, r) => a + r.cells[c]!.value, 0) }));
  return { year: 2026, columns, rows: [...rows, { key: 'total', label: '', cells: total }], suppressed: true, threshold: 5, reports: count, missing: 0, incomplete: [] };
}

const sectionTexts = (m: ReturnType<typeof reportMessage>) => (m.blocks as Array<{ type: string; text?: { text: string } }>).filter((b) => b.type === 'section').map((b) => b.text!.text);

describe('an annual report for the whole country in Slack', () => {
  it('shows the largest municipalities and the totals in the message, points to the CSV and keeps the fallback text short', () => {
    const m = reportMessage('sv', nationalReport(290));
    const table = sectionTexts(m)[1]!;
    expect(table.length).toBeLessThanOrEqual(3000);
    expect(table.endsWith('```')).toBe(true);
    // The biggest municipality first, the totals row last, both whole.
    expect(table).toContain('Kommun nummer 289');
    expect(table).not.toContain('Kommun nummer 0 ');
    expect(table.split('\n').at(-2)).toMatch(/^Totalt\s/);
    expect(JSON.stringify(m.blocks)).toContain('av 290');
    expect(JSON.stringify(m.blocks)).toContain('CSV-filen');
    expect(m.text.length).toBeLessThan(1000);
    expect(m.text).toContain('Totalt');
  });

  it('shows a small partnership in full, in the order of the report', () => {
    const m = reportMessage('en', nationalReport(8));
    const table = sectionTexts(m)[1]!;
    for (let i = 0; i < 8; i++) expect(table).toContain(`Kommun nummer ${i}`);
    expect(table.indexOf('Kommun nummer 0')).toBeLessThan(table.indexOf('Kommun nummer 7'));
    expect(m.text).toContain(table);
  });
});
