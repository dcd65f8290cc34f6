import type { Prisma, Tx } from '../../db/client.ts';
import type { StatisticsReport } from '../../generated/prisma/client.ts';
import type { DomainContext } from '../context.ts';
import { COUNT_FIELDS, type CountField, type Figures } from './figures.ts';
import type { Quarter } from './quarter.ts';

export type ReportRow = StatisticsReport;

export function figuresOf(r: ReportRow): Figures {
  return {
    counts: Object.fromEntries(COUNT_FIELDS.map((f) => [f, r[f]])) as Record<CountField, number>,
    crimeTypes: (r.crimeTypes ?? {}) as Record<string, number>,
    comment: r.comment,
  };
}

/** The version that counts for one organisation, municipality and quarter, if any. */
export function currentReport(ctx: DomainContext, partyId: string, municipalityId: string, q: Quarter, db: Prisma | Tx = ctx.prisma): Promise<ReportRow | null> {
  return db.statisticsReport.findFirst({ where: { partyId, municipalityId, year: q.year, quarter: q.quarter, current: true } });
}

/** Every counting version in the partnership for the given quarters. */
export function currentReports(ctx: DomainContext, quarters: Quarter[], db: Prisma | Tx = ctx.prisma): Promise<ReportRow[]> {
  return db.statisticsReport.findMany({
    where: { partnershipId: ctx.partnershipId, current: true, OR: quarters.map((q) => ({ year: q.year, quarter: q.quarter })) },
    orderBy: [{ year: 'asc' }, { quarter: 'asc' }],
  });
}
