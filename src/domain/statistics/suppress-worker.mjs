// The suppression thread (suppress-thread.ts): decides which cells of a joint table are hidden, off the
// bot's event loop. Plain JavaScript, so it starts under any loader; from the sources (tsx,
// vitest) it registers tsx's loader before importing the TypeScript module.
import { parentPort, workerData } from 'node:worker_threads';

if (workerData.typescript) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { suppressTable } = await import(workerData.module);

parentPort.on('message', (m) => {
  try {
    const hidden = suppressTable(m.table, m.figures, m.threshold, m.protection, m.forced, m.published);
    parentPort.postMessage({ id: m.id, hidden: [...hidden] });
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) });
  }
});
