// The suppression thread (suppress-thread.ts): decides which cells of a year are hidden, off the
// bot's event loop. Plain JavaScript, so it starts under any loader; from the sources (tsx,
// vitest) it registers tsx's loader before importing the TypeScript module.
import { parentPort, workerData } from 'node:worker_threads';

if (workerData.typescript) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { decideYear } = await import(workerData.module);

parentPort.on('message', (m) => {
  try {
    const hidden = decideYear(m.all, m.reports, m.threshold, m.protection);
    parentPort.postMessage({ id: m.id, hidden: [...hidden] });
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) });
  }
});
