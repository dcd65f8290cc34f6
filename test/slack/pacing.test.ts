import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../src/slack/fake/server.ts';
import { SignedDriver } from '../../src/slack/fake/signed-driver.ts';
import { installPacing } from '../../src/slack/pacing.ts';

const SECRET = 'pacing-secret';

describe('work after an acknowledgement waits for a free slot', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it('acknowledges a second command at once but runs its work only after the first one has finished', async () => {
    const fake = await FakeSlack.start({ token: 'xoxb-test', users: [{ id: 'U1', name: 'anna', real_name: 'Anna' }], channels: [{ id: 'C1', name: 'styrgrupp' }] });
    const app = new App({
      token: 'xoxb-test',
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl },
      receiver: new HTTPReceiver({ signingSecret: SECRET, processBeforeResponse: false, logLevel: LogLevel.ERROR }),
    });
    const pacer = installPacing(app, 1);

    const story: string[] = [];
    let releaseFirst!: () => void;
    const firstMayFinish = new Promise<void>((r) => (releaseFirst = r));
    let lastDone!: () => void;
    const secondDone = new Promise<void>((r) => (lastDone = r));
    app.command('/arbete', async ({ command, ack }) => {
      await ack();
      story.push(`${command.text} works`);
      if (command.text === 'first') await firstMayFinish;
      story.push(`${command.text} done`);
      if (command.text === 'second') lastDone();
    });
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
    stop = async () => {
      await app.stop();
      await fake.close();
    };
    const driver = new SignedDriver({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, signingSecret: SECRET, fake });

    // Both commands are acknowledged while the first one's work still holds the only slot.
    expect((await driver.command('U1', 'C1', '/arbete first')).status).toBe(200);
    expect((await driver.command('U1', 'C1', '/arbete second')).status).toBe(200);
    expect(story).toEqual(['first works']);

    releaseFirst();
    await secondDone;
    expect(story).toEqual(['first works', 'first done', 'second works', 'second done']);
    expect(pacer.acquired).toBe(2);
  });
});
