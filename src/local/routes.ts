import type { Route } from '../core/http.ts';
import crypto from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { isLocale, t, type Locale } from '../i18n/index.ts';
import { LocalError } from './errors.ts';
import type { Where } from './interactions.ts';
import { snapshot } from './snapshot.ts';
import { travel } from './time-travel.ts';
import type { LocalWorkspace } from './workspace.ts';

const PUBLIC = fileURLToPath(new URL('./public/', import.meta.url));
const ASSETS: Record<string, string> = {
  'app.js': 'text/javascript', 'blocks.js': 'text/javascript', 'mrkdwn.js': 'text/javascript', 'modal.js': 'text/javascript',
  'i18n.js': 'text/javascript', 'style.css': 'text/css', 'index.html': 'text/html',
};

type Handler = (ws: LocalWorkspace, input: Record<string, any>, req: IncomingMessage, res: ServerResponse) => Promise<unknown>;

/**
 * The local workspace's HTTP side, mounted on the bot's own server (127.0.0.1
 * only): the page and its assets, a JSON snapshot, a Server-Sent-Events stream that says "look
 * again", and one POST per thing a person can do in Slack. The workspace is created after the
 * bot has started, so the routes look it up through `workspace()`.
 */
export function localRoutes(workspace: () => LocalWorkspace | undefined): Route[] {
  const post = (path: string, handler: Handler): Route => ({
    path,
    method: ['POST'],
    handler: (req, res) => void run(workspace(), req, res, handler),
  });
  return [
    { path: '/', method: ['GET'], handler: (_req, res) => void asset('index.html', res) },
    { path: '/local/assets/:file', method: ['GET'], handler: (req, res) => void asset(String(req.params?.file ?? ''), res) },
    { path: '/local/state', method: ['GET'], handler: (req, res) => void run(workspace(), req, res, async (ws, _i, r) => {
      // An unknown or stale person (e.g. from the browser's storage) becomes the file's first member.
      const asked = new URL(r.url ?? '/', 'http://local').searchParams.get('user') ?? '';
      return snapshot(ws, ws.isMember(asked) ? asked : (ws.bot.partnership?.members[0]?.user ?? asked));
    }) },
    { path: '/local/events', method: ['GET'], handler: (req, res) => events(workspace(), req, res) },
    post('/local/command', async (ws, i) => {
      const user = member(ws, String(i.user ?? ws.bot.partnership?.members[0]?.user ?? ''));
      const channel = String(i.channel ?? ws.bot.partnership?.groups[0]?.channel ?? '');
      const before = ws.fake.messages.length;
      await ws.command(user, channel, String(i.command ?? ''));
      return { user, channel, command: i.command, posted: ws.fake.messages.slice(before) };
    }),
    post('/local/message', async (ws, i) => {
      const user = member(ws, i.user);
      return ws.say(user, String(i.channel ?? ''), String(i.text ?? ''), i.thread ? String(i.thread) : undefined);
    }),
    post('/local/dismiss', async (ws, i) => (ws.dismiss(member(ws, i.user), String(i.channel), String(i.ts)), { ok: true })),
    post('/local/action', async (ws, i) => {
      const where: Where = i.viewId ? { viewId: String(i.viewId) } : { channel: String(i.channel), ts: String(i.ts) };
      await ws.act(member(ws, i.user), where, { actionId: String(i.actionId), blockId: i.blockId, value: i.value ?? null, values: i.values ?? {} });
      return { ok: true };
    }),
    post('/local/shortcut', async (ws, i) => (await ws.shortcut(member(ws, i.user), String(i.callbackId), String(i.channel), String(i.ts)), { ok: true })),
    post('/local/submit', async (ws, i) => ws.submit(member(ws, i.user), String(i.viewId), i.values ?? {})),
    post('/local/close', async (ws, i) => (await ws.closeModal(member(ws, i.user), String(i.viewId), i.values ?? {}), { ok: true })),
    post('/local/home', async (ws, i) => (await ws.openHome(member(ws, i.user)), { ok: true })),
    post('/local/clock', async (ws, i) => travel(ws, { days: i.days === undefined ? undefined : Number(i.days), to: i.to === undefined || i.to === '' ? undefined : String(i.to) })),
  ];
}

function member(ws: LocalWorkspace, user: unknown): string {
  const id = String(user ?? '');
  if (!ws.isMember(id)) throw new LocalError('local.error.notMember', { user: id || '–' });
  return id;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * The language of the page's refusals: the person's own (their choice, else the partnership file's), else the
 * page's (`lang`), else the browser's; never English-only.
 */
function pageLocale(ws: LocalWorkspace | undefined, req: IncomingMessage, input: Record<string, any>): Locale {
  const url = new URL(req.url ?? '/', 'http://local');
  const user = String(input.user ?? url.searchParams.get('user') ?? '');
  if (ws && ws.isMember(user)) return ws.localeOf(user);
  const lang = String(input.lang ?? url.searchParams.get('lang') ?? '');
  if (isLocale(lang)) return lang;
  if (/^en\b/i.test(req.headers['accept-language'] ?? '')) return 'en';
  return ws?.bot.config.locale ?? 'sv';
}

async function readInput(req: IncomingMessage): Promise<Record<string, any>> {
  if (req.method !== 'POST') return {};
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!(req.headers['content-type'] ?? '').includes('json')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    const parsed: unknown = JSON.parse(raw || '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, any>;
  } catch {
    // answered below, like any other body that is not an object
  }
  throw new LocalError('local.error.badRequest');
}

async function run(ws: LocalWorkspace | undefined, req: IncomingMessage, res: ServerResponse, handler: Handler): Promise<void> {
  let input: Record<string, any> = {};
  try {
    input = await readInput(req);
    if (!ws) return send(res, 503, { error: t(pageLocale(ws, req, input), 'local.error.starting') });
    await ws.readLanguages();
    send(res, 200, await handler(ws, input, req, res));
  } catch (err) {
    const locale = pageLocale(ws, req, input);
    if (err instanceof LocalError) return send(res, 400, { error: err.describe(locale) });
    // Never the raw error on the page: an error code that matches the log line.
    const code = crypto.randomBytes(3).toString('hex');
    (ws?.bot.logger ?? console).error(`[${code}] local workspace: ${(err as Error)?.stack ?? String(err)}`);
    send(res, 500, { error: t(locale, 'local.error.generic', { code }) });
  }
}

async function asset(name: string, res: ServerResponse): Promise<void> {
  const type = ASSETS[name];
  if (!type) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    return void res.end('Not Found');
  }
  const body = await readFile(`${PUBLIC}${name}`);
  res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-cache' });
  res.end(body);
}

/** Server-Sent Events: one "changed" line whenever the bot did something through the fake Slack. */
function events(ws: LocalWorkspace | undefined, req: IncomingMessage, res: ServerResponse): void {
  if (!ws) return send(res, 503, { error: t(pageLocale(ws, req, {}), 'local.error.starting') });
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write('retry: 1000\n\n');
  const off = ws.onChange(() => res.write('data: changed\n\n'));
  const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
  const offClose = ws.onClose(() => res.end());
  req.on('close', () => {
    off();
    offClose();
    clearInterval(ping);
  });
}
