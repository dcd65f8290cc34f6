import type { Prisma, Tx } from '../../db/client.ts';
import type { DomainContext } from '../context.ts';

/** Used when the partnership file sets no `annual_report.cost_categories`. */
export const DEFAULT_COST_CATEGORIES = ['Personal', 'Lokaler', 'Utbildning och handledning', 'Information och utåtriktat arbete', 'Administration', 'Övrigt'];
/** The last day to submit, in the year after the report's: 15 February (seed 003 §4: after the year closes). */
export const DEFAULT_DEADLINE = '02-15';

export interface AnnualReportSettings {
  /** MM-DD of the year after the report's year. */
  deadline: string;
  costCategories: string[];
}

/** The annual report's settings from the partnership file (synced into `Partnership.settings.annualReport`). */
export async function annualReportSettings(ctx: DomainContext, db: Prisma | Tx = ctx.prisma): Promise<AnnualReportSettings> {
  const p = await db.partnership.findUnique({ where: { id: ctx.partnershipId }, select: { settings: true } });
  const s = ((p?.settings ?? {}) as { annualReport?: { deadline?: string; cost_categories?: string[] } | null }).annualReport ?? {};
  return { deadline: s.deadline ?? DEFAULT_DEADLINE, costCategories: s.cost_categories?.length ? s.cost_categories : DEFAULT_COST_CATEGORIES };
}

/** The last day to submit the report of `year`, as a local calendar date YYYY-MM-DD. */
export const deadlineOf = (year: number, s: AnnualReportSettings) => `${year + 1}-${s.deadline}`;
