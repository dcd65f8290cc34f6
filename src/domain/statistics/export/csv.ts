import { semicolonCsv } from '../../csv.ts';
import type { Cell } from '../suppress.ts';
import type { CompiledReport } from '../compile.ts';

/** How a suppressed cell reads: "<5" for a small count, ".." for one hidden to protect it; `missing` for one with no report. */
export function cellText(cell: Cell, threshold: number, missing = '–'): string {
  if (cell.missing) return missing;
  if (cell.suppressed === 'primary') return `<${threshold}`;
  if (cell.suppressed === 'secondary') return '..';
  return String(cell.value);
}

/**
 * The report as CSV the way Swedish spreadsheets open it: semicolon-separated, UTF-8 with a
 * byte order mark, CRLF line ends. Labels come from the caller, in the reader's language.
 */
export function reportCsv(report: CompiledReport, labels: { municipality: string; total: string; columns: string[]; missing: string }): Buffer {
  const lines = [[labels.municipality, ...labels.columns]];
  for (const row of report.rows) lines.push([row.key === 'total' ? labels.total : row.label, ...row.cells.map((c) => cellText(c, report.threshold, labels.missing))]);
  return semicolonCsv(lines);
}
