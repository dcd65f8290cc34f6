import { t, type Locale } from '../../i18n/index.ts';
import type { DomainContext } from '../context.ts';
import { getOverview, listGroups } from '../partnership/directory.ts';
import { currentYear, readRegisterWords, yearRegister, type DecisionSummary } from './query.ts';

export interface RegisterExport {
  year: number;
  /** The group's key when the export is of one group. */
  groupKey?: string;
  count: number;
  csv: string;
  markdown: string;
}

/**
 * `/beslut export [grupp] [år]`: the register of a year (default this year), of one group or all,
 * as CSV (for spreadsheets) and as Markdown shaped like minutes.
 */
export async function exportRegister(ctx: DomainContext, locale: Locale, words: string[]): Promise<RegisterExport> {
  const { group, year = currentYear(ctx) } = readRegisterWords(await listGroups(ctx), words);
  const items = await yearRegister(ctx, year, group?.id);
  const partnership = (await getOverview(ctx))?.name ?? '';
  return { year, groupKey: group?.key, count: items.length, csv: toCsv(locale, items), markdown: toMarkdown(locale, partnership, year, items) };
}

const status = (locale: Locale, d: DecisionSummary) =>
  d.supersededBy ? t(locale, 'decisions.export.superseded', { reference: d.supersededBy }) : t(locale, 'decisions.export.inForce');

const responsible = (d: DecisionSummary) => [d.responsibleParty, d.responsibleName].filter(Boolean).join(', ');

function toCsv(locale: Locale, items: DecisionSummary[]): string {
  const head = (['number', 'date', 'group', 'title', 'decision', 'background', 'responsible', 'followUp', 'status', 'supersedes', 'supersededBy', 'link'] as const).map((k) =>
    t(locale, `decisions.export.col.${k}`),
  );
  const rows = items.map((d) => [d.reference, d.decidedOn, d.groupName, d.title, d.body, d.background, responsible(d), d.followUpOn, status(locale, d), d.supersedes, d.supersededBy, d.link]);
  // Semicolons, as Swedish spreadsheet programs expect; the BOM makes them read UTF-8.
  return `\uFEFF${[head, ...rows].map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}

/** Quotes a CSV cell; a leading =, +, - or @ is neutralised so a spreadsheet never runs it as a formula. */
function cell(v: string | null | undefined): string {
  let s = v ?? '';
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[;"\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

function toMarkdown(locale: Locale, partnership: string, year: number, items: DecisionSummary[]): string {
  const out = [`# ${t(locale, 'decisions.export.title', { year })}`, '', partnership, ''];
  if (items.length === 0) out.push(`_${t(locale, 'decisions.export.empty', { year })}_`, '');
  let group = '';
  for (const d of items) {
    if (d.groupName !== group) {
      group = d.groupName;
      out.push(`## ${group}`, '');
    }
    out.push(`### § ${d.reference} – ${oneLine(d.title)}`, '');
    const meta = [
      `${t(locale, 'decisions.export.col.date')}: ${d.decidedOn}`,
      responsible(d) && `${t(locale, 'decisions.export.col.responsible')}: ${responsible(d)}`,
      d.followUpOn && `${t(locale, 'decisions.export.col.followUp')}: ${d.followUpOn}`,
      `${t(locale, 'decisions.export.col.status')}: ${status(locale, d)}`,
    ].filter(Boolean);
    out.push(meta.join(' · '), '');
    if (d.background) out.push(`*${t(locale, 'decisions.export.col.background')}:* ${d.background}`, '');
    out.push(...d.body.split('\n').map((l) => `> ${l}`), '');
    if (d.supersedes) out.push(t(locale, 'decisions.export.supersedes', { reference: d.supersedes }), '');
    if (d.link) out.push(`${t(locale, 'decisions.export.col.link')}: ${d.link}`, '');
  }
  return out.join('\n');
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
