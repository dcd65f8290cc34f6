import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartBlock, DocumentModel } from '../../src/documents/model.ts';
import { renderPdf } from '../../src/documents/pdf.ts';
import { MUNICIPALITIES, sampleModel, supported } from './sample.ts';

// The PDF is read back as a reader would: poppler's pdftotext (the text, in reading order, and
// -layout for the table's columns) and pdfinfo (metadata, and -struct-text: the logical structure
// a screen reader follows).
const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'samverkan-pdf-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let n = 0;
async function render(model: DocumentModel) {
  const pdf = await renderPdf(model);
  const file = path.join(dir, `doc-${++n}.pdf`);
  await writeFile(file, pdf);
  const text = async (...args: string[]) => (await run('pdftotext', ['-enc', 'UTF-8', ...args, file, '-'], { maxBuffer: 1 << 24 })).stdout;
  const info = (await run('pdfinfo', [file])).stdout;
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  return {
    pdf,
    raw: pdf.toString('latin1'),
    info,
    pages,
    text: () => text(),
    layout: () => text('-layout'),
    page: (p: number) => text('-layout', '-f', String(p), '-l', String(p)),
    structure: async () => (await run('pdfinfo', ['-struct-text', file], { maxBuffer: 1 << 24 })).stdout,
  };
}

/** The text of a PDF string in the raw file after `key (`: PDF escapes undone, UTF-16BE decoded. */
function pdfString(raw: string, key: string): string | undefined {
  const start = raw.indexOf(`${key} (`);
  if (start < 0) return undefined;
  const bytes: number[] = [];
  for (let i = start + key.length + 2; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x5c) {
      const next = raw[++i]!;
      const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
      if (/[0-7]/.test(next)) {
        const oct = raw.slice(i, i + 3).match(/^[0-7]{1,3}/)![0];
        bytes.push(parseInt(oct, 8));
        i += oct.length - 1;
      } else bytes.push(escapes[next] ?? next.charCodeAt(0));
    } else if (c === 0x29) break;
    else bytes.push(c);
  }
  const buf = Buffer.from(bytes);
  if (buf[0] === 0xfe && buf[1] === 0xff) return buf.subarray(2).swap16().toString('utf16le');
  return buf.toString('latin1');
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the PDF of a document', () => {
  const model = sampleModel();
  let doc: Awaited<ReturnType<typeof render>>;
  beforeAll(async () => {
    doc = await render(model);
  });

  it('is a tagged PDF 1.7 in Swedish with its title shown, its metadata and more than one page', () => {
    expect(doc.pdf.subarray(0, 8).toString()).toBe('%PDF-1.7');
    expect(doc.info).toMatch(/^Tagged:\s+yes$/m);
    expect(doc.info).toMatch(new RegExp(`^Title:\\s+${escapeRe(model.title)}$`, 'm'));
    expect(doc.info).toMatch(new RegExp(`^Author:\\s+${escapeRe(model.author)}$`, 'm'));
    expect(doc.info).toMatch(new RegExp(`^Subject:\\s+${escapeRe(model.subject!)}$`, 'm'));
    expect(doc.info).toMatch(new RegExp(`^Keywords:\\s+${escapeRe(model.keywords!.join(', '))}$`, 'm'));
    expect(doc.info).toMatch(/^CreationDate:\s+Sat Feb 20 09:30:00 2027 UTC$/m);
    expect(doc.pages).toBeGreaterThan(1);
    expect(doc.raw).toContain('/Lang (sv-SE)');
    expect(doc.raw).toContain('/StructTreeRoot');
    expect(doc.raw).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(doc.raw).toMatch(/\/Marked true/);
    expect(doc.raw).toContain('/DisplayDocTitle true');
  });

  it('embeds its fonts (DejaVu Sans), so å, ä and ö come out as themselves', async () => {
    const file = path.join(dir, 'fonts.pdf');
    await writeFile(file, doc.pdf);
    const fonts = (await run('pdffonts', [file])).stdout;
    const rows = fonts.split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => /DejaVuSans/.test(r) && /\byes\s+yes\s+yes\b/.test(r))).toBe(true);
    const text = await doc.text();
    expect(text).toContain('Åtgärder inför nästa år');
    expect(text).toContain('Österåker');
  });

  it('reads the title, headings, paragraphs, list, table and notes in order', async () => {
    const text = (await doc.text()).replace(/\s+/g, ' ');
    const expected = [
      model.title,
      model.subtitle!,
      'Sammanfattning av året',
      'Fler stödsökande än föregående år',
      'Så här har uppgifterna tagits fram',
      'Stödsökande per kommun och målgrupp',
      'Tabell 1. Stödsökande per kommun 2026',
      ...MUNICIPALITIES,
      'Summa',
      '<5 = färre än fem personer',
      'Ärenden per kvartal och förening',
      'Figur 1. Ärenden per kvartal',
      '– = färre än 5, visas inte',
      'Åtgärder inför nästa år',
      'Uppgifterna bygger på föreningarnas kvartalsrapporter.',
    ];
    let at = -1;
    for (const s of expected) {
      const i = text.indexOf(s, at + 1);
      expect(i, `"${s}" after position ${at}`).toBeGreaterThan(at);
      at = i;
    }
  });

  it('prints each table row on one line, numbers in their columns, the totals last', async () => {
    const lines = (await doc.layout()).split('\n');
    MUNICIPALITIES.forEach((name, i) => {
      const [w, m, c] = supported(i);
      const cell = (v: number) => (v < 5 ? '<5' : String(v));
      const row = new RegExp(`^\\s*${escapeRe(name)}\\s+${escapeRe(cell(w))}\\s+${escapeRe(cell(m))}\\s+${escapeRe(cell(c))}\\s+${w + m + c}\\s*$`);
      expect(lines.some((l) => row.test(l)), name).toBe(true);
    });
    const totals = MUNICIPALITIES.reduce((acc, _, i) => supported(i).map((v, k) => acc[k]! + v), [0, 0, 0]);
    expect(lines.some((l) => new RegExp(`^\\s*Summa\\s+${totals.join('\\s+')}\\s+${totals[0]! + totals[1]! + totals[2]!}\\s*$`).test(l))).toBe(true);
  });

  it('right-aligns the numbers: the ends of a column line up', async () => {
    const lines = (await doc.page(1)).split('\n');
    const ends = MUNICIPALITIES.slice(0, 5).map((name) => {
      const line = lines.find((l) => l.trimStart().startsWith(name))!;
      return line.trimEnd().length;
    });
    expect(new Set(ends).size).toBe(1);
  });

  it('repeats the table header on the page the table goes on to', async () => {
    const page1 = await doc.page(1);
    const page2 = await doc.page(2);
    const lastOnPage1 = MUNICIPALITIES.filter((m) => page1.includes(m)).at(-1)!;
    expect(lastOnPage1).not.toBe(MUNICIPALITIES.at(-1));
    expect(page2).toContain('Tabell 1 (forts.)');
    expect(page2).toMatch(/Kommun\s+Kvinnor\s+Män\s+Barn och unga\s+Totalt/);
    expect(page2.indexOf('Kommun')).toBeLessThan(page2.indexOf(MUNICIPALITIES.at(-1)!));
  });

  it('has the footer text and "Sida N av M" on every page', async () => {
    for (let p = 1; p <= doc.pages; p++) {
      const text = await doc.page(p);
      expect(text).toContain(model.footer!);
      expect(text).toContain(`Sida ${p} av ${doc.pages}`);
    }
  });

  it('gives a screen reader the structure: headings, a table with header cells, a figure with its alternative text', async () => {
    const tree = await doc.structure();
    const lines = tree.split('\n');
    const after = (tag: string, text: string) => lines.some((l, i) => l.trim() === tag && lines[i + 1]?.trim() === JSON.stringify(text));
    expect(lines[0]).toBe('Document');
    expect(after('H1 (block)', model.title)).toBe(true);
    expect(after('H1 (block)', 'Sammanfattning av året')).toBe(true);
    expect(after('H2 (block)', 'Stödsökande per kommun och målgrupp')).toBe(true);
    expect(after('H3 (block)', 'Åtgärder inför nästa år')).toBe(true);
    expect(after('Caption', 'Tabell 1. Stödsökande per kommun 2026')).toBe(true);
    expect(tree.match(/^\s+L \(block\)$/gm)).toHaveLength(1);
    expect(tree.match(/^\s+LBody/gm)).toHaveLength(3);
    // One header row in the structure (the repeated one is decoration), 25 rows and the totals.
    expect(tree.match(/^\s+TR$/gm)).toHaveLength(1 + 25 + 1);
    expect(tree.match(/\/Scope \/Column/g)).toHaveLength(5);
    expect(tree.match(/\/Scope \/Row/g)).toHaveLength(26);
    expect(tree).toContain('"Kvinnor"');
    expect(tree).not.toContain('forts.');
    // Page furniture is an artifact, not content.
    expect(tree).not.toContain(model.footer!);
    expect(tree).not.toContain('Sida ');
    expect(tree).toMatch(/^\s+Figure:/m);
    const chart = model.blocks.find((b): b is ChartBlock => b.kind === 'chart')!;
    expect(doc.raw).toMatch(/\/S \/Figure\s*\/Alt \(/);
    expect(pdfString(doc.raw, '/Alt')).toBe(chart.alt);
  });

  it('is written in English with "Page N of M" when the document is', async () => {
    const en = await render(sampleModel({ lang: 'en' }));
    expect(en.raw).toContain('/Lang (en-GB)');
    const first = await en.page(1);
    expect(first).toContain(`Page 1 of ${en.pages}`);
    expect(first).toContain('Table 1. People supported by municipality 2026');
    expect(first).not.toContain('Sida');
    expect(await en.page(en.pages)).toContain(`Page ${en.pages} of ${en.pages}`);
  });
});

const base = (blocks: DocumentModel['blocks']): DocumentModel => ({
  lang: 'sv',
  title: 'Prov',
  author: 'Samverkan',
  created: new Date('2027-01-15T08:00:00Z'),
  blocks,
});

const chart = (over: Partial<ChartBlock>): ChartBlock => ({ kind: 'chart', title: 'Diagram', alt: 'Ett diagram', categories: ['A', 'B'], series: [{ name: 'S', values: [1, 2] }], ...over });

describe('the PDF of unusual documents', () => {
  it('starts a new page at a page break', async () => {
    const doc = await render(base([{ kind: 'paragraph', text: 'Före brytningen.' }, { kind: 'pageBreak' }, { kind: 'paragraph', text: 'Efter brytningen.' }]));
    expect(doc.pages).toBe(2);
    expect(await doc.page(1)).toContain('Före brytningen.');
    expect(await doc.page(1)).not.toContain('Efter brytningen.');
    expect(await doc.page(2)).toContain('Efter brytningen.');
    expect(await doc.page(2)).toContain('Sida 2 av 2');
  });

  it('draws charts with nothing to show without failing, and says so', async () => {
    const doc = await render(
      base([
        chart({ title: 'Allt dolt', series: [{ name: 'S', values: [null, null] }] }),
        chart({ title: 'Inga serier', series: [] }),
        chart({ title: 'Inga kategorier', categories: [], series: [{ name: 'S', values: [] }] }),
        chart({ title: 'För få värden', categories: ['A', 'B', 'C'], series: [{ name: 'S', values: [3] }] }),
      ]),
    );
    const text = await doc.text();
    expect(text).toContain('Figur 4. För få värden');
    expect(text.match(/Inga värden att visa\./g)).toHaveLength(3);
    expect((await doc.structure()).match(/^\s+Figure:/gm)).toHaveLength(4);
  });

  it('turns the labels of many categories and keeps every one of them', async () => {
    const categories = MUNICIPALITIES.slice(0, 14);
    const doc = await render(base([chart({ categories, series: [{ name: 'Stöd', values: categories.map((_, i) => (i % 4 === 0 ? null : i * 3)) }] })]));
    // pdftotext cuts turned text into pieces; the figure's content in the structure has them whole, in order.
    const figure = (await doc.structure()).split('\n').find((l) => l.includes(categories[0]!))!;
    expect(figure).toContain(categories.join(''));
    expect(figure).toContain('–');
  });

  it('wraps a long cell within its column instead of running over the page', async () => {
    const long = 'Stödet gavs främst per telefon och vid personliga möten på föreningens kontor, men också vid tingsrätten i samband med rättegångar och vid hembesök hos äldre.';
    const doc = await render(base([{ kind: 'table', caption: 'Kommentarer', header: ['Förening', 'Kommentar', 'Antal'], rows: [{ cells: ['Kvinnojouren Tyra', long, '12'] }], numericFrom: 2 }]));
    const layout = await doc.layout();
    expect(layout.replace(/\s+/g, ' ')).toContain('Kvinnojouren Tyra');
    const lines = layout.split('\n').filter((l) => /Stödet|tingsrätten|äldre\./.test(l));
    expect(lines.length).toBeGreaterThan(1);
    expect(Math.max(...layout.split('\n').map((l) => l.length))).toBeLessThan(140);
    for (const word of long.split(' ')) expect(layout).toContain(word);
  });
});
