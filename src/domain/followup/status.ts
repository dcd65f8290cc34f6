import type { DomainContext } from '../context.ts';
import type { MemberView } from '../partnership/directory.ts';
import { isAdmin } from '../partnership/permissions.ts';
import { zonedInstant } from '../statistics/quarter.ts';
import { statisticsCheck } from './check.ts';
import { missingParts, valuesOf, type AnnualReportContent, type Layout, type MissingPart } from './fields.ts';
import { checkYear, layoutOf } from './report.ts';
import { annualReportSettings, deadlineOf } from './settings.ts';

export interface AssociationStatus {
  partyId: string;
  name: string;
  submitted?: { version: number; submittedAt: Date };
  draft?: { updatedAt: Date };
  /** What keeps the report (or its correction) from being submitted; for one not begun, only the statistics. */
  missing: MissingPart[];
}

export interface AnnualStatus {
  year: number;
  /** Last day to submit, YYYY-MM-DD. */
  deadline: string;
  overdue: boolean;
  /** The viewer sees only their own association (they are not the municipality's or the steering group's). */
  ownOnly: boolean;
  associations: AssociationStatus[];
}

/** The municipalities' members, the steering group and administrators follow every association; an association itself. */
async function seesAll(ctx: DomainContext, viewer: MemberView): Promise<boolean> {
  if (isAdmin(viewer)) return true;
  const party = await ctx.prisma.party.findUnique({ where: { id: viewer.partyId }, select: { sector: true } });
  if (party?.sector === 'PUBLIC') return true;
  const groups = viewer.roles.flatMap((r) => (r.groupId ? [r.groupId] : []));
  return groups.length > 0 && (await ctx.prisma.group.count({ where: { id: { in: groups }, kind: 'STEERING' } })) > 0;
}

/** True once the last day to submit is over, local time. */
export function reportOverdue(deadline: string, now: Date, timeZone: string): boolean {
  const [y, m, d] = deadline.split('-').map(Number) as [number, number, number];
  return now >= zonedInstant(y, m, d + 1, 0, timeZone);
}

/** Which associations have submitted their report of the year, which have drafts, what is missing. */
export async function annualStatus(ctx: DomainContext, viewer: MemberView, year: number): Promise<AnnualStatus> {
  checkYear(ctx, year);
  const all = await seesAll(ctx, viewer);
  const settings = await annualReportSettings(ctx);
  const parties = await ctx.prisma.party.findMany({
    where: { partnershipId: ctx.partnershipId, active: true, sector: 'NONPROFIT', ...(all ? {} : { id: viewer.partyId }) },
    include: { municipalities: { include: { municipality: true } } },
    orderBy: { name: 'asc' },
  });
  const [reports, drafts] = await Promise.all([
    ctx.prisma.annualReport.findMany({ where: { partnershipId: ctx.partnershipId, year, current: true } }),
    ctx.prisma.annualReportDraft.findMany({ where: { partnershipId: ctx.partnershipId, year } }),
  ]);
  const associations: AssociationStatus[] = [];
  for (const p of parties) {
    const municipalities = p.municipalities.map((pm) => pm.municipality).filter((m) => m.active).sort((a, b) => a.name.localeCompare(b.name, 'sv')).map((m) => ({ id: m.id, key: m.key, name: m.name }));
    if (!municipalities.length) continue;
    const layout: Layout = await layoutOf(ctx, municipalities);
    const stats = await statisticsCheck(ctx, p.id, layout, year);
    const report = reports.find((r) => r.partyId === p.id);
    const draft = drafts.find((d) => d.partyId === p.id);
    const values = { ...(report ? valuesOf(report.content as unknown as AnnualReportContent, layout) : {}), ...((draft?.values ?? {}) as Record<string, string>) };
    const missing = missingParts(values, layout, stats);
    associations.push({
      partyId: p.id,
      name: p.shortName ?? p.name,
      ...(report ? { submitted: { version: report.version, submittedAt: report.submittedAt } } : {}),
      ...(draft ? { draft: { updatedAt: draft.updatedAt } } : {}),
      missing: report || draft ? missing : missing.filter((m) => m.field === 'statistics'),
    });
  }
  const deadline = deadlineOf(year, settings);
  return { year, deadline, overdue: reportOverdue(deadline, ctx.clock.now(), ctx.timezone), ownOnly: !all, associations };
}
