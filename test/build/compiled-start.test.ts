import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm start` builds (scripts/build.mjs) and runs dist/main.js with plain node. This builds into a
// directory of its own beside src/ (as dist/ is), starts it in local mode with no loader and no
// Slack tokens, as on a fresh clone, and talks to it.
const root = path.resolve(import.meta.dirname, '../..');
const out = `.build-test-${crypto.randomBytes(4).toString('hex')}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-compiled-'));
let child: ChildProcess | undefined;
let url = '';
let output = '';

/** Runs a command to its end; rejects with its output when it fails. */
function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    p.stdout!.on('data', (d) => (log += d));
    p.stderr!.on('data', (d) => (log += d));
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}:\n${log}`))));
  });
}

beforeAll(async () => {
  await run(['scripts/build.mjs', '--out', out]);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(SLACK_|NODE_OPTIONS$|DATABASE_URL$|PARTNERSHIP_FILE$|TEST_)/.test(k)) env[k] = v;
  Object.assign(env, { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' });
  const started = spawn(process.execPath, [path.join(out, 'main.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child = started;
  url = await new Promise<string>((resolve, reject) => {
    const seen = (d: Buffer) => {
      output += d;
      const m = /Open the local workspace in your browser:\s+(http:\/\/\S+?)\/?\s/.exec(output);
      if (m) resolve(m[1]!);
    };
    started.stdout!.on('data', seen);
    started.stderr!.on('data', seen);
    started.on('exit', (code) => reject(new Error(`the compiled bot exited with ${code}:\n${output}`)));
  });
}, 300_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(path.join(root, out), { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('the compiled bot (npm start) runs without a TypeScript loader', () => {
  it('builds JavaScript only, with the database thread and the local workspace page beside it', () => {
    expect(fs.existsSync(path.join(root, out, 'main.js'))).toBe(true);
    expect(fs.existsSync(path.join(root, out, 'db/pglite-worker.mjs'))).toBe(true);
    // The statistics suppression thread, plain JavaScript beside the compiled module it loads.
    expect(fs.existsSync(path.join(root, out, 'domain/statistics/suppress-worker.mjs'))).toBe(true);
    expect(fs.existsSync(path.join(root, out, 'domain/statistics/year-suppression.js'))).toBe(true);
    expect(fs.existsSync(path.join(root, out, 'local/public/index.html'))).toBe(true);
    const ts = fs.readdirSync(path.join(root, out), { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
    expect(ts).toEqual([]);
  });

  it('starts in local mode on an embedded database it migrates, and is healthy', async () => {
    expect(output).toContain('applied 20261123000000_core');
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok' });
    expect((await fetch(`${url}/`)).status).toBe(200);
  });

  it('answers a command in the local workspace', async () => {
    const res = await fetch(`${url}/local/command`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'U0ERIK', channel: 'C0SAMVERK', command: '/samverkan status' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { posted: Array<{ text?: string }> };
    expect(body.posted.map((m) => m.text).join('\n')).toContain('IOP Stödverksamhet för brottsutsatta');
  });
});
