// Runs the embedded PGlite in its own thread, so its synchronous WASM work never blocks the
// bot's event loop (which must stay free to acknowledge Slack within 3 seconds). Plain
// JavaScript, so it runs in a worker thread under any loader. The main side is pglite-thread.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';

// Values come back as PostgreSQL's text; the main thread parses them with the caller's parsers.
const raw = Object.fromEntries(Object.keys(types.parsers).map((oid) => [oid, (x) => x]));
const db = await PGlite.create({ dataDir: workerData.dataDir, initialMemory: workerData.initialMemory });
const txs = new Map();

function plain(err) {
  const e = err instanceof Error ? err : new Error(String(err));
  const out = { message: e.message, name: e.name, stack: e.stack };
  for (const [k, v] of Object.entries(e)) if (typeof v !== 'function' && typeof v !== 'object') out[k] = v;
  return out;
}

function result(r) {
  return { rows: r.rows, fields: r.fields, affectedRows: r.affectedRows };
}

async function handle(m) {
  const on = m.tx === undefined ? db : txs.get(m.tx)?.tx;
  if (!on) throw new Error(`transaction ${m.tx} is not open`);
  switch (m.op) {
    case 'query':
      return result(await on.query(m.sql, m.params, { rowMode: m.rowMode, parsers: raw }));
    case 'exec':
      return (await on.exec(m.sql, { parsers: raw })).map(result);
    case 'begin':
      return new Promise((opened, failed) => {
        let end;
        const ended = new Promise((resolve, reject) => (end = { resolve, reject }));
        const done = db
          .transaction(async (tx) => {
            txs.set(m.id, { tx, end });
            opened(m.id);
            await ended;
          })
          .finally(() => txs.delete(m.id));
        txs.set(`done:${m.id}`, done);
        done.catch(failed);
      });
    case 'end': {
      const t = txs.get(m.txId);
      const done = txs.get(`done:${m.txId}`);
      txs.delete(`done:${m.txId}`);
      if (!t) return done;
      if (m.rollback) {
        const rolledBack = new Error('rollback');
        t.end.reject(rolledBack);
        await done.catch((e) => {
          if (e !== rolledBack) throw e;
        });
        return undefined;
      }
      t.end.resolve();
      await done;
      return undefined;
    }
    case 'close':
      await db.close();
      return undefined;
    default:
      throw new Error(`unknown operation ${m.op}`);
  }
}

parentPort.on('message', (m) => {
  handle(m).then(
    (value) => parentPort.postMessage({ id: m.id, value }),
    (err) => parentPort.postMessage({ id: m.id, error: plain(err) }),
  );
});
parentPort.postMessage({ ready: true });
