import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Cell } from './suppress.ts';
import type { Figure, JointTable } from './year-suppression.ts';

/**
 * The suppression audit of a national year takes seconds of pure computation: it runs in one
 * worker thread per process (suppress-worker.mjs), so the bot's event loop keeps acknowledging
 * Slack meanwhile. The thread starts on first use and never keeps the process alive; each
 * running bot holds it (`holdSuppressionThread`) and the last to stop terminates it.
 */
let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (v: Map<string, Cell['suppressed']>) => void; reject: (e: Error) => void }>();
let holders = 0;

function start(): Worker {
  // Compiled (dist/) the worker loads year-suppression.js; from the sources it registers a TypeScript loader first.
  const compiled = fs.existsSync(fileURLToPath(new URL('./year-suppression.js', import.meta.url)));
  const w = new Worker(new URL('./suppress-worker.mjs', import.meta.url), { workerData: { module: compiled ? './year-suppression.js' : './year-suppression.ts', typescript: !compiled } });
  w.unref();
  w.on('message', (m: { id: number; hidden?: Array<[string, Cell['suppressed']]>; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error !== undefined) p.reject(new Error(`suppression thread: ${m.error}`));
    else p.resolve(new Map(m.hidden));
    if (pending.size === 0) w.unref();
  });
  const fail = (err: Error) => {
    if (worker === w) worker = undefined;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`the suppression thread stopped (exit code ${code})`)));
  return w;
}

/** suppressTable (year-suppression.ts) in the suppression thread. */
export function suppressOffThread(table: JointTable, figures: Figure[], threshold: number, protection: number, forced: readonly string[] = [], published: readonly string[] = []): Promise<Map<string, Cell['suppressed']>> {
  worker ??= start();
  const w = worker;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // While a decision is pending the thread keeps the process up (its answer is awaited).
    w.ref();
    w.postMessage({ id, table, figures, threshold, protection, forced, published });
  });
}

/** Terminates the thread now (a later decision starts a new one). */
export async function closeSuppressionThread(): Promise<void> {
  const w = worker;
  worker = undefined;
  if (w) await w.terminate();
}

/** For a running bot: keeps the thread's lifetime tied to the bots that use it; the release terminates it after the last. */
export function holdSuppressionThread(): () => Promise<void> {
  holders++;
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    if (--holders === 0) await closeSuppressionThread();
  };
}
