// npm run bench: acknowledgement latency for every kind of request — slash commands
// (`/samverkan status`, `/beslut` which opens a modal, `/statistik rapport`), a button (a vote on
// a steering proposal) and a view submission (the decision form) — for the real bot (embedded and
// PostgreSQL databases) against a bare Bolt app that only acknowledges; for `/beslut` also how long
// until its views.open reaches Slack (a trigger is valid for 3 s). Each target runs in its own
// process from the compiled build (as `npm start` runs it); requests are signed exactly as Slack
// signs them and sent with bounded concurrency.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
/** Requests of the no-growth run, after the request kinds (0 skips it). */
const SOAK = Number(process.env.BENCH_SOAK ?? 10_000);
/** Seconds each database's national-scale run may take before it is stopped (0 skips it). */
const SCALE_BUDGET_S = Number(process.env.BENCH_SCALE_BUDGET ?? 240);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200);
const WARMUP = Math.min(200, REQUESTS);
const IDLE_SETTLE_MS = 3000;
/** Slack refuses a trigger_id older than this: the user gets no form. */
const TRIGGER_MS = 3000;
const PG_SERVER = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECRET = crypto.randomBytes(12).toString('hex');
const STEERING_REPS = ['U0ANNA', 'U0MARIA', 'U0SARA', 'U0OMAR'];

interface Setup { decisionId: string; groupId: string }
interface Request { body: string; trigger?: string }
interface Kind { name: string; make(i: number, s: Setup, fakeUrl: string, trigger: string): Request; opensView?: boolean }
interface Result {
  name: string; kind: string; p50: number; p99: number; rps: number; idleRssMb: number; peakRssMb: number; errors: number;
  /** /beslut: views.open p99 after the request was sent, and how many came after 3 s or never. */
  open?: { p99: number; late: number };
}
/** The no-growth run: memory after the warm-up and after SOAK more requests, each after a full collection. */
interface Soak { name: string; before: Memory; after: Memory; errors: number }
const soaks: Soak[] = [];
/** The requests of the no-growth run, in turn: a command, a vote, the report, a modal. */
const SOAK_KINDS = ['/samverkan status', 'button: vote', '/statistik rapport', '/beslut (modal)'];

const command = (name: string, text: string): Kind['make'] => (i, _s, fakeUrl, trigger) => ({
  body: new URLSearchParams({
    token: 'x', team_id: 'T0SAMVERK', channel_id: 'C0SAMVERK', user_id: 'U0ERIK', command: name, text,
    response_url: `${fakeUrl}/response/${i}`, trigger_id: trigger, api_app_id: 'A0SAMVERK',
  }).toString(),
  trigger,
});
const interactive = (payload: Record<string, unknown>) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
const user = (id: string) => ({ id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: 'T0SAMVERK' });
const today = new Date().toISOString().slice(0, 10);

const KINDS: Kind[] = [
  { name: '/samverkan status', make: command('/samverkan', 'status') },
  { name: '/beslut (modal)', make: command('/beslut', ''), opensView: true },
  { name: '/statistik rapport', make: command('/statistik', 'rapport') },
  {
    name: 'button: vote',
    make: (i, s, fakeUrl, trigger) => ({
      body: interactive({
        type: 'block_actions', user: user(STEERING_REPS[i % STEERING_REPS.length]!), team: { id: 'T0SAMVERK' }, api_app_id: 'A0SAMVERK', trigger_id: trigger,
        container: { type: 'message', message_ts: '1.000001', channel_id: 'C0STYRGRP' }, channel: { id: 'C0STYRGRP', name: 'styrgrupp' },
        message: { type: 'message', ts: '1.000001', text: 'Förslag', blocks: [] }, response_url: `${fakeUrl}/response/v${i}`,
        actions: [{ type: 'button', action_id: 'decision_consent', block_id: 'votes', value: s.decisionId, action_ts: String(Date.now() / 1000) }],
      }),
    }),
  },
  {
    name: 'form: decision',
    make: (i, s, _fakeUrl, trigger) => ({
      body: interactive({
        type: 'view_submission', user: user('U0ERIK'), team: { id: 'T0SAMVERK' }, api_app_id: 'A0SAMVERK', trigger_id: trigger, response_urls: [],
        view: {
          id: `VBENCH${crypto.randomBytes(6).toString('hex')}${i}`, type: 'modal', callback_id: 'decision_form', private_metadata: JSON.stringify({ channel: 'C0SAMVERK' }),
          state: { values: {
            group: { group: { type: 'static_select', selected_option: { value: s.groupId } } },
            title: { title: { type: 'plain_text_input', value: `Bänkbeslut ${i}` } },
            body: { body: { type: 'plain_text_input', value: 'Samverkansgruppen beslutar att mäta svarstiderna.' } },
            decided_on: { decided_on: { type: 'datepicker', selected_date: today } },
          } },
        },
      }),
    }),
  },
];

function sign(body: string) {
  const ts = Math.floor(Date.now() / 1000);
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${crypto.createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}` };
}

/** Starts a bench script in its own process (so its peak RSS is its own); `.ts` under tsx. */
async function startProcess(script: string, args: string[], env: Record<string, string>, ready: RegExp, flags: string[] = []) {
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...flags, ...loader, path.resolve(import.meta.dirname, script), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = ready.exec(out);
      if (m) resolve(m);
    });
    child.on('exit', (c) => reject(new Error(`${script} ${args.join(' ')} exited with ${c}`)));
  });
  return { child, match };
}

// The bot targets run the compiled build, as `npm start` does.
if (spawnSync(process.execPath, [path.resolve(import.meta.dirname, '../scripts/build.mjs')], { stdio: 'inherit' }).status !== 0) process.exit(1);

const fake = await startProcess('fake.ts', [], {}, /READY (\S+) (\S+) (\S+)/);
const [, FAKE_API_URL, FAKE_BASE_URL, CONTROL_URL] = fake.match as unknown as [string, string, string, string];
process.on('exit', () => fake.child.kill('SIGTERM'));
const control = async <T>(p: string): Promise<T> => (await (await fetch(`${CONTROL_URL}${p}`)).json()) as T;

async function startTarget(kind: string, env: Record<string, string> = {}) {
  const { child, match } = await startProcess('target.mjs', [kind, SECRET], { ...env, FAKE_API_URL }, /READY (\d+) (\{.*\})\n/, ['--expose-gc']);
  return { child, port: Number(match[1]), setup: JSON.parse(match[2]!) as Setup };
}

interface Memory { rss: number; heapUsed: number; external: number }

/**
 * The target's memory once the work after its acknowledgements has drained: right after a burst
 * the heap still holds every request whose work waits its turn (a backlog, not a leak: measured
 * 52 → 152 MB right after 1,000 commands, back to 52 MB 30 s later). Polled until it stops falling.
 */
async function settled(child: ChildProcess): Promise<Memory> {
  let last = await memoryOf(child);
  for (let waited = 0; waited < 180_000; waited += 5000) {
    await new Promise((r) => setTimeout(r, 5000));
    const now = await memoryOf(child);
    const falling = now.heapUsed < last.heapUsed * 0.98;
    last = now;
    if (!falling) break;
  }
  return last;
}
/** The target's memory right after a full collection (target.mjs answers SIGUSR2). */
function memoryOf(child: ChildProcess): Promise<Memory> {
  return new Promise((resolve) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      const m = /MEM (\{.*\})\n/.exec(out);
      if (!m) return;
      child.stdout!.off('data', onData);
      resolve(JSON.parse(m[1]!) as Memory);
    };
    child.stdout!.on('data', onData);
    child.kill('SIGUSR2');
  });
}

/** A process's resident memory now (VmRSS) or its peak so far (VmHWM), in MB. */
function rssMb(pid: number, which: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${which}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
}

async function fire(port: number, n: number, kind: Kind, setup: Setup) {
  const triggers = await control<string[]>(`/triggers?n=${n}`);
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const { body, trigger } = kind.make(i, setup, FAKE_BASE_URL, triggers[i]!);
      const start = performance.now();
      if (trigger) sentAt.set(trigger, Date.now());
      try {
        const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) }, body });
        await res.arrayBuffer();
        if (res.status !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - t0) / 1000;
  let open: Result['open'];
  if (kind.opensView) {
    // The work after the ack may still be running: wait until every form is open, or its trigger long expired.
    let opened: Record<string, number> = {};
    const deadline = Date.now() + 30_000;
    for (;;) {
      Object.assign(opened, await control<Record<string, number>>('/opened'));
      if (Object.keys(opened).length >= sentAt.size || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const waits = [...sentAt].map(([t, at]) => (opened[t] === undefined ? Infinity : opened[t]! - at)).sort((a, b) => a - b);
    open = { p99: pct(waits, 99), late: waits.filter((w) => w > TRIGGER_MS).length };
    opened = {};
  }
  return { latencies, errors, seconds, open };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function measure(name: string, target: string, env: Record<string, string> = {}): Promise<Result[]> {
  const { child, port, setup } = await startTarget(target, env);
  const out: Result[] = [];
  try {
    // Idle: started, settled, before any request.
    await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS));
    const idleRssMb = rssMb(child.pid!, 'VmRSS');
    for (const k of KINDS) {
      await fire(port, WARMUP, k, setup);
      const { latencies, errors, seconds, open } = await fire(port, REQUESTS, k, setup);
      const sorted = [...latencies].sort((a, b) => a - b);
      out.push({ name, kind: k.name, p50: pct(sorted, 50), p99: pct(sorted, 99), rps: REQUESTS / seconds, idleRssMb, peakRssMb: rssMb(child.pid!, 'VmHWM'), errors, open });
    }
    if (SOAK > 0) {
      // Warmed up by every kind above; then SOAK requests of the kinds in turn.
      const before = await settled(child);
      let errors = 0;
      const per = Math.ceil(SOAK / SOAK_KINDS.length);
      for (const k of SOAK_KINDS) errors += (await fire(port, per, KINDS.find((x) => x.name === k)!, setup)).errors;
      soaks.push({ name, before, after: await settled(child), errors });
    }
    return out;
  } finally {
    child.kill('SIGTERM');
  }
}

/** The national-scale run (bench/scale.mjs) on one database: its printed parts, as far as it got within the budget. */
async function scale(env: Record<string, string>): Promise<Record<string, Record<string, number>>> {
  const parts: Record<string, Record<string, number>> = {};
  if (SCALE_BUDGET_S <= 0) return parts;
  const child = spawn(process.execPath, [path.resolve(import.meta.dirname, 'scale.mjs')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
    for (const m of out.matchAll(/SCALE (\w+) (\{.*\})\n/g)) parts[m[1]!] = JSON.parse(m[2]!) as Record<string, number>;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), SCALE_BUDGET_S * 1000);
  await new Promise((r) => child.on('exit', r));
  clearTimeout(timer);
  return parts;
}
const scales: Array<{ name: string; parts: Record<string, Record<string, number>> }> = [];

const results: Result[] = [];
scales.push({ name: 'embedded PGlite', parts: await scale({}) });
results.push(...(await measure('bare Bolt (ack only)', 'bare')));
results.push(...(await measure('Samverkan, embedded PGlite', 'pglite')));
const dbName = `samverkan_bench_${crypto.randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: PG_SERVER });
let pgAvailable = true;
try {
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
} catch (err) {
  pgAvailable = false;
  console.error(`PostgreSQL not reachable at ${PG_SERVER} (${(err as Error).message}); skipping that target.`);
}
if (pgAvailable) {
  const url = new URL(PG_SERVER);
  url.pathname = `/${dbName}`;
  try {
    results.push(...(await measure('Samverkan, PostgreSQL', 'postgres', { BENCH_DATABASE_URL: url.toString() })));
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${dbName}"`);
    scales.push({ name: 'PostgreSQL', parts: await scale({ BENCH_DATABASE_URL: url.toString() }) });
  } finally {
    await new Promise((r) => setTimeout(r, 500));
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

const bareOf = (kind: string) => results.find((r) => r.kind === kind && r.name.startsWith('bare'))!;
const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : 'never');
console.log(`\n${REQUESTS} signed requests per kind, concurrency ${CONCURRENCY} (idle RSS: after start, before any request; peak RSS: the process's peak so far)\n`);
console.log('target                       request               p50 ms   p99 ms    req/s  idle RSS MB  peak RSS MB  errors  p99 vs bare');
for (const r of results) {
  console.log(
    `${r.name.padEnd(28)} ${r.kind.padEnd(20)} ${r.p50.toFixed(2).padStart(7)} ${r.p99.toFixed(2).padStart(8)} ${r.rps.toFixed(0).padStart(8)} ${r.idleRssMb.toFixed(0).padStart(12)} ${r.peakRssMb.toFixed(0).padStart(12)} ${String(r.errors).padStart(7)} ${(r.p99 / bareOf(r.kind).p99).toFixed(2).padStart(10)}x`,
  );
}
console.log('\n/beslut: from the request to its views.open at Slack (the trigger is valid for 3 s)\n');
console.log('target                       views.open p99 ms  after 3 s or never  p99 vs bare');
for (const r of results.filter((x) => x.open)) {
  const bare = bareOf(r.kind).open!;
  console.log(`${r.name.padEnd(28)} ${ms(r.open!.p99).padStart(17)} ${`${r.open!.late} of ${REQUESTS}`.padStart(19)} ${(r.open!.p99 / bare.p99).toFixed(2).padStart(11)}x`);
}
const bots = results.filter((r) => !r.name.startsWith('bare'));
const worst = Math.max(...bots.map((r) => r.p99 / bareOf(r.kind).p99));
const slowest = Math.max(...bots.map((r) => r.p99));
const embedded = results.filter((r) => r.name.includes('PGlite'));
if (embedded.length) {
  const idle = embedded[0]!.idleRssMb;
  const peak = Math.max(...embedded.map((r) => r.peakRssMb));
  console.log(`\nMemory goal, embedded PGlite: idle RSS <= 400 MB (${idle.toFixed(0)} MB), peak <= 500 MB (${peak.toFixed(0)} MB).`);
}
const mb = (bytes: number) => (bytes / 1048576).toFixed(0);
if (soaks.length) {
  console.log(`\nNo growth: memory after a full collection, after the request kinds above (warm) and after ${SOAK} more requests (${SOAK_KINDS.join(', ')} in turn)\n`);
  console.log('target                       RSS MB before  after  ratio   heap MB before  after  ratio  errors');
  for (const x of soaks) {
    console.log(
      `${x.name.padEnd(28)} ${mb(x.before.rss).padStart(13)} ${mb(x.after.rss).padStart(6)} ${(x.after.rss / x.before.rss).toFixed(2).padStart(6)}x ${mb(x.before.heapUsed).padStart(15)} ${mb(x.after.heapUsed).padStart(6)} ${(x.after.heapUsed / x.before.heapUsed).toFixed(2).padStart(6)}x ${String(x.errors).padStart(7)}`,
    );
  }
}
const bareRss = results.filter((r) => r.name.startsWith('bare'));
const postgres = results.filter((r) => r.name.includes('PostgreSQL'));
if (bareRss.length && postgres.length) {
  const peakOf = (rs: Result[]) => Math.max(...rs.map((r) => r.peakRssMb));
  console.log(`\nMemory goal, PostgreSQL: peak RSS <= 1.5x bare Bolt's (${peakOf(postgres).toFixed(0)} MB vs ${peakOf(bareRss).toFixed(0)} MB: ${(peakOf(postgres) / peakOf(bareRss)).toFixed(2)}x); idle ${postgres[0]!.idleRssMb.toFixed(0)} vs ${bareRss[0]!.idleRssMb.toFixed(0)} MB.`);
}
if (scales.length && SCALE_BUDGET_S > 0) {
  console.log(`\nScale: 290 municipalities, 60 associations, 10 years x 4 quarters of statistics; 10,000 decisions in one group (each database's run stopped after ${SCALE_BUDGET_S} s)\n`);
  for (const { name, parts } of scales) {
    const { decisions: d, raw, report: r } = parts;
    if (d) console.log(`${name}: /beslut lista ${d.listMs!.toFixed(0)} ms (${d.listShown} of ${d.listTotal}), with a year and a word ${d.searchMs!.toFixed(0)} ms, /beslut export of a year ${d.exportMs!.toFixed(0)} ms (${d.exported} decisions)`);
    if (raw && r) {
      console.log(
        `${name}: annual report over ${raw.rows} reports: raw SQL aggregate ${raw.rawMs!.toFixed(1)} ms; compiled ${r.firstMs!.toFixed(0)} ms the first time (${(r.firstMs! / raw.rawMs!).toFixed(0)}x, goal <= 10x), ${r.repeatMs!.toFixed(0)} ms repeated (${(r.repeatMs! / raw.rawMs!).toFixed(1)}x); longest event-loop stall meanwhile ${r.loopMaxMs?.toFixed(0) ?? '?'} ms (the audit runs in its own thread)`,
      );
      console.log(`${name}: message ${r.blocks} blocks (<= 50), longest section ${r.longestSection} characters (<= 3000), fallback text ${r.textChars} characters; CSV ${r.csvRows} rows`);
    } else if (raw) {
      console.log(`${name}: annual report over ${raw.rows} reports: raw SQL aggregate ${raw.rawMs!.toFixed(1)} ms; compiled: not finished within the budget (goal <= 10x)`);
    } else console.log(`${name}: the scale run did not get as far as the report`);
  }
}
console.log(`Goal: bot p99 within 1.5x of bare Bolt for every request kind (worst ${worst.toFixed(2)}x) and under 1 s (worst p99 ${slowest.toFixed(1)} ms); every form open within 3 s.`);
// The fake Slack's output pipe would keep this process alive: stop it, then leave.
fake.child.kill('SIGTERM');
process.exit(0);
