import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import type { Notice } from '../../src/domain/notice.ts';
import { enqueue, SENT_KEPT_DAYS } from '../../src/domain/outbox.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';

const DAY = 24 * 60 * 60_000;
const SAM = 'C0SAMVERK';
const clock = new ManualClock('2026-03-02T09:00:00Z');
let tb: TestBot;
beforeAll(async () => {
  tb = await startTestBot({ clock });
});
afterAll(async () => {
  await tb?.stop();
});

const groupId = async () => (await tb.db.prisma.group.findFirstOrThrow({ where: { channelId: SAM } })).id;
const notice = async (user: string): Promise<Notice> => ({ to: { group: await groupId() }, template: 'core.message', data: { key: 'core.admin.deactivated', params: { user } } });
const queue = async (key: string, user: string) => {
  const n = await notice(user);
  return tb.db.prisma.$transaction((tx) => enqueue(tx, key, n));
};
const postedFor = (user: string) => tb.fake.messages.filter((m) => m.channel === SAM && m.text?.includes(`<@${user}>`)).length;
const rowOf = (key: string) => tb.db.prisma.outboxMessage.findUnique({ where: { dedupeKey: key } });
/** A scheduler round at `at` (every job, the pruning among them). */
async function tickAt(at: number) {
  clock.set(new Date(at));
  await tb.bot.scheduler.tick();
  await tb.flush();
}

describe('sent outbox messages are pruned, and queueing stays idempotent', () => {
  const start = clock.now().getTime();

  it(`keeps a sent message for ${SENT_KEPT_DAYS} days, then prunes it; queueing its key again posts nothing`, async () => {
    expect(await queue('prune:old', 'U1')).toBe(true);
    await tb.flush();
    expect((await rowOf('prune:old'))?.status).toBe('sent');
    expect(postedFor('U1')).toBe(1);

    await tickAt(start + (SENT_KEPT_DAYS - 1) * DAY);
    expect(await rowOf('prune:old')).not.toBeNull();

    await tickAt(start + (SENT_KEPT_DAYS + 1) * DAY);
    expect(await rowOf('prune:old')).toBeNull();
    expect(await tb.db.prisma.outboxKey.findUnique({ where: { dedupeKey: 'prune:old' } })).not.toBeNull();

    // The same reminder computed again after the pruning (a restart, a second process) is a duplicate.
    expect(await queue('prune:old', 'U1')).toBe(false);
    await tb.flush();
    expect(await rowOf('prune:old')).toBeNull();
    expect(postedFor('U1')).toBe(1);
  });

  it('never prunes a message that is not sent, however old', async () => {
    clock.set(new Date(start + 40 * DAY));
    tb.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await queue('prune:undeliverable', 'U2');
    await tb.flush();
    expect((await rowOf('prune:undeliverable'))?.status).toBe('undeliverable');

    await tickAt(start + 100 * DAY);
    // Retried on the scheduler's round; the fake answers this time, so it goes out now and is kept.
    expect((await rowOf('prune:undeliverable'))?.status).toBe('sent');
    expect(postedFor('U2')).toBe(1);
  });

  it('queues a new key after pruning as usual', async () => {
    expect(await queue('prune:new', 'U3')).toBe(true);
    await tb.flush();
    expect(postedFor('U3')).toBe(1);
  });
});
