import type { Logger as BoltLogger, LogLevel as BoltLogLevel } from '@slack/bolt';
import type { Logger, LogLevel } from '../logger.ts';

/** The project's logger as Bolt and the Web API client type it (their levels are the same words). */
export function boltLogger(logger: Logger): BoltLogger {
  return {
    debug: (...m) => logger.debug(...m),
    info: (...m) => logger.info(...m),
    warn: (...m) => logger.warn(...m),
    error: (...m) => logger.error(...m),
    setLevel: (l: BoltLogLevel) => logger.setLevel(l as unknown as LogLevel),
    getLevel: () => logger.getLevel() as unknown as BoltLogLevel,
    setName: (n: string) => logger.setName(n),
  };
}
