// The document model as a tagged PDF (pdfkit): every piece of content sits in the logical
// structure (Document → H1/H2/H3, P, L/LI/Lbl/LBody, Table/THead/TBody/TR/TH/TD with a Caption,
// Figure with /Alt), in reading order; what only decorates a page (rules, shading, the footer, the
// page numbers, a table header repeated on a following page) is marked as an Artifact, so a screen
// reader reads each thing once. The text is DejaVu Sans, embedded (å, ä, ö and "–" in any viewer).
import PDFDocument from 'pdfkit';
import { t } from '../i18n/index.ts';
import { dejaVu, languageTag, layoutChart } from './chart-svg.ts';
import type { Block, ChartBlock, DocumentModel, ListBlock, TableBlock } from './model.ts';

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const MARGIN = { top: 62, bottom: 70, left: 56, right: 56 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

const REGULAR = 'DejaVuSans';
const BOLD = 'DejaVuSans-Bold';
const INK = '#1a1a1a';
const MUTED = '#555555';
const RULE = '#9a9a9a';
const SHADE = '#eef1f5';

const SIZE = { title: 22, subtitle: 13, h1: 16, h2: 13, h3: 11, body: 10, note: 8.5, caption: 9.5, cell: 8.5, footer: 8 };

export async function renderPdf(doc: DocumentModel): Promise<Buffer> {
  const fonts = dejaVu();
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    tagged: true,
    pdfVersion: '1.7',
    lang: languageTag(doc.lang),
    displayTitle: true,
    font: fonts.regular,
    info: {
      Title: doc.title,
      Author: doc.author,
      ...(doc.subject ? { Subject: doc.subject } : {}),
      ...(doc.keywords?.length ? { Keywords: doc.keywords.join(', ') } : {}),
      Creator: doc.author,
      CreationDate: doc.created,
      ModDate: doc.created,
    },
  });
  pdf.registerFont(REGULAR, fonts.regular);
  pdf.registerFont(BOLD, fonts.bold);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const root = pdf.struct('Document');
  pdf.addStructure(root);
  new Writer(pdf, root, doc).write();
  footers(pdf, doc);
  root.end();
  pdf.end();
  return done;
}

class Writer {
  private tables = 0;
  private figures = 0;
  private outline: PDFKit.PDFOutline[] = [];

  constructor(
    private readonly pdf: Doc,
    private readonly root: Struct,
    private readonly doc: DocumentModel,
  ) {}

  write(): void {
    const { pdf, doc } = this;
    this.text('H1', doc.title, { font: BOLD, size: SIZE.title, after: doc.subtitle ? 4 : 14 });
    if (doc.subtitle) this.text('P', doc.subtitle, { size: SIZE.subtitle, colour: MUTED, after: 14 });
    for (const block of doc.blocks) this.block(block);
    pdf.x = MARGIN.left;
  }

  private block(block: Block): void {
    switch (block.kind) {
      case 'heading': {
        const size = block.level === 1 ? SIZE.h1 : block.level === 2 ? SIZE.h2 : SIZE.h3;
        // Keep a heading with the first lines after it.
        this.room(size * 1.4 + 40);
        if (this.pdf.y > MARGIN.top + 1) this.pdf.y += block.level === 1 ? 10 : 6;
        const parent = this.outline[block.level - 2] ?? this.pdf.outline;
        this.outline[block.level - 1] = parent.addItem(block.text);
        this.outline.length = block.level;
        this.text(`H${block.level}`, block.text, { font: BOLD, size, after: 5 });
        return;
      }
      case 'paragraph':
        return this.text('P', block.text, block.note ? { size: SIZE.note, colour: MUTED, after: 8 } : { size: SIZE.body, after: 8 });
      case 'list':
        return this.list(block);
      case 'table':
        return this.table(block);
      case 'chart':
        return this.chart(block);
      case 'pageBreak':
        this.pdf.addPage();
        return;
    }
  }

  /** Starts a new page unless `height` points fit below the current position. */
  private room(height: number): void {
    if (this.pdf.y + height > PAGE.height - MARGIN.bottom && this.pdf.y > MARGIN.top + 1) this.pdf.addPage();
  }

  private text(tag: string, text: string, o: { font?: string; size: number; colour?: string; after: number; parent?: Struct; x?: number; width?: number }): void {
    const { pdf } = this;
    pdf.font(o.font ?? REGULAR).fontSize(o.size);
    const x = o.x ?? MARGIN.left;
    const width = o.width ?? CONTENT_WIDTH;
    this.room(pdf.currentLineHeight(true));
    (o.parent ?? this.root).add(
      pdf.struct(tag, {}, () => {
        pdf.fillColor(o.colour ?? INK).text(text, x, pdf.y, { width, lineGap: 1.5 });
      }),
    );
    pdf.y += o.after;
  }

  private list(block: ListBlock): void {
    const { pdf } = this;
    const list = pdf.struct('L');
    this.root.add(list);
    for (const item of block.items) {
      pdf.font(REGULAR).fontSize(SIZE.body);
      this.room(pdf.heightOfString(item, { width: CONTENT_WIDTH - 16, lineGap: 1.5 }));
      const li = pdf.struct('LI');
      list.add(li);
      const y = pdf.y;
      li.add(pdf.struct('Lbl', {}, () => pdf.fillColor(INK).text('•', MARGIN.left + 4, y, { lineBreak: false })));
      li.add(pdf.struct('LBody', {}, () => pdf.fillColor(INK).text(item, MARGIN.left + 16, y, { width: CONTENT_WIDTH - 16, lineGap: 1.5 })));
      li.end();
      pdf.y += 3;
    }
    list.end();
    pdf.x = MARGIN.left;
    pdf.y += 5;
  }

  private table(block: TableBlock): void {
    const { pdf, doc } = this;
    const number = ++this.tables;
    const columns = Math.max(block.header.length, ...block.rows.map((r) => r.cells.length), 1);
    const numericFrom = block.numericFrom ?? 1;
    const header = Array.from({ length: columns }, (_, i) => block.header[i] ?? '');
    const widths = columnWidths(pdf, header, block.rows.map((r) => r.cells), columns);
    const align = (i: number) => (i >= numericFrom ? 'right' : 'left');
    const padX = 4;
    const padY = 3;
    const rowHeight = (cells: string[], bold: boolean) => {
      pdf.font(bold ? BOLD : REGULAR).fontSize(SIZE.cell);
      return Math.max(...cells.map((c, i) => pdf.heightOfString(c || ' ', { width: widths[i]! - 2 * padX }))) + 2 * padY;
    };
    const headerHeight = rowHeight(header, true);
    const caption = t(doc.lang, 'documents.table.caption', { number, caption: block.caption });

    const table = pdf.struct('Table');
    this.root.add(table);
    pdf.font(BOLD).fontSize(SIZE.caption);
    const firstRow = block.rows[0] ? rowHeight(block.rows[0].cells, !!block.rows[0].total) : 0;
    this.room(pdf.heightOfString(caption, { width: CONTENT_WIDTH }) + 4 + headerHeight + firstRow);
    this.text('Caption', caption, { font: BOLD, size: SIZE.caption, after: 4, parent: table });

    const drawRow = (cells: string[], o: { head: boolean; bold: boolean; tr?: Struct; rule?: boolean }) => {
      const h = o.head ? headerHeight : rowHeight(cells, o.bold);
      const y = pdf.y;
      this.artifact(() => {
        if (o.head) pdf.rect(MARGIN.left, y, sum(widths), h).fill(SHADE);
        if (o.rule) pdf.moveTo(MARGIN.left, y).lineTo(MARGIN.left + sum(widths), y).lineWidth(0.9).strokeColor(INK).stroke();
      });
      let x = MARGIN.left;
      cells.forEach((cell, i) => {
        const draw = () => {
          pdf.font(o.bold ? BOLD : REGULAR).fontSize(SIZE.cell).fillColor(INK);
          pdf.text(cell, x + padX, y + padY, { width: widths[i]! - 2 * padX, align: align(i) });
        };
        if (o.tr) {
          const tag = o.head || i === 0 ? 'TH' : 'TD';
          const scope = o.head ? { scope: 'Column' } : i === 0 ? { scope: 'Row' } : {};
          o.tr.add(pdf.struct(tag, scope as PDFKit.Mixins.StructureElementOptions, draw));
        } else this.artifact(draw);
        x += widths[i]!;
      });
      this.artifact(() => {
        pdf.moveTo(MARGIN.left, y + h).lineTo(MARGIN.left + sum(widths), y + h).lineWidth(o.head ? 0.8 : 0.3).strokeColor(o.head ? INK : RULE).stroke();
      });
      pdf.x = MARGIN.left;
      pdf.y = y + h;
    };

    const thead = pdf.struct('THead');
    table.add(thead);
    const headRow = pdf.struct('TR');
    thead.add(headRow);
    drawRow(header, { head: true, bold: true, tr: headRow });
    headRow.end();
    thead.end();

    const tbody = pdf.struct('TBody');
    table.add(tbody);
    for (const row of block.rows) {
      const cells = Array.from({ length: columns }, (_, i) => row.cells[i] ?? '');
      const h = rowHeight(cells, !!row.total);
      if (pdf.y + h > PAGE.height - MARGIN.bottom) {
        // The table goes on: a new page, where the caption's number and the header are repeated
        // for the eye only (the structure has them once).
        pdf.addPage();
        const continued = t(doc.lang, 'documents.table.continued', { number });
        this.artifact(() => {
          pdf.font(BOLD).fontSize(SIZE.caption).fillColor(MUTED).text(continued, MARGIN.left, pdf.y, { width: CONTENT_WIDTH });
        });
        pdf.y += 4;
        drawRow(header, { head: true, bold: true });
      }
      const tr = pdf.struct('TR');
      tbody.add(tr);
      drawRow(cells, { head: false, bold: !!row.total, tr, rule: !!row.total });
      tr.end();
    }
    tbody.end();
    table.end();
    pdf.y += 6;
    if (block.note) this.text('P', block.note, { size: SIZE.note, colour: MUTED, after: 8 });
    else pdf.y += 4;
  }

  private chart(block: ChartBlock): void {
    const { pdf, doc } = this;
    const number = ++this.figures;
    const caption = t(doc.lang, 'documents.figure.caption', { number, title: block.title });
    const measure = (text: string, size: number, bold?: boolean) => pdf.font(bold ? BOLD : REGULAR).fontSize(size).widthOfString(text);
    const layout = layoutChart(block, doc.lang, CONTENT_WIDTH, measure);
    pdf.font(BOLD).fontSize(SIZE.caption);
    this.room(pdf.heightOfString(caption, { width: CONTENT_WIDTH }) + 6 + layout.height);
    // PDF 1.7 has no caption inside a Figure that a reader would not skip for the /Alt: a paragraph.
    this.text('P', caption, { font: BOLD, size: SIZE.caption, after: 6 });
    const left = MARGIN.left;
    const top = pdf.y;
    const figure = pdf.struct('Figure', { alt: block.alt, bbox: [left, top, left + layout.width, top + layout.height] } as PDFKit.Mixins.StructureElementOptions, () => {
      for (const s of layout.shapes) {
        if (s.kind === 'rect') pdf.rect(left + s.x, top + s.y, s.w, s.h).fill(s.fill);
        else if (s.kind === 'line') pdf.moveTo(left + s.x1, top + s.y1).lineTo(left + s.x2, top + s.y2).lineWidth(s.width).strokeColor(s.stroke).stroke();
        else {
          pdf.font(s.bold ? BOLD : REGULAR).fontSize(s.size).fillColor(s.fill);
          const w = pdf.widthOfString(s.text);
          const x = left + s.x;
          const y = top + s.y;
          const dx = s.anchor === 'end' ? -w : s.anchor === 'middle' ? -w / 2 : 0;
          if (s.rotate) pdf.save().rotate(s.rotate, { origin: [x, y] });
          pdf.text(s.text, x + dx, y, { lineBreak: false, baseline: 'alphabetic' });
          if (s.rotate) pdf.restore();
        }
      }
    });
    this.root.add(figure);
    pdf.x = left;
    pdf.y = top + layout.height + 4;
    if (block.note) this.text('P', block.note, { size: SIZE.note, colour: MUTED, after: 8 });
    else pdf.y += 6;
  }

  /** Draws decoration outside the logical structure. */
  private artifact(draw: () => void): void {
    this.pdf.markContent('Artifact', { type: 'Layout' });
    draw();
    this.pdf.endMarkedContent();
  }
}

/** The footer text and "Sida N av M" on every page, as pagination artifacts. */
function footers(pdf: Doc, doc: DocumentModel): void {
  const { start, count } = pdf.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0; // the footer is in the margin: do not let it start a new page
    const y = PAGE.height - MARGIN.bottom + 22;
    pdf.markContent('Artifact', { type: 'Pagination' });
    pdf.moveTo(MARGIN.left, y - 6).lineTo(PAGE.width - MARGIN.right, y - 6).lineWidth(0.4).strokeColor(RULE).stroke();
    const page = t(doc.lang, 'documents.page', { page: i - start + 1, pages: count });
    pdf.font(REGULAR).fontSize(SIZE.footer).fillColor(MUTED);
    const pageWidth = pdf.widthOfString(page);
    if (doc.footer) pdf.text(doc.footer, MARGIN.left, y, { width: CONTENT_WIDTH - pageWidth - 16, lineBreak: true, height: 24, ellipsis: true });
    pdf.text(page, PAGE.width - MARGIN.right - pageWidth, y, { lineBreak: false });
    pdf.endMarkedContent();
    pdf.page.margins.bottom = bottom;
  }
}

/**
 * Column widths that fill the text width: each column's natural width (its longest cell on one
 * line) when all fit, else the text columns give way (wrapping) down to their longest word while
 * short columns, the numbers, keep theirs.
 */
function columnWidths(pdf: Doc, header: string[], rows: string[][], columns: number): number[] {
  const pad = 8;
  const natural: number[] = [];
  const least: number[] = [];
  for (let i = 0; i < columns; i++) {
    pdf.font(BOLD).fontSize(SIZE.cell);
    const head = header[i] ?? '';
    let nat = pdf.widthOfString(head);
    let word = Math.max(0, ...head.split(/\s+/).map((w) => pdf.widthOfString(w)));
    for (const r of rows) {
      const cell = r[i] ?? '';
      pdf.font(BOLD).fontSize(SIZE.cell); // bold, the widest a totals row can be
      nat = Math.max(nat, pdf.widthOfString(cell));
      word = Math.max(word, ...cell.split(/\s+/).map((w) => pdf.widthOfString(w)));
    }
    natural.push(nat + pad + 1);
    least.push(Math.min(nat, Math.max(word, 24)) + pad + 1);
  }
  const total = sum(natural);
  if (total <= CONTENT_WIDTH) {
    // Room to spare: the first column (the row headings) takes it up to two fifths of the width,
    // the rest is shared, so the numbers stay near their headings.
    const spare = CONTENT_WIDTH - total;
    const first = columns > 1 ? Math.min(spare, Math.max(0, CONTENT_WIDTH * 0.4 - natural[0]!)) : spare;
    const rest = (spare - first) / columns;
    return natural.map((w, i) => w + rest + (i === 0 ? first : 0));
  }
  // Columns narrower than a fair share (names, numbers) keep their width when the long ones can give way.
  const fair = CONTENT_WIDTH / columns;
  const short = natural.map((w) => w <= fair);
  const kept = sum(natural.filter((_, i) => short[i]));
  const longLeast = sum(least.filter((_, i) => !short[i]));
  const longNatural = sum(natural.filter((_, i) => !short[i]));
  if (kept + longLeast <= CONTENT_WIDTH && longNatural > longLeast) {
    const give = (CONTENT_WIDTH - kept - longLeast) / (longNatural - longLeast);
    return natural.map((w, i) => (short[i] ? w : least[i]! + (w - least[i]!) * give));
  }
  const floor = sum(least);
  if (floor >= CONTENT_WIDTH) return least.map((w) => (w * CONTENT_WIDTH) / floor);
  const give = (CONTENT_WIDTH - floor) / (total - floor);
  return natural.map((w, i) => least[i]! + (w - least[i]!) * give);
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
