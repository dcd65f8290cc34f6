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
  return { year, groupKey: group?.key, count: items.length, csv: toCsv(locale, ctx.timezone, items), markdown: toMarkdown(locale, ctx.timezone, partnership, year, items) };
}

const status = (locale: Locale, d: DecisionSummary) =>
  d.supersededBy ? t(locale, 'decisions.export.superseded', { reference: d.supersededBy }) : t(locale, 'decisions.export.inForce');

const responsible = (d: DecisionSummary) => [d.responsibleParty, d.responsibleName].filter(Boolean).join(', ');

/** "2026-03-10 10:05" in the partnership's time zone: when a representative consented. */
const localTime = (at: Date, timezone: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(at);

/** Each party's consent as "party: name (date time)". */
const consentTexts = (d: DecisionSummary, timezone: string) => (d.consents ?? []).map((c) => `${c.party}: ${c.name} (${localTime(c.at, timezone)})`);

function toCsv(locale: Locale, timezone: string, items: DecisionSummary[]): string {
  const head = (['number', 'date', 'group', 'title', 'decision', 'background', 'responsible', 'followUp', 'status', 'supersedes', 'supersededBy', 'link', 'recordedBy', 'consents'] as const).map((k) =>
    t(locale, `decisions.export.col.${k}`),
  );
  const rows = items.map((d) => [d.reference, d.decidedOn, d.groupName, d.title, d.body, d.background, responsible(d), d.followUpOn, status(locale, d), d.supersedes, d.supersededBy, d.link, d.recordedBy, consentTexts(d, timezone).join(', ')]);
  // Semicolons, as Swedish spreadsheet programs expect; the BOM makes them read UTF-8.
  return `\uFEFF${[head, ...rows].map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}

/** Quotes a CSV cell; a leading =, +, - or @ is neutralised so a spreadsheet never runs it as a formula. */
function cell(v: string | null | undefined): string {
  let s = v ?? '';
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[;"\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

function toMarkdown(locale: Locale, timezone: string, partnership: string, year: number, items: DecisionSummary[]): string {
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
      d.recordedBy && `${t(locale, 'decisions.export.col.recordedBy')}: ${d.recordedBy}`,
    ].filter(Boolean);
    out.push(meta.join(' · '), '');
    if (d.background) out.push(`*${t(locale, 'decisions.export.col.background')}:* ${d.background}`, '');
    out.push(...d.body.split('\n').map((l) => `> ${l}`), '');
    const consents = consentTexts(d, timezone);
    if (consents.length > 0) out.push(`*${t(locale, 'decisions.export.col.consents')}:*`, ...consents.map((c) => `- ${c}`), '');
    if (d.supersedes) out.push(t(locale, 'decisions.export.supersedes', { reference: d.supersedes }), '');
    if (d.link) out.push(`${t(locale, 'decisions.export.col.link')}: ${d.link}`, '');
  }
  return out.join('\n');
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
