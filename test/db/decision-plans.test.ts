import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import type { DomainContext } from '../../src/domain/context.ts';
import { COUNT_LIMIT, exportRegister, homeData, searchDecisions } from '../../src/domain/decisions/index.ts';
import { decisionListCard } from '../../src/conversation/decisions/list.ts';
import { renderCard } from '../../src/slack/render/index.ts';
import { findMemberByChatUser } from '../../src/domain/partnership/directory.ts';
import { loadPartnershipFile } from '../../src/domain/partnership/file-loader.ts';
import { syncPartnership } from '../../src/domain/partnership/sync.ts';
import { STOCKHOLM } from '../helpers/bot.ts';
import { openTestDatabase } from '../helpers/db.ts';

// `/beslut lista`, `/beslut export` and the App Home with 10,000 decisions in one group (and
// 2,000 in another): the database's plan for every statement they send touches only the rows
// it needs, through an index: never a sequential scan of the decisions, never a sort of them all.
const DECISIONS = 10_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

let db: Database;
let ctx: DomainContext;
const sent: Array<{ sql: string; params: string }> = [];

beforeAll(async () => {
  db = await openTestDatabase({ onQuery: (sql, params) => sent.push({ sql, params }) });
  const { partnershipId } = await syncPartnership(db.prisma, loadPartnershipFile(STOCKHOLM));
  ctx = { prisma: db.prisma, clock: new ManualClock('2026-06-01T10:00:00Z'), partnershipId, timezone: 'Europe/Stockholm', locale: 'sv' };
  const groups = await db.prisma.group.findMany({ where: { partnershipId } });
  const member = await db.prisma.member.findFirstOrThrow({ where: { partnershipId } });
  const insert = (groupId: string, code: string, count: number) =>
    db.sql.exec(`
      INSERT INTO "Decision" (id, "partnershipId", "groupId", status, year, number, reference, title, body, "decidedOn", "createdById", "createdAt", "adoptedAt")
      SELECT '${code}-' || i, '${partnershipId}', '${groupId}', 'ADOPTED', y, n, '${code} ' || y || ':' || n, 'Beslut ' || i, 'Gruppen beslutar punkt ' || i || '.',
        make_date(y, 1 + n % 12, 1 + n % 28), '${member.id}', make_timestamp(y, 1 + n % 12, 1 + n % 28, 12, 0, 0), make_timestamp(y, 1 + n % 12, 1 + n % 28, 12, 0, 0)
      FROM generate_series(0, ${count - 1}) i, LATERAL (SELECT 2016 + i / ${count / 10} AS y, 1 + i % ${count / 10} AS n) v`);
  await insert(groups.find((g) => g.kind === 'COLLABORATION')!.id, 'SAM', DECISIONS);
  await insert(groups.find((g) => g.kind === 'STEERING')!.id, 'STY', DECISIONS / 5);
  await db.sql.exec('ANALYZE');
}, 120_000);

afterAll(async () => {
  await db?.close();
});

/** The statements on decisions that `run` sends, each with the database's plan for it. */
async function plansOf(run: () => Promise<unknown>) {
  sent.length = 0;
  await run();
  const out: Array<{ sql: string; plan: PlanNode[] }> = [];
  for (const q of sent.filter((x) => /FROM "public"\."Decision"/.test(x.sql) && !/WHERE 1=0/.test(x.sql))) {
    const rows = await db.sql.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (FORMAT JSON) ${q.sql}`, JSON.parse(q.params) as unknown[]);
    out.push({ sql: q.sql, plan: nodes(rows[0]!['QUERY PLAN'][0]!.Plan) });
  }
  return out;
}

/** `sorted`: the rows are few enough (a year's) that sorting them for the page is fine. */
function expectIndexed(plans: Awaited<ReturnType<typeof plansOf>>, o: { sorted?: boolean } = {}) {
  expect(plans.length).toBeGreaterThan(0);
  for (const { sql, plan } of plans) {
    const scans = plan.filter((n) => n['Relation Name'] === 'Decision').map((n) => n['Node Type']);
    expect(scans.length, sql).toBeGreaterThan(0);
    expect(scans.filter((t) => t === 'Seq Scan'), sql).toEqual([]);
    // A LIMIT over a sort would read every matching decision first.
    if (/LIMIT/.test(sql) && !o.sorted) expect(plan.map((n) => n['Node Type']), sql).not.toContain('Sort');
  }
}

describe('the decision log with 10,000 decisions in a group', () => {
  it('lists the newest of a group, or of all groups, through an index', async () => {
    // Counted only as far as the message says ("more than 500"): counting all would read them all.
    expectIndexed(await plansOf(async () => expect((await searchDecisions(ctx, ['SAM'])).total).toBe(COUNT_LIMIT + 1)));
    expect(renderCard(decisionListCard('sv', await searchDecisions(ctx, ['SAM'])), { locale: 'sv', timezone: 'Europe/Stockholm' }).text).toContain(`fler än ${COUNT_LIMIT} träffar i Samverkansgruppen`);
    expectIndexed(await plansOf(async () => expect((await searchDecisions(ctx, [])).items).toHaveLength(15)));
  });

  it('pages through the whole log from where the last page ended, through the index, never past the rows shown', async () => {
    const first = await searchDecisions(ctx, []);
    expect(first.next).toBeDefined();
    expectIndexed(await plansOf(async () => expect((await searchDecisions(ctx, [], 15, { after: first.next, shown: 15 })).items).toHaveLength(15)));
    expectIndexed(await plansOf(async () => expect((await searchDecisions(ctx, ['SAM'], 15, { after: first.next, shown: 15 })).items).toHaveLength(15)));
    // The page itself is found by where it starts, not by skipping the rows before it.
    const pages = (await plansOf(() => searchDecisions(ctx, [], 15, { after: first.next }))).filter((p) => /"createdAt" <= /.test(p.sql));
    expect(pages).toHaveLength(1);
    expect(pages[0]!.sql).not.toMatch(/OFFSET/);
  });

  it('lists a year of a group through an index', async () => {
    expectIndexed(await plansOf(async () => expect((await searchDecisions(ctx, ['SAM', '2025'])).total).toBe(COUNT_LIMIT + 1)), { sorted: true });
  });

  it('exports a year, of one group or of all, through an index', async () => {
    expectIndexed(await plansOf(async () => expect((await exportRegister(ctx, 'sv', ['SAM', '2025'])).count).toBe(DECISIONS / 10)));
    expectIndexed(await plansOf(async () => expect((await exportRegister(ctx, 'sv', ['2025'])).count).toBe(DECISIONS / 10 + DECISIONS / 50)));
  });

  it("shows the App Home's latest decisions of each group through an index", async () => {
    const member = (await findMemberByChatUser(ctx, 'U0ERIK'))!;
    expectIndexed(await plansOf(async () => expect((await homeData(ctx, member)).groups.length).toBeGreaterThan(0)));
  });
});
