import { audit } from '../audit.ts';
import type { DomainContext } from '../context.ts';
import { ValidationErrors } from '../errors.ts';
import { enqueue } from '../outbox.ts';
import { inTransaction } from '../transaction.ts';
import { commentErrors, diffFigures, type FieldChange, type Figures } from './figures.ts';
import { compareQuarters, quarterKey, quarterOf, type Quarter } from './quarter.ts';
import type { Reporter } from './reporter.ts';
import { currentReport, figuresOf } from './reports.ts';

export interface Submission {
  period: Quarter;
  municipalityId: string;
  /** The version the form was filled in against (0 for none): a correction made meanwhile is not overwritten. */
  baseVersion: number;
  figures: Figures;
  /** The reporter confirmed that a comment with the marks of personal details is not about anyone supported. */
  notAboutAPerson?: boolean;
}

export interface SubmitResult {
  reportId: string;
  version: number;
  municipality: string;
  /** For a correction, what changed compared with the previous version. */
  changes: FieldChange[];
  unchanged: boolean;
}

/** The period and municipality fields are checked before the figures, so their errors can be shown on step one. */
export function checkPeriod(ctx: DomainContext, reporter: Reporter, period: Quarter, municipalityId: string): void {
  const errors: ConstructorParameters<typeof ValidationErrors>[0] = [];
  if (compareQuarters(period, quarterOf(ctx.clock.now(), ctx.timezone)) > 0) {
    errors.push({ field: 'period', key: 'statistics.error.futureQuarter', params: { quarter: period.quarter, year: period.year } });
  }
  if (!reporter.municipalities.some((m) => m.id === municipalityId)) {
    errors.push({ field: 'municipality', key: 'statistics.error.notServed', params: { party: reporter.party.name } });
  }
  if (errors.length) throw new ValidationErrors(errors);
}

/**
 * Saves a report as a new version in one transaction with its audit row and notices. A
 * resubmission of identical figures (a retried request) changes nothing.
 */
export async function submitReport(ctx: DomainContext, reporter: Reporter, s: Submission): Promise<SubmitResult> {
  checkPeriod(ctx, reporter, s.period, s.municipalityId);
  // The figures may come from any platform's form: the comment is checked here, whoever parsed it.
  const comment = commentErrors(s.figures.comment, s.notAboutAPerson);
  if (comment.length) throw new ValidationErrors(comment);
  const municipality = reporter.municipalities.find((m) => m.id === s.municipalityId)!;
  try {
    return await inTransaction(ctx, async (tx) => {
      const previous = await currentReport(ctx, reporter.party.id, s.municipalityId, s.period, tx);
      const changes = previous ? diffFigures(figuresOf(previous), s.figures) : [];
      if (previous && changes.length === 0) return { reportId: previous.id, version: previous.version, municipality: municipality.name, changes, unchanged: true };
      if ((previous?.version ?? 0) !== s.baseVersion) throw conflict(previous?.version ?? 0);
      const version = (previous?.version ?? 0) + 1;
      const now = ctx.clock.now();
      if (previous) await tx.statisticsReport.update({ where: { id: previous.id }, data: { current: false } });
      const row = await tx.statisticsReport.create({
        data: {
          partnershipId: ctx.partnershipId,
          partyId: reporter.party.id,
          municipalityId: s.municipalityId,
          year: s.period.year,
          quarter: s.period.quarter,
          version,
          current: true,
          ...s.figures.counts,
          crimeTypes: s.figures.crimeTypes,
          comment: s.figures.comment,
          submittedById: reporter.member.id,
          submittedAt: now,
        },
      });
      const entity = { party: reporter.party.name, municipality: municipality.name, period: quarterKey(s.period), version };
      await audit(tx, reporter.actor, {
        action: previous ? 'correct' : 'submit',
        entityType: 'StatisticsReport',
        entityId: row.id,
        before: previous ? { ...entity, version: previous.version, id: previous.id, figures: figuresOf(previous) } : undefined,
        after: { ...entity, figures: s.figures, changes },
      }, now);
      const data = { party: reporter.party.name, municipality: municipality.name, year: s.period.year, quarter: s.period.quarter, version, changes, total: s.figures.counts.total };
      await enqueue(tx, `statistics:receipt:${row.id}`, { to: { member: reporter.member.id }, template: 'statistics.receipt', data });
      const group = await tx.group.findFirst({
        where: { partnershipId: ctx.partnershipId, kind: 'COLLABORATION', parties: { some: { partyId: reporter.party.id, active: true } } },
        orderBy: { key: 'asc' },
      });
      if (group) {
        await enqueue(tx, `statistics:submitted:${row.id}`, { to: { group: group.id }, template: 'statistics.submitted', data: { ...data, changes: changes.length } });
      }
      return { reportId: row.id, version, municipality: municipality.name, changes, unchanged: false };
    });
  } catch (err) {
    // Two people saving the same report at once: the unique version key lets only one through.
    if ((err as { code?: string }).code === 'P2002') throw conflict(s.baseVersion + 1);
    throw err;
  }
}

const conflict = (version: number) => new ValidationErrors([{ field: 'total', key: 'statistics.error.conflict', params: { version } }]);
