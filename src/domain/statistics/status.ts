import type { DomainContext } from '../context.ts';
import { deadlineDate, quarterStart, zonedInstant, type Quarter } from './quarter.ts';
import { partiesInAgreement } from '../agreement/in-agreement.ts';
import { currentReports } from './reports.ts';
import { statisticsSettings } from './settings.ts';

export interface PartyStatus {
  partyId: string;
  name: string;
  reported: Array<{ municipality: string; version: number; submittedAt: Date }>;
  missing: string[];
}

export interface ReportingStatus {
  year: number;
  quarter: number;
  /** Last day to report, as a local calendar date YYYY-MM-DD. */
  deadline: string;
  /** The deadline day is over (in the partnership's time zone): whatever is missing now is late. */
  overdue: boolean;
  parties: PartyStatus[];
}

/**
 * Which victim-support organisations have reported the quarter, for which of their municipalities.
 * A party that has left the agreement (its notice took effect) by the quarter's first day owes no report.
 */
export async function reportingStatus(ctx: DomainContext, q: Quarter): Promise<ReportingStatus> {
  const settings = await statisticsSettings(ctx);
  const parties = await ctx.prisma.party.findMany({
    where: { partnershipId: ctx.partnershipId, active: true, sector: 'NONPROFIT' },
    include: { municipalities: { include: { municipality: true } } },
    orderBy: { name: 'asc' },
  });
  const inAgreement = await partiesInAgreement(ctx);
  const reports = await currentReports(ctx, [q]);
  const d = deadlineDate(q, settings.deadlineDays);
  return {
    overdue: deadlinePassed(q, settings.deadlineDays, ctx.clock.now(), ctx.timezone),
    year: q.year,
    quarter: q.quarter,
    deadline: `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`,
    parties: parties
      .filter((p) => inAgreement.at(p.id, quarterStart(q, ctx.timezone)))
      .map((p) => {
        const served = p.municipalities.map((pm) => pm.municipality).filter((m) => m.active).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
        const mine = reports.filter((r) => r.partyId === p.id);
        return {
          partyId: p.id,
          name: p.shortName ?? p.name,
          reported: served.flatMap((m) => mine.filter((r) => r.municipalityId === m.id).map((r) => ({ municipality: m.name, version: r.version, submittedAt: r.submittedAt }))),
          missing: served.filter((m) => !mine.some((r) => r.municipalityId === m.id)).map((m) => m.name),
        };
      })
      .filter((p) => p.reported.length + p.missing.length > 0),
  };
}

/** True once the last day to report is over, local time. */
export function deadlinePassed(q: Quarter, deadlineDays: number, now: Date, timeZone: string): boolean {
  const after = deadlineDate(q, deadlineDays + 1);
  return now >= zonedInstant(after.year, after.month, after.day, 0, timeZone);
}
