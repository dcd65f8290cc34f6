// One benchmark target in its own process, so its memory is its own, run by plain node as
// `npm start` runs the bot (the bench builds dist/ first):
//   bare      – a Bolt app that only acknowledges (and opens a modal for /beslut)
//   pglite    – the real bot from dist/, embedded database in a temporary directory
//   postgres  – the real bot from dist/ against BENCH_DATABASE_URL
// The fake Slack runs in its own process (bench/fake.ts); its API URL comes as FAKE_API_URL.
// Prints "READY <port> <setup json>": the ids the bench's button and form requests use.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App, LogLevel } from '@slack/bolt';

const [kind = 'bare', secret = 'bench-secret'] = process.argv.slice(2);
const file = path.resolve(import.meta.dirname, '../examples/stockholm.yml');
const apiUrl = process.env.FAKE_API_URL;

let port;
let setup = { decisionId: 'bare', groupId: 'bare' };
if (kind === 'bare') {
  const app = new App({ token: 'xoxb-bench', signingSecret: secret, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: apiUrl } });
  for (const command of ['/samverkan', '/statistik']) app.command(command, async ({ ack }) => void (await ack()));
  app.command('/beslut', async ({ ack, command, client }) => {
    await ack();
    await client.views.open({ trigger_id: command.trigger_id, view: { type: 'modal', title: { type: 'plain_text', text: 'Beslut' }, blocks: [] } });
  });
  app.action('decision_consent', async ({ ack }) => void (await ack()));
  app.view('decision_form', async ({ ack }) => void (await ack()));
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  port = server.address().port;
} else {
  // Imported here so the bare target's memory holds only Bolt.
  const dist = (p) => import(new URL(`../dist/${p}`, import.meta.url).href);
  const { loadConfig } = await dist('config.js');
  const { startSamverkan } = await dist('runtime.js');
  const { requireActor } = await dist('domain/partnership/directory.js');
  const { proposeDecision } = await dist('domain/decisions/index.js');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-bench-'));
  process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: secret,
    SLACK_API_URL: apiUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: kind === 'postgres' ? process.env.BENCH_DATABASE_URL : undefined,
    PARTNERSHIP_FILE: file,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
  });
  const bot = await startSamverkan({ config });
  port = Number(new URL(bot.url).port);
  // A steering proposal to vote on, and the collaboration group the bench's forms record in.
  const group = (k) => bot.db.prisma.group.findFirstOrThrow({ where: { partnershipId: bot.ctx.partnershipId, kind: k } });
  const { actor } = await requireActor(bot.ctx, 'U0ANNA');
  const proposal = await proposeDecision(bot.ctx, actor, { groupId: (await group('STEERING')).id, title: 'Bänkförslag', body: 'Ett förslag att rösta om i benchmarken.' });
  setup = { decisionId: proposal.id, groupId: (await group('COLLABORATION')).id };
}
// The bench asks for the memory after a full collection (run with --expose-gc): "MEM <json>".
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  const { rss, heapUsed, external } = process.memoryUsage();
  process.stdout.write(`MEM ${JSON.stringify({ rss, heapUsed, external })}\n`);
});
process.stdout.write(`READY ${port} ${JSON.stringify(setup)}\n`);
