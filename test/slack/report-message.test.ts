import { describe, expect, it } from 'vitest';
import type { CompiledReport } from '../../src/domain/statistics/compile.ts';
import { reportMessage } from '../../src/slack/blocks/statistics-messages.ts';

function nationalReport(count: number, label = (i: number) => `Kommun nummer ${i}`): CompiledReport {
  const columns: CompiledReport['columns'] = ['q1', 'q2', 'q3', 'q4', 'total'];
  const rows = Array.from({ length: count }, (_, i) => {
    const q = [i + 10, i + 20, i + 30, i + 40];
    return { key: `k${i}`, label: label(i), cells: [...q, q.reduce((a, b) => a + b)].map((value) => ({ value })) };
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

  it("keeps within Slack's limits for 290 municipalities with long names and large figures, in both languages", () => {
    // The longest Swedish municipality names are about 20 characters; these are longer still.
    const report = nationalReport(290, (i) => `Kommunen med ett långt namn ${i}`);
    for (const row of report.rows) row.cells = row.cells.map((c, i) => (i % 3 === 0 ? { ...c, value: c.value * 1000 } : { ...c, suppressed: 'secondary' as const }));
    report.rows[3]!.cells[1] = { value: 0, missing: true };
    for (const locale of ['sv', 'en'] as const) {
      const m = reportMessage(locale, report, ['En extra rad om CSV-filen.']);
      const blocks = m.blocks as Array<{ type: string; text?: { text: string }; elements?: Array<{ text: string }> }>;
      expect(blocks.length).toBeLessThanOrEqual(50);
      for (const b of blocks) {
        if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(3000);
        if (b.type === 'header') expect(b.text!.text.length).toBeLessThanOrEqual(150);
        if (b.type === 'context') {
          expect(b.elements!.length).toBeLessThanOrEqual(10);
          for (const e of b.elements!) expect(e.text.length).toBeLessThanOrEqual(3000);
        }
      }
      expect(m.text.length).toBeLessThan(1000);
      // Some municipalities are shown, never all 290: the rest are in the CSV.
      const shown = sectionTexts(m)[1]!.split('\n').filter((l) => l.startsWith('Kommunen med')).length;
      expect(shown).toBeGreaterThan(0);
      expect(shown).toBeLessThan(290);
    }
  });
});
