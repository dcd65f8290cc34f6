import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDirLock, DataDirLockedError } from '../../src/db/dir-lock.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const lockFile = (d: string) => path.join(d, 'samverkan.lock');

describe('the embedded database lock', () => {
  it('is taken over after a crash even when the dead owner had our own pid (a restarted container)', () => {
    const dir = tmp();
    // What a killed process in an earlier pid namespace left: this pid, another start time.
    fs.writeFileSync(lockFile(dir), JSON.stringify({ pid: process.pid, start: '1', boot: null }));
    const release = acquireDirLock(dir);
    release();
    expect(fs.existsSync(lockFile(dir))).toBe(false);
  });

  it('is taken over when the pid of a dead owner now belongs to another live program', () => {
    const dir = tmp();
    fs.writeFileSync(lockFile(dir), JSON.stringify({ pid: 1, start: '999999999999', boot: null }));
    acquireDirLock(dir)();
  });

  it('is taken over from an old-style lock naming our own pid, and from a dead pid', () => {
    const dir = tmp();
    fs.writeFileSync(lockFile(dir), String(process.pid));
    acquireDirLock(dir)();
    fs.writeFileSync(lockFile(dir), '2147483646');
    acquireDirLock(dir)();
  });

  it('refuses a second process while the first one lives, with a clear message', async () => {
    const dir = tmp();
    const holder = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e',
      `import('${path.resolve('src/db/dir-lock.ts')}').then((m) => { m.acquireDirLock(${JSON.stringify(dir)}); console.log('locked ' + process.pid); setInterval(() => {}, 1000); })`], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const pid = await new Promise<string>((resolve, reject) => {
        holder.stdout.on('data', (b: Buffer) => {
          const m = /locked (\d+)/.exec(b.toString());
          if (m) resolve(m[1]!);
        });
        holder.on('exit', (code) => reject(new Error(`holder exited ${code}`)));
      });
      expect(() => acquireDirLock(dir)).toThrow(DataDirLockedError);
      expect(() => acquireDirLock(dir)).toThrow(`is in use by another Samverkan process (pid ${pid})`);
      const exited = new Promise((r) => holder.on('exit', r));
      holder.kill('SIGKILL');
      await exited;
      // Killed: no cleanup ran, the file is still there, and the next start takes it over.
      expect(fs.existsSync(lockFile(dir))).toBe(true);
      acquireDirLock(dir)();
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
