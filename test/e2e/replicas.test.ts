import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { CLAIM_FOR_MS, enqueue } from '../../src/domain/outbox.ts';
import { SLACK_CALL_TIMEOUT_MS } from '../../src/slack/app.ts';
import { loadPartnershipFile } from '../../src/domain/partnership/file-loader.ts';
import { STOCKHOLM, startTestBot, type TestBot } from '../helpers/bot.ts';
import { openTestDatabases } from '../helpers/db.ts';

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of closers.reverse()) await c();
});

describe('two replicas on one database', () => {
  it('start at the same moment on a new database: both start, the partnership is there once', async () => {
    const [a, b] = await openTestDatabases(2, { migrate: false });
    closers.push(() => a!.close());
    const bots = await Promise.allSettled([startTestBot({ db: a }), startTestBot({ db: b })]);
    for (const r of bots) if (r.status === 'fulfilled') closers.push(() => r.value.stop());
    expect(bots.map((r) => (r.status === 'rejected' ? String(r.reason) : 'started'))).toEqual(['started', 'started']);
    const file = loadPartnershipFile(STOCKHOLM);
    const db: Database = a!;
    expect(await db.prisma.partnership.count()).toBe(1);
    expect(await db.prisma.member.count()).toBe(file.members.length);
    expect(await db.prisma.party.count()).toBe(file.parties.length);
    expect(await db.prisma.group.count()).toBe(file.groups.length);
    // One start created it, the other found nothing to change: one audit trail, not two.
    expect(await db.prisma.auditLog.count({ where: { entityType: 'Partnership', action: 'create' } })).toBe(1);
    // Both answer.
    for (const r of bots as PromiseFulfilledResult<TestBot>[]) {
      const res = await r.value.driver.command('U0ANNA', 'C0SAMVERK', '/samverkan status');
      expect(res.status).toBe(200);
    }
  });
});

describe('two replicas sharing the outbox', () => {
  it('a slow post is sent by one replica only, even when it takes longer than a Slack call may', async () => {
    const [a, b] = await openTestDatabases(2);
    closers.push(() => a!.close());
    const clock = new ManualClock(new Date());
    // Real time is not what this test is about: the calls may take as long as they need here.
    const one = await startTestBot({ db: a, clock, slackTimeoutMs: 60_000 });
    closers.push(() => one.stop());
    const two = await startTestBot({ db: b, clock, fake: one.fake, slackTimeoutMs: 60_000 });
    closers.push(() => two.stop());
    const fake = one.fake;
    // The longest one delivery may take: looking for an earlier post (two calls), then posting.
    expect(CLAIM_FOR_MS).toBeGreaterThan(3 * SLACK_CALL_TIMEOUT_MS);

    let release!: () => void;
    fake.failNext('chat.postMessage', { until: new Promise<void>((r) => (release = r)) });
    const group = await a!.prisma.group.findFirstOrThrow({ where: { channelId: 'C0SAMVERK' } });
    await a!.prisma.$transaction((tx) => enqueue(tx, 'slow-card', { to: { group: group.id }, ref: 'card:slow', template: 'core.message', data: { key: 'core.admin.deactivated', params: { user: 'U77' } } }));
    one.bot.outbox.kick();
    two.bot.outbox.kick();
    await fake.waitFor(() => fake.held === 1);
    // Longer than every call of the delivery may take, and both replicas look again.
    clock.advance(3 * SLACK_CALL_TIMEOUT_MS + 1000);
    await Promise.all([one.bot.outbox.drain(), two.bot.outbox.drain()]);
    expect(fake.held).toBe(1);
    expect(fake.callsTo('conversations.history')).toHaveLength(0);
    release();
    await fake.waitFor(() => fake.messages.some((m) => m.text?.includes('<@U77>')));
    await one.flush();
    await two.flush();
    clock.advance(CLAIM_FOR_MS + 1000);
    await one.flush();
    await two.flush();
    expect(fake.messages.filter((m) => m.text?.includes('<@U77>'))).toHaveLength(1);
    expect(fake.callsTo('chat.postMessage').filter((c) => String(c.args.text).includes('<@U77>'))).toHaveLength(1);
    expect((await a!.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'slow-card' } })).status).toBe('sent');
  });
});
