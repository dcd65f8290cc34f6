import type { CustomRoute } from '@slack/bolt';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Running } from '../runtime.ts';
import { SignedDriver } from '../slack/fake/signed-driver.ts';

/**
 * Local mode's door into the bot without a Slack workspace: POST /local/command runs a slash
 * command as a member, signed exactly as Slack would sign it, and answers with what the bot replied.
 * The bot is started after the routes are built, so they look it up through `running()`.
 */
export function localRoutes(running: () => Running | undefined): CustomRoute[] {
  return [
    {
      path: '/local/command',
      method: ['POST'],
      handler: (req, res) => void runCommand(running(), req, res),
    },
  ];
}

async function runCommand(bot: Running | undefined, req: IncomingMessage, res: ServerResponse) {
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body, null, 2));
  };
  if (!bot?.fake || !bot.url || !bot.signingSecret) return send(503, { error: 'the bot is not running in local mode' });
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  const input = (req.headers['content-type'] ?? '').includes('json') ? JSON.parse(raw || '{}') : Object.fromEntries(new URLSearchParams(raw));
  const members = bot.partnership?.members ?? [];
  const user = String(input.user ?? members[0]?.user ?? '');
  const channel = String(input.channel ?? bot.partnership?.groups[0]?.channel ?? '');
  const command = String(input.command ?? '/samverkan hjälp');
  if (!command.startsWith('/')) return send(400, { error: 'command must start with /, e.g. "/samverkan status"' });
  const driver = new SignedDriver({ url: bot.url, signingSecret: bot.signingSecret, fake: bot.fake });
  const before = bot.fake.messages.length;
  const r = await driver.command(user, channel, command);
  const reply = await r.reply(0, 5000).catch(() => r.body ?? null);
  await bot.outbox.idle();
  send(200, { user, channel, command, reply, posted: bot.fake.messages.slice(before) });
}
