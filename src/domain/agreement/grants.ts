import type { Prisma, Tx } from '../../db/client.ts';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import type { DomainContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { enqueue } from '../outbox.ts';
import { partyMembers, type MemberView } from '../partnership/directory.ts';
import type { GrantSpec } from '../partnership/file-schema.ts';
import { isAdmin } from '../partnership/permissions.ts';
import { inTransaction } from '../transaction.ts';
import { localParts, zonedInstant } from '../statistics/quarter.ts';

/** The price index the grants are indexed by. */
export const PKV = 'PKV';
const REMIND_HOUR = 8; // reminders arrive in the morning, local time

export interface GrantPayer {
  /** A municipality's key (population_split) or the paying party's key. */
  key: string;
  name: string;
  /** The party whose members pay (and are reminded), if any. */
  partyId: string | null;
  municipalityIds: string[];
}

export interface GrantRow extends GrantPayer {
  /** The population counted (null for a fixed grant). */
  population: number | null;
  amount: number;
  paid: boolean;
}

export interface GrantSplit {
  key: string;
  name: string;
  kind: GrantSpec['kind'];
  year: number;
  receiver: string;
  paymentQuarter: number;
  /** The amount of the base (or only) year: whole kronor, or kronor per inhabitant. */
  baseAmount: number;
  /** The PKV of each October used, oldest first (empty when not indexed this year). */
  index: Array<{ year: number; hundredths: number }>;
  /** The day whose population counts, YYYY-MM-DD (null for a fixed grant). */
  populationDate: string | null;
  total: number;
  rows: GrantRow[];
}

/** The grants the partnership file declares (synced into `Partnership.settings.grants`). */
export async function grantSpecs(ctx: DomainContext, db: Prisma | Tx = ctx.prisma): Promise<GrantSpec[]> {
  const p = await db.partnership.findUnique({ where: { id: ctx.partnershipId }, select: { settings: true } });
  return ((p?.settings ?? {}) as { grants?: GrantSpec[] }).grants ?? [];
}

/** "3,1", "3.1", "3,1 %", "-0,5" → hundredths of a per cent (310), or undefined. */
export function parsePercent(text: string): number | undefined {
  const m = /^([+-]?)(\d{1,2})(?:[.,](\d{1,2}))?\s*%?$/.exec(text.trim());
  if (!m) return undefined;
  const v = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0') || 0);
  return m[1] === '-' ? -v : v;
}

/**
 * Splits `total` whole kronor by weight with the largest remainder method: each part is first
 * rounded down, then the kronor left over go one each to the largest remainders. Ties go to the
 * larger weight, then to the earlier key (alphabetical), so the split is always the same.
 * The parts sum exactly to `total`.
 */
export function largestRemainder(total: number, items: Array<{ key: string; weight: number }>): Map<string, number> {
  const sum = items.reduce((s, i) => s + BigInt(i.weight), 0n);
  const out = new Map<string, number>();
  if (sum === 0n) throw new Error('largestRemainder: all weights are zero');
  const t = BigInt(total);
  const parts = items.map((i) => ({ ...i, floor: (t * BigInt(i.weight)) / sum, rest: (t * BigInt(i.weight)) % sum }));
  let left = t - parts.reduce((s, p) => s + p.floor, 0n);
  const order = [...parts].sort((a, b) => (a.rest === b.rest ? b.weight - a.weight || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.rest > b.rest ? -1 : 1));
  for (const p of order) {
    if (left <= 0n) break;
    p.floor += 1n;
    left -= 1n;
  }
  for (const p of parts) out.set(p.key, Number(p.floor));
  return out;
}

/**
 * amount × Π (1 + PKV(y)/100) over the given Octobers, rounded once to whole kronor (half up).
 * Exact: computed in integers, never in floating point.
 */
export function indexed(amountOre: bigint, hundredths: number[]): number {
  let num = amountOre;
  let den = 100n; // öre → kronor
  for (const h of hundredths) {
    num *= BigInt(10_000 + h);
    den *= 10_000n;
  }
  return Number((2n * num + den) / (2n * den));
}

export async function payersOf(ctx: DomainContext, spec: GrantSpec, db: Prisma | Tx): Promise<GrantPayer[]> {
  if (spec.payer === 'municipalities') {
    const municipalities = await db.municipality.findMany({
      where: { partnershipId: ctx.partnershipId, active: true },
      include: { parties: { include: { party: true } } },
      orderBy: { name: 'asc' },
    });
    return municipalities.map((m) => {
      // The municipality itself pays: its public party (the one that is the municipality).
      const party = m.parties.map((pm) => pm.party).find((p) => p.active && p.sector === 'PUBLIC');
      return { key: m.key, name: m.name, partyId: party?.id ?? null, municipalityIds: [m.id] };
    });
  }
  const party = await db.party.findUnique({ where: { partnershipId_key: { partnershipId: ctx.partnershipId, key: spec.payer } }, include: { municipalities: true } });
  if (!party) throw new DomainError('grants.error.unknownPayer', { grant: spec.name, payer: spec.payer });
  return [{ key: party.key, name: party.shortName ?? party.name, partyId: party.id, municipalityIds: party.municipalities.map((m) => m.municipalityId) }];
}

/** The PKV of each October from the base year to `year - 1`; names every one missing. */
async function indexFor(ctx: DomainContext, spec: GrantSpec, year: number, db: Prisma | Tx) {
  if (!spec.index || year <= spec.index.base_year) return [];
  const years = Array.from({ length: year - spec.index.base_year }, (_, i) => spec.index!.base_year + i);
  const rows = await db.priceIndex.findMany({ where: { partnershipId: ctx.partnershipId, kind: PKV, year: { in: years } } });
  const byYear = new Map(rows.map((r) => [r.year, r.hundredths]));
  const missing = years.filter((y) => !byYear.has(y));
  if (missing.length) throw new DomainError('grants.error.missingPkv', { grant: spec.name, year, missing: missing.join(', '), example: missing[0]! });
  return years.map((y) => ({ year: y, hundredths: byYear.get(y)! }));
}

/** A year's split of every declared grant, with the population figures and index used. */
export async function grantSplits(ctx: DomainContext, year: number, db: Prisma | Tx = ctx.prisma): Promise<GrantSplit[]> {
  const specs = await grantSpecs(ctx, db);
  if (!specs.length) throw new DomainError('grants.error.none');
  const out: GrantSplit[] = [];
  for (const spec of specs) out.push(await splitOne(ctx, spec, year, db));
  return out;
}

async function splitOne(ctx: DomainContext, spec: GrantSpec, year: number, db: Prisma | Tx): Promise<GrantSplit> {
  const payers = await payersOf(ctx, spec, db);
  const index = await indexFor(ctx, spec, year, db);
  const hundredths = index.map((i) => i.hundredths);
  const populationDate = spec.population_day ? `${year - 1}-${spec.population_day}` : null;
  const population = new Map<string, number>();
  if (populationDate) {
    const date = new Date(`${populationDate}T00:00:00Z`);
    const ids = payers.flatMap((p) => p.municipalityIds);
    const rows = await db.municipalityPopulation.findMany({ where: { municipalityId: { in: ids }, date } });
    const counts = new Map(rows.map((r) => [r.municipalityId, r.population]));
    const names = await db.municipality.findMany({ where: { id: { in: ids } }, orderBy: { name: 'asc' } });
    const missing = names.filter((m) => !counts.has(m.id)).map((m) => m.name);
    if (missing.length) throw new DomainError('grants.error.missingPopulation', { grant: spec.name, date: populationDate, municipalities: missing.join(', ') });
    for (const p of payers) population.set(p.key, p.municipalityIds.reduce((s, id) => s + counts.get(id)!, 0));
  }
  const paid = new Set(
    (await db.grantPayment.findMany({ where: { partnershipId: ctx.partnershipId, grantKey: spec.key, year } })).map((r) => r.payerKey),
  );
  const receiver = await db.party.findUnique({ where: { partnershipId_key: { partnershipId: ctx.partnershipId, key: spec.receiver } } });
  let total: number;
  let amounts: Map<string, number>;
  if (spec.kind === 'population_split') {
    total = indexed(BigInt(spec.amount!) * 100n, hundredths);
    if ([...population.values()].every((v) => v === 0)) throw new DomainError('grants.error.missingPopulation', { grant: spec.name, date: populationDate!, municipalities: payers.map((p) => p.name).join(', ') });
    amounts = largestRemainder(total, payers.map((p) => ({ key: p.key, weight: population.get(p.key)! })));
  } else if (spec.kind === 'fixed') {
    total = indexed(BigInt(spec.amount!) * 100n, hundredths);
    amounts = new Map([[payers[0]!.key, total]]);
  } else {
    const ore = BigInt(Math.round(spec.per_inhabitant! * 100)) * BigInt(population.get(payers[0]!.key) ?? 0);
    total = indexed(ore, hundredths);
    amounts = new Map([[payers[0]!.key, total]]);
  }
  return {
    key: spec.key,
    name: spec.name,
    kind: spec.kind,
    year,
    receiver: receiver ? (receiver.shortName ?? receiver.name) : spec.receiver,
    paymentQuarter: spec.payment_quarter,
    baseAmount: spec.kind === 'per_inhabitant' ? spec.per_inhabitant! : spec.amount!,
    index,
    populationDate,
    total,
    rows: payers.map((p) => ({ ...p, population: populationDate ? population.get(p.key)! : null, amount: amounts.get(p.key)!, paid: paid.has(p.key) })),
  };
}

/** An admin enters the PKV of October `year` (audited); it indexes the grants from `year + 1`. */
export async function setPkv(ctx: DomainContext, admin: MemberView, actor: Actor, year: number, percentText: string) {
  if (!isAdmin(admin)) throw new DomainError('grants.error.adminOnly');
  const hundredths = parsePercent(percentText);
  if (hundredths === undefined || Math.abs(hundredths) > 5000) throw new DomainError('grants.error.badPercent', { text: percentText });
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new DomainError('grants.error.badYear', { text: String(year) });
  return inTransaction(ctx, async (tx) => {
    const before = await tx.priceIndex.findUnique({ where: { partnershipId_kind_year: { partnershipId: ctx.partnershipId, kind: PKV, year } } });
    // An upsert, so two admins entering the same year at once meet on the key instead of failing.
    const row = await tx.priceIndex.upsert({
      where: { partnershipId_kind_year: { partnershipId: ctx.partnershipId, kind: PKV, year } },
      create: { partnershipId: ctx.partnershipId, kind: PKV, year, hundredths },
      update: { hundredths },
    });
    await audit(tx, actor, { action: before ? 'update' : 'create', entityType: 'PriceIndex', entityId: row.id, before, after: row }, ctx.clock.now());
    return { year, hundredths, previous: before?.hundredths ?? null };
  });
}

const norm = (s: string) => s.trim().toLowerCase();

/**
 * An admin marks a year's payment made (audited): `target` is a grant (every payer of it) or a
 * payer (a municipality or party, in every grant it pays). Returns what was marked and what had been.
 */
export async function markPaid(ctx: DomainContext, admin: MemberView, actor: Actor, year: number, target: string) {
  if (!isAdmin(admin)) throw new DomainError('grants.error.adminOnly');
  return inTransaction(ctx, async (tx) => {
    const specs = await grantSpecs(ctx, tx);
    if (!specs.length) throw new DomainError('grants.error.none');
    const wanted = norm(target);
    const pairs: Array<{ spec: GrantSpec; payer: GrantPayer }> = [];
    const allPayers: string[] = [];
    for (const spec of specs) {
      const payers = await payersOf(ctx, spec, tx);
      allPayers.push(...payers.map((p) => p.name));
      const whole = norm(spec.key) === wanted || norm(spec.name) === wanted;
      for (const p of payers) if (whole || norm(p.key) === wanted || norm(p.name) === wanted) pairs.push({ spec, payer: p });
    }
    if (!pairs.length)
      throw new DomainError('grants.error.unknownTarget', { text: target, grants: specs.map((s) => s.key).join(', '), payers: [...new Set(allPayers)].join(', ') });
    const marked: Array<{ grant: string; payer: string; amount: number | null }> = [];
    const already: Array<{ grant: string; payer: string }> = [];
    for (const { spec, payer } of pairs) {
      const existing = await tx.grantPayment.findUnique({ where: { partnershipId_grantKey_year_payerKey: { partnershipId: ctx.partnershipId, grantKey: spec.key, year, payerKey: payer.key } } });
      if (existing) {
        already.push({ grant: spec.name, payer: payer.name });
        continue;
      }
      // The amount due is recorded when it can be worked out (a missing PKV does not stop the marking).
      const amount = await splitOne(ctx, spec, year, tx).then((s) => s.rows.find((r) => r.key === payer.key)?.amount ?? null, (err) => {
        if (err instanceof DomainError) return null;
        throw err;
      });
      // Skipping a duplicate: a payment marked at the same moment by another admin counts as already marked.
      const data = { partnershipId: ctx.partnershipId, grantKey: spec.key, year, payerKey: payer.key, amount, markedById: admin.id, paidAt: ctx.clock.now() };
      if ((await tx.grantPayment.createMany({ data: [data], skipDuplicates: true })).count === 0) {
        already.push({ grant: spec.name, payer: payer.name });
        continue;
      }
      const row = await tx.grantPayment.findUniqueOrThrow({ where: { partnershipId_grantKey_year_payerKey: { partnershipId: ctx.partnershipId, grantKey: spec.key, year, payerKey: payer.key } } });
      await audit(tx, actor, { action: 'markPaid', entityType: 'GrantPayment', entityId: row.id, after: row }, ctx.clock.now());
      marked.push({ grant: spec.name, payer: payer.name, amount });
    }
    return { year, marked, already };
  });
}

export type GrantReminderStage = 'start' | 'last';

/**
 * Reminds the members of each paying party (coordinators and representatives) that a grant is
 * due: on the first day of the payment quarter and on the first day of its last month, while it is
 * unpaid. State-based: any run inside a stage's window sends what is due, the dedupe key sends each
 * reminder once per grant, year, payer, stage and member, and a payment marked made stops them.
 */
export async function runGrantReminders(ctx: DomainContext, now: Date): Promise<number> {
  const specs = await grantSpecs(ctx);
  if (!specs.length) return 0;
  const year = localParts(now, ctx.timezone).year;
  let queued = 0;
  for (const spec of specs) {
    const q = spec.payment_quarter;
    const start = zonedInstant(year, (q - 1) * 3 + 1, 1, REMIND_HOUR, ctx.timezone);
    const last = zonedInstant(year, (q - 1) * 3 + 3, 1, REMIND_HOUR, ctx.timezone);
    const end = q === 4 ? zonedInstant(year + 1, 1, 1, 0, ctx.timezone) : zonedInstant(year, q * 3 + 1, 1, 0, ctx.timezone);
    const stage: GrantReminderStage | undefined = now >= last && now < end ? 'last' : now >= start && now < last ? 'start' : undefined;
    if (!stage) continue;
    const payers = await payersOf(ctx, spec, ctx.prisma);
    const paid = new Set((await ctx.prisma.grantPayment.findMany({ where: { partnershipId: ctx.partnershipId, grantKey: spec.key, year } })).map((r) => r.payerKey));
    const split = await splitOne(ctx, spec, year, ctx.prisma).catch((err) => {
      if (err instanceof DomainError) return undefined; // the reminder goes out without the amount
      throw err;
    });
    for (const payer of payers.filter((p) => !paid.has(p.key) && p.partyId)) {
      const coordinators = await partyMembers(ctx, payer.partyId!, 'COORDINATOR');
      const representatives = await partyMembers(ctx, payer.partyId!, 'REPRESENTATIVE');
      const recipients = [...new Map([...coordinators, ...representatives].map((m) => [m.id, m])).values()];
      const amount = split?.rows.find((r) => r.key === payer.key)?.amount ?? null;
      const data = { stage, grant: spec.name, year, quarter: q, payer: payer.name, receiver: split?.receiver ?? spec.receiver, amount };
      for (const m of recipients) {
        if (await enqueue(ctx.prisma, `grants:reminder:${spec.key}:${year}:${payer.key}:${stage}:${m.id}`, { to: { member: m.id }, template: 'grants.reminder', data })) queued++;
      }
    }
  }
  return queued;
}
