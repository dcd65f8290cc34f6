import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { recordDecision } from '../../src/domain/decisions/index.ts';
import { requireActor } from '../../src/domain/partnership/directory.ts';
import { jobs } from '../../src/scheduler/jobs.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';

// A full scheduler round once hung after a test clock jumped about 11 months: a job queried outside
// its open transaction, which on PGlite's single connection waits out the 20 s transaction timeout
// and fails. These tests jump a year on the Stockholm example and run every registered job through
// the bot's own scheduler; a job failure is logged and fails them. (Speed is measured by
// `npm run bench`, not asserted here.)
const SAM = 'C0SAMVERK';
const LINNEA = 'U0LINNEA';
const JONAS = 'U0JONAS';

describe('a full scheduler round after the clock jumps a year', () => {
  let tb: TestBot;
  const clock = new ManualClock('2026-03-01T10:00:00Z');
  const failures: string[] = [];
  beforeAll(async () => {
    tb = await startTestBot({ clock });
    const log = tb.bot.logger.error.bind(tb.bot.logger);
    tb.bot.logger.error = (...msg: unknown[]) => {
      failures.push(msg.map(String).join(' '));
      log(...msg);
    };
    // Some history for every job to look at: a skip, a swap proposal, decisions with follow-up dates.
    await tb.driver.command(LINNEA, SAM, '/rotation hoppa 2026-04-07');
    await tb.driver.command(JONAS, SAM, '/rotation byt boj-sodra');
    const erik = await requireActor(tb.bot.ctx, 'U0ERIK');
    const sam = await tb.db.prisma.group.findFirstOrThrow({ where: { channelId: SAM } });
    for (let i = 0; i < 5; i++) {
      await recordDecision(tb.bot.ctx, erik.member, erik.actor, { groupId: sam.id, title: `Uppföljning ${i}`, body: 'Följs upp.', followUpOn: `2026-0${4 + i}-15`, responsibleMemberId: erik.member.id });
    }
    await tb.bot.scheduler.tick();
    await tb.flush();
  });
  afterAll(async () => {
    await tb?.stop();
  });

  it('runs every registered job without a failure', async () => {
    expect(jobs.map((j) => j.name)).toContain('rotation-reminders');
    clock.set('2027-03-01T10:00:00Z');
    expect(await tb.bot.scheduler.tick()).toBe(true);
    expect(failures).toEqual([]);
    await tb.flush();
    // The work was done: each overdue follow-up once, and the rotation's late reminders recorded.
    expect(tb.fake.channelMessages(SAM).filter((m) => m.text?.includes('Dags att följa upp'))).toHaveLength(5);
    // Styrgruppen met on 11 February 2027, while the clock was away: its reminders are recorded as no
    // longer relevant, and the handover to the chair of the term starting 8 April goes out late.
    const late = await tb.db.prisma.rotationReminder.findMany({ where: { slotAt: { gte: new Date('2027-01-30T00:00:00Z') } }, orderBy: [{ slotAt: 'asc' }, { kind: 'asc' }] });
    expect(late.map((r) => [r.slotAt.toISOString(), r.kind, r.status])).toEqual([
      ['2027-02-11T08:00:00.000Z', 'before1', 'skipped'],
      ['2027-02-11T08:00:00.000Z', 'before7', 'skipped'],
      ['2027-02-11T08:00:00.000Z', 'minutes', 'skipped'],
      ['2027-04-08T07:00:00.000Z', 'handover', 'sent'],
    ]);
  });

  it('does the same again a minute later without sending anything twice', async () => {
    const before = tb.fake.messages.length;
    clock.set('2027-03-01T10:01:00Z');
    expect(await tb.bot.scheduler.tick()).toBe(true);
    await tb.flush();
    expect(tb.fake.messages.length).toBe(before);
    expect(failures).toEqual([]);
  });
});
