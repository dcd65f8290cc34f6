import { describe, expect, it } from 'vitest';
import { startTestBot } from '../helpers/bot.ts';

describe('stopping the bot', () => {
  it('lets work taken before the stop finish before Slack goes away, and leaves nothing running', async () => {
    const tb = await startTestBot();
    const errors: string[] = [];
    const logger = tb.bot.logger;
    const error = logger.error.bind(logger);
    logger.error = (...m: unknown[]) => {
      errors.push(m.map(String).join(' '));
      error(...m);
    };
    // A command whose work after the acknowledgement is still running when the stop begins:
    // it answers only once the bot has stopped taking requests.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    tb.bot.app.command('/langsam', async ({ ack, respond }) => {
      await ack();
      await gate;
      await respond({ response_type: 'ephemeral', text: 'Klart till slut.' });
    });
    const r = await tb.driver.command('U0JONAS', 'C0SAMVERK', '/langsam');
    expect(r.status).toBe(200);
    expect(tb.bot.inFlight.count).toBe(1);

    const stopped = tb.stop();
    // The work goes on once the bot's server takes no more requests.
    const refused = async () => fetch(`${tb.bot.url}/healthz`).then(() => false, () => true);
    while (!(await refused())) await new Promise((res) => setTimeout(res, 20));
    expect(tb.bot.inFlight.count).toBe(1);
    release();
    await stopped;

    expect(r.replies().map((p) => p.body.text)).toEqual(['Klart till slut.']);
    expect(tb.bot.inFlight.count).toBe(0);
    expect(errors).toEqual([]);
  });
});
