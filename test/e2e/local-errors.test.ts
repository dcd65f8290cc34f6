import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/client.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { startLocal, type LocalRunning } from '../../src/local/start.ts';
import { createLogger } from '../../src/logger.ts';
import { STOCKHOLM } from '../helpers/bot.ts';
import { openTestDatabase } from '../helpers/db.ts';

let db: Database;
let local: LocalRunning;

beforeAll(async () => {
  db = await openTestDatabase();
  const config = loadConfig({ PORT: '0', PARTNERSHIP_FILE: STOCKHOLM, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error' });
  local = await startLocal({ config, db, seed: false, scheduler: false, baseClock: new ManualClock('2026-05-04T08:00:00Z'), logger: createLogger(config.logLevel, 'local-errors') });
});
afterAll(async () => {
  await local?.stop();
  await db?.close();
});

async function post(path: string, body: string | Record<string, unknown>) {
  const res = await fetch(`${local.running.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, error: ((await res.json()) as { error?: string }).error };
}

describe('the local workspace refuses bad input in the language of the person using it', () => {
  it('tells an English-speaking member in English that a command must start with a slash', async () => {
    expect(await post('/local/command', { user: 'U0LINNEA', channel: 'C0SAMVERK', command: 'beslut' })).toEqual({
      status: 400,
      error: 'A command starts with “/”, e.g. /samverkan help',
    });
  });

  it('tells a Swedish-speaking member in Swedish that the bot has no such command, and lists the ones it has', async () => {
    const r = await post('/local/command', { user: 'U0JONAS', channel: 'C0SAMVERK', command: '/flyga högt' });
    expect(r.status).toBe(400);
    expect(r.error).toMatch(/^Boten har inget kommando \/flyga\. Dess kommandon: .*\/beslut/);
  });

  it('refuses time travel backwards in the member\'s own language, whatever the page claims', async () => {
    const r = await post('/local/clock', { user: 'U0LINNEA', lang: 'sv', to: '2026-05-01' });
    expect(r).toEqual({ status: 400, error: 'Time only moves forward here: 2026-05-01 is not after today (2026-05-04).' });
    expect(local.clock.now().toISOString()).toBe('2026-05-04T08:00:00.000Z');
  });

  it('answers a click on a button that is gone, and a stranger, in words rather than a raw error', async () => {
    expect(await post('/local/action', { user: 'U0LINNEA', channel: 'C0SAMVERK', ts: '1.000', actionId: 'x' })).toEqual({ status: 400, error: 'That message is gone.' });
    expect(await post('/local/submit', { user: 'U0NOBODY', lang: 'en', viewId: 'V1', values: {} })).toEqual({
      status: 400,
      error: 'U0NOBODY is not a member of the partnership file. Pick a person from the list.',
    });
  });

  it('speaks the language a member chose with /samverkan språk, over the partnership file\'s', async () => {
    await post('/local/command', { user: 'U0JONAS', channel: 'C0SAMVERK', command: '/samverkan språk en' });
    await local.fake.waitFor(() => local.fake.responseUrlPosts.find((p) => String((p.body as { text?: string }).text).startsWith('Done. From now on I write to you in English')));
    expect(await post('/local/command', { user: 'U0JONAS', channel: 'C0SAMVERK', command: 'beslut' })).toEqual({ status: 400, error: 'A command starts with “/”, e.g. /samverkan help' });
    await post('/local/command', { user: 'U0LINNEA', channel: 'C0SAMVERK', command: '/samverkan language sv' });
    await local.fake.waitFor(() => local.fake.responseUrlPosts.find((p) => String((p.body as { text?: string }).text).startsWith('Klart. Från och med nu')));
    expect(await post('/local/command', { user: 'U0LINNEA', channel: 'C0SAMVERK', command: 'beslut' })).toEqual({ status: 400, error: 'Ett kommando börjar med ”/”, t.ex. /samverkan hjälp' });
  });

  it('answers a body that is not JSON with a request to reload, not a parser message', async () => {
    const r = await post('/local/command', '{"user": "U0JONAS", ');
    expect(r).toEqual({ status: 400, error: 'Sidan skickade något som inte gick att läsa. Ladda om sidan och försök igen.' });
  });
});
