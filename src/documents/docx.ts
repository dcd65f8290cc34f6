// The document model as Word (.docx, the `docx` package): the title in Word's Title style,
// headings in Heading 1–3 (so Word's navigation pane and a table of contents find them), the
// document's language on every run (spelling and screen readers), tables whose header row repeats
// on each page, captions in Word's Caption style, charts as PNG images with their alternative text,
// and a footer with the footer text and "Sida N av M" as page fields.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import { t } from '../i18n/index.ts';
import { approximateMeasure, chartPng, languageTag } from './chart-svg.ts';
import type { Block, ChartBlock, DocumentModel, TableBlock } from './model.ts';

// A4 with 2 cm margins, in twentieths of a point.
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const CONTENT_TWIPS = PAGE.width - 2 * PAGE.margin;
const CONTENT_PX = Math.floor((CONTENT_TWIPS / 1440) * 96);
const MUTED = '555555';
const NOTE_SIZE = 17; // half-points
const CELL_SIZE = 19;

export async function renderDocx(doc: DocumentModel): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] })];
  if (doc.subtitle) children.push(new Paragraph({ style: 'Subtitle', children: [new TextRun(doc.subtitle)] }));
  const counters = { tables: 0, figures: 0 };
  for (const block of doc.blocks) children.push(...render(block, doc, counters));

  const document = new Document({
    title: doc.title,
    creator: doc.author,
    lastModifiedBy: doc.author,
    ...(doc.subject ? { subject: doc.subject } : {}),
    ...(doc.keywords?.length ? { keywords: doc.keywords.join(', ') } : {}),
    description: doc.subtitle ?? doc.subject ?? doc.title,
    styles: {
      default: {
        document: { run: { language: { value: languageTag(doc.lang) }, size: 21 }, paragraph: { spacing: { after: 120, line: 276 } } },
        title: { run: { size: 44, bold: true, color: '1A1A1A' }, paragraph: { spacing: { after: 80 } } },
        heading1: { run: { size: 32, bold: true, color: '1A1A1A' }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true } },
        heading2: { run: { size: 26, bold: true, color: '1A1A1A' }, paragraph: { spacing: { before: 240, after: 100 }, keepNext: true } },
        heading3: { run: { size: 22, bold: true, color: '1A1A1A' }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true } },
      },
      paragraphStyles: [
        { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', run: { size: 26, color: MUTED }, paragraph: { spacing: { after: 280 } } },
        { id: 'Caption', name: 'caption', basedOn: 'Normal', next: 'Normal', run: { size: 19, bold: true }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true } },
        { id: 'Note', name: 'Note', basedOn: 'Normal', next: 'Normal', run: { size: NOTE_SIZE, color: MUTED }, paragraph: { spacing: { before: 60, after: 160 } } },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } } },
        footers: { default: new Footer({ children: [footer(doc)] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

function render(block: Block, doc: DocumentModel, counters: { tables: number; figures: number }): Array<Paragraph | Table> {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ heading: [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][block.level - 1], children: [new TextRun(block.text)] })];
    case 'paragraph':
      return [new Paragraph({ ...(block.note ? { style: 'Note' } : {}), children: [new TextRun(block.text)] })];
    case 'list':
      return block.items.map((item) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(item)] }));
    case 'table':
      return table(block, doc, ++counters.tables);
    case 'chart':
      return chart(block, doc, ++counters.figures);
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

function table(block: TableBlock, doc: DocumentModel, number: number): Array<Paragraph | Table> {
  const columns = Math.max(block.header.length, ...block.rows.map((r) => r.cells.length), 1);
  const numericFrom = block.numericFrom ?? 1;
  const header = Array.from({ length: columns }, (_, i) => block.header[i] ?? '');
  const widths = columnWidths(header, block.rows.map((r) => r.cells), columns);
  const rule = { style: BorderStyle.SINGLE, size: 8, color: '1A1A1A' } as const;
  const thin = { style: BorderStyle.SINGLE, size: 2, color: 'A0A0A0' } as const;
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
  const cell = (text: string, i: number, o: { head?: boolean; bold?: boolean; top?: boolean }) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      ...(o.head ? { shading: { fill: 'EEF1F5', type: 'clear', color: 'auto' } } : {}),
      borders: { top: o.top ? rule : none, bottom: o.head ? rule : thin, left: none, right: none },
      children: [
        new Paragraph({
          alignment: i >= numericFrom ? AlignmentType.RIGHT : AlignmentType.LEFT,
          spacing: { after: 0 },
          children: [new TextRun({ text, bold: !!(o.head || o.bold), size: CELL_SIZE })],
        }),
      ],
    });
  const rows = [
    new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, i, { head: true })) }),
    ...block.rows.map(
      (r) =>
        new TableRow({
          cantSplit: true,
          children: Array.from({ length: columns }, (_, i) => cell(r.cells[i] ?? '', i, { bold: r.total, top: r.total })),
        }),
    ),
  ];
  const out: Array<Paragraph | Table> = [
    new Paragraph({ style: 'Caption', children: [new TextRun(t(doc.lang, 'documents.table.caption', { number, caption: block.caption }))] }),
    new Table({ rows, width: { size: CONTENT_TWIPS, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED }),
  ];
  out.push(new Paragraph({ style: 'Note', children: block.note ? [new TextRun(block.note)] : [] }));
  return out;
}

function chart(block: ChartBlock, doc: DocumentModel, number: number): Paragraph[] {
  const width = Math.min(CONTENT_PX, 640);
  const { png, height } = chartPng(block, doc.lang, width, 2);
  const caption = t(doc.lang, 'documents.figure.caption', { number, title: block.title });
  return [
    new Paragraph({ style: 'Caption', children: [new TextRun(caption)] }),
    new Paragraph({
      keepNext: !!block.note,
      children: [new ImageRun({ type: 'png', data: png, transformation: { width, height }, altText: { name: caption, title: block.title, description: block.alt } })],
    }),
    ...(block.note ? [new Paragraph({ style: 'Note', children: [new TextRun(block.note)] })] : []),
  ];
}

/** The footer text on the left, "Sida N av M" (as Word's page fields) on the right. */
function footer(doc: DocumentModel): Paragraph {
  const template = t(doc.lang, 'documents.page', { page: '\u0000PAGE\u0000', pages: '\u0000PAGES\u0000' });
  const runs = template
    .split('\u0000')
    .filter(Boolean)
    .map((part) =>
      part === 'PAGE'
        ? new TextRun({ children: [PageNumber.CURRENT], size: NOTE_SIZE, color: MUTED })
        : part === 'PAGES'
          ? new TextRun({ children: [PageNumber.TOTAL_PAGES], size: NOTE_SIZE, color: MUTED })
          : new TextRun({ text: part, size: NOTE_SIZE, color: MUTED }),
    );
  return new Paragraph({
    tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_TWIPS }],
    border: { top: { style: BorderStyle.SINGLE, size: 2, color: 'A0A0A0', space: 4 } },
    children: [...(doc.footer ? [new TextRun({ text: doc.footer, size: NOTE_SIZE, color: MUTED })] : []), new TextRun({ text: '\t', size: NOTE_SIZE }), ...runs],
  });
}

/** Column widths (twips) after the longest text in each column; the first column at least a third. */
function columnWidths(header: string[], rows: string[][], columns: number): number[] {
  const natural = Array.from({ length: columns }, (_, i) => {
    const longest = Math.max(approximateMeasure(header[i] ?? '', 10, true), ...rows.map((r) => approximateMeasure(r[i] ?? '', 10, true)));
    return Math.max(longest, 24) + 12;
  });
  const total = natural.reduce((a, b) => a + b, 0);
  const scaled = natural.map((w) => (w / total) * CONTENT_TWIPS);
  if (columns > 1 && scaled[0]! < CONTENT_TWIPS / 3) {
    const rest = CONTENT_TWIPS - scaled[0]!;
    const first = CONTENT_TWIPS / 3;
    return scaled.map((w, i) => Math.round(i === 0 ? first : (w * (CONTENT_TWIPS - first)) / rest));
  }
  return scaled.map(Math.round);
}
