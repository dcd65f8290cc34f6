// One benchmark target in its own process, so its memory is its own:
//   bare      – a Bolt app that only acknowledges /samverkan, /beslut and /statistik
//   pglite    – the real bot, embedded database in a temporary directory
//   postgres  – the real bot against BENCH_DATABASE_URL
// The fake Slack runs in its own process (bench/fake.ts); its API URL comes as FAKE_API_URL.
// Prints "READY <port>" when it accepts requests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App, LogLevel } from '@slack/bolt';

const [kind = 'bare', secret = 'bench-secret'] = process.argv.slice(2);
const file = path.resolve(import.meta.dirname, '../examples/stockholm.yml');
const apiUrl = process.env.FAKE_API_URL!;

let port: number;
if (kind === 'bare') {
  const app = new App({ token: 'xoxb-bench', signingSecret: secret, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: apiUrl } });
  for (const command of ['/samverkan', '/beslut', '/statistik']) {
    app.command(command, async ({ ack }) => {
      await ack();
    });
  }
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as import('node:http').Server;
  port = (server.address() as import('node:net').AddressInfo).port;
} else {
  // Imported here so the bare target's memory holds only Bolt.
  const { loadConfig } = await import('../src/config.ts');
  const { startSamverkan } = await import('../src/runtime.ts');
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
    LOG_LEVEL: 'error',
  });
  const bot = await startSamverkan({ config });
  port = Number(new URL(bot.url!).port);
}
process.stdout.write(`READY ${port}\n`);
