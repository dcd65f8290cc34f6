import { describe, expect, it } from 'vitest';
import { chartSvg, layoutChart, niceScale, type Shape } from '../../src/documents/chart-svg.ts';
import type { ChartBlock } from '../../src/documents/model.ts';

const chart = (over: Partial<ChartBlock> = {}): ChartBlock => ({
  kind: 'chart',
  title: 'Ärenden per kvartal',
  alt: 'Ärenden per kvartal: 41, 38, 45 och 52; 17, 22, visas inte och 19.',
  categories: ['Kvartal 1', 'Kvartal 2', 'Kvartal 3', 'Kvartal 4'],
  series: [
    { name: 'Brottsofferjouren Söder', values: [41, 38, 45, 52] },
    { name: 'Kvinnojouren Tyra', values: [17, 22, null, 19] },
  ],
  ...over,
});

const bars = (shapes: Shape[]) => shapes.filter((s): s is Extract<Shape, { kind: 'rect' }> => s.kind === 'rect' && s.h > 7.6);
const texts = (shapes: Shape[]) => shapes.filter((s): s is Extract<Shape, { kind: 'text' }> => s.kind === 'text').map((s) => s.text);

describe('the bar chart of a chart block', () => {
  it('draws a bar per value, a dash for a hidden one, a legend, the categories and a few round ticks', () => {
    const { shapes, height } = layoutChart(chart(), 'sv', 480);
    const drawn = bars(shapes);
    expect(drawn).toHaveLength(7);
    // Category by category, series by series; each bar's height in proportion to its value.
    const values = [41, 17, 38, 22, 45, 52, 19];
    const perUnit = drawn.map((b, i) => b.h / values[i]!);
    for (const u of perUnit) expect(u).toBeCloseTo(perUnit[0]!, 6);
    expect(drawn[1]!.x).toBeGreaterThan(drawn[0]!.x);
    expect(texts(shapes).filter((t) => t === '–')).toHaveLength(1);
    expect(texts(shapes)).toEqual(expect.arrayContaining(['Brottsofferjouren Söder', 'Kvinnojouren Tyra', 'Kvartal 1', 'Kvartal 4', '0', '20', '40', '60']));
    expect(height).toBeGreaterThan(170);
  });

  it('never fails on hidden, missing or no values, and says when nothing can be shown', () => {
    for (const over of [{ series: [{ name: 'S', values: [null, null, null, null] }] }, { series: [] }, { categories: [], series: [{ name: 'S', values: [] }] }]) {
      const { shapes } = layoutChart(chart(over), 'sv', 480);
      expect(bars(shapes)).toHaveLength(0);
      expect(texts(shapes)).toContain('Inga värden att visa.');
    }
    expect(texts(layoutChart(chart({ series: [] }), 'en', 480).shapes)).toContain('No values to show.');
    // Fewer values than categories: the rest count as hidden.
    const short = layoutChart(chart({ series: [{ name: 'S', values: [5] }] }), 'sv', 480).shapes;
    expect(bars(short)).toHaveLength(1);
    expect(texts(short).filter((t) => t === '–')).toHaveLength(3);
  });

  it('turns the labels when the categories are many, and wraps them when a few are long', () => {
    const many = Array.from({ length: 20 }, (_, i) => `Kommun nummer ${i + 1}`);
    const turned = layoutChart(chart({ categories: many, series: [{ name: 'S', values: many.map((_, i) => i) }] }), 'sv', 480).shapes;
    expect(turned.filter((s) => s.kind === 'text' && s.rotate === -45)).toHaveLength(20);
    const long = ['Våld i nära relationer', 'Bedrägerier mot äldre', 'Hot och trakasserier'];
    const wrapped = layoutChart(chart({ categories: long, series: [{ name: 'S', values: [1, 2, 3] }] }), 'sv', 200).shapes;
    expect(wrapped.some((s) => s.kind === 'text' && s.rotate)).toBe(false);
    expect(texts(wrapped)).toEqual(expect.arrayContaining(['Våld i nära', 'relationer']));
  });

  it('chooses round axis steps', () => {
    expect(niceScale(0, 52)).toEqual({ lo: 0, hi: 60, step: 20 });
    expect(niceScale(0, 3)).toEqual({ lo: 0, hi: 3, step: 1 });
    expect(niceScale(-7, 12)).toEqual({ lo: -10, hi: 15, step: 5 });
    expect(niceScale(0, 0)).toEqual({ lo: 0, hi: 1, step: 0.25 });
  });

  it('writes an SVG with its title and description, text escaped', () => {
    const { svg } = chartSvg(chart({ series: [{ name: 'A & B <C>', values: [1, 2, 3, 4] }] }), 'sv');
    expect(svg).toContain('<title>Ärenden per kvartal</title>');
    expect(svg).toContain('<desc>Ärenden per kvartal: 41, 38, 45 och 52; 17, 22, visas inte och 19.</desc>');
    expect(svg).toContain('A &amp; B &lt;C&gt;');
    expect(svg).toContain('lang="sv-SE"');
  });
});
