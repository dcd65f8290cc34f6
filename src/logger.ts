import { LogLevel, type Logger } from '@slack/bolt';

const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

/** A one-line-per-event logger on stderr, shared by Bolt and the rest of the bot. */
export function createLogger(level: string, name = 'samverkan'): Logger {
  let current = (level as LogLevel) ?? LogLevel.INFO;
  let prefix = name;
  const write = (l: LogLevel, args: unknown[]) => {
    if (order.indexOf(l) < order.indexOf(current)) return;
    const text = args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    process.stderr.write(`${new Date().toISOString()} ${l.toUpperCase()} [${prefix}] ${text}\n`);
  };
  return {
    debug: (...a) => write(LogLevel.DEBUG, a),
    info: (...a) => write(LogLevel.INFO, a),
    warn: (...a) => write(LogLevel.WARN, a),
    error: (...a) => write(LogLevel.ERROR, a),
    setLevel: (l) => {
      current = l;
    },
    getLevel: () => current,
    setName: (n) => {
      prefix = n;
    },
  };
}
