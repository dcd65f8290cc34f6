import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpServer } from '../../src/core/http.ts';
import { createLogger } from '../../src/logger.ts';

const logged: string[] = [];
const logger = { ...createLogger('error', 'test'), error: (...m: unknown[]) => void logged.push(m.map(String).join(' ')) };
const server = new HttpServer(logger);
let url: string;

beforeAll(async () => {
  server.route(
    { path: '/healthz', method: ['GET'], handler: (_req, res) => void res.end('ok') },
    { path: '/kalender/:file', method: ['GET', 'HEAD'], handler: (req, res) => void res.end(`file=${req.params?.file}`) },
    { path: '/boom', method: ['POST'], handler: async () => { throw new Error('kaboom'); } },
  );
  url = await server.listen(0, '127.0.0.1');
});
afterAll(() => server.close());

describe("the core's HTTP server", () => {
  it('routes by exact path and method, with :name segments decoded', async () => {
    expect(await (await fetch(`${url}/healthz`)).text()).toBe('ok');
    expect(await (await fetch(`${url}/kalender/a%20b.ics?x=1`)).text()).toBe('file=a b.ics');
  });

  it('answers 404 for an unknown path and 405 with Allow for a wrong method', async () => {
    expect((await fetch(`${url}/kalender`)).status).toBe(404);
    expect((await fetch(`${url}/kalender/a/b`)).status).toBe(404);
    const wrong = await fetch(`${url}/healthz`, { method: 'POST' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });

  it('answers 500 for a handler that throws, logs it, and keeps serving', async () => {
    expect((await fetch(`${url}/boom`, { method: 'POST' })).status).toBe(500);
    expect(logged.some((l) => l.includes('kaboom'))).toBe(true);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('refuses a route mounted twice', () => {
    expect(() => server.route({ path: '/healthz', method: ['GET'], handler: () => {} })).toThrow(/twice/);
  });
});
