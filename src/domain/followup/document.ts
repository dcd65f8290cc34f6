import type { Block, DocumentModel, TableBlock } from '../../documents/model.ts';
import { formatDate, t, type Locale, type MessageKey } from '../../i18n/index.ts';
import { cellText } from '../statistics/export/csv.ts';
import type { Cell } from '../statistics/suppress.ts';
import type { Change, CompiledFollowup, FollowupRow } from './compile.ts';
import { isDefaultKind } from './outreach-kinds.ts';

// The compiled follow-up as a document, in the reader's language. Pure: it reads the compiled
// structure (already suppressed) and the catalogue, never the database.

const FIELD_KEY: Record<string, MessageKey> = {
  total: 'statistics.field.total',
  genderFemale: 'statistics.field.genderFemale',
  genderMale: 'statistics.field.genderMale',
  genderOther: 'statistics.field.genderOther',
  age0to17: 'statistics.field.age0to17',
  age18to20: 'statistics.field.age18to20',
  age21to64: 'statistics.field.age21to64',
  age65plus: 'statistics.field.age65plus',
  roleVictim: 'statistics.field.roleVictim',
  roleWitness: 'statistics.field.roleWitness',
  roleVictimRelative: 'statistics.field.roleVictimRelative',
  rolePerpetratorRelative: 'statistics.field.rolePerpetratorRelative',
  meetings: 'statistics.field.meetings',
  referrals: 'statistics.field.referrals',
  volunteerHours: 'statistics.field.volunteerHours',
};

export function followupDocument(locale: Locale, c: CompiledFollowup, timeZone = 'Europe/Stockholm'): DocumentModel {
  const l = locale;
  const num = new Intl.NumberFormat(l === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 });
  const n = (x: number) => num.format(x);
  const missingMark = t(l, 'followup.compile.doc.missingMark');
  const cell = (x: Cell) => (x.missing || x.suppressed ? cellText(x, c.threshold, missingMark) : n(x.value));
  const column = (k: string) => (k.startsWith('crime:') ? k.slice('crime:'.length) : t(l, FIELD_KEY[k]!));
  const rowLabel = (r: FollowupRow) => (r.total ? t(l, 'followup.compile.doc.totalRow') : r.label);
  const notes = t(l, 'followup.compile.doc.tableNote', { threshold: c.threshold, max: c.threshold - 1, mark: missingMark });

  const table = (caption: string, first: string, rows: FollowupRow[], keys: string[], extra?: { header: string; value: (r: FollowupRow) => string }): TableBlock => ({
    kind: 'table',
    caption,
    header: [first, ...keys.map(column), ...(extra ? [extra.header] : [])],
    rows: rows.map((r) => ({ cells: [rowLabel(r), ...keys.map((k) => cell(r.cells[k]!)), ...(extra ? [extra.value(r)] : [])], ...(r.total ? { total: true } : {}) })),
    note: notes,
  });
  /** Every breakdown for a set of rows (the partnership's municipalities, or one association's). */
  const breakdowns = (rows: FollowupRow[], who: string): Block[] => {
    const m = t(l, 'followup.compile.doc.municipality');
    const crimeTable: TableBlock = {
      kind: 'table',
      caption: t(l, 'followup.compile.doc.crimeCaption', { year: c.year, who }),
      header: [t(l, 'followup.compile.doc.crimeType'), ...rows.map(rowLabel)],
      rows: c.columns.crime.map((name) => ({ cells: [name, ...rows.map((r) => cell(r.cells[`crime:${name}`]!))] })),
      note: notes,
    };
    return [
      table(t(l, 'followup.compile.doc.genderCaption', { year: c.year, who }), m, rows, ['total', ...c.columns.gender]),
      table(t(l, 'followup.compile.doc.ageCaption', { year: c.year, who }), m, rows, ['total', ...c.columns.age]),
      table(t(l, 'followup.compile.doc.roleCaption', { year: c.year, who }), m, rows, ['total', ...c.columns.role]),
      crimeTable,
      table(t(l, 'followup.compile.doc.otherCaption', { year: c.year, who }), m, rows, c.columns.other, { header: column('volunteerHours'), value: (r) => (r.reports ? n(r.volunteerHours) : missingMark) }),
    ];
  };
  const signed = (x: number) => (x > 0 ? `+${n(x)}` : x < 0 ? `−${n(-x)}` : n(0));
  const changeCells = (ch: Change, prev: string, cur: string) => [
    prev,
    cur,
    ch.hidden ? '..' : ch.change === null ? missingMark : signed(ch.change),
    ch.hidden ? '..' : ch.percent === null ? missingMark : `${signed(ch.percent)} %`,
  ];
  const yoyHeader = (first: string) => [first, String(c.previousYear), String(c.year), t(l, 'followup.compile.doc.change'), t(l, 'followup.compile.doc.changePercent')];
  const prevCell = (r: FollowupRow, k: string) => (r.previous ? cell(r.previous.cells[k]!) : missingMark);
  const everyone = t(l, 'followup.compile.doc.allAssociations');
  const places = c.municipalities.filter((r) => !r.total);
  const chartValue = (x: Cell | undefined) => (!x || x.missing || x.suppressed ? null : x.value);

  const blocks: Block[] = [
    { kind: 'paragraph', text: t(l, 'followup.compile.doc.intro', { year: c.year, partnership: c.partnership, submitted: c.submitted, expected: c.expected, previousYear: c.previousYear }) },
    { kind: 'paragraph', note: true, text: t(l, 'followup.compile.doc.suppressionNote', { threshold: c.threshold, max: c.threshold - 1 }) },
    { kind: 'heading', level: 1, text: t(l, 'followup.compile.doc.peopleHeading') },
    ...breakdowns(c.municipalities, everyone),
    {
      kind: 'chart',
      title: t(l, 'followup.compile.doc.chartTitle', { year: c.year, previousYear: c.previousYear }),
      alt: t(l, 'followup.compile.doc.chartAlt', {
        year: c.year,
        previousYear: c.previousYear,
        values: places.map((r) => `${r.label}: ${cell(r.cells.total!)} (${prevCell(r, 'total')})`).join(', '),
      }),
      categories: places.map((r) => r.label),
      series: [
        { name: String(c.previousYear), values: places.map((r) => chartValue(r.previous?.cells.total)) },
        { name: String(c.year), values: places.map((r) => chartValue(r.cells.total)) },
      ],
      note: t(l, 'followup.compile.doc.chartNote', { threshold: c.threshold, max: c.threshold - 1 }),
    },
    { kind: 'heading', level: 1, text: t(l, 'followup.compile.doc.comparisonHeading', { previousYear: c.previousYear }) },
    {
      kind: 'table',
      caption: t(l, 'followup.compile.doc.comparisonCaption', { year: c.year, previousYear: c.previousYear }),
      header: yoyHeader(t(l, 'followup.compile.doc.measure')),
      rows: [
        ...['total', ...c.columns.gender, ...c.columns.age, ...c.columns.role, ...c.columns.other].map((k) => ({ cells: [column(k), ...changeCells(c.total.changes[k]!, prevCell(c.total, k), cell(c.total.cells[k]!))] })),
        { cells: [column('volunteerHours'), ...changeCells(c.total.changes.volunteerHours!, c.total.previous ? n(c.total.previous.volunteerHours) : missingMark, c.total.reports ? n(c.total.volunteerHours) : missingMark)] },
      ],
      note: t(l, 'followup.compile.doc.comparisonNote'),
    },
    ...(places.length > 1
      ? [{
          kind: 'table' as const,
          caption: t(l, 'followup.compile.doc.comparisonPlacesCaption', { year: c.year, previousYear: c.previousYear }),
          header: yoyHeader(t(l, 'followup.compile.doc.municipality')),
          rows: c.municipalities.map((r) => ({ cells: [rowLabel(r), ...changeCells(r.changes.total!, prevCell(r, 'total'), cell(r.cells.total!))], ...(r.total ? { total: true } : {}) })),
          note: t(l, 'followup.compile.doc.comparisonNote'),
        }]
      : []),
    { kind: 'heading', level: 1, text: t(l, 'followup.compile.doc.outreachHeading') },
    {
      kind: 'paragraph',
      text: t(l, 'followup.compile.doc.outreachSummary', {
        year: c.year,
        activities: c.outreach.current.activities,
        participants: c.outreach.current.participants,
        previousYear: c.previousYear,
        previousActivities: c.outreach.previous.activities,
        previousParticipants: c.outreach.previous.participants,
      }),
    },
    ...(c.outreach.current.activities
      ? [{
          kind: 'table' as const,
          caption: t(l, 'followup.compile.doc.outreachCaption', { year: c.year }),
          header: [t(l, 'followup.compile.doc.outreachKind'), t(l, 'followup.compile.doc.activities'), t(l, 'followup.compile.doc.participants')],
          rows: [
            ...c.outreach.current.byKind.map((k) => ({ cells: [isDefaultKind(k.kind) ? t(l, `followup.outreach.kind.${k.kind}`) : k.kind, n(k.activities), n(k.participants)] })),
            { cells: [t(l, 'followup.compile.doc.totalRow'), n(c.outreach.current.activities), n(c.outreach.current.participants)], total: true },
          ],
        }]
      : []),
    { kind: 'heading', level: 1, text: t(l, 'followup.compile.doc.associationsHeading') },
  ];
  for (const a of c.associations) {
    blocks.push({ kind: 'pageBreak' }, { kind: 'heading', level: 2, text: a.name });
    const rows = a.rows.length > 1 ? [...a.rows, a.total] : a.rows;
    if (rows.length) blocks.push(...breakdowns(rows, a.name));
    if (a.outreach) blocks.push({ kind: 'paragraph', text: t(l, 'followup.compile.doc.associationOutreach', { activities: a.outreach.activities, participants: a.outreach.participants }) });
    const r = a.report;
    if (!r) {
      blocks.push({ kind: 'paragraph', text: t(l, 'followup.compile.doc.notSubmitted', { association: a.name, year: c.year }) });
      continue;
    }
    const nar = r.content.narrative;
    const fin = r.content.financial;
    blocks.push(
      { kind: 'paragraph', note: true, text: t(l, 'followup.compile.doc.reportVersion', { version: r.version, date: formatDate(l, r.submittedAt, timeZone) }) },
      { kind: 'heading', level: 3, text: t(l, 'followup.compile.doc.narrativeHeading') },
      { kind: 'paragraph', text: `${t(l, 'followup.field.activities')}: ${nar.activities}` },
      { kind: 'paragraph', text: `${t(l, 'followup.field.goals')}: ${nar.goals}` },
      { kind: 'paragraph', text: `${t(l, 'followup.field.cooperation')}: ${nar.cooperation}` },
      { kind: 'paragraph', text: t(l, 'followup.compile.doc.complaints', { complaints: nar.complaints, views: nar.views }) },
      ...(nar.complaintsHandling ? [{ kind: 'paragraph' as const, text: `${t(l, 'followup.field.complaintsHandling')}: ${nar.complaintsHandling}` }] : []),
      { kind: 'heading', level: 3, text: t(l, 'followup.compile.doc.financeHeading') },
      {
        kind: 'table',
        caption: t(l, 'followup.compile.doc.grantsCaption', { year: c.year, association: a.name }),
        header: [t(l, 'followup.compile.doc.municipality'), t(l, 'followup.compile.doc.kronor')],
        rows: [...fin.grants.map((g) => ({ cells: [g.name, n(g.received)] })), { cells: [t(l, 'followup.compile.doc.totalRow'), n(fin.grants.reduce((s, g) => s + g.received, 0))], total: true }],
      },
      {
        kind: 'table',
        caption: t(l, 'followup.compile.doc.costsCaption', { year: c.year, association: a.name }),
        header: [t(l, 'followup.compile.doc.costCategory'), t(l, 'followup.compile.doc.kronor')],
        rows: [...fin.costs.map((x) => ({ cells: [x.category, n(x.amount)] })), { cells: [t(l, 'followup.compile.doc.totalRow'), n(fin.totalCosts)], total: true }],
      },
      { kind: 'paragraph', text: t(l, 'followup.compile.doc.volunteerHours', { hours: fin.volunteerHours }) },
      ...(fin.comment ? [{ kind: 'paragraph' as const, text: `${t(l, 'followup.field.financeComment')}: ${fin.comment}` }] : []),
    );
  }
  blocks.push({ kind: 'pageBreak' }, { kind: 'heading', level: 1, text: t(l, 'followup.compile.doc.missingHeading') });
  const missing = [
    ...c.missing.reports.map((a) => t(l, 'followup.compile.doc.missingReport', { association: a, year: c.year })),
    ...c.missing.statistics.map((s) => t(l, 'followup.compile.doc.missingQuarters', { association: s.association, municipality: s.municipality, quarters: s.quarters.map((q) => t(l, 'followup.compile.doc.quarter', { q })).join(', '), n: s.quarters.length })),
  ];
  blocks.push(missing.length ? { kind: 'list', items: missing } : { kind: 'paragraph', text: t(l, 'followup.compile.doc.nothingMissing') });

  const title = t(l, 'followup.compile.doc.title', { year: c.year, partnership: c.partnership });
  return {
    lang: l === 'en' ? 'en' : 'sv',
    title,
    author: `Samverkan – ${c.partnership}`,
    subject: title,
    keywords: ['IOP', String(c.year)],
    created: c.compiledAt,
    footer: t(l, 'followup.compile.doc.footer', { date: formatDate(l, c.compiledAt, timeZone) }),
    blocks,
  };
}
