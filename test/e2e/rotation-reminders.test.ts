import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { runRotationReminders } from '../../src/domain/rotation/reminders.ts';
import { Scheduler } from '../../src/scheduler/scheduler.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';
import { openTestDatabase, testDatabaseKind } from '../helpers/db.ts';

// Samverkansgruppen (Stockholm) meets Tuesday 7 April 2026 13:00 (11:00Z, summer time): BOJ Västerort
// documents (Linnea, English). Styrgruppen: Socialförvaltningen chairs until 2 July, BOJ Stockholm-Gotland from 27 August.
const LINNEA = 'U0LINNEA';
const ANNA = 'U0ANNA';
const MARIA = 'U0MARIA';
const SAM = 'C0SAMVERK';
const STY = 'C0STYRGRP';
const rotationJob = [{ name: 'rotation-reminders', run: runRotationReminders }];

async function tick(tb: TestBot, at: string) {
  (tb.clock as ManualClock).set(at);
  await tb.bot.scheduler.tick();
  await tb.flush();
}
// Other features' jobs run in the same tick; these tests look at the rotation's messages only. Their
// reminders start with "Påminnelse: "/"Reminder: " too (statistics deadlines, escalations, action
// plans), so a rotation message is recognised by its own wording, never by that prefix alone.
const ROTATION = /^(Påminnelse: \S+ har möte |Reminder: \S+ meets |Inget protokoll är registrerat för mötet |No minutes are registered for the meeting |Ordförandeskapet i \S+ går över |The chair of \S+ passes )/;
/** What the rotation queued, by its dedupe keys: independent of other features and of delivery timing. */
const rotationQueued = (tb: TestBot) => tb.db.prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: 'rotation:' } } });
const texts = (tb: TestBot, channel: string) => tb.fake.channelMessages(channel).map((m) => m.text ?? '').filter((t) => ROTATION.test(t));
const rotationMessages = (tb: TestBot) => tb.fake.messages.filter((m) => ROTATION.test(m.text ?? ''));

describe('meeting reminders on time', () => {
  let tb: TestBot;
  beforeAll(async () => {
    tb = await startTestBot({ clock: new ManualClock('2026-03-31T10:00:00Z') });
  });
  afterAll(async () => {
    await tb?.stop();
  });

  it('7 days before, tells the channel and the documenting party\'s members, once', async () => {
    await tick(tb, '2026-03-31T10:59:00Z');
    expect(texts(tb, SAM)).toEqual([]);
    await tick(tb, '2026-03-31T11:00:00Z');
    expect(texts(tb, SAM)).toEqual(['Påminnelse: Samverkansgruppen har möte om en vecka, tisdag 7 april 2026 kl. 13:00. *BOJ Västerort* dokumenterar mötet.']);
    expect(texts(tb, LINNEA)).toEqual(['Reminder: Samverkansgruppen meets in one week, Tuesday, 7 April 2026 at 13:00. *BOJ Västerort* documents the meeting.']);
    await tick(tb, '2026-03-31T11:01:00Z');
    await tick(tb, '2026-03-31T15:00:00Z');
    expect(rotationMessages(tb)).toHaveLength(2);
  });

  it('1 day before, again to both', async () => {
    await tick(tb, '2026-04-06T11:00:00Z');
    expect(texts(tb, SAM).at(-1)).toBe('Påminnelse: Samverkansgruppen har möte i morgon, tisdag 7 april 2026 kl. 13:00. *BOJ Västerort* dokumenterar mötet.');
    expect(texts(tb, LINNEA)).toHaveLength(2);
    expect(rotationMessages(tb)).toHaveLength(4);
  });

  it('2 working days after the meeting without minutes, reminds the documenting party', async () => {
    await tick(tb, '2026-04-09T10:59:00Z');
    expect(rotationMessages(tb)).toHaveLength(4);
    await tick(tb, '2026-04-09T11:00:00Z');
    expect(texts(tb, LINNEA).at(-1)).toBe('No minutes are registered for the meeting of Samverkansgruppen on Tuesday, 7 April 2026 at 13:00. *BOJ Västerort* had the documentation duty: click *Minutes registered* once the minutes exist, or type `/rotation minutes <link>` in the group\'s channel.');
    expect(texts(tb, SAM)).toHaveLength(2); // not to the channel
  });

  it('registers the minutes from the reminder\'s button, a link optional, and the card then says so', async () => {
    const card = tb.fake.channelMessages(LINNEA).at(-1)!;
    // Maria (BOJ Stockholm-Gotland, steering group only) is neither in the group nor in the documenting party.
    const refused = await (await tb.driver.click(MARIA, { channel: card.channel, ts: card.ts }, 'rotation_minutes_register')).reply();
    expect(refused.text).toBe('Bara ledamöter i Samverkansgruppen eller i BOJ Västerort kan registrera protokollet för det här mötet.');

    const open = async () => {
      const before = new Set(tb.fake.views.keys());
      await tb.driver.click(LINNEA, { channel: card.channel, ts: card.ts }, 'rotation_minutes_register');
      return tb.fake.waitFor(() => [...tb.fake.views.values()].find((v) => !before.has(v.id) && v.user === LINNEA && v.view.callback_id === 'rotation_minutes_form'));
    };
    const form = await open();
    const twice = await open(); // a double click opens a second form
    expect(JSON.stringify(form.view.blocks)).toContain('The minutes of the meeting of *Samverkansgruppen* on Tuesday, 7 April 2026 at 13:00.');
    const bad = await tb.driver.submitView(LINNEA, form.id, { link: 'protokollet' });
    expect(bad.body).toEqual({ response_action: 'errors', errors: { link: '`protokollet` is not a link. Type the whole address, for example https://…, or leave the field empty.' } });
    const ok = await tb.driver.submitView(LINNEA, form.id, { link: '' });
    // A receipt in place of the form, with one button to close it.
    expect(ok.body?.response_action).toBe('update');
    expect(JSON.stringify(ok.body.view.blocks)).toContain('The minutes of the meeting on Tuesday, 7 April 2026 at 13:00 in Samverkansgruppen are registered.');
    expect(ok.body.view.title.text).toBe('Minutes registered');
    expect(ok.body.view.close.text).toBe('Close');
    expect(ok.body.view.submit).toBeUndefined();
    const sam = await tb.db.prisma.group.findFirstOrThrow({ where: { key: 'samverkansgrupp' } });
    const row = await tb.db.prisma.rotationMinutes.findUniqueOrThrow({ where: { groupId_meetingAt: { groupId: sam.id, meetingAt: new Date('2026-04-07T11:00:00Z') } } });
    expect(row.link).toBeNull();
    expect(await tb.db.prisma.auditLog.count({ where: { entityType: 'RotationMinutes', action: 'register-minutes' } })).toBe(1);
    await tb.flush();
    const updated = tb.fake.messages.find((m) => m.channel === card.channel && m.ts === card.ts)!;
    expect(updated.text).toBe('The minutes of the meeting of Samverkansgruppen on Tuesday, 7 April 2026 at 13:00 were registered by Linnea Ström (BOJ Västerort).');
    expect(updated.blocks!.some((b) => b.type === 'actions')).toBe(false);

    const again = await tb.driver.submitView(LINNEA, twice.id, { link: '' });
    expect(again.body.errors.link).toContain('The minutes of the meeting on Tuesday, 7 April 2026 at 13:00 in Samverkansgruppen are already registered. To add or change the link, type `/rotation minutes <link> 2026-04-07`');
    expect(await tb.db.prisma.auditLog.count({ where: { entityType: 'RotationMinutes' } })).toBe(1);
  });

  it('sends no minutes reminder when the minutes were registered in time', async () => {
    // Styrgruppen met Thursday 7 May 09:00; the chair registers the minutes the same day.
    (tb.clock as ManualClock).set('2026-05-07T10:00:00Z');
    const r = await (await tb.driver.command(ANNA, STY, '/rotation protokoll https://docs.example.org/styrgrupp-2026-05-07')).reply();
    expect(r.text).toContain('Protokollet från mötet torsdag 7 maj 2026 kl. 09:00 i Styrgruppen är registrerat');
    await tick(tb, '2026-05-12T08:00:00Z');
    expect(texts(tb, ANNA).filter((t) => t.includes('Inget protokoll'))).toEqual([]);
    const sty = await tb.db.prisma.group.findFirstOrThrow({ where: { key: 'styrgrupp' } });
    expect(await tb.db.prisma.rotationReminder.count({ where: { groupId: sty.id, kind: 'minutes', slotAt: new Date('2026-05-07T07:00:00Z') } })).toBe(0);
  });

  it('hands over the chair after the last meeting of a term', async () => {
    await tick(tb, '2026-07-02T09:00:00Z'); // the meeting 09:00–11:00 local has ended
    const handover = 'Ordförandeskapet i Styrgruppen går över från Socialförvaltningen till *BOJ Stockholm-Gotland*, som leder mötet torsdag 27 augusti 2026 kl. 09:00. Från och med nu är det <@U0MARIA> som agerar som ordförande: tar upp och återremitterar eskaleringar, drar tillbaka förslag, kallar till extramöte och begär åtgärdsplaner. Tack Socialförvaltningen, och välkommen BOJ Stockholm-Gotland!';
    expect(texts(tb, STY)).toContain(handover);
    expect(texts(tb, MARIA)).toContain(handover);
    expect(texts(tb, ANNA)).toContain(handover);
    const before = rotationMessages(tb).length;
    const queued = await rotationQueued(tb);
    await tick(tb, '2026-07-02T10:30:00Z');
    expect(tb.fake.messages.filter((m) => m.text === handover)).toHaveLength(3);
    expect(await rotationQueued(tb)).toBe(queued);
    expect(rotationMessages(tb).slice(before).map((m) => `${m.channel}: ${m.text}`)).toEqual([]);
  });
});

describe('an extra meeting called at short notice', () => {
  let tb: TestBot;
  beforeAll(async () => {
    tb = await startTestBot({ clock: new ManualClock('2026-04-20T07:00:00Z') }); // Monday 09:00
  });
  afterAll(async () => {
    await tb?.stop();
  });
  const about = (date: string) => rotationMessages(tb).filter((m) => m.text!.includes(date)).map((m) => `${m.channel}: ${m.text}`);

  it('called for tomorrow, gets only its 1-day reminder: the overtaken 7-day one is skipped, not sent minutes before', async () => {
    const called = await (await tb.driver.command(ANNA, STY, '/rotation extramöte 2026-04-21 10:00')).reply();
    expect(called.text).toContain('har kallat till extramöte i Styrgruppen tisdag 21 april 2026 kl. 10:00');
    await tick(tb, '2026-04-20T07:01:00Z'); // 25 hours ahead: the 7-day moment has long passed
    expect(about('21 april 2026')).toEqual([]);
    await tick(tb, '2026-04-20T08:00:00Z'); // one day ahead
    const once = [
      `${STY}: Påminnelse: Styrgruppen har möte i morgon, tisdag 21 april 2026 kl. 10:00. *Socialförvaltningen* är ordförande.`,
      `${ANNA}: Påminnelse: Styrgruppen har möte i morgon, tisdag 21 april 2026 kl. 10:00. *Socialförvaltningen* är ordförande.`,
    ];
    expect(about('21 april 2026')).toEqual(once);
    await tick(tb, '2026-04-20T08:05:00Z');
    await tick(tb, '2026-04-21T07:00:00Z');
    expect(about('21 april 2026')).toEqual(once);
    const sty = await tb.db.prisma.group.findFirstOrThrow({ where: { key: 'styrgrupp' } });
    const rows = await tb.db.prisma.rotationReminder.findMany({ where: { groupId: sty.id, slotAt: new Date('2026-04-21T08:00:00Z') }, orderBy: { kind: 'asc' } });
    expect(rows.map((r) => `${r.kind} ${r.status}`)).toEqual(['before1 sent', 'before7 skipped']);
  });

  it('called for later today, says today', async () => {
    (tb.clock as ManualClock).set('2026-04-22T06:00:00Z');
    expect((await (await tb.driver.command(ANNA, STY, '/rotation extramöte 2026-04-22 15:00')).reply()).text).toContain('onsdag 22 april 2026 kl. 15:00');
    await tick(tb, '2026-04-22T06:01:00Z');
    expect(about('22 april 2026')).toEqual([
      `${STY}: Påminnelse: Styrgruppen har möte i dag, onsdag 22 april 2026 kl. 15:00. *Socialförvaltningen* är ordförande.`,
      `${ANNA}: Påminnelse: Styrgruppen har möte i dag, onsdag 22 april 2026 kl. 15:00. *Socialförvaltningen* är ordförande.`,
    ]);
  });
});

describe('decisions count as the documentation of a collaboration-group meeting', () => {
  let tb: TestBot;
  const ERIK = 'U0ERIK'; // Socialförvaltningen documents 19 May
  const JONAS = 'U0JONAS'; // BOJ Stockholm-Gotland documents 30 June
  beforeAll(async () => {
    tb = await startTestBot({ clock: new ManualClock('2026-04-08T08:00:00Z') });
  });
  afterAll(async () => {
    await tb?.stop();
  });

  /** Records a decision through `/beslut` and its form, as a member would. */
  async function decide(user: string, at: string, values: Record<string, string>) {
    (tb.clock as ManualClock).set(at);
    const before = new Set(tb.fake.views.keys());
    await tb.driver.command(user, SAM, '/beslut');
    const form = await tb.fake.waitFor(() => [...tb.fake.views.values()].find((v) => !before.has(v.id) && v.user === user && v.view.callback_id === 'decision_form'));
    const r = await tb.driver.submitView(user, form.id, { title: 'Beslut vid mötet', body: 'Vi gör så här.', ...values });
    expect(r.body?.response_action).not.toBe('errors');
    await tb.flush();
  }
  const minutesReminders = (user: string) => texts(tb, user).filter((t) => /^(Inget protokoll|No minutes)/.test(t));
  const handled = async (slotAt: string) => {
    const sam = await tb.db.prisma.group.findFirstOrThrow({ where: { key: 'samverkansgrupp' } });
    return tb.db.prisma.rotationReminder.count({ where: { groupId: sam.id, kind: 'minutes', slotAt: new Date(slotAt) } });
  };

  it('sends no minutes reminder when the group recorded a decision dated the meeting day', async () => {
    await decide(LINNEA, '2026-04-08T08:00:00Z', { decided_on: '2026-04-07' });
    await tick(tb, '2026-04-09T11:00:00Z');
    await tick(tb, '2026-04-10T12:00:00Z');
    expect(minutesReminders(LINNEA)).toEqual([]);
    expect(await handled('2026-04-07T11:00:00Z')).toBe(0);
  });

  it('still reminds when the only decision is dated before the meeting', async () => {
    await decide(ERIK, '2026-05-18T08:00:00Z', {});
    await tick(tb, '2026-05-21T11:00:00Z');
    expect(minutesReminders(ERIK)).toHaveLength(1);
    expect(minutesReminders(ERIK)[0]).toContain('mötet i Samverkansgruppen tisdag 19 maj 2026 kl. 13:00');
  });

  it('counts a decision of the second working day, recorded before the reminder falls due', async () => {
    // The meeting is Tuesday 30 June; the reminder is due Thursday 2 July 13:00, the decision is recorded at 10:00.
    await decide(JONAS, '2026-07-02T08:00:00Z', {});
    await tick(tb, '2026-07-02T11:00:00Z');
    await tick(tb, '2026-07-06T11:00:00Z');
    expect(minutesReminders(JONAS)).toEqual([]);
    expect(await handled('2026-06-30T11:00:00Z')).toBe(0);
  });
});

describe('catch-up after downtime and restart', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('sends a missed reminder late when still relevant, drops those overtaken, and a restarted bot re-sends nothing', async () => {
    const clock = new ManualClock('2026-04-03T12:00:00Z');
    const first = await startTestBot({ db, clock });
    try {
      // Down since before 31 March: the 7-day reminder for 7 April is still useful four days ahead.
      await tick(first, '2026-04-03T12:00:00Z');
      expect(texts(first, SAM)).toEqual(['Påminnelse: Samverkansgruppen har möte om 4 dagar, tisdag 7 april 2026 kl. 13:00. *BOJ Västerort* dokumenterar mötet.']);
      // Down again until after the meeting and the minutes deadline: the 1-day reminder is dropped,
      // the minutes reminder (relevant for two weeks after 9 April) goes out late.
      await tick(first, '2026-04-10T12:00:00Z');
      expect(texts(first, SAM)).toHaveLength(1);
      expect(texts(first, LINNEA).at(-1)).toContain('No minutes are registered for the meeting of Samverkansgruppen on Tuesday, 7 April 2026');
      // Down again until the day before 19 May: the 7-day reminder is dropped for the 1-day one,
      await tick(first, '2026-05-18T12:00:00Z');
      expect(texts(first, SAM).at(-1)).toBe('Påminnelse: Samverkansgruppen har möte i morgon, tisdag 19 maj 2026 kl. 13:00. *Socialförvaltningen* dokumenterar mötet.');
      expect(texts(first, SAM)).toHaveLength(2);
      expect(texts(first, LINNEA).filter((t) => t.includes('No minutes'))).toHaveLength(1);
    } finally {
      await first.stop();
    }
    const handled = await db.prisma.rotationReminder.findMany({ where: { slotAt: { in: [new Date('2026-04-07T11:00:00Z'), new Date('2026-05-19T11:00:00Z')] } }, orderBy: [{ slotAt: 'asc' }, { kind: 'asc' }] });
    expect(handled.map((r) => `${r.slotAt.toISOString().slice(0, 10)} ${r.kind} ${r.status}`)).toEqual([
      '2026-04-07 before1 skipped',
      '2026-04-07 before7 sent',
      '2026-04-07 minutes sent',
      '2026-05-19 before1 sent',
      '2026-05-19 before7 skipped',
    ]);

    const second = await startTestBot({ db, clock });
    try {
      await tick(second, '2026-05-18T12:00:00Z');
      await tick(second, '2026-05-18T12:05:00Z');
      expect(rotationMessages(second)).toEqual([]);
    } finally {
      await second.stop();
    }
  });
});

describe('two schedulers against one database', () => {
  let tb: TestBot;
  let other: Database | undefined;
  beforeAll(async () => {
    tb = await startTestBot({ clock: new ManualClock('2026-03-31T11:00:00Z') });
    if (testDatabaseKind() === 'postgres') {
      const rows = await tb.db.sql.query<{ name: string }>('SELECT current_database() AS name');
      const name = rows[0]!.name;
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      other = await openDatabase({ databaseUrl: url.toString() });
    }
  });
  afterAll(async () => {
    await other?.close();
    await tb?.stop();
  });

  it('queues each reminder exactly once when both tick at the same moment', async () => {
    // On PostgreSQL the second scheduler has its own connection pool; PGlite has one connection.
    const ctxB = { ...tb.bot.ctx, prisma: other?.prisma ?? tb.bot.ctx.prisma };
    const a = new Scheduler(tb.bot.ctx, rotationJob, tb.bot.logger);
    const b = new Scheduler(ctxB, rotationJob, tb.bot.logger);
    const led = await Promise.all([a.tick(), b.tick()]);
    expect(led.filter(Boolean)).toHaveLength(1);
    // Even without the lease (both run the job at once), the handled-reminder row admits one.
    await Promise.all([runRotationReminders(tb.bot.ctx, tb.clock.now()), runRotationReminders(ctxB, tb.clock.now())]);
    await tb.flush();
    const queued = await tb.db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: 'rotation:before7:' } } });
    expect(queued).toHaveLength(2); // the channel and Linnea
    expect(texts(tb, SAM)).toHaveLength(1);
    expect(texts(tb, LINNEA)).toHaveLength(1);
    expect(await tb.db.prisma.rotationReminder.count({ where: { kind: 'before7', status: 'sent' } })).toBe(1);
  });
});

describe('two bot processes on one database', () => {
  // Two whole runtimes (each its own Bolt app, outbox worker, scheduler and fake Slack); on PostgreSQL
  // the second has its own connection pool, as a second replica would. PGlite has one connection.
  let a: TestBot;
  let b: TestBot;
  let second: Database | undefined;
  const clock = new ManualClock('2026-03-31T10:00:00Z');
  beforeAll(async () => {
    a = await startTestBot({ clock });
    if (testDatabaseKind() === 'postgres') {
      const rows = await a.db.sql.query<{ name: string }>('SELECT current_database() AS name');
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${rows[0]!.name}`;
      second = await openDatabase({ databaseUrl: url.toString() });
    }
    b = await startTestBot({ db: second ?? a.db, clock });
  });
  afterAll(async () => {
    await b?.stop();
    await second?.close();
    await a?.stop();
  });

  it('claim each reminder once: one 7-day and one 1-day reminder to the channel and the DM, whichever process sends it', async () => {
    for (const at of ['2026-03-31T11:00:00Z', '2026-03-31T11:01:00Z', '2026-04-06T11:00:00Z', '2026-04-06T11:01:00Z']) {
      clock.set(at);
      // Both schedulers tick at the same moment, and both also run the job outside the lease (a lease
      // that lapsed mid-round): the reminder's key row admits one of the four.
      await Promise.all([a.bot.scheduler.tick(), b.bot.scheduler.tick(), runRotationReminders(a.bot.ctx, clock.now()), runRotationReminders(b.bot.ctx, clock.now())]);
      await Promise.all([a.flush(), b.flush()]);
    }
    const sent = (channel: string) => [...a.fake.channelMessages(channel), ...b.fake.channelMessages(channel)].map((m) => m.text ?? '').filter((t) => ROTATION.test(t));
    expect(sent(SAM).sort()).toEqual([
      'Påminnelse: Samverkansgruppen har möte i morgon, tisdag 7 april 2026 kl. 13:00. *BOJ Västerort* dokumenterar mötet.',
      'Påminnelse: Samverkansgruppen har möte om en vecka, tisdag 7 april 2026 kl. 13:00. *BOJ Västerort* dokumenterar mötet.',
    ]);
    expect(sent(LINNEA).sort()).toEqual([
      'Reminder: Samverkansgruppen meets in one week, Tuesday, 7 April 2026 at 13:00. *BOJ Västerort* documents the meeting.',
      'Reminder: Samverkansgruppen meets tomorrow, Tuesday, 7 April 2026 at 13:00. *BOJ Västerort* documents the meeting.',
    ]);
    const sam = await a.db.prisma.group.findFirstOrThrow({ where: { key: 'samverkansgrupp' } });
    const rows = await a.db.prisma.rotationReminder.findMany({ where: { groupId: sam.id }, orderBy: { kind: 'asc' } });
    expect(rows.map((r) => `${r.kind} ${r.status}`)).toEqual(['before1 sent', 'before7 sent']);
    expect(await a.db.prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: `rotation:before` } } })).toBe(4);
  });
});
