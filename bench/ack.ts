// npm run bench: acknowledgement latency of slash commands (`/samverkan status`, `/beslut` which
// opens a modal, `/statistik rapport`) for the real bot (embedded and PostgreSQL databases)
// against a bare Bolt app that only acknowledges. Each target runs in its own
// process; requests are signed exactly as Slack signs them and sent with bounded concurrency.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200);
/** The request kinds measured against every target, each `[command, text]`. */
const KINDS: Array<[string, string]> = [['/samverkan', 'status'], ['/beslut', ''], ['/statistik', 'rapport']];
const WARMUP = 200;
const IDLE_SETTLE_MS = 3000;
const PG_SERVER = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECRET = crypto.randomBytes(12).toString('hex');

interface Result { name: string; kind: string; p50: number; p99: number; rps: number; idleRssMb: number; peakRssMb: number; errors: number }

function sign(body: string) {
  const ts = Math.floor(Date.now() / 1000);
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${crypto.createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}` };
}

/** Starts a bench script in its own process (`node --import tsx`, so its peak RSS is its own). */
async function startProcess(script: string, args: string[], env: Record<string, string>, ready: RegExp) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, script), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
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

const fake = await startProcess('fake.ts', [], {}, /READY (\S+) (\S+)/);
const [, FAKE_API_URL, FAKE_BASE_URL] = fake.match as unknown as [string, string, string];
process.on('exit', () => fake.child.kill('SIGTERM'));

async function startTarget(kind: string, env: Record<string, string> = {}) {
  const { child, match } = await startProcess('target.ts', [kind, SECRET], { ...env, FAKE_API_URL }, /READY (\d+)/);
  return { child, port: Number(match[1]), fakeUrl: FAKE_BASE_URL };
}

/** A process's resident memory now (VmRSS) or its peak so far (VmHWM), in MB. */
function rssMb(pid: number, which: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${which}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
}

async function fire(port: number, fakeUrl: string, n: number, [command, text]: [string, string]): Promise<{ latencies: number[]; errors: number; seconds: number }> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const body = new URLSearchParams({
        token: 'x', team_id: 'T0SAMVERK', channel_id: 'C0SAMVERK', user_id: 'U0ERIK', command, text,
        response_url: `${fakeUrl}/response/${i}`, trigger_id: `t${i}`, api_app_id: 'A0SAMVERK',
      }).toString();
      const start = performance.now();
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
  return { latencies, errors, seconds: (performance.now() - t0) / 1000 };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function measure(name: string, kind: string, env: Record<string, string> = {}): Promise<Result[]> {
  const { child, port, fakeUrl } = await startTarget(kind, env);
  const out: Result[] = [];
  try {
    // Idle: started, settled, before any request.
    await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS));
    const idleRssMb = rssMb(child.pid!, 'VmRSS');
    for (const k of KINDS) {
      await fire(port, fakeUrl, WARMUP, k);
      const { latencies, errors, seconds } = await fire(port, fakeUrl, REQUESTS, k);
      const sorted = [...latencies].sort((a, b) => a - b);
      out.push({ name, kind: k.join(' ').trim(), p50: pct(sorted, 50), p99: pct(sorted, 99), rps: REQUESTS / seconds, idleRssMb, peakRssMb: rssMb(child.pid!, 'VmHWM'), errors });
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
console.log(`\n${REQUESTS} signed requests per kind, concurrency ${CONCURRENCY} (idle RSS: after start, before any request; peak RSS: the process's peak so far)\n`);
console.log('target                       request               p50 ms   p99 ms    req/s  idle RSS MB  peak RSS MB  errors  p99 vs bare');
for (const r of results) {
  console.log(
    `${r.name.padEnd(28)} ${r.kind.padEnd(20)} ${r.p50.toFixed(2).padStart(7)} ${r.p99.toFixed(2).padStart(8)} ${r.rps.toFixed(0).padStart(8)} ${r.idleRssMb.toFixed(0).padStart(12)} ${r.peakRssMb.toFixed(0).padStart(12)} ${String(r.errors).padStart(7)} ${(r.p99 / bareOf(r.kind).p99).toFixed(2).padStart(10)}x`,
  );
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
console.log(`Goal: bot p99 within 1.5x of bare Bolt for every request kind (worst ${worst.toFixed(2)}x) and under 1 s (worst p99 ${slowest.toFixed(1)} ms).`);
// The fake Slack's output pipe would keep this process alive: stop it, then leave.
fake.child.kill('SIGTERM');
process.exit(0);
