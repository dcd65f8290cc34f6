import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { migrate, readMigrations } from '../../src/db/migrate.ts';
import { planDelivery } from '../../src/domain/delivery.ts';
import type { DomainContext } from '../../src/domain/context.ts';
import type { Notice } from '../../src/domain/notice.ts';
import { openTestDatabase } from '../helpers/db.ts';

const NAME = '20261204000000_platform_message_refs';

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase({ migrate: false });
  const all = readMigrations();
  const at = all.findIndex((m) => m.name === NAME);
  expect(at).toBeGreaterThan(0);
  await migrate(db.sql, all.slice(0, at));
  // What a bot before the migration left behind: a posted card, an escalation raised from a
  // thread, and notices to a channel by Slack id, one in a thread, still waiting to be sent.
  await db.sql.query(`INSERT INTO "ChatMessage" ("ref", "channelId", "ts") VALUES ('decision:d1', 'C0SAM', '1700000000.000100')`);
  await db.sql.query(
    `INSERT INTO "Escalation" ("id", "partnershipId", "number", "fromGroupId", "toGroupId", "raisedById", "raisedByPartyId", "question", "positions", "originChannelId", "originThreadTs")
     VALUES ('e1', 'p', 1, 'g1', 'g2', 'm', 'pa', 'Vem?', 'Olika', 'C0SAM', '1700000000.000200'),
            ('e2', 'p', 2, 'g1', 'g2', 'm', 'pa', 'Var?', 'Olika', NULL, NULL)`,
  );
  const notices: [string, object][] = [
    ['thread', { to: { channel: 'C0SAM', threadTs: '1700000000.000200' }, template: 'escalation.answered', data: { id: 'e1' } }],
    ['plain', { to: { channel: 'U0MARIA' }, template: 'core.message', data: {} }],
    ['group', { to: { group: 'g1', threadRef: 'decision:d1' }, template: 'decision.adopted', data: {} }],
  ];
  for (const [key, notice] of notices) {
    await db.sql.query(`INSERT INTO "OutboxMessage" ("dedupeKey", "notice") VALUES ($1, $2::jsonb)`, [key, JSON.stringify(notice)]);
  }
  expect(await migrate(db.sql)).toEqual(all.slice(at).map((m) => m.name));
});
afterAll(async () => {
  await db?.close();
});

const noticeOf = async (key: string): Promise<Notice> =>
  (await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: key } })).notice as unknown as Notice;

describe('the platform message reference migration', () => {
  it('keeps every posted card as a Slack message reference', async () => {
    const row = await db.prisma.chatMessage.findUniqueOrThrow({ where: { ref: 'decision:d1' } });
    expect(row).toMatchObject({ platform: 'slack', conversationId: 'C0SAM', messageId: '1700000000.000100' });
  });

  it('keeps the thread an escalation was raised from, and none where there was none', async () => {
    const rows = await db.prisma.escalation.findMany({ orderBy: { number: 'asc' } });
    expect(rows.map((e) => [e.originPlatform, e.originConversationId, e.originMessageId])).toEqual([
      ['slack', 'C0SAM', '1700000000.000200'],
      [null, null, null],
    ]);
  });

  it('readdresses waiting notices so they are still delivered where they were going', async () => {
    expect((await noticeOf('thread')).to).toEqual({
      conversation: { platform: 'slack', id: 'C0SAM' },
      thread: { platform: 'slack', conversation: 'C0SAM', message: '1700000000.000200' },
    });
    expect((await noticeOf('plain')).to).toEqual({ conversation: { platform: 'slack', id: 'U0MARIA' } });
    expect((await noticeOf('group')).to).toEqual({ group: 'g1', threadRef: 'decision:d1' });

    const ctx = { prisma: db.prisma, locale: 'sv' } as unknown as DomainContext;
    expect(await planDelivery(ctx, await noticeOf('thread'))).toEqual({
      kind: 'post', conversation: { platform: 'slack', id: 'C0SAM' },
      thread: { platform: 'slack', conversation: 'C0SAM', message: '1700000000.000200' }, locale: 'sv',
    });
    expect(await planDelivery(ctx, await noticeOf('group'))).toEqual({
      kind: 'post', conversation: { platform: 'slack', id: 'C0SAM' },
      thread: { platform: 'slack', conversation: 'C0SAM', message: '1700000000.000100' }, locale: 'sv',
    });
  });
});
