import type { Prisma, Tx } from '../../db/client.ts';
import type { DomainContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { grantSpecs, grantSplits } from '../agreement/grants.ts';
import { partiesInAgreement } from '../agreement/in-agreement.ts';
import { termSpec } from '../agreement/term.ts';
import type { Layout, StatisticsCheck } from './fields.ts';

const QUARTERS = [1, 2, 3, 4];

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Which quarters of the year each municipality still lacks in the association's statistics, and
 * the volunteer hours reported. Only the quarters the association owed: none that ended before
 * the agreement's start, none that starts once its notice has taken effect.
 */
export async function statisticsCheck(ctx: DomainContext, partyId: string, layout: Layout, year: number, db: Prisma | Tx = ctx.prisma): Promise<StatisticsCheck> {
  const [reports, term, inAgreement] = await Promise.all([
    db.statisticsReport.findMany({ where: { partnershipId: ctx.partnershipId, partyId, year, current: true }, select: { municipalityId: true, quarter: true, volunteerHours: true } }),
    termSpec(ctx, db),
    partiesInAgreement(ctx, db),
  ]);
  const owed = QUARTERS.filter((q) => {
    const lastDay = `${year}-${pad(q * 3)}-31`; // compared as text: later than any day of the quarter's last month
    return (!term?.start || term.start <= lastDay) && inAgreement.onDay(partyId, `${year}-${pad((q - 1) * 3 + 1)}-01`);
  });
  return {
    municipalities: layout.municipalities.map((m) => ({ name: m.name, missing: owed.filter((q) => !reports.some((r) => r.municipalityId === m.id && r.quarter === q)) })),
    volunteerHours: reports.filter((r) => layout.municipalities.some((m) => m.id === r.municipalityId)).reduce((s, r) => s + r.volunteerHours, 0),
  };
}

/**
 * The grant the association was to receive from each municipality in the year, from the grant
 * plan (`agreement.grants`): a municipality's own share, or a payer's whole grant when it covers
 * one municipality. Undefined when the plan cannot be worked out (no grants, a PKV missing).
 */
export async function plannedGrants(ctx: DomainContext, partyKey: string, layout: Layout, year: number): Promise<Map<string, number> | undefined> {
  const specs = (await grantSpecs(ctx)).filter((s) => s.receiver === partyKey);
  if (!specs.length) return undefined;
  const splits = await grantSplits(ctx, year).catch((err: unknown) => {
    if (err instanceof DomainError) return undefined;
    throw err;
  });
  if (!splits) return undefined;
  const out = new Map<string, number>();
  for (const split of splits.filter((s) => specs.some((spec) => spec.key === s.key))) {
    for (const row of split.rows) {
      const m = row.municipalityIds.length === 1 ? layout.municipalities.find((x) => x.id === row.municipalityIds[0]) : undefined;
      if (m) out.set(m.key, (out.get(m.key) ?? 0) + row.amount);
    }
  }
  return out.size ? out : undefined;
}
