// A bar chart of a `ChartBlock`, laid out once as a list of shapes (bars, lines, text) and drawn by
// each format: the PDF draws the shapes as vectors (`pdf.ts`), Word gets them as an SVG turned into a
// PNG (`chartPng`, resvg with DejaVu Sans from npm, so a fresh machine renders the same text).
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { t } from '../i18n/index.ts';
import type { ChartBlock, DocumentLanguage } from './model.ts';

const require = createRequire(import.meta.url);

export type Shape =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number }
  /** `y` is the baseline; `rotate` turns the text (degrees, counter-clockwise negative) around (x, y). */
  | { kind: 'text'; x: number; y: number; text: string; size: number; fill: string; anchor: 'start' | 'middle' | 'end'; bold?: boolean; rotate?: number };

export interface ChartLayout {
  width: number;
  height: number;
  shapes: Shape[];
}

/** The width of a text in the chart's font, in the chart's units. */
export type Measure = (text: string, size: number, bold?: boolean) => number;

/** DejaVu Sans is about 0.58 em a character on average (a little wider in bold); good enough for the SVG. */
export const approximateMeasure: Measure = (text, size, bold) => text.length * size * (bold ? 0.63 : 0.58);

export const SERIES_COLOURS = ['#1d4f91', '#e07b00', '#2e8540', '#8e44ad', '#c0392b', '#5d6d7e', '#00838f', '#795548'];
const INK = '#222222';
const MUTED = '#555555';
const GRID = '#d0d0d0';

const LABEL = 8;
const LEGEND = 8.5;
const PLOT_HEIGHT = 170;

export const languageTag = (lang: DocumentLanguage) => (lang === 'sv' ? 'sv-SE' : 'en-GB');

/** Lays the chart out in a box `width` wide (points in the PDF, pixels in the SVG); the height follows. */
export function layoutChart(chart: ChartBlock, lang: DocumentLanguage, width: number, measure: Measure = approximateMeasure): ChartLayout {
  const shapes: Shape[] = [];
  const categories = chart.categories;
  const series = chart.series;
  const value = (s: number, c: number): number | null => {
    const v = series[s]?.values[c];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const numbers = new Intl.NumberFormat(languageTag(lang), { maximumFractionDigits: 2 });

  // Legend: a swatch and a name per series, wrapped into rows.
  let y = 4;
  let x = 0;
  const rowHeight = LEGEND + 6;
  if (series.length > 0) {
    y += LEGEND;
    series.forEach((s, i) => {
      const name = clip(s.name, width - 20, LEGEND, measure);
      const w = 14 + measure(name, LEGEND) + 14;
      if (x > 0 && x + w > width) {
        x = 0;
        y += rowHeight;
      }
      shapes.push({ kind: 'rect', x, y: y - LEGEND + 1, w: 10, h: LEGEND - 1, fill: SERIES_COLOURS[i % SERIES_COLOURS.length]! });
      shapes.push({ kind: 'text', x: x + 14, y, text: name, size: LEGEND, fill: INK, anchor: 'start' });
      x += w;
    });
    y += 10;
  }

  // The value axis: a few round ticks from the lowest to the highest value (always including 0).
  const all: number[] = [];
  series.forEach((_, s) => categories.forEach((_, c) => { const v = value(s, c); if (v !== null) all.push(v); }));
  const { lo, hi, step } = niceScale(Math.min(0, ...all), Math.max(0, ...all));
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(round(v));
  const tickWidth = Math.max(...ticks.map((v) => measure(numbers.format(v), LABEL)));
  const plotLeft = tickWidth + 8;
  const plotRight = width - 4;
  const plotTop = y + 6;
  const plotBottom = plotTop + PLOT_HEIGHT;
  const plotWidth = plotRight - plotLeft;
  const toY = (v: number) => plotBottom - ((v - lo) / (hi - lo)) * PLOT_HEIGHT;
  for (const v of ticks) {
    const ty = toY(v);
    shapes.push({ kind: 'line', x1: plotLeft, y1: ty, x2: plotRight, y2: ty, stroke: v === 0 ? MUTED : GRID, width: v === 0 ? 0.8 : 0.4 });
    shapes.push({ kind: 'text', x: plotLeft - 4, y: ty + LABEL * 0.35, text: numbers.format(v), size: LABEL, fill: MUTED, anchor: 'end' });
  }
  shapes.push({ kind: 'line', x1: plotLeft, y1: plotTop, x2: plotLeft, y2: plotBottom, stroke: MUTED, width: 0.8 });

  // Bars: one group per category, one bar per series; a missing value is a small dash on the zero line.
  const groups = Math.max(1, categories.length);
  const groupWidth = plotWidth / groups;
  const barWidth = series.length > 0 ? Math.min(40, (groupWidth * 0.8) / series.length) : 0;
  const zero = toY(0);
  const valueLabels = categories.length * series.length <= 36;
  categories.forEach((_, c) => {
    const groupX = plotLeft + c * groupWidth + (groupWidth - barWidth * series.length) / 2;
    series.forEach((_, s) => {
      const v = value(s, c);
      const bx = groupX + s * barWidth;
      const centre = bx + barWidth / 2;
      if (v === null) {
        shapes.push({ kind: 'text', x: centre, y: zero - 2, text: '–', size: LABEL + 1, fill: MUTED, anchor: 'middle', bold: true });
        return;
      }
      const top = Math.min(toY(v), zero);
      const h = Math.abs(toY(v) - zero);
      shapes.push({ kind: 'rect', x: bx + barWidth * 0.06, y: top, w: barWidth * 0.88, h: Math.max(h, v === 0 ? 0 : 0.5), fill: SERIES_COLOURS[s % SERIES_COLOURS.length]! });
      const label = numbers.format(v);
      if (valueLabels && measure(label, LABEL - 1) <= barWidth + 4) {
        shapes.push({ kind: 'text', x: centre, y: v >= 0 ? top - 2 : top + h + LABEL, text: label, size: LABEL - 1, fill: INK, anchor: 'middle' });
      }
    });
  });

  // Category labels: on one line when they fit, wrapped into up to three lines when there are few
  // categories, else turned 45° (and shortened with "…" if very long).
  let bottom = plotBottom;
  const fits = categories.every((name) => measure(name, LABEL) <= groupWidth - 2);
  const wrapped = categories.map((name) => wrap(name, groupWidth - 2, LABEL, measure));
  if (fits) {
    categories.forEach((name, c) => shapes.push({ kind: 'text', x: plotLeft + (c + 0.5) * groupWidth, y: plotBottom + LABEL + 4, text: name, size: LABEL, fill: INK, anchor: 'middle' }));
    bottom = plotBottom + LABEL + 8;
  } else if (categories.length <= 8 && wrapped.every((lines) => lines.length <= 3 && lines.every((l) => measure(l, LABEL) <= groupWidth - 2))) {
    wrapped.forEach((lines, c) =>
      lines.forEach((line, i) => shapes.push({ kind: 'text', x: plotLeft + (c + 0.5) * groupWidth, y: plotBottom + LABEL + 4 + i * (LABEL + 2), text: line, size: LABEL, fill: INK, anchor: 'middle' })),
    );
    bottom = plotBottom + Math.max(...wrapped.map((l) => l.length)) * (LABEL + 2) + 6;
  } else {
    const longest = 110;
    const names = categories.map((name) => clip(name, longest, LABEL, measure));
    names.forEach((name, c) => shapes.push({ kind: 'text', x: plotLeft + (c + 0.5) * groupWidth + LABEL * 0.3, y: plotBottom + 6, text: name, size: LABEL, fill: INK, anchor: 'end', rotate: -45 }));
    bottom = plotBottom + 10 + Math.max(0, ...names.map((n) => measure(n, LABEL))) * Math.SQRT1_2 + LABEL;
  }

  if (all.length === 0) {
    shapes.push({ kind: 'text', x: plotLeft + plotWidth / 2, y: plotTop + PLOT_HEIGHT / 2, text: t(lang, 'documents.chart.empty'), size: LABEL + 1, fill: MUTED, anchor: 'middle' });
  }
  return { width, height: Math.ceil(bottom + 4), shapes };
}

/** Round axis bounds and a step of 1, 2 or 5 × 10^k giving about four intervals. */
export function niceScale(min: number, max: number): { lo: number; hi: number; step: number } {
  if (!(max > min)) return { lo: 0, hi: 1, step: 0.25 };
  const raw = (max - min) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  // Counts are whole numbers: never a step below 1 when every value is an integer of at least 1.
  const s = max >= 1 && Number.isInteger(max) && Number.isInteger(min) ? Math.max(1, step) : step;
  return { lo: Math.floor(min / s) * s, hi: Math.ceil(max / s) * s, step: s };
}

const round = (v: number) => Math.round(v * 1e9) / 1e9;

function clip(text: string, width: number, size: number, measure: Measure): string {
  if (measure(text, size) <= width) return text;
  let s = text;
  while (s.length > 1 && measure(`${s}…`, size) > width) s = s.slice(0, -1);
  return `${s.trimEnd()}…`;
}

function wrap(text: string, width: number, size: number, measure: Measure): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

// Characters XML 1.0 cannot hold (control characters) are dropped, so any name can be drawn.
// eslint-disable-next-line no-control-regex
const esc = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number) => (Math.round(v * 100) / 100).toString();

/** The chart as an SVG (with its title and alternative text as <title>/<desc>), `width` pixels wide. */
export function chartSvg(chart: ChartBlock, lang: DocumentLanguage, width = 640): { svg: string; width: number; height: number } {
  const layout = layoutChart(chart, lang, width);
  const body = layout.shapes
    .map((s) => {
      if (s.kind === 'rect') return `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" fill="${s.fill}"/>`;
      if (s.kind === 'line') return `<line x1="${n(s.x1)}" y1="${n(s.y1)}" x2="${n(s.x2)}" y2="${n(s.y2)}" stroke="${s.stroke}" stroke-width="${n(s.width)}"/>`;
      const turn = s.rotate ? ` transform="rotate(${s.rotate} ${n(s.x)} ${n(s.y)})"` : '';
      return `<text x="${n(s.x)}" y="${n(s.y)}" font-size="${n(s.size)}" fill="${s.fill}" text-anchor="${s.anchor}"${s.bold ? ' font-weight="bold"' : ''}${turn}>${esc(s.text)}</text>`;
    })
    .join('\n');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" font-family="DejaVu Sans, sans-serif" lang="${languageTag(lang)}">
<title>${esc(chart.title)}</title>
<desc>${esc(chart.alt)}</desc>
<rect width="100%" height="100%" fill="#ffffff"/>
${body}
</svg>`;
  return { svg, width: layout.width, height: layout.height };
}

// The renderer (a native module) is loaded on the first chart, not when the bot starts.
let resvg: typeof import('@resvg/resvg-js') | undefined;
const renderer = () => (resvg ??= require('@resvg/resvg-js') as typeof import('@resvg/resvg-js'));

/** The TTF files of DejaVu Sans shipped by the `dejavu-fonts-ttf` package. */
export function dejaVu(): { regular: string; bold: string } {
  return {
    regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
    bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  };
}

/** The chart as a PNG, drawn at `scale` × its SVG size (2 = sharp on paper at the SVG's width). */
export function chartPng(chart: ChartBlock, lang: DocumentLanguage, width = 640, scale = 2): { png: Buffer; width: number; height: number } {
  const { svg, height } = chartSvg(chart, lang, width);
  const { regular, bold } = dejaVu();
  const fonts = [regular, bold].filter((f) => existsSync(f));
  const image = new (renderer().Resvg)(svg, {
    font: { fontFiles: fonts, loadSystemFonts: fonts.length === 0, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: scale },
  });
  return { png: image.render().asPng(), width, height };
}
