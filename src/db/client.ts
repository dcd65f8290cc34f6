import fs from 'node:fs';
import path from 'node:path';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { acquireDirLock } from './dir-lock.ts';
import { PGliteThread, type ThreadTransaction } from './pglite-thread.ts';
import { setTransactionSlots } from './gate.ts';

export type Prisma = PrismaClient;
/** The client handed to code running inside a transaction. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/** Raw SQL access used by the migrator and health check, independent of Prisma. */
export interface SqlRunner {
  /** Runs a script that may hold several statements. */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs fn inside one transaction on one connection. */
  transaction<T>(fn: (sql: Omit<SqlRunner, 'transaction'>) => Promise<T>): Promise<T>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  prisma: PrismaClient;
  sql: SqlRunner;
  /** Human-readable description for logs, without credentials. */
  describe: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** Directory for embedded PGlite; undefined means in memory (tests). */
  dataDir?: string;
  /** Called with each SQL statement Prisma sends and its parameters as JSON (tests read the plans). */
  onQuery?: (sql: string, params: string) => void;
}

function prismaClient(adapter: PrismaPGlite | PrismaPg, onQuery: DatabaseOptions['onQuery']): PrismaClient {
  if (!onQuery) return new PrismaClient({ adapter });
  const prisma = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  prisma.$on('query', (e) => onQuery(e.query, e.params));
  return prisma;
}

// PGlite's WASM heap, sized to what PostgreSQL takes at start in this build: PGlite 0.3 starts it
// with shared_buffers = 128 MB on its command line (postgresql.conf cannot lower it) plus ~45 MB
// of other shared memory and caches, all zero-filled and so resident. The heap grows on demand
// beyond this (bulk loads, big reports); starting larger only costs memory. Measured with
// `npm run bench` (idle and peak RSS).
const PGLITE_INITIAL_MEMORY = 192 * 1024 * 1024;

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.onQuery) : openPglite(opts.dataDir, opts.onQuery);
}

async function openPglite(dataDir: string | undefined, onQuery: DatabaseOptions['onQuery']): Promise<Database> {
  let releaseLock = () => {};
  let dir: string | undefined;
  if (dataDir) {
    dir = path.resolve(dataDir, 'pglite');
    fs.mkdirSync(dir, { recursive: true });
    releaseLock = acquireDirLock(path.resolve(dataDir));
  }
  let client: PGliteThread;
  try {
    // In its own thread: PGlite's queries run synchronously and would otherwise block the event
    // loop that acknowledges Slack's requests.
    client = await PGliteThread.create({ dataDir: dir, initialMemory: PGLITE_INITIAL_MEMORY });
  } catch (err) {
    releaseLock();
    throw err;
  }
  const prisma = prismaClient(new PrismaPGlite(client.asPGlite()), onQuery);
  // One connection: one transaction at a time; the others wait in the gate, not in Prisma.
  setTransactionSlots(prisma, 1);
  const runner = (q: Pick<ThreadTransaction, 'exec' | 'query'>) => ({
    async exec(sql: string) {
      await q.exec(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await q.query<T>(sql, params)).rows;
    },
  });
  const sql: SqlRunner = {
    ...runner(client),
    transaction: (fn) => client.transaction((tx) => fn(runner(tx))),
  };
  return {
    kind: 'pglite',
    prisma,
    sql,
    describe: dir ? `embedded PGlite in ${dir}` : 'embedded PGlite in memory',
    async close() {
      await prisma.$disconnect();
      await client.close();
      releaseLock();
    },
  };
}

const POOL_SIZE = 10;

async function openPostgres(url: string, onQuery: DatabaseOptions['onQuery']): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => {});
  const prisma = prismaClient(new PrismaPg(pool), onQuery);
  // Transactions leave two connections to the reads and outbox claims that run beside them.
  setTransactionSlots(prisma, POOL_SIZE - 2);
  const runner = (q: pg.Pool | pg.PoolClient) => ({
    async exec(sql: string) {
      await q.query(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await q.query(sql, params)).rows as T[];
    },
  });
  const sql: SqlRunner = {
    ...runner(pool),
    async transaction(fn) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const r = await fn(runner(c));
        await c.query('COMMIT');
        return r;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        c.release();
      }
    },
  };
  const u = new URL(url);
  return {
    kind: 'postgres',
    prisma,
    sql,
    describe: `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
