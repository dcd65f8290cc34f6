import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseOptions } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';

/**
 * The database a test file runs against: an in-memory PGlite by default, or — with
 * TEST_DATABASE_URL=postgres://… — a fresh PostgreSQL database created for this file and dropped after.
 */
export async function openTestDatabase(opts: { migrate?: boolean; onQuery?: DatabaseOptions['onQuery'] } = {}): Promise<Database> {
  return (await openTestDatabases(1, opts))[0]!;
}

/**
 * `count` connections to one fresh database, as several bot processes would have: separate
 * PostgreSQL pools (and Prisma clients) on one database; with PGlite, which one process owns,
 * the same database object each time. The first one's close() drops the database.
 */
export async function openTestDatabases(count: number, opts: { migrate?: boolean; onQuery?: DatabaseOptions['onQuery'] } = {}): Promise<Database[]> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let db: Database;
  const others: Database[] = [];
  if (!serverUrl) {
    db = await openDatabase({ onQuery: opts.onQuery });
  } else {
    const fresh = await createTestDatabase(serverUrl);
    const inner = await openDatabase({ databaseUrl: fresh.url, onQuery: opts.onQuery });
    for (let i = 1; i < count; i++) others.push(await openDatabase({ databaseUrl: fresh.url }));
    db = {
      ...inner,
      async close() {
        await inner.close();
        for (const o of others) await o.close();
        await fresh.drop();
      },
    };
  }
  if (opts.migrate !== false) await migrate(db.sql);
  // Closing the other connections is left to the first one's close().
  const rest = serverUrl ? others : Array.from({ length: count - 1 }, () => db);
  return [db, ...rest.map((o) => ({ ...o, close: async () => {} }))];
}

/** A fresh, empty PostgreSQL database on the server (for a bot in another process); drop() removes it. */
export async function createTestDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `samverkan_test_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}

export const testDatabaseKind = () => (process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
