// The fake Slack Web API for the benchmark, in a process of its own: in production Slack's API and
// response_url are remote, so their work must not share the measured bot's event loop.
// Prints "READY <api url> <base url>".
import path from 'node:path';
import { FakeSlack } from '../src/slack/fake/server.ts';
import { loadPartnershipFile } from '../src/domain/partnership/file-loader.ts';

const partnership = loadPartnershipFile(path.resolve(import.meta.dirname, '../examples/stockholm.yml'));
const fake = await FakeSlack.start({
  token: 'xoxb-bench',
  users: partnership.members.map((m) => ({ id: m.user, name: m.name })),
  channels: partnership.groups.map((g) => ({ id: g.channel, name: g.key })),
});
// Keep the recordings from growing through thousands of replies.
setInterval(() => fake.reset(), 1000).unref();
process.stdout.write(`READY ${fake.apiUrl} ${fake.baseUrl}\n`);
