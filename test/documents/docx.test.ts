import JSZip from 'jszip';
import mammoth from 'mammoth';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SERIES_COLOURS } from '../../src/documents/chart-svg.ts';
import { renderDocx } from '../../src/documents/docx.ts';
import type { ChartBlock, DocumentModel } from '../../src/documents/model.ts';
import { MUNICIPALITIES, sampleModel, supported } from './sample.ts';

// The .docx is read back twice: by mammoth (what a converter or reader takes from it: headings,
// lists, tables) and as the zip it is (Word's XML: styles, language, header rows, the image's
// description, the footer's page fields, the core properties).
async function open(model: DocumentModel) {
  const buffer = await renderDocx(model);
  const zip = await JSZip.loadAsync(buffer);
  const part = async (name: string) => {
    const f = zip.file(name);
    if (!f) throw new Error(`no ${name} in the .docx`);
    return f.async('string');
  };
  const footers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/footer\d*\.xml$/.test(n)).map(part));
  return {
    buffer,
    zip,
    raw: (await mammoth.extractRawText({ buffer })).value,
    html: (await mammoth.convertToHtml({ buffer }, { styleMap: ["p[style-name='Title'] => h1.title:fresh", "p[style-name='caption'] => p.caption:fresh"] })).value,
    document: await part('word/document.xml'),
    styles: await part('word/styles.xml'),
    core: await part('docProps/core.xml'),
    footer: footers.join('\n'),
  };
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unxml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe('the Word document of a document', () => {
  const model = sampleModel();
  let doc: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    doc = await open(model);
  });

  it('is a zip with the core properties: title, creator, subject, keywords and description', () => {
    expect(doc.buffer.subarray(0, 2).toString()).toBe('PK');
    expect(doc.core).toContain(`<dc:title>${xml(model.title)}</dc:title>`);
    expect(doc.core).toContain(`<dc:creator>${xml(model.author)}</dc:creator>`);
    expect(doc.core).toContain(`<dc:subject>${xml(model.subject!)}</dc:subject>`);
    expect(doc.core).toContain(`<cp:keywords>${xml(model.keywords!.join(', '))}</cp:keywords>`);
    expect(doc.core).toContain(`<dc:description>${xml(model.subtitle!)}</dc:description>`);
  });

  it('is in Swedish: the language of the default run style', () => {
    expect(doc.styles).toMatch(/<w:docDefaults>[\s\S]*<w:lang w:val="sv-SE"\/>[\s\S]*<\/w:docDefaults>/);
  });

  it('uses Word’s Title and Heading styles, so headings come out as headings', () => {
    expect(doc.document).toContain('<w:pStyle w:val="Title"/>');
    for (const level of [1, 2, 3]) expect(doc.document).toContain(`<w:pStyle w:val="Heading${level}"/>`);
    expect(doc.html).toContain(`<h1 class="title">${xml(model.title)}</h1>`);
    expect(doc.html).toContain('<h1>Sammanfattning av året</h1>');
    expect(doc.html).toContain('<h2>Stödsökande per kommun och målgrupp</h2>');
    expect(doc.html).toContain('<h2>Ärenden per kvartal och förening</h2>');
    expect(doc.html).toContain('<h3>Åtgärder inför nästa år</h3>');
    expect(doc.html).toMatch(/<ul><li>Fler stödsökande än föregående år, särskilt i södra länet\.<\/li><li>Utåtriktat arbete/);
  });

  it('has the text in order: headings, table caption and values, figure caption, notes', () => {
    const text = doc.raw.replace(/\s+/g, ' ');
    const expected = [
      model.title,
      'Sammanfattning av året',
      'Stödsökande per kommun och målgrupp',
      'Tabell 1. Stödsökande per kommun 2026',
      'Kommun', 'Kvinnor', 'Män', 'Barn och unga', 'Totalt',
      ...MUNICIPALITIES,
      'Summa',
      '<5 = färre än fem personer',
      'Figur 1. Ärenden per kvartal',
      '– = färre än 5, visas inte',
      'Åtgärder inför nästa år',
    ];
    let at = -1;
    for (const s of expected) {
      const i = text.indexOf(s, at + 1);
      expect(i, `"${s}" after position ${at}`).toBeGreaterThan(at);
      at = i;
    }
  });

  it('has a table whose header row repeats on each page, numbers right-aligned and the totals bold', () => {
    expect(doc.html).toContain('<p class="caption">Tabell 1. Stödsökande per kommun 2026</p>');
    const table = /<table>([\s\S]*?)<\/table>/.exec(doc.html)![1]!;
    expect(table).toMatch(/^<thead><tr><th><p><strong>Kommun<\/strong><\/p><\/th><th><p><strong>Kvinnor<\/strong>/);
    const body = table.split('<tbody>')[1]!;
    expect(body.match(/<tr>/g)).toHaveLength(26);
    MUNICIPALITIES.forEach((name, i) => {
      const [w, m, c] = supported(i);
      const cells = [name, w < 5 ? '<5' : String(w), m < 5 ? '<5' : String(m), c < 5 ? '<5' : String(c), String(w + m + c)];
      expect(body, name).toContain(`<tr>${cells.map((v) => `<td><p>${xml(v)}</p></td>`).join('')}</tr>`);
    });
    const totals = MUNICIPALITIES.reduce((acc, _, i) => supported(i).map((v, k) => acc[k]! + v), [0, 0, 0]);
    const all = totals[0]! + totals[1]! + totals[2]!;
    expect(body).toContain(`<tr>${['Summa', ...totals.map(String), String(all)].map((v) => `<td><p><strong>${v}</strong></p></td>`).join('')}</tr>`);

    // In the XML: one header row marked as such, and the numbers (not the names) right-aligned.
    const rows = [...doc.document.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) => m[1]!);
    expect(rows).toHaveLength(27);
    expect(rows.filter((r) => r.includes('<w:tblHeader/>'))).toHaveLength(1);
    expect(rows[0]).toContain('<w:tblHeader/>');
    const cells = (row: string) => [...row.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((m) => m[1]!);
    const botkyrka = cells(rows.find((r) => r.includes('>Botkyrka<'))!);
    expect(botkyrka[0]).not.toContain('<w:jc w:val="right"/>');
    expect(botkyrka.slice(1).every((c) => c.includes('<w:jc w:val="right"/>'))).toBe(true);
    const summa = cells(rows.at(-1)!);
    expect(summa.every((c) => /<w:b\/>/.test(c) && /<w:top w:val="single"/.test(c))).toBe(true);
  });

  it('draws the chart as a PNG of its bars, described by its alternative text', async () => {
    const chart = model.blocks.find((b): b is ChartBlock => b.kind === 'chart')!;
    const docPr = /<wp:docPr [^>]*>/.exec(doc.document)![0];
    expect(unxml(/descr="([^"]*)"/.exec(docPr)![1]!)).toBe(chart.alt);
    expect(unxml(/title="([^"]*)"/.exec(docPr)![1]!)).toBe(chart.title);
    const media = Object.keys(doc.zip.files).filter((n) => n.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    const png = PNG.sync.read(await doc.zip.file(media[0]!)!.async('nodebuffer'));
    expect(png.width).toBeGreaterThan(800);
    // Both series' colours are drawn.
    for (const colour of SERIES_COLOURS.slice(0, 2)) expect(pixels(png, colour), colour).toBeGreaterThan(500);
    expect(pixels(png, SERIES_COLOURS[2]!)).toBe(0);
  });

  it('has a footer with the footer text and "Sida N av M" as page fields', () => {
    expect(doc.footer).toContain(xml(model.footer!));
    expect(doc.footer).toMatch(/>Sida <\/w:t>[\s\S]*<w:instrText[^>]*>PAGE<\/w:instrText>[\s\S]*> av <\/w:t>[\s\S]*<w:instrText[^>]*>NUMPAGES<\/w:instrText>/);
    expect(doc.document).toMatch(/<w:footerReference w:type="default"/);
  });

  it('is in English, with "Page N of M", when the document is', async () => {
    const en = await open(sampleModel({ lang: 'en' }));
    expect(en.styles).toContain('<w:lang w:val="en-GB"/>');
    expect(en.styles).not.toContain('sv-SE');
    expect(en.footer).toMatch(/>Page <\/w:t>[\s\S]*PAGE<\/w:instrText>[\s\S]*> of <\/w:t>[\s\S]*NUMPAGES<\/w:instrText>/);
    expect(en.raw).toContain('Table 1. People supported by municipality 2026');
    expect(en.raw).toContain('Figure 1. Cases by quarter');
  });
});

describe('the Word document of unusual documents', () => {
  const base = (blocks: DocumentModel['blocks']): DocumentModel => ({ lang: 'sv', title: 'Prov', author: 'Samverkan', created: new Date('2027-01-15T08:00:00Z'), blocks });

  it('breaks the page where the model does', async () => {
    const doc = await open(base([{ kind: 'paragraph', text: 'Före.' }, { kind: 'pageBreak' }, { kind: 'paragraph', text: 'Efter.' }]));
    expect(doc.document).toMatch(/Före\.[\s\S]*<w:br w:type="page"\/>[\s\S]*Efter\./);
  });

  it('draws a chart with every value hidden, or with none, as axes without bars', async () => {
    const chart: ChartBlock = { kind: 'chart', title: 'Allt dolt', alt: 'Inga värden visas.', categories: ['A', 'B'], series: [{ name: 'S', values: [null, null] }] };
    const empty: ChartBlock = { ...chart, title: 'Tomt', series: [], categories: [] };
    const doc = await open(base([chart, empty]));
    const media = Object.keys(doc.zip.files).filter((n) => n.startsWith('word/media/'));
    expect(media).toHaveLength(2);
    for (const m of media) {
      const png = PNG.sync.read(await doc.zip.file(m)!.async('nodebuffer'));
      expect(pixels(png, SERIES_COLOURS[0]!)).toBeLessThanOrEqual(400); // the legend swatch at most (20 × 15), no bars
    }
    expect(doc.raw).toContain('Figur 2. Tomt');
  });
});

/** How many pixels have (about) this colour. */
function pixels(png: PNG, hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (Math.abs(png.data[i]! - r!) < 6 && Math.abs(png.data[i + 1]! - g!) < 6 && Math.abs(png.data[i + 2]! - b!) < 6) count++;
  }
  return count;
}
