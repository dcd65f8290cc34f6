import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import type { Notice } from '../../src/domain/notice.ts';
import { enqueue } from '../../src/domain/outbox.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';

let tb: TestBot;
const clock = new ManualClock(new Date());
beforeAll(async () => {
  tb = await startTestBot({ clock, slackTimeoutMs: 4000, outboxConcurrency: 4 });
});
afterAll(async () => {
  await tb?.stop();
});

const SAM = 'C0SAMVERK';
const groupId = async () => (await tb.db.prisma.group.findFirstOrThrow({ where: { channelId: SAM } })).id;
const memberId = async (u: string) => (await tb.db.prisma.member.findFirstOrThrow({ where: { chatUserId: u } })).id;
const message = (user: string): Notice['data'] => ({ key: 'core.admin.deactivated', params: { user } });
const queue = (key: string, notice: Notice) => tb.db.prisma.$transaction((tx) => enqueue(tx, key, notice));
const row = (key: string) => tb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: key } });

describe('the outbox', () => {
  it('posts a notice to a group channel once, however often it is queued', async () => {
    const n: Notice = { to: { group: await groupId() }, template: 'core.message', data: message('U1') };
    expect(await queue('once', n)).toBe(true);
    expect(await queue('once', n)).toBe(false);
    await tb.flush();
    const posted = tb.fake.messages.filter((m) => m.channel === SAM && m.text === '<@U1> är inaktiverad. Historiken finns kvar.');
    expect(posted).toHaveLength(1);
    expect((await row('once')).status).toBe('sent');
  });

  it('writes to a member directly, in the member\'s language', async () => {
    await queue('dm', { to: { member: await memberId('U0LINNEA') }, template: 'core.message', data: message('U2') });
    await tb.flush();
    expect(tb.fake.messages.some((m) => m.channel === 'U0LINNEA' && m.text === '<@U2> is deactivated. Their history is kept.')).toBe(true);
  });

  it('updates a card in place and replies in its thread', async () => {
    const g = await groupId();
    await queue('card-1', { to: { group: g }, ref: 'card:x', template: 'core.message', data: message('U3') });
    await tb.flush();
    await queue('card-2', { to: { group: g }, ref: 'card:x', template: 'core.message', data: message('U4') });
    await queue('card-reply', { to: { group: g, threadRef: 'card:x' }, template: 'core.message', data: message('U5') });
    await tb.flush();
    const card = await tb.db.prisma.chatMessage.findUniqueOrThrow({ where: { ref: 'card:x' } });
    const msg = tb.fake.messages.find((m) => m.ts === card.messageId)!;
    expect(msg.text).toContain('<@U4>');
    expect(msg.edited).toBe(true);
    expect(tb.fake.messages.filter((m) => m.text?.includes('<@U3>'))).toHaveLength(0);
    expect(tb.fake.channelMessages(SAM, { thread_ts: card.messageId }).map((m) => m.text)).toEqual(['<@U5> är inaktiverad. Historiken finns kvar.']);
  });

  it('keeps a card\'s post, its updates and its thread replies in order when the first post fails', async () => {
    const g = await groupId();
    tb.fake.failNext('chat.postMessage', { error: 'internal_error' });
    await queue('order-1', { to: { group: g }, ref: 'card:order', template: 'core.message', data: message('U10') });
    await queue('order-2', { to: { group: g }, ref: 'card:order', template: 'core.message', data: message('U11') });
    await queue('order-3', { to: { group: g, threadRef: 'card:order' }, template: 'core.message', data: message('U12') });
    await tb.flush();
    expect((await row('order-1')).status).toBe('pending');
    expect((await row('order-2')).attempts).toBe(0);
    expect((await row('order-3')).attempts).toBe(0);
    clock.advance(5_000);
    await tb.flush();
    const card = await tb.db.prisma.chatMessage.findUniqueOrThrow({ where: { ref: 'card:order' } });
    const posted = tb.fake.messages.filter((m) => /<@U1[01]>/.test(m.text ?? ''));
    expect(posted).toHaveLength(1);
    expect(posted[0]!.ts).toBe(card.messageId);
    expect(posted[0]!.text).toContain('<@U11>');
    expect(tb.fake.channelMessages(SAM, { thread_ts: card.messageId }).map((m) => m.text)).toEqual(['<@U12> är inaktiverad. Historiken finns kvar.']);
  });

  it('waits as long as Slack asks after a 429 and then delivers once', async () => {
    tb.fake.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    await queue('limited', { to: { group: await groupId() }, template: 'core.message', data: message('U6') });
    await tb.flush();
    let r = await row('limited');
    expect(r.status).toBe('pending');
    expect(r.nextAttemptAt.getTime() - clock.now().getTime()).toBeGreaterThanOrEqual(29_000);
    clock.advance(31_000);
    await tb.flush();
    r = await row('limited');
    expect(r.status).toBe('sent');
    expect(tb.fake.messages.filter((m) => m.text?.includes('<@U6>'))).toHaveLength(1);
  });

  it('retries a transient failure and keeps a permanent one as undeliverable, with its reason', async () => {
    tb.fake.failNext('chat.postMessage', { error: 'internal_error' });
    await queue('transient', { to: { group: await groupId() }, template: 'core.message', data: message('U7') });
    await tb.flush();
    await queue('permanent', { to: { conversation: { platform: 'slack', id: 'C0GONE' } }, template: 'core.message', data: message('U8') });
    await tb.flush();
    expect((await row('transient')).status).toBe('pending');
    const p = await row('permanent');
    expect(p.status).toBe('undeliverable');
    expect(p.lastError).toBe('channel_not_found');
    clock.advance(5_000);
    await tb.flush();
    expect((await row('transient')).status).toBe('sent');
    expect(tb.fake.messages.filter((m) => m.text?.includes('<@U7>'))).toHaveLength(1);
    expect((await row('permanent')).attempts).toBe(1);
  });

  it('posts a card once when the bot never heard Slack\'s answer to the post (crash or lost connection) and retries', async () => {
    tb.fake.failNext('chat.postMessage', { lost: true });
    await queue('lost-card', { to: { group: await groupId() }, ref: 'card:lost', template: 'core.message', data: message('U20') });
    await tb.flush();
    expect(tb.fake.messages.filter((m) => m.text?.includes('<@U20>'))).toHaveLength(1);
    expect((await row('lost-card')).status).toBe('uncertain');
    clock.advance(5_000);
    await tb.flush();
    const posted = tb.fake.messages.filter((m) => m.text?.includes('<@U20>'));
    expect(posted).toHaveLength(1);
    expect((await row('lost-card')).status).toBe('sent');
    const card = await tb.db.prisma.chatMessage.findUniqueOrThrow({ where: { ref: 'card:lost' } });
    expect(card.messageId).toBe(posted[0]!.ts);
  });

  it('reports a post whose calls keep timing out for a day as undeliverable, and looks before each further try', async () => {
    let slackActs!: () => void;
    const late = new Promise<void>((r) => (slackActs = r));
    // Slack is slow: every post times out on our side, and is carried out only later.
    tb.fake.failNext('chat.postMessage', { until: late, times: 2 });
    await queue('slow-day', { to: { group: await groupId() }, ref: 'card:slow-day', template: 'core.message', data: message('U25') });
    await tb.flush();
    expect((await row('slow-day')).status).toBe('uncertain');
    clock.advance(25 * 60 * 60_000);
    await tb.flush();
    // A day of unknown outcomes: shown as undeliverable (to the admins in /samverkan status), not retried in silence.
    expect(await row('slow-day')).toMatchObject({ status: 'undeliverable' });
    slackActs(); // both held posts are carried out now: Slack did post them, late
    await tb.fake.waitFor(() => tb.fake.messages.filter((m) => m.text?.includes('<@U25>')).length === 2);
    clock.advance(31 * 60_000);
    await tb.flush();
    // The next try looks first, finds a copy and posts nothing more.
    expect((await row('slow-day')).status).toBe('sent');
    expect(tb.fake.messages.filter((m) => m.text?.includes('<@U25>'))).toHaveLength(2);
  });

  it('checks a direct message the same way before posting it again', async () => {
    tb.fake.failNext('chat.postMessage', { lost: true });
    await queue('lost-dm', { to: { member: await memberId('U0LINNEA') }, template: 'core.message', data: message('U21') });
    await tb.flush();
    clock.advance(5_000);
    await tb.flush();
    expect(tb.fake.messages.filter((m) => m.text?.includes('<@U21>'))).toHaveLength(1);
    expect((await row('lost-dm')).status).toBe('sent');
  });

  it('lets a hung post hold back only its own channel, keeps the channel in order, and after the timeout finds it posted instead of doubling it', async () => {
    tb.fake.failNext('chat.postMessage', { hang: true });
    await queue('crash-card', { to: { group: await groupId() }, ref: 'card:crash', template: 'core.message', data: message('U22') });
    const hungDrain = tb.bot.outbox.drain();
    await tb.fake.waitFor(() => tb.fake.messages.some((m) => m.text?.includes('<@U22>'))); // carried out, never answered
    await queue('next-card', { to: { group: await groupId() }, ref: 'card:next', template: 'core.message', data: message('U24') });
    await queue('other-dm', { to: { member: await memberId('U0LINNEA') }, template: 'core.message', data: message('U23') });
    const laterDrain = tb.bot.outbox.drain();
    // The hung post holds back nobody else: the direct message goes out meanwhile…
    await tb.fake.waitFor(() => tb.fake.messages.some((m) => m.text?.includes('<@U23>')));
    // …while the hung call is still unanswered, and the channel's next post waits its turn.
    expect((await row('crash-card')).status).toBe('sending');
    expect(tb.fake.messages.some((m) => m.text?.includes('<@U24>'))).toBe(false);
    expect(tb.fake.messages.filter((m) => m.text?.includes('<@U22>'))).toHaveLength(1);
    await Promise.all([hungDrain, laterDrain, tb.bot.outbox.idle()]); // the client's timeout ends the hung call: outcome unknown; then the next post goes
    expect((await row('crash-card')).status).toBe('uncertain');
    expect((await row('next-card')).status).toBe('sent');
    clock.advance(5_000);
    await tb.flush();
    expect(tb.fake.messages.filter((m) => m.text?.includes('<@U22>'))).toHaveLength(1);
    expect((await row('crash-card')).status).toBe('sent');
    const inChannel = tb.fake.channelMessages(SAM).map((m) => m.text ?? '');
    expect(inChannel.findIndex((t) => t.includes('<@U22>'))).toBeLessThan(inChannel.findIndex((t) => t.includes('<@U24>')));
  });

  it('posts a burst to one channel in the order queued, and other channels side by side', async () => {
    const g = await groupId();
    const sty = (await tb.db.prisma.group.findFirstOrThrow({ where: { channelId: 'C0STYRGRP' } })).id;
    for (let i = 0; i < 12; i++) {
      await queue(`burst-${i}`, { to: { group: i % 3 === 0 ? sty : g }, ref: `card:burst-${i}`, template: 'core.message', data: message(`UB${i}`) });
    }
    await tb.flush();
    const order = (channel: string) => tb.fake.channelMessages(channel).map((m) => /<@UB(\d+)>/.exec(m.text ?? '')?.[1]).filter((x): x is string => !!x).map(Number);
    expect(order(SAM)).toEqual([1, 2, 4, 5, 7, 8, 10, 11]);
    expect(order('C0STYRGRP')).toEqual([0, 3, 6, 9]);
  });
});
