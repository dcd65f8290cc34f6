import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { migrate, MigrationError, readMigrations } from '../../src/db/migrate.ts';
import { openTestDatabase } from '../helpers/db.ts';

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase({ migrate: false });
});
afterAll(async () => {
  await db?.close();
});

describe('the migrator', () => {
  it('applies every migration once and records it the way Prisma Migrate does', async () => {
    const all = readMigrations();
    expect(await migrate(db.sql)).toEqual(all.map((m) => m.name));
    expect(await migrate(db.sql)).toEqual([]);
    const rows = await db.sql.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number; rolled_back_at: Date | null }>(
      'SELECT * FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(all.map((m) => m.name));
    for (const [i, r] of rows.entries()) {
      expect(r.checksum).toBe(all[i]!.checksum);
      expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(r.finished_at).not.toBeNull();
      expect(r.rolled_back_at).toBeNull();
      expect(r.applied_steps_count).toBe(1);
    }
  });

  it('refuses a migration that was changed after it was applied', async () => {
    const changed = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m));
    await expect(migrate(db.sql, changed)).rejects.toThrow(MigrationError);
  });

  it('rolls back a failing migration completely and leaves it unrecorded', async () => {
    const bad = [...readMigrations(), { name: '29991231000000_broken', sql: 'CREATE TABLE "Half" (id INT); SELECT no_such_function();', checksum: 'a'.repeat(64) }];
    await expect(migrate(db.sql, bad)).rejects.toThrow();
    const half = await db.sql.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'Half'`);
    expect(half).toHaveLength(0);
    const recorded = await db.sql.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '29991231000000_broken'`);
    expect(recorded).toHaveLength(0);
  });
});
