import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const fails = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected the configuration to be refused');
};

describe('configuration', () => {
  it('defaults to local mode with the embedded database', () => {
    const c = loadConfig({});
    expect(c.slack.mode).toBe('local');
    expect(c).toMatchObject({ port: 3000, dataDir: './data', locale: 'sv', timezone: 'Europe/Stockholm', logLevel: 'info', databaseUrl: undefined });
  });

  it('chooses HTTP mode with a bot token and signing secret, Socket Mode with an app token', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slack).toEqual({ mode: 'http', botToken: 'xoxb-1', signingSecret: 's', apiUrl: undefined });
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack.mode).toBe('socket');
  });

  it('names the variable and what is wrong, one line', () => {
    expect(fails({ PORT: 'eighty' })).toBe('Invalid configuration: PORT must be a port number from 0 to 65535');
    expect(fails({ DATABASE_URL: 'mysql://x' })).toContain('DATABASE_URL must start with postgres:// or postgresql://');
    expect(fails({ BOT_LOCALE: 'fi' })).toBe('Invalid configuration: BOT_LOCALE must be "sv" or "en"');
    expect(fails({ BOT_TIMEZONE: 'Europe/Stokholm' })).toContain('BOT_TIMEZONE must be an IANA time zone');
    expect(fails({ SLACK_BOT_TOKEN: 'xoxb-1' })).toContain('SLACK_SIGNING_SECRET is required in HTTP mode');
    expect(fails({ SLACK_SIGNING_SECRET: 's' })).toContain('SLACK_BOT_TOKEN is required');
    expect(fails({ SLACK_BOT_TOKEN: 'xoxp-1', SLACK_SIGNING_SECRET: 's' })).toContain('SLACK_BOT_TOKEN must be a bot token starting with "xoxb-"');
    expect(fails({ SLACK_API_URL: 'not a url' })).toContain('SLACK_API_URL must be a URL');
    expect(fails({ LOG_LEVEL: 'loud' })).toContain('LOG_LEVEL must be one of debug, info, warn, error');
    expect(fails({ PORT: 'x', BOT_LOCALE: 'fi' }).split('; ')).toHaveLength(2);
  });

  it('treats empty values as unset, as .env.example leaves them', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: ' ', DATABASE_URL: '' }).slack.mode).toBe('local');
  });
});
