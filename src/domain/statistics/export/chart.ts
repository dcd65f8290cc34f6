import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import type { CompiledReport } from '../compile.ts';
import { cellText } from './csv.ts';

const require = createRequire(import.meta.url);

// The renderer (a native module) is loaded on the first chart, not when the bot starts.
let resvg: typeof import('@resvg/resvg-js') | undefined;
const renderer = () => (resvg ??= require('@resvg/resvg-js') as typeof import('@resvg/resvg-js'));

/** DejaVu Sans from npm, so a fresh machine renders text without system fonts; else whatever the system has. */
function fontFiles(): string[] {
  try {
    return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => require.resolve(`dejavu-fonts-ttf/ttf/${f}`)).filter((f) => existsSync(f));
  } catch {
    return [];
  }
}

// Characters XML 1.0 cannot hold (control characters) are dropped, so any name can be drawn.
// eslint-disable-next-line no-control-regex
const esc = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface ChartLabels {
  title: string;
  footnote: string;
  /** Beside a municipality with no report in the period, instead of a value. */
  missing: string;
  /** Under the chart when some municipality's year lacks a quarter; such bars are marked "*". */
  incomplete: string;
}

/** A horizontal bar per municipality of people supported (the total column), as an SVG. */
export function reportSvg(report: CompiledReport, labels: ChartLabels): { svg: string; width: number; height: number } {
  const rows = report.rows.filter((r) => r.key !== 'total');
  const t = report.columns.indexOf('total');
  const width = 900;
  const left = 170;
  const right = 90;
  const top = 70;
  const barH = 26;
  const gap = 12;
  const partial = rows.some((r) => report.incomplete.includes(r.key));
  const height = top + rows.length * (barH + gap) + 60 + (partial ? 20 : 0);
  const shown = rows.map((r) => r.cells[t]!).map((c) => (c.suppressed ? 0 : c.value));
  const max = Math.max(1, ...shown);
  const scale = (width - left - right) / max;
  const bars = rows
    .map((r, i) => {
      const cell = r.cells[t]!;
      const y = top + i * (barH + gap);
      const w = cell.suppressed ? 0 : Math.max(cell.value > 0 ? 2 : 0, cell.value * scale);
      return [
        `<text x="${left - 10}" y="${y + barH * 0.7}" text-anchor="end" font-size="15">${esc(r.label)}</text>`,
        `<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="#1d4f91" rx="3"/>`,
        `<text x="${left + w + 8}" y="${y + barH * 0.7}" font-size="14" fill="#333">${esc(cellText(cell, report.threshold, labels.missing))}${!cell.missing && report.incomplete.includes(r.key) ? ' *' : ''}</text>`,
      ].join('');
    })
    .join('\n');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, sans-serif">
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="24" y="40" font-size="22" font-weight="bold" fill="#111">${esc(labels.title)}</text>
<line x1="${left}" y1="${top - 8}" x2="${left}" y2="${height - 50 - (partial ? 20 : 0)}" stroke="#999"/>
${bars}
${partial ? `<text x="24" y="${height - 40}" font-size="12" fill="#555">${esc(labels.incomplete)}</text>\n` : ''}<text x="24" y="${height - 20}" font-size="12" fill="#555">${esc(labels.footnote)}</text>
</svg>`;
  return { svg, width, height };
}

export function reportPng(report: CompiledReport, labels: ChartLabels): Buffer {
  const { svg } = reportSvg(report, labels);
  const fonts = fontFiles();
  const image = new (renderer().Resvg)(svg, { font: { fontFiles: fonts, loadSystemFonts: fonts.length === 0, defaultFontFamily: 'DejaVu Sans' }, background: '#ffffff' });
  return image.render().asPng();
}
