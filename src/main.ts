import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/dir-lock.ts';
import { MigrationError } from './db/migrate.ts';
import { PartnershipFileError } from './domain/partnership/file-loader.ts';
import { startSamverkan, StartupError } from './runtime.ts';
import { localModeBanner } from './local/banner.ts';
import { startLocal } from './local/start.ts';

try {
  const config = loadConfig();
  // Local mode only when no Slack token is set (loadConfig decides): never beside a real workspace.
  const local = config.slack.mode === 'local' ? await startLocal({ config }) : undefined;
  const running = local?.running ?? (await startSamverkan({ config }));
  if (local) {
    running.logger.info('LOCAL MODE: no Slack tokens are set, so the bot runs against its built-in fake Slack.');
    process.stdout.write(localModeBanner(running, local.fake));
  } else {
    running.logger.info(`Samverkan is running in ${config.slack.mode === 'socket' ? 'Socket Mode' : `HTTP mode on ${running.url}/slack/events`}.`);
  }
  const shutdown = (signal: string) => {
    running.logger.info(`${signal}: shutting down`);
    (local ?? running).stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (err) {
  if (err instanceof ConfigError || err instanceof PartnershipFileError || err instanceof DataDirLockedError || err instanceof StartupError || err instanceof MigrationError) {
    process.stderr.write(`samverkan: ${err.message}\n`);
  } else {
    process.stderr.write(`samverkan: could not start: ${(err as Error).stack ?? err}\n`);
  }
  process.exit(1);
}
