import { ErrorCode, LogLevel, WebClient, type Logger } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack, type RecordedCall } from '../../src/slack/fake/server.ts';

const CH = 'C0GENERAL';
const noop = () => {};
/** WebClient logs platform error details at ERROR level; the tests assert them instead. */
const quiet: Logger = { debug: noop, info: noop, warn: noop, error: noop, setLevel: noop, getLevel: () => LogLevel.ERROR, setName: noop };
let fake: FakeSlack;
let client: WebClient;

/** Awaits a WebClient call that must fail with a platform error and returns its `data`. */
async function platformError(p: Promise<unknown>): Promise<any> {
  const err: any = await p.then(
    () => { throw new Error('expected the call to fail'); },
    (e: unknown) => e,
  );
  expect(err.code).toBe(ErrorCode.PlatformError);
  return err.data;
}

beforeAll(async () => {
  fake = await FakeSlack.start({
    users: [
      { id: 'U0ASA', name: 'asa', real_name: 'Åsa Berg', tz: 'Europe/Stockholm', locale: 'sv-SE', email: 'asa@example.se' },
      { id: 'U0OLLE', name: 'olle' },
    ],
    channels: [
      { id: CH, name: 'general', members: ['U0BOT', 'U0ASA', 'U0OLLE'] },
      { id: 'G0SECRET', name: 'styrelsen', is_private: true, members: ['U0ASA'] },
    ],
  });
  client = new WebClient('xoxb-fake', {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 50 },
    rejectRateLimitedCalls: false,
    logger: quiet,
  });
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => fake.reset());

describe('FakeSlack', () => {
  it('answers auth.test with the bot identity', async () => {
    const res = await client.auth.test();
    expect(res).toMatchObject({ ok: true, team_id: 'T0SAMVERK', user_id: 'U0BOT', bot_id: 'B0BOT', is_enterprise_install: false });
    expect(fake.apiUrl).toBe(`${fake.baseUrl}/api/`);
  });

  it('posts a message, threads a reply and reads both back', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Hej* alla' } }];
    const first = await client.chat.postMessage({ channel: CH, text: 'Hej alla', blocks, metadata: { event_type: 'x', event_payload: { a: 1 } } });
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(first.message?.blocks).toEqual(blocks);
    const reply = await client.chat.postMessage({ channel: CH, text: 'svar', thread_ts: first.ts });
    expect(Number(reply.ts)).toBeGreaterThan(Number(first.ts));

    expect(fake.channelMessages(CH).map((m) => m.text)).toEqual(['Hej alla']);
    expect(fake.channelMessages(CH, { thread_ts: first.ts }).map((m) => m.text)).toEqual(['svar']);
    expect(fake.messages[0]).toMatchObject({ channel: CH, user: 'U0BOT', bot_id: 'B0BOT', blocks, metadata: { event_type: 'x' }, reply_count: 1 });

    const history = await client.conversations.history({ channel: CH });
    expect(history.messages?.map((m) => m.text)).toEqual(['Hej alla']);
    const replies = await client.conversations.replies({ channel: CH, ts: first.ts as string });
    expect(replies.messages?.map((m) => m.text)).toEqual(['Hej alla', 'svar']);
    const call = fake.callsTo('chat.postMessage')[0];
    expect(call?.args.blocks).toEqual(blocks); // form-encoded JSON fields are parsed
  });

  it('accepts a user id as a DM channel and JSON bodies', async () => {
    const res = await client.chat.postMessage({ channel: 'U0ASA', text: 'privat' });
    expect(res.channel).toBe('U0ASA');
    const dm = await client.conversations.open({ users: 'U0ASA' });
    const again = await client.conversations.open({ users: 'U0ASA' });
    expect(dm.channel?.id).toMatch(/^D/);
    expect(again.channel?.id).toBe(dm.channel?.id);
    expect(fake.channelMessages(dm.channel?.id as string).map((m) => m.text)).toEqual(['privat']);

    const raw = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: 'Bearer xoxb-fake' },
      body: JSON.stringify({ channel: '#general', blocks: [{ type: 'divider' }] }),
    });
    expect(await raw.json()).toMatchObject({ ok: true, channel: CH });
  });

  it('updates and deletes a message in place', async () => {
    const { ts } = await client.chat.postMessage({ channel: CH, text: 'före' });
    const upd = await client.chat.update({ channel: CH, ts: ts as string, text: 'efter' });
    expect(upd.text).toBe('efter');
    expect(fake.messages).toHaveLength(1);
    expect(fake.messages[0]).toMatchObject({ text: 'efter', edited: true, ts });
    expect((await platformError(client.chat.update({ channel: CH, ts: '1.000001', text: 'x' }))).error).toBe('message_not_found');
    await client.chat.delete({ channel: CH, ts: ts as string });
    expect(fake.messages).toHaveLength(0);
  });

  it('records ephemeral messages with their recipient', async () => {
    const res = await client.chat.postEphemeral({ channel: CH, user: 'U0ASA', text: 'bara du' });
    expect(fake.channelMessages(CH)).toHaveLength(0);
    expect(fake.channelMessages(CH, { includeEphemeral: true })).toMatchObject([{ ts: res.message_ts, ephemeral_to: 'U0ASA' }]);
    expect((await platformError(client.chat.postEphemeral({ channel: 'G0SECRET', user: 'U0OLLE', text: 'x' }))).error).toBe('user_not_in_channel');
  });

  it('rejects invalid messages with Slack error codes', async () => {
    const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    const data = await platformError(client.chat.postMessage({ channel: CH, text: 'x', blocks: tooMany }));
    expect(data.error).toBe('invalid_blocks');
    expect(data.response_metadata.messages.join()).toContain('no more than 50 items');
    expect((await platformError(client.chat.postMessage({ text: 'x' } as never))).error).toBe('channel_not_found');
    expect((await platformError(client.chat.postMessage({ channel: 'C0NOPE', text: 'x' }))).error).toBe('channel_not_found');
    expect((await platformError(client.chat.postMessage({ channel: CH } as never))).error).toBe('no_text');
    expect((await platformError(client.chat.postMessage({ channel: CH, text: 'x'.repeat(40001) }))).error).toBe('msg_too_long');
    const bad = [
      [{ type: 'fancy' }],
      [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }],
      [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }],
      [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => ({ type: 'button', action_id: `a${i}`, text: { type: 'plain_text', text: 'b' } })) }],
      [{ type: 'actions', elements: [1, 2].map(() => ({ type: 'button', action_id: 'same', text: { type: 'plain_text', text: 'b' } })) }],
    ];
    for (const blocks of bad) {
      expect((await platformError(client.chat.postMessage({ channel: CH, text: 'x', blocks: blocks as never }))).error).toBe('invalid_blocks');
    }
    expect(fake.messages).toHaveLength(0);
    expect(fake.calls.every((c) => !c.ok)).toBe(true);
  });

  it('opens a modal with a single-use trigger id, updates it by hash', async () => {
    const view = {
      type: 'modal' as const,
      callback_id: 'ny_aktivitet',
      title: { type: 'plain_text' as const, text: 'Ny aktivitet' },
      submit: { type: 'plain_text' as const, text: 'Spara' },
      blocks: [{ type: 'input', block_id: 'namn', label: { type: 'plain_text', text: 'Namn' }, element: { type: 'plain_text_input', action_id: 'v' } }],
    };
    const trigger = fake.triggerId('U0ASA');
    const opened = await client.views.open({ trigger_id: trigger, view: view as never });
    const id = opened.view?.id as string;
    expect(fake.views.get(id)).toMatchObject({ kind: 'modal', user: 'U0ASA', trigger_id: trigger, view: { callback_id: 'ny_aktivitet' } });
    expect((await platformError(client.views.open({ trigger_id: trigger, view: view as never }))).error).toBe('invalid_trigger_id');
    expect((await platformError(client.views.open({ trigger_id: 'made.up', view: view as never }))).error).toBe('invalid_trigger_id');

    const noSubmit = { ...view, submit: undefined };
    expect((await platformError(client.views.open({ trigger_id: fake.triggerId(), view: noSubmit as never }))).error).toBe('invalid_arguments');
    const longTitle = { ...view, title: { type: 'plain_text', text: 'x'.repeat(25) } };
    expect((await platformError(client.views.open({ trigger_id: fake.triggerId(), view: longTitle as never }))).error).toBe('invalid_arguments');
    const dup = { ...view, blocks: [view.blocks[0], view.blocks[0]] };
    expect((await platformError(client.views.open({ trigger_id: fake.triggerId(), view: dup as never }))).error).toBe('duplicate_block_id');

    expect((await platformError(client.views.update({ view_id: id, hash: 'stale', view: view as never }))).error).toBe('hash_conflict');
    const updated = await client.views.update({ view_id: id, hash: opened.view?.hash as string, view: { ...view, callback_id: 'steg2' } as never });
    expect(updated.view?.hash).not.toBe(opened.view?.hash);
    expect(fake.views.get(id)?.view.callback_id).toBe('steg2');
  });

  it('publishes an App Home view', async () => {
    const res = await client.views.publish({ user_id: 'U0ASA', view: { type: 'home', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'Välkommen' } }] } });
    expect(res.view?.id).toBeTruthy();
    expect(fake.views.get('home:U0ASA')).toMatchObject({ kind: 'home', user: 'U0ASA', view: { type: 'home' } });
    const modalAsHome = { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] };
    expect((await platformError(client.views.publish({ user_id: 'U0ASA', view: modalAsHome as never }))).error).toBe('invalid_arguments');
  });

  it('builds permalinks', async () => {
    const { ts } = await client.chat.postMessage({ channel: CH, text: 'länka mig' });
    const res = await client.chat.getPermalink({ channel: CH, message_ts: ts as string });
    expect(res.permalink).toBe(`${fake.baseUrl}/archives/${CH}/p${(ts as string).replace('.', '')}`);
  });

  it('accepts filesUploadV2 uploads from the real WebClient', async () => {
    const csv = 'namn;ort\nÅsa;Göteborg\n';
    const res: any = await client.filesUploadV2({ channel_id: CH, filename: 'medlemmar.csv', title: 'Medlemmar', content: csv, initial_comment: 'Här är listan' });
    expect(res.ok).toBe(true);
    expect(fake.files).toHaveLength(1);
    const file = fake.files[0];
    expect(file?.content.equals(Buffer.from(csv, 'utf8'))).toBe(true);
    expect(file).toMatchObject({ filename: 'medlemmar.csv', title: 'Medlemmar', channels: [CH], mimetype: 'text/csv', initial_comment: 'Här är listan' });
    expect(res.files[0].files[0]).toMatchObject({ id: file?.id, title: 'Medlemmar', name: 'medlemmar.csv' });
    expect(fake.channelMessages(CH)).toMatchObject([{ text: 'Här är listan', files: [file?.id] }]);
    const served = await fetch(`${fake.baseUrl}/files/${file?.id}`);
    expect(Buffer.from(await served.arrayBuffer()).toString('utf8')).toBe(csv);
    expect(fake.callsTo('files.getUploadURLExternal')[0]?.args).toMatchObject({ filename: 'medlemmar.csv', length: String(Buffer.byteLength(csv)) });
  });

  it('sends 429 with Retry-After; the WebClient retries and succeeds', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const res = await client.chat.postMessage({ channel: CH, text: 'efter paus' });
    expect(res.ok).toBe(true);
    expect(fake.channelMessages(CH).map((m) => m.text)).toEqual(['efter paus']);
    expect(fake.callsTo('chat.postMessage').map((c) => c.error ?? 'ok')).toEqual(['ratelimited', 'ok']);
  });

  it('surfaces injected errors, then recovers', async () => {
    fake.failNext('chat.postMessage', { error: 'internal_error' });
    expect((await platformError(client.chat.postMessage({ channel: CH, text: 'x' }))).error).toBe('internal_error');
    expect(fake.messages).toHaveLength(0);
    await client.chat.postMessage({ channel: CH, text: 'y' });
    expect(fake.messages.map((m) => m.text)).toEqual(['y']);
  });

  it('rejects a wrong token and unknown methods', async () => {
    const intruder = new WebClient('xoxb-wrong', { slackApiUrl: fake.apiUrl, logger: quiet });
    expect((await platformError(intruder.chat.postMessage({ channel: CH, text: 'x' }))).error).toBe('invalid_auth');
    expect((await platformError(client.apiCall('nope.nothing'))).error).toBe('unknown_method');
    expect(fake.messages).toHaveLength(0);
  });

  it('serves users and conversations', async () => {
    const user = await client.users.info({ user: 'U0ASA' });
    expect(user.user).toMatchObject({ id: 'U0ASA', real_name: 'Åsa Berg', tz: 'Europe/Stockholm', locale: 'sv-SE' });
    expect((await platformError(client.users.info({ user: 'U0NOBODY' }))).error).toBe('user_not_found');
    expect((await client.users.lookupByEmail({ email: 'ASA@example.se' })).user?.id).toBe('U0ASA');
    const members = await client.conversations.members({ channel: CH });
    expect(members.members).toEqual(['U0BOT', 'U0ASA', 'U0OLLE']);
    const list = await client.conversations.list({ types: 'public_channel,private_channel' });
    expect(list.channels?.map((c) => c.id)).toEqual([CH, 'G0SECRET']);
    expect((await client.conversations.info({ channel: 'G0SECRET' })).channel).toMatchObject({ name: 'styrelsen', is_private: true });
  });

  it('records response_url posts and applies in_channel / replace_original', async () => {
    const { ts } = await client.chat.postMessage({ channel: CH, text: 'original' });
    const url = fake.responseUrl('resp1', CH, { message_ts: ts as string, user: 'U0ASA' });
    const post = (body: unknown) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

    expect((await post({ response_type: 'in_channel', text: 'till alla' })).status).toBe(200);
    expect((await post({ text: 'bara till Åsa' })).status).toBe(200);
    expect((await post({ replace_original: true, text: 'ersatt' })).status).toBe(200);
    expect((await post({ blocks: [{ type: 'nonsense' }] })).status).toBe(400);

    expect(fake.responseUrlPosts.map((p) => p.id)).toEqual(['resp1', 'resp1', 'resp1', 'resp1']);
    expect(fake.responseUrlPosts[0]?.body).toEqual({ response_type: 'in_channel', text: 'till alla' });
    expect(fake.channelMessages(CH).map((m) => m.text)).toEqual(['ersatt', 'till alla']);
    expect(fake.channelMessages(CH, { includeEphemeral: true }).find((m) => m.ephemeral_to === 'U0ASA')?.text).toBe('bara till Åsa');

    expect((await post({ delete_original: true })).status).toBe(200);
    expect(fake.channelMessages(CH).map((m) => m.text)).toEqual(['till alla']);
  });

  it('emits call events and waits for conditions', async () => {
    const seen: RecordedCall[] = [];
    const listener = (c: RecordedCall) => seen.push(c);
    fake.on('call', listener);
    setTimeout(() => void client.chat.postMessage({ channel: CH, text: 'senare' }), 30);
    const msg = await fake.waitFor(() => fake.messages.find((m) => m.text === 'senare'));
    expect(msg.channel).toBe(CH);
    expect(seen.map((c) => c.method)).toContain('chat.postMessage');
    fake.off('call', listener);
    await expect(fake.waitFor(() => false, 50)).rejects.toThrow(/timed out after 50 ms/);
  });
});
