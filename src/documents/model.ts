// A document in the product's own words: what the compiled annual follow-up (and any later
// report meant for the diarium) *is*, independent of the file format. `pdf.ts` and `docx.ts`
// render it; neither the domain nor a chat platform knows PDF or Word.
//
// Everything here is already in the reader's language and already suppressed: a cell is the
// text to print ("12", "–", "<5"), a chart value `null` is a value that must not be drawn.

export type DocumentLanguage = 'sv' | 'en';

export interface DocumentModel {
  /** BCP 47 language of the text (the PDF's /Lang, Word's w:lang). */
  lang: DocumentLanguage;
  /** The document title (PDF metadata + shown as the first heading). */
  title: string;
  subtitle?: string;
  /** Who produced it, e.g. "Samverkan – IOP Stockholm". */
  author: string;
  subject?: string;
  keywords?: string[];
  /** When it was compiled (printed in the footer and the metadata). */
  created: Date;
  /** Printed at the foot of every page, e.g. "Sammanställd 2027-02-20 av Samverkan". */
  footer?: string;
  blocks: Block[];
}

export type Block = HeadingBlock | ParagraphBlock | ListBlock | TableBlock | ChartBlock | PageBreakBlock;

export interface HeadingBlock {
  kind: 'heading';
  /** 1 = chapter, 2 = section, 3 = subsection. The document title is not a block. */
  level: 1 | 2 | 3;
  text: string;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  /** A note in smaller type (e.g. how small counts are suppressed). */
  note?: boolean;
}

export interface ListBlock {
  kind: 'list';
  items: string[];
}

export interface TableBlock {
  kind: 'table';
  /** Shown above the table (and the accessible table summary). */
  caption: string;
  /** Column headings; the first column is the row heading. */
  header: string[];
  rows: TableRow[];
  /** Columns from this index on are numbers (right-aligned). Default 1. */
  numericFrom?: number;
  /** Printed under the table in smaller type. */
  note?: string;
}

export interface TableRow {
  cells: string[];
  /** A totals row (bold, ruled above). */
  total?: boolean;
}

export interface ChartBlock {
  kind: 'chart';
  /** A bar chart: one group of bars per category, one bar per series. */
  title: string;
  /** The alternative text for screen readers: what the chart shows, in words. */
  alt: string;
  categories: string[];
  series: ChartSeries[];
  /** Printed under the chart, e.g. "– = färre än 5, visas inte". */
  note?: string;
}

export interface ChartSeries {
  name: string;
  /** One per category; `null` = suppressed or missing: no bar is drawn, a mark is. */
  values: Array<number | null>;
}

export interface PageBreakBlock {
  kind: 'pageBreak';
}
