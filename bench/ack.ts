// npm run bench: acknowledgement latency for every kind of request — slash commands
// (`/samverkan status`, `/beslut` which opens a modal, `/statistik rapport`), a button (a vote on
// a steering proposal) and a view submission (the decision form) — for the real bot (embedded and
// PostgreSQL databases) against a bare Bolt app that only acknowledges; for `/beslut` also how long
// until its views.open reaches Slack (a trigger is valid for 3 s). Each target runs in its own
// process from the compiled build (as `npm start` runs it); requests are signed exactly as Slack
// signs them and sent with bounded concurrency.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
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
async function startProcess(script: string, args: string[], env: Record<string, string>, ready: RegExp) {
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, path.resolve(import.meta.dirname, script), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
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
  const { child, match } = await startProcess('target.mjs', [kind, SECRET], { ...env, FAKE_API_URL }, /READY (\d+) (\{.*\})\n/);
  return { child, port: Number(match[1]), setup: JSON.parse(match[2]!) as Setup };
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
    return out;
  } finally {
    child.kill('SIGTERM');
  }
}

const results: Result[] = [];
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
console.log(`Goal: bot p99 within 1.5x of bare Bolt for every request kind (worst ${worst.toFixed(2)}x) and under 1 s (worst p99 ${slowest.toFixed(1)} ms); every form open within 3 s.`);
// The fake Slack's output pipe would keep this process alive: stop it, then leave.
fake.child.kill('SIGTERM');
process.exit(0);
