/** Log levels, lowest first; the same words Bolt and the Slack Web API use. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/**
 * The project's logger. Its shape is the one Bolt and the Slack Web API accept, so the Slack
 * adapter hands the same logger to them; nothing outside the adapter depends on Bolt's type.
 */
export interface Logger {
  debug(...msg: unknown[]): void;
  info(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
  setLevel(level: LogLevel): void;
  getLevel(): LogLevel;
  setName(name: string): void;
}

const isLevel = (l: string): l is LogLevel => (ORDER as readonly string[]).includes(l);

/** A one-line-per-event logger on stderr, shared by the adapters and the rest of the bot. */
export function createLogger(level: string, name = 'samverkan'): Logger {
  let current: LogLevel = isLevel(level) ? level : 'info';
  let prefix = name;
  const write = (l: LogLevel, args: unknown[]) => {
    if (ORDER.indexOf(l) < ORDER.indexOf(current)) return;
    const text = args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    process.stderr.write(`${new Date().toISOString()} ${l.toUpperCase()} [${prefix}] ${text}\n`);
  };
  return {
    debug: (...a) => write('debug', a),
    info: (...a) => write('info', a),
    warn: (...a) => write('warn', a),
    error: (...a) => write('error', a),
    setLevel: (l) => {
      current = l;
    },
    getLevel: () => current,
    setName: (n) => {
      prefix = n;
    },
  };
}
