import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { openTestDatabase } from '../helpers/db.ts';

describe('the database works beside the event loop, not on it', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase({ migrate: false });
  });
  afterAll(async () => {
    await db.close();
  });

  it('lets the bot take its next turn (to acknowledge Slack) while a long query runs', async () => {
    const order: string[] = [];
    // A query that keeps the database busy well beyond one turn of the event loop.
    const query = db.sql.query('SELECT count(*) FROM generate_series(1, 1000000)').then(() => order.push('query done'));
    await new Promise((r) => setImmediate(r));
    order.push('next turn');
    await query;
    expect(order).toEqual(['next turn', 'query done']);
  });

  it('still answers queries, keeps a transaction together and rolls one back', async () => {
    await db.sql.exec('CREATE TABLE IF NOT EXISTS off_loop (n int)');
    await db.sql.transaction(async (tx) => {
      await tx.query('INSERT INTO off_loop VALUES ($1)', [1]);
    });
    await expect(
      db.sql.transaction(async (tx) => {
        await tx.query('INSERT INTO off_loop VALUES ($1)', [2]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await db.sql.query<{ n: number }>('SELECT n FROM off_loop ORDER BY n')).toEqual([{ n: 1 }]);
    await expect(db.sql.query('SELECT no_such_column FROM off_loop')).rejects.toMatchObject({ code: '42703' });
  });
});
