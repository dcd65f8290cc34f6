import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/dir-lock.ts';
import { MigrationError } from './db/migrate.ts';
import { PartnershipFileError } from './domain/partnership/file-loader.ts';
import { startSamverkan, StartupError } from './runtime.ts';
import { localModeBanner } from './local/banner.ts';
import { localRoutes } from './local/routes.ts';
import type { Running } from './runtime.ts';

try {
  const config = loadConfig();
  let running: Running | undefined;
  const customRoutes = config.slack.mode === 'local' ? localRoutes(() => running) : [];
  running = await startSamverkan({ config, customRoutes });
  if (config.slack.mode === 'local') {
    running.logger.info('LOCAL MODE: no Slack tokens are set, so the bot runs against its built-in fake Slack.');
    process.stdout.write(localModeBanner(running));
  } else {
    running.logger.info(`Samverkan is running in ${config.slack.mode === 'socket' ? 'Socket Mode' : `HTTP mode on ${running.url}/slack/events`}.`);
  }
  const shutdown = (signal: string) => {
    running.logger.info(`${signal}: shutting down`);
    running!.stop().then(() => process.exit(0), () => process.exit(1));
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
