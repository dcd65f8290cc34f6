import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCapturing } from '../helpers/process.ts';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Starts the bot the way `npm start` does, with only the given environment. */
function start(env: Record<string, string>) {
  const p = spawnCapturing(tsx, ['src/main.ts'], { LOG_LEVEL: 'warn', ...env });
  children.push(p.child);
  return p;
}

const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-'));
  dirs.push(d);
  return d;
};

describe('starting the bot', () => {
  it('stops at once with one clear line when the configuration is wrong', async () => {
    const p = start({ PORT: 'eighty', DATA_DIR: tmp() });
    expect(await p.exited).toBe(1);
    expect(p.stderr().trim()).toBe('samverkan: Invalid configuration: PORT must be a port number from 0 to 65535');
  });

  it('names the line of a mistake in the partnership file', async () => {
    const dir = tmp();
    const file = path.join(dir, 'p.yml');
    fs.writeFileSync(file, fs.readFileSync(path.join(root, 'examples/stockholm.yml'), 'utf8').replace('org_number: 802490-7720', 'org_number: 802490-7721'));
    const p = start({ PORT: '0', DATA_DIR: dir, PARTNERSHIP_FILE: file });
    expect(await p.exited).toBe(1);
    expect(p.stderr()).toMatch(/p\.yml is not a valid partnership file:\n\s+line \d+, parties\.1\.org_number: is not a valid organisation number \(check digit\)/);
  });

  it('runs in local mode with no tokens, refuses a second process on the same data, and shuts down cleanly', async () => {
    const dataDir = tmp();
    const first = start({ PORT: '0', DATA_DIR: dataDir });
    const [, port] = await first.waitFor(/http:\/\/127\.0\.0\.1:(\d+)/);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', db: 'ok' });
    expect(first.stderr()).not.toMatch(/ERROR/);
    const second = start({ PORT: '0', DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toMatch(/^samverkan: The embedded database in .+ is in use by another Samverkan process \(pid \d+\)/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'samverkan.lock'))).toBe(false);
    // A first start creates the database and seeds the demo history: generous on a busy machine.
  }, 150_000);

  it.runIf(!!process.env.TEST_DATABASE_URL)('runs in local mode on PostgreSQL with a data directory that does not exist yet, and keeps the workspace there', async () => {
    const server = process.env.TEST_DATABASE_URL!;
    const name = `samverkan_local_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    const dataDir = path.join(tmp(), 'not', 'there', 'yet');
    try {
      const bot = start({ PORT: '0', DATA_DIR: dataDir, DATABASE_URL: url.toString() });
      const [, port] = await bot.waitFor(/http:\/\/127\.0\.0\.1:(\d+)/);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      // The demo history changes the workspace; on shutdown it is written to the data directory.
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
      expect(bot.stderr()).not.toMatch(/ENOENT|ERROR/);
      expect(fs.existsSync(path.join(dataDir, 'local-workspace.json'))).toBe(true);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  }, 150_000);
});
