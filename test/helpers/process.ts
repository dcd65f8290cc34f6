import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** Runs a program in the project's directory with only the given environment, collecting its output. */
export function spawnCapturing(command: string, args: string[], env: Record<string, string>) {
  const child = spawn(command, args, {
    cwd: root,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  /** Waits until stdout matches `re` (or the program exits, or `ms` pass). */
  const waitFor = async (re: RegExp, ms = 100_000) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const m = re.exec(out);
      if (m) return m;
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${re}; stdout: ${out}; stderr: ${err}`);
  };
  return { child, exited, waitFor, stdout: () => out, stderr: () => err };
}
