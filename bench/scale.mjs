// The scale part of `npm run bench`, in a process of its own and from the compiled build: a
// national-scale data set — 290 municipalities, 60 associations, 10 years × 4 quarters of
// statistics, 10,000 decisions in one group — on one database (embedded, or PostgreSQL with
// BENCH_DATABASE_URL). Prints "SCALE <json>":
//   report     the year's report as the product compiles it (suppression and its audit included),
//              the first time and repeated, and the raw SQL aggregate over the same rows
//   message    the rendered Slack message against Slack's limits, and the CSV's rows
//   decisions  `/beslut lista` and `/beslut export` with 10,000 decisions in the group
import { stringify } from 'yaml';

const dist = (p) => import(new URL(`../dist/${p}`, import.meta.url).href);
const { openDatabase } = await dist('db/client.js');
const { migrate } = await dist('db/migrate.js');
const { parsePartnershipFile } = await dist('domain/partnership/file-loader.js');
const { syncPartnership } = await dist('domain/partnership/sync.js');
const { compileReports } = await dist('domain/statistics/compile.js');
const { closeSuppressionThread } = await dist('domain/statistics/suppress-thread.js');
const { reportMessage } = await dist('slack/blocks/statistics-messages.js');
const { reportCsv } = await dist('domain/statistics/export/csv.js');
const { searchDecisions } = await dist('domain/decisions/query.js');
const { exportRegister } = await dist('domain/decisions/export.js');

const MUNICIPALITIES = Number(process.env.SCALE_MUNICIPALITIES ?? 290);
const ASSOCIATIONS = Number(process.env.SCALE_ASSOCIATIONS ?? 60);
const YEARS = 10;
const FIRST_YEAR = 2016;
const DECISIONS = 10_000;
const REPORT_YEAR = FIRST_YEAR + YEARS - 1;

/** Every municipality served by one association (round robin); everyone in both groups. */
function nationalPartnership() {
  const municipalities = Array.from({ length: MUNICIPALITIES }, (_, i) => ({ key: `k${i}`, name: `Kommun ${String(i).padStart(3, '0')}`, code: String(1000 + i) }));
  const associations = Array.from({ length: ASSOCIATIONS }, (_, a) => ({
    key: `boj${a}`,
    name: `Brottsofferjouren ${a}`,
    sector: 'nonprofit',
    municipalities: municipalities.filter((_, i) => i % ASSOCIATIONS === a).map((m) => m.key),
  }));
  const parties = [{ key: 'kommunerna', name: 'Kommunerna', sector: 'public', municipalities: municipalities.map((m) => m.key) }, ...associations];
  const keys = parties.map((p) => p.key);
  return parsePartnershipFile(
    stringify({
      partnership: { key: 'sverige', name: 'IOP Brottsofferstöd Sverige', statistics: { deadline_days: 15, suppress_below: 5 } },
      municipalities,
      parties,
      groups: [
        { key: 'styrgrupp', kind: 'steering', name: 'Styrgruppen', short_code: 'STY', channel: 'C0STYRGRP', parties: keys },
        { key: 'samverkansgrupp', kind: 'collaboration', name: 'Samverkansgruppen', short_code: 'SAM', channel: 'C0SAMVERK', parties: keys },
      ],
      members: [{ user: 'U0ANNA', name: 'Anna Lindqvist', party: 'kommunerna', roles: ['admin', { representative: 'samverkansgrupp' }] }],
    }),
    'national partnership',
  );
}

async function time(fn, runs = 5) {
  const out = [];
  let value;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = await fn();
    out.push(performance.now() - t0);
  }
  const sorted = [...out].sort((a, b) => a - b);
  return { first: out[0], median: sorted[Math.floor(sorted.length / 2)], value };
}

const db = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL || undefined });
try {
  await migrate(db.sql);
  const { partnershipId } = await syncPartnership(db.prisma, nationalPartnership());
  const ctx = { prisma: db.prisma, clock: { now: () => new Date(Date.UTC(REPORT_YEAR + 1, 1, 1)) }, partnershipId, timezone: 'Europe/Stockholm', locale: 'sv' };
  const member = await db.prisma.member.findFirstOrThrow({ where: { partnershipId } });
  const group = await db.prisma.group.findFirstOrThrow({ where: { partnershipId, kind: 'COLLABORATION' } });

  // Each association's report for each of its municipalities, every quarter of ten years; some counts small.
  await db.sql.exec(`
    INSERT INTO "StatisticsReport" (id, "partnershipId", "partyId", "municipalityId", year, quarter, version, current,
      total, "genderFemale", "genderMale", "genderOther", "age0to17", "age18to20", "age21to64", "age65plus",
      "roleVictim", "roleWitness", "roleVictimRelative", "rolePerpetratorRelative", meetings, referrals, "volunteerHours",
      "submittedById", "submittedAt")
    SELECT gen_random_uuid()::text, '${partnershipId}', pm."partyId", pm."municipalityId", y, q, 1, true,
      t, t / 2, t - t / 2 - (t % 3 = 0)::int, (t % 3 = 0)::int, 0, 0, t, 0, t, 0, 0, 0, t, 0, 0,
      '${member.id}', make_date(y, q * 3, 28)
    FROM (SELECT pm.*, 1 + abs(hashtext(pm."municipalityId")) % 60 AS base FROM "PartyMunicipality" pm JOIN "Party" p ON p.id = pm."partyId" WHERE p.sector = 'NONPROFIT') pm,
      generate_series(${FIRST_YEAR}, ${REPORT_YEAR}) y, generate_series(1, 4) q,
      LATERAL (SELECT (pm.base + y * 7 + q * 3) % 60 + 1 AS t) v`);
  const rows = Number((await db.sql.query(`SELECT count(*)::int AS n FROM "StatisticsReport"`))[0].n);

  // 10,000 adopted decisions in the collaboration group, a thousand a year.
  await db.sql.exec(`
    INSERT INTO "Decision" (id, "partnershipId", "groupId", status, year, number, reference, title, body, "decidedOn", "createdById", "createdAt", "adoptedAt")
    SELECT gen_random_uuid()::text, '${partnershipId}', '${group.id}', 'ADOPTED', y, n, 'SAM ' || y || ':' || n, 'Beslut ' || i, 'Samverkansgruppen beslutar punkt ' || i || '.',
      make_date(y, 1 + n % 12, 1 + n % 28), '${member.id}', make_timestamp(y, 1 + n % 12, 1 + n % 28, 12, 0, 0), make_timestamp(y, 1 + n % 12, 1 + n % 28, 12, 0, 0)
    FROM generate_series(0, ${DECISIONS - 1}) i, LATERAL (SELECT ${FIRST_YEAR} + i / ${DECISIONS / YEARS} AS y, 1 + i % ${DECISIONS / YEARS} AS n) v`);
  await db.sql.exec('ANALYZE');

  // Each part printed as soon as it is measured: the bench stops this process after its time budget.
  const print = (part, value) => process.stdout.write(`SCALE ${part} ${JSON.stringify(value)}\n`);
  const list = await time(() => searchDecisions(ctx, ['SAM']));
  const search = await time(() => searchDecisions(ctx, ['SAM', String(REPORT_YEAR), 'punkt']));
  const exported = await time(() => exportRegister(ctx, 'sv', ['SAM', String(REPORT_YEAR)]), 3);
  print('decisions', { count: DECISIONS, listMs: list.median, listShown: list.value.items.length, listTotal: list.value.total, searchMs: search.median, exportMs: exported.median, exported: exported.value.count });

  const raw = await time(() =>
    db.sql.query(
      `SELECT "municipalityId", quarter, sum(total) AS total, sum("genderFemale") AS f, sum("genderMale") AS m, sum("genderOther") AS o
       FROM "StatisticsReport" WHERE "partnershipId" = $1 AND current AND year = $2 GROUP BY 1, 2`,
      [partnershipId, REPORT_YEAR],
    ),
  );
  print('raw', { database: db.kind, rows, municipalities: MUNICIPALITIES, associations: ASSOCIATIONS, rawMs: raw.median });
  // How long the event loop is held while the report is compiled (the audit runs in its thread).
  let loopMaxMs = 0;
  let last = performance.now();
  const lag = setInterval(() => {
    const now = performance.now();
    loopMaxMs = Math.max(loopMaxMs, now - last - 5);
    last = now;
  }, 5);
  const compiled = await time(() => compileReports(ctx, { year: REPORT_YEAR }, [{ forChannel: true }]), 3);
  clearInterval(lag);
  const report = compiled.value[0];
  const message = reportMessage('sv', report);
  const csv = reportCsv(report, { municipality: 'Kommun', total: 'Totalt', columns: report.columns, missing: '–' }).toString('utf8');
  const sections = message.blocks.filter((b) => b.type === 'section').map((b) => b.text.text.length);
  print('report', {
    firstMs: compiled.first,
    loopMaxMs,
    repeatMs: compiled.median,
    hidden: report.rows.flatMap((r) => r.cells).filter((c) => c.suppressed).length,
    blocks: message.blocks.length,
    longestSection: Math.max(...sections),
    textChars: message.text.length,
    csvRows: csv.trim().split('\r\n').length - 1,
  });

  if (process.argv.includes('--print')) console.log(`annual report, ${MUNICIPALITIES} municipalities: raw SQL ${raw.median.toFixed(1)} ms, compiled ${compiled.first.toFixed(0)} ms the first time (${(compiled.first / raw.median).toFixed(0)}x, goal <= 10x), longest event-loop stall ${loopMaxMs.toFixed(0)} ms`);
} finally {
  await closeSuppressionThread();
  await db.close();
}
