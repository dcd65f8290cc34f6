import { z } from 'zod';

const logLevels = ['debug', 'info', 'warn', 'error'] as const;

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const configSchema = z
  .object({
    SLACK_BOT_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xoxb-'), {
      message: 'must be a bot token starting with "xoxb-"',
    }),
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_APP_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xapp-'), {
      message: 'must be an app-level token starting with "xapp-"',
    }),
    SLACK_API_URL: optionalString.pipe(z.url({ message: 'must be a URL such as https://slack.com/api/' }).optional()),
    PORT: optionalString
      .refine((v) => v === undefined || (/^\d{1,5}$/.test(v) && Number(v) <= 65535), { message: 'must be a port number from 0 to 65535' })
      .transform((v) => (v === undefined ? 3000 : Number(v))),
    HOST: optionalString,
    PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https?$/, message: 'must be the https:// address where people reach the bot, such as https://samverkan.example.org' }).optional()),
    DATABASE_URL: optionalString.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
      message: 'must start with postgres:// or postgresql:// (leave it unset for the embedded database)',
    }),
    DATA_DIR: optionalString.transform((v) => v ?? './data'),
    PARTNERSHIP_FILE: optionalString,
    BOT_LOCALE: optionalString.pipe(z.enum(['sv', 'en'], { message: 'must be "sv" or "en"' }).optional()).transform((v) => v ?? 'sv'),
    BOT_TIMEZONE: optionalString
      .refine((v) => v === undefined || isTimeZone(v), { message: 'must be an IANA time zone such as Europe/Stockholm' })
      .transform((v) => v ?? 'Europe/Stockholm'),
    LOG_LEVEL: optionalString.pipe(z.enum(logLevels, { message: `must be one of ${logLevels.join(', ')}` }).optional()).transform((v) => v ?? 'info'),
  })
  .superRefine((c, ctx) => {
    if (c.SLACK_BOT_TOKEN && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'is required in HTTP mode (when SLACK_BOT_TOKEN is set without SLACK_APP_TOKEN)' });
    }
    if ((c.SLACK_SIGNING_SECRET || c.SLACK_APP_TOKEN) && !c.SLACK_BOT_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'is required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set' });
    }
  });

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

type Parsed = z.infer<typeof configSchema>;

export interface Config {
  slack:
    | { mode: 'http'; botToken: string; signingSecret: string; apiUrl?: string }
    | { mode: 'socket'; botToken: string; appToken: string; signingSecret?: string; apiUrl?: string }
    | { mode: 'local'; apiUrl?: string };
  port: number;
  host?: string;
  /** Where people's calendar apps reach the bot (calendar feeds); local mode uses its own address. */
  publicUrl?: string;
  databaseUrl?: string;
  dataDir: string;
  partnershipFile?: string;
  locale: 'sv' | 'en';
  timezone: string;
  logLevel: (typeof logLevels)[number];
}

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError with one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = configSchema.safeParse(env);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `${String(i.path[0] ?? 'config')} ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
  }
  const c: Parsed = r.data;
  const slack: Config['slack'] = c.SLACK_APP_TOKEN
    ? { mode: 'socket', botToken: c.SLACK_BOT_TOKEN!, appToken: c.SLACK_APP_TOKEN, signingSecret: c.SLACK_SIGNING_SECRET, apiUrl: c.SLACK_API_URL }
    : c.SLACK_BOT_TOKEN
      ? { mode: 'http', botToken: c.SLACK_BOT_TOKEN, signingSecret: c.SLACK_SIGNING_SECRET!, apiUrl: c.SLACK_API_URL }
      : { mode: 'local', apiUrl: c.SLACK_API_URL };
  return {
    slack,
    port: c.PORT,
    host: c.HOST,
    publicUrl: c.PUBLIC_URL?.replace(/\/+$/, ''),
    databaseUrl: c.DATABASE_URL,
    dataDir: c.DATA_DIR,
    partnershipFile: c.PARTNERSHIP_FILE,
    locale: c.BOT_LOCALE,
    timezone: c.BOT_TIMEZONE,
    logLevel: c.LOG_LEVEL,
  };
}
