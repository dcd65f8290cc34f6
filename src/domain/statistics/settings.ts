import type { Prisma, Tx } from '../../db/client.ts';
import type { DomainContext } from '../context.ts';

/** Used when the partnership file sets no `crime_types`. */
export const DEFAULT_CRIME_TYPES = ['Våld i nära relation', 'Misshandel', 'Sexualbrott', 'Hot och ofredande', 'Stöld och inbrott', 'Bedrägeri', 'Övrigt'];
export const DEFAULT_DEADLINE_DAYS = 15;
export const DEFAULT_SUPPRESS_BELOW = 5;
/** How wide a hidden count's feasible range must stay (statistics/suppress-audit.ts). */
export const DEFAULT_PROTECTION = 1;

export interface StatisticsSettings {
  crimeTypes: string[];
  deadlineDays: number;
  suppressBelow: number;
  protection: number;
}

/** The statistics settings from the partnership file (synced into `Partnership.settings`). */
export async function statisticsSettings(ctx: DomainContext, db: Prisma | Tx = ctx.prisma): Promise<StatisticsSettings> {
  const p = await db.partnership.findUnique({ where: { id: ctx.partnershipId }, select: { settings: true } });
  const s = (p?.settings ?? {}) as { crimeTypes?: string[] | null; statistics?: { deadline_days?: number; suppress_below?: number; protection?: number } | null };
  return {
    crimeTypes: s.crimeTypes?.length ? s.crimeTypes : DEFAULT_CRIME_TYPES,
    deadlineDays: s.statistics?.deadline_days ?? DEFAULT_DEADLINE_DAYS,
    suppressBelow: s.statistics?.suppress_below ?? DEFAULT_SUPPRESS_BELOW,
    protection: s.statistics?.protection ?? DEFAULT_PROTECTION,
  };
}
