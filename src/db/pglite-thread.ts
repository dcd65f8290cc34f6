import { Worker } from 'node:worker_threads';
import { messages, types, type PGlite } from '@electric-sql/pglite';

type ParserOptions = NonNullable<Parameters<typeof types.parseType>[2]>;
interface QueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: ParserOptions;
}
interface Field {
  name: string;
  dataTypeID: number;
}
interface RawResult {
  rows: Array<unknown[] | Record<string, unknown>>;
  fields: Field[];
  affectedRows?: number;
}
interface Queryable {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<{ rows: T[]; fields: Field[]; affectedRows?: number }>;
  exec(sql: string): Promise<RawResult[]>;
}
export interface ThreadTransaction extends Queryable {
  rollback(): Promise<void>;
}

/**
 * The embedded PGlite, run in a worker thread (src/db/pglite-worker.mjs). Offers the part of
 * PGlite's interface that the Prisma adapter and the SQL runner use: query, exec, transaction.
 */
export class PGliteThread implements Queryable {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private failure: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: { id?: number; value?: unknown; error?: Record<string, unknown> }) => {
      if (m.id === undefined) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error) p.reject(toError(m.error));
      else p.resolve(m.value);
    });
    const fail = (err: Error) => {
      this.failure = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the database thread stopped (exit code ${code})`)));
  }

  static async create(o: { dataDir?: string; initialMemory: number }): Promise<PGliteThread> {
    const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: { dataDir: o.dataDir, initialMemory: o.initialMemory } });
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      const onExit = (code: number) => reject(new Error(`the database thread stopped while starting (exit code ${code})`));
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.once('message', () => {
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve();
      });
    });
    return new PGliteThread(worker);
  }

  /** For the Prisma adapter, which is typed against PGlite itself. */
  asPGlite(): PGlite {
    return this as unknown as PGlite;
  }

  private call<T>(m: Record<string, unknown>): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...m, id });
    });
  }

  private on(tx: number | undefined): Queryable {
    return {
      query: async <T>(sql: string, params: unknown[] = [], options: QueryOptions = {}) => {
        const r = await this.call<RawResult>({ op: 'query', tx, sql, params, rowMode: options.rowMode });
        return parse(r, options.parsers) as { rows: T[]; fields: Field[]; affectedRows?: number };
      },
      exec: async (sql: string) => (await this.call<RawResult[]>({ op: 'exec', tx, sql })).map((r) => parse(r)),
    };
  }

  query<T>(sql: string, params?: unknown[], options?: QueryOptions) {
    return this.on(undefined).query<T>(sql, params, options);
  }

  exec(sql: string) {
    return this.on(undefined).exec(sql);
  }

  async transaction<T>(fn: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    const txId = await this.call<number>({ op: 'begin' });
    let rollback = false;
    const tx: ThreadTransaction = { ...this.on(txId), rollback: async () => void (rollback = true) };
    let value: T;
    try {
      value = await fn(tx);
    } catch (err) {
      await this.call({ op: 'end', txId, rollback: true }).catch(() => {});
      throw err;
    }
    await this.call({ op: 'end', txId, rollback });
    return value;
  }

  async close(): Promise<void> {
    if (!this.failure) await this.call({ op: 'close' });
    await this.worker.terminate();
  }
}

function parse(r: RawResult, parsers?: ParserOptions): RawResult {
  const at = (v: unknown, f: Field) => types.parseType(v as string | null, f.dataTypeID, parsers);
  const rows = r.rows.map((row) =>
    Array.isArray(row) ? row.map((v, i) => at(v, r.fields[i]!)) : Object.fromEntries(r.fields.map((f) => [f.name, at(row[f.name], f)])),
  );
  return { ...r, rows };
}

function toError(e: Record<string, unknown>): Error {
  const message = String(e.message ?? 'database error');
  const err = e.name === 'error' || typeof e.code === 'string' ? new messages.DatabaseError(message, Number(e.length ?? 0), 'error') : new Error(message);
  Object.assign(err, e, { message });
  return err;
}
