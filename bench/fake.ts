// The fake Slack Web API for the benchmark, in a process of its own: in production Slack's API and
// response_url are remote, so their work must not share the measured bot's event loop.
// Beside it, a small control server for the bench: `GET /triggers?n=` issues trigger ids that
// views.open accepts, `GET /opened` hands over (and forgets) when each trigger's views.open came.
// Prints "READY <api url> <base url> <control url>".
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { FakeSlack } from '../src/slack/fake/server.ts';
import { loadPartnershipFile } from '../src/domain/partnership/file-loader.ts';

const partnership = loadPartnershipFile(path.resolve(import.meta.dirname, '../examples/stockholm.yml'));
const fake = await FakeSlack.start({
  token: 'xoxb-bench',
  users: partnership.members.map((m) => ({ id: m.user, name: m.name })),
  channels: partnership.groups.map((g) => ({ id: g.channel, name: g.key })),
});
const opened = new Map<string, number>();
// Keep the recordings from growing through thousands of replies. The issued triggers stay, and
// so do the posted messages: the bot updates its cards (a vote redraws the proposal's).
const harvest = () => {
  for (const c of fake.calls) if (c.method === 'views.open' && c.ok) opened.set(String(c.args.trigger_id), c.at);
  fake.calls.length = 0;
  fake.responseUrlPosts.length = 0;
  fake.files.length = 0;
  fake.views.clear();
};
setInterval(harvest, 1000).unref();

const control = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  let body: unknown = {};
  if (url.pathname === '/triggers') body = Array.from({ length: Number(url.searchParams.get('n') ?? 1) }, () => fake.triggerId());
  if (url.pathname === '/opened') {
    harvest();
    body = Object.fromEntries(opened);
    opened.clear();
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
});
await new Promise<void>((r) => control.listen(0, '127.0.0.1', r));
process.stdout.write(`READY ${fake.apiUrl} ${fake.baseUrl} http://127.0.0.1:${(control.address() as AddressInfo).port}\n`);
