const quote = (s: string) => (/[";\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * Rows as CSV the way Swedish spreadsheets open it: semicolon-separated, UTF-8 with a byte order
 * mark, CRLF line ends.
 */
export function semicolonCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>): Buffer {
  return Buffer.from(`\uFEFF${rows.map((r) => r.map((c) => quote(String(c))).join(';')).join('\r\n')}\r\n`, 'utf8');
}
