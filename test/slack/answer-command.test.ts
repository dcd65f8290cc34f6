import { describe, expect, it } from 'vitest';
import type { AckFn, RespondArguments, RespondFn } from '@slack/bolt';
import { answerCommand } from '../../src/slack/support.ts';

function recorder() {
  const calls: Array<[string, unknown]> = [];
  const ack = (async (m?: unknown) => void calls.push(['ack', m])) as AckFn<string | RespondArguments>;
  const respond = (async (m: unknown) => void calls.push(['respond', m])) as unknown as RespondFn;
  return { calls, ack, respond };
}

describe('answering a command within Slack\'s 3 seconds', () => {
  it('puts a quick answer in the acknowledgement itself', async () => {
    const r = recorder();
    await answerCommand(r.ack, r.respond, async () => ({ text: 'klart' }), 1000);
    expect(r.calls).toEqual([['ack', { response_type: 'ephemeral', text: 'klart' }]]);
  });

  it('acknowledges at once and answers on response_url when the answer is late', async () => {
    const r = recorder();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const done = answerCommand(r.ack, r.respond, async () => {
      await gate;
      return { text: 'sent' };
    }, 10);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(r.calls).toEqual([['ack', undefined]]);
    release();
    await done;
    expect(r.calls).toEqual([['ack', undefined], ['respond', { response_type: 'ephemeral', text: 'sent' }]]);
  });
});
