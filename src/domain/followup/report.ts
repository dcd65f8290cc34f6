import { isDeepStrictEqual } from 'node:util';
import type { Prisma, Tx } from '../../db/client.ts';
import type { AnnualReport } from '../../generated/prisma/client.ts';
import { audit } from '../audit.ts';
import type { DomainContext } from '../context.ts';
import { DomainError, ValidationErrors } from '../errors.ts';
import { enqueue } from '../outbox.ts';
import { localParts } from '../statistics/quarter.ts';
import { inTransaction } from '../transaction.ts';
import { textErrors } from '../personal-details.ts';
import { plannedGrants, statisticsCheck } from './check.ts';
import { checkStep, isText, contentOf, grantField, missingParts, stepFields, valuesOf, VOLUNTEER_HOURS, type AnnualReportContent, type Layout, type MissingPart, type StatisticsCheck } from './fields.ts';
import { annualReportSettings, deadlineOf } from './settings.ts';
import type { Writer } from './writer.ts';

export interface ReportForm {
  year: number;
  layout: Layout;
  /** What the form shows: the draft, else the submitted version, else what the bot can prefill. */
  values: Record<string, string>;
  /** The submitted version the form corrects (0: none yet). */
  baseVersion: number;
  current?: { version: number; submittedAt: Date };
  draft?: { updatedAt: Date; updatedBy: string };
  /** The grants were prefilled from the grant plan. */
  grantsPlanned: boolean;
  stats: StatisticsCheck;
  missing: MissingPart[];
  deadline: string;
}

/** The first and last year a report can be written for: the partnership's own era, up to this year. */
export function checkYear(ctx: DomainContext, year: number): void {
  const now = localParts(ctx.clock.now(), ctx.timezone).year;
  if (!Number.isInteger(year) || year < 2000 || year > now) throw new DomainError('followup.error.badYear', { text: String(year), year: now });
}

/** The year a report is about unless one is named: the year just ended. */
export const defaultYear = (ctx: DomainContext) => localParts(ctx.clock.now(), ctx.timezone).year - 1;

export async function layoutOf(ctx: DomainContext, municipalities: Layout['municipalities'], db: Prisma | Tx = ctx.prisma): Promise<Layout> {
  return { municipalities, costCategories: (await annualReportSettings(ctx, db)).costCategories };
}

const currentVersion = (db: Prisma | Tx, partyId: string, year: number) => db.annualReport.findFirst({ where: { partyId, year, current: true } });
const draftOf = (db: Prisma | Tx, partyId: string, year: number) => db.annualReportDraft.findUnique({ where: { partyId_year: { partyId, year } } });
const contentOfRow = (r: AnnualReport) => r.content as unknown as AnnualReportContent;

/** What is saved of a report so far: the submitted version, overlaid by the draft. */
function savedValues(layout: Layout, current: AnnualReport | null, draft: { values: unknown } | null): Record<string, string> {
  return { ...(current ? valuesOf(contentOfRow(current), layout) : {}), ...((draft?.values ?? {}) as Record<string, string>) };
}

/** Everything the form needs to open (or reopen) the association's report of a year. */
export async function reportForm(ctx: DomainContext, writer: Writer, year: number): Promise<ReportForm> {
  checkYear(ctx, year);
  const layout = await layoutOf(ctx, writer.municipalities);
  const [current, draft, stats, planned, settings] = await Promise.all([
    currentVersion(ctx.prisma, writer.party.id, year),
    draftOf(ctx.prisma, writer.party.id, year),
    statisticsCheck(ctx, writer.party.id, layout, year),
    plannedGrants(ctx, writer.member.partyKey, layout, year),
    annualReportSettings(ctx),
  ]);
  const saved = savedValues(layout, current, draft);
  // Prefilled only what nothing saved says yet: the grant plan's amounts and the hours the statistics hold.
  const prefill: Record<string, string> = { [VOLUNTEER_HOURS]: String(stats.volunteerHours) };
  for (const [key, amount] of planned ?? []) prefill[grantField(key)] = String(amount);
  const updatedBy = draft ? (await ctx.prisma.member.findUnique({ where: { id: draft.updatedById } }))?.name ?? '' : '';
  return {
    year,
    layout,
    values: { ...prefill, ...saved },
    baseVersion: draft?.baseVersion ?? current?.version ?? 0,
    ...(current ? { current: { version: current.version, submittedAt: current.submittedAt } } : {}),
    ...(draft ? { draft: { updatedAt: draft.updatedAt, updatedBy } } : {}),
    grantsPlanned: !!planned,
    stats,
    missing: missingParts(saved, layout, stats),
    deadline: deadlineOf(year, settings),
  };
}

export interface DraftSave {
  year: number;
  /** The submitted version the form was opened against. */
  baseVersion: number;
  values: Record<string, string>;
  /** Fields left out because their text could not be stored (closing the form). */
  dropped?: string[];
  /** The writer confirmed that text with the marks of personal details is not about anyone supported. */
  notAboutAPerson?: boolean;
  /** Closing or leaving a step keeps what was typed even over a version submitted meanwhile; going on is refused then. */
  leaving?: boolean;
}

/**
 * Keeps what was typed in one step of the form in the association's draft, in one transaction
 * with its audit row. Saving what is already saved changes nothing. Fields that were left out
 * (a personnummer typed before closing) are named to the writer in a direct message.
 */
export async function saveDraft(ctx: DomainContext, writer: Writer, input: DraftSave): Promise<{ changed: string[] }> {
  checkYear(ctx, input.year);
  // Whatever platform's form it comes from, a text with a personnummer (or, not confirmed, the
  // marks of a description of a person) is never stored: refused when going on, left out (and
  // named to the writer) when the form is closed.
  const texts = Object.keys(input.values).map((field) => ({ field, value: input.values[field], personal: isText(field), personnummerKey: 'followup.error.personnummer' as const }));
  const held = textErrors(texts, { confirmed: input.notAboutAPerson });
  if (held.length && !input.leaving) throw new ValidationErrors(held);
  const out = new Set(held.map((e) => e.field));
  const s: DraftSave = held.length
    ? { ...input, values: Object.fromEntries(Object.entries(input.values).filter(([f]) => !out.has(f))), dropped: [...new Set([...(input.dropped ?? []), ...out])] }
    : input;
  const now = ctx.clock.now();
  return inTransaction(ctx, async (tx) => {
    const [current, draft] = await Promise.all([currentVersion(tx, writer.party.id, s.year), draftOf(tx, writer.party.id, s.year)]);
    const before = (draft?.values ?? {}) as Record<string, string>;
    // Compared with what is saved (the draft over the submitted version): opening and closing the form saves nothing.
    const saved = savedValues(await layoutOf(ctx, writer.municipalities, tx), current, draft);
    const changed = Object.keys(s.values).filter((f) => (saved[f] ?? '') !== s.values[f]);
    const base = current?.version ?? 0;
    if (!draft && !s.leaving && s.baseVersion !== base) throw conflict(base);
    if (s.dropped?.length) {
      await enqueue(tx, `followup:draft-dropped:${writer.member.id}:${now.getTime()}`, { to: { member: writer.member.id }, template: 'followup.draftDropped', data: { year: s.year, fields: s.dropped } });
    }
    if (changed.length === 0) return { changed };
    const values = { ...before, ...Object.fromEntries(changed.map((f) => [f, s.values[f]!])) };
    const data = { values, updatedById: writer.member.id, updatedAt: now };
    const row = draft
      ? await tx.annualReportDraft.update({ where: { id: draft.id }, data })
      : await tx.annualReportDraft.create({ data: { partnershipId: ctx.partnershipId, partyId: writer.party.id, year: s.year, baseVersion: base, ...data } });
    const entity = { party: writer.party.name, year: s.year, baseVersion: row.baseVersion };
    await audit(tx, writer.actor, {
      action: draft ? 'updateDraft' : 'startDraft',
      entityType: 'AnnualReportDraft',
      entityId: row.id,
      before: draft ? { ...entity, values: Object.fromEntries(changed.map((f) => [f, saved[f] ?? null])) } : undefined,
      after: { ...entity, values: Object.fromEntries(changed.map((f) => [f, s.values[f]])) },
    }, now);
    return { changed };
  });
}

export interface SubmitResult {
  reportId: string;
  version: number;
  unchanged: boolean;
  /** The sections a correction changed. */
  changes: string[];
}

const sectionsChanged = (a: AnnualReportContent, b: AnnualReportContent) =>
  [...(Object.keys(b.narrative) as Array<keyof AnnualReportContent['narrative']>).filter((k) => a.narrative[k] !== b.narrative[k]),
   ...(Object.keys(b.financial) as Array<keyof AnnualReportContent['financial']>).filter((k) => k !== 'totalCosts' && !isDeepStrictEqual(a.financial[k], b.financial[k]))];

/**
 * Submits the association's report of a year from its draft, as a new version, in one
 * transaction with its audit row, a receipt and a word to the collaboration group. Refused while
 * anything is missing (each missing part named) or when someone submitted meanwhile.
 */
export async function submitAnnualReport(ctx: DomainContext, writer: Writer, year: number, baseVersion: number): Promise<SubmitResult> {
  checkYear(ctx, year);
  const layout = await layoutOf(ctx, writer.municipalities);
  try {
    return await inTransaction(ctx, async (tx) => {
      const [current, draft] = await Promise.all([currentVersion(tx, writer.party.id, year), draftOf(tx, writer.party.id, year)]);
      const stats = await statisticsCheck(ctx, writer.party.id, layout, year, tx);
      const values = savedValues(layout, current, draft);
      const missing = missingParts(values, layout, stats);
      if (missing.length) throw new ValidationErrors(missing);
      for (const step of ['narrative', 'finance'] as const) {
        try {
          checkStep(values, stepFields(step, layout));
        } catch {
          throw new ValidationErrors([{ field: step, key: step === 'narrative' ? 'followup.error.invalidNarrative' : 'followup.error.invalidFinance' }]);
        }
      }
      const base = draft?.baseVersion ?? baseVersion;
      if ((current?.version ?? 0) !== base) throw conflict(current?.version ?? 0);
      const content = contentOf(values, layout);
      const now = ctx.clock.now();
      if (draft) await tx.annualReportDraft.delete({ where: { id: draft.id } });
      if (current && isDeepStrictEqual(contentOfRow(current), content)) return { reportId: current.id, version: current.version, unchanged: true, changes: [] };
      const version = (current?.version ?? 0) + 1;
      if (current) await tx.annualReport.update({ where: { id: current.id }, data: { current: false } });
      const row = await tx.annualReport.create({
        data: { partnershipId: ctx.partnershipId, partyId: writer.party.id, year, version, current: true, content: content as object, statistics: stats as object, submittedById: writer.member.id, submittedAt: now },
      });
      const changes = current ? sectionsChanged(contentOfRow(current), content) : [];
      const entity = { party: writer.party.name, year, version };
      await audit(tx, writer.actor, {
        action: current ? 'correct' : 'submit',
        entityType: 'AnnualReport',
        entityId: row.id,
        before: current ? { ...entity, version: current.version, id: current.id, content: current.content } : undefined,
        after: { ...entity, content, statistics: stats, changes },
      }, now);
      const data = { party: writer.party.name, year, version, changes };
      await enqueue(tx, `followup:receipt:${row.id}`, { to: { member: writer.member.id }, template: 'followup.receipt', data });
      const group = await tx.group.findFirst({
        where: { partnershipId: ctx.partnershipId, kind: 'COLLABORATION', parties: { some: { partyId: writer.party.id, active: true } } },
        orderBy: { key: 'asc' },
      });
      if (group) await enqueue(tx, `followup:submitted:${row.id}`, { to: { group: group.id }, template: 'followup.submitted', data });
      return { reportId: row.id, version, unchanged: false, changes };
    });
  } catch (err) {
    // Two people submitting at once: the unique version key lets only one through.
    if ((err as { code?: string }).code === 'P2002') throw conflict(baseVersion + 1);
    throw err;
  }
}

const conflict = (version: number) => new ValidationErrors([{ field: 'confirm', key: 'followup.error.conflict', params: { version } }]);

export interface SubmittedReport {
  partyId: string;
  party: string;
  year: number;
  version: number;
  submittedAt: Date;
  content: AnnualReportContent;
  statistics: StatisticsCheck;
}

/** A year's submitted reports, the latest version per association, for the compiled follow-up. */
export async function submittedAnnualReports(ctx: DomainContext, year: number): Promise<SubmittedReport[]> {
  const rows = await ctx.prisma.annualReport.findMany({ where: { partnershipId: ctx.partnershipId, year, current: true } });
  const parties = await ctx.prisma.party.findMany({ where: { id: { in: rows.map((r) => r.partyId) } } });
  const name = (id: string) => { const p = parties.find((x) => x.id === id)!; return p.shortName ?? p.name; };
  return rows
    .map((r) => ({ partyId: r.partyId, party: name(r.partyId), year: r.year, version: r.version, submittedAt: r.submittedAt, content: contentOfRow(r), statistics: r.statistics as unknown as StatisticsCheck }))
    .sort((a, b) => a.party.localeCompare(b.party, 'sv'));
}
