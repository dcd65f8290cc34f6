import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { saveDraft, submitAnnualReport } from '../../src/domain/followup/report.ts';
import { requireWriter } from '../../src/domain/followup/writer.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';
import { insertStatistics, NARRATIVE, NARRATIVE_VALUES, shown } from '../fixtures/followup/helpers.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const ANNA = 'U0ANNA'; // Socialförvaltningen: steering group, admin
const ERIK = 'U0ERIK'; // Socialförvaltningen: coordinator of the city (writes no report, follows them all)
const MARIA = 'U0MARIA'; // BOJ Stockholm-Gotland: steering-group representative, not coordinator
const JONAS = 'U0JONAS'; // BOJ Stockholm-Gotland: coordinator
const SARA = 'U0SARA'; // BOJ Södra Stockholm: coordinator
const OMAR = 'U0OMAR'; // BOJ Västerort: steering-group representative
const LINNEA = 'U0LINNEA'; // BOJ Västerort: coordinator, English, not in the steering group
const PEOPLE = [ANNA, ERIK, MARIA, JONAS, SARA, OMAR, LINNEA];
const SAM = 'C0SAMVERK';
const FINANCE_VALUES = { grant_stockholm: '250000', cost_0: '180000', cost_1: '40000', cost_2: '10000', cost_3: '5000', cost_4: '10000', cost_5: '0', volunteerHours: '60' };

const clock = new ManualClock('2027-01-10T09:00:00Z');
let tb: TestBot;
beforeAll(async () => {
  tb = await startTestBot({ clock }); // stockholm.yml: three associations, no deadline set (15 February)
  await insertStatistics(tb, JONAS, 2026, [1, 2, 3, 4].map((q) => ['stockholm', q]));
  await insertStatistics(tb, SARA, 2026, [1, 2].map((q) => ['stockholm', q]));
  // BOJ Stockholm-Gotland submits in January, through the service the form uses; Maria (a representative) writes it.
  const maria = await requireWriter(tb.bot.ctx, MARIA);
  await saveDraft(tb.bot.ctx, maria, { year: 2026, baseVersion: 0, values: { ...NARRATIVE_VALUES, ...FINANCE_VALUES } });
  await submitAnnualReport(tb.bot.ctx, maria, 2026, 0);
  // BOJ Södra Stockholm has begun.
  await saveDraft(tb.bot.ctx, await requireWriter(tb.bot.ctx, SARA), { year: 2026, baseVersion: 0, values: { activities: NARRATIVE_VALUES.activities } });
  await tb.flush();
});
afterAll(async () => {
  await tb?.stop();
});

/** Ticks the scheduler at `at` and returns the annual-report reminders it sent, as [user, text]. */
async function tickAt(at: string) {
  clock.set(at);
  const before = tb.fake.messages.length;
  expect(await tb.bot.scheduler.tick()).toBe(true);
  await tb.flush();
  const ours = tb.fake.messages.slice(before).filter((m) => PEOPLE.includes(m.channel) && JSON.stringify(m.blocks ?? []).includes('followup_report_open'));
  return ours.map((m) => [m.channel, m.text] as [string, string]);
}
const status = async (user: string, text = 'status 2026') => (await (await tb.driver.command(user, SAM, `/uppfoljning ${text}`)).reply()) as { text: string; blocks: unknown[] };

describe('annual report reminders and status', () => {
  it('sends nothing before two weeks ahead of the deadline', async () => {
    expect(await tickAt('2027-01-31T12:00:00Z')).toEqual([]);
    expect(await tickAt('2027-02-01T06:30:00Z')).toEqual([]); // 07:30 in Stockholm: not yet
  });

  it('reminds the coordinators of the associations that have not submitted, once, two weeks ahead', async () => {
    const sent = await tickAt('2027-02-01T07:05:00Z');
    expect(sent.map(([u]) => u).sort()).toEqual([LINNEA, SARA]);
    expect(Object.fromEntries(sent)[SARA]).toBe('Årsrapporten för 2026 ska vara inlämnad senast 15 februari 2027. BOJ Södra Stockholm har inte lämnat in den än. Ert utkast finns sparat och fortsätter där ni slutade.');
    expect(Object.fromEntries(sent)[LINNEA]).toBe('The annual report for 2026 is due by 15 February 2027. BOJ Västerort has not submitted it yet.');
    expect(await tickAt('2027-02-01T07:30:00Z')).toEqual([]); // a second run sends nothing more
  });

  it('opens the report of the reminder\'s year from its button, with the draft', async () => {
    const dm = tb.fake.messages.find((m) => m.channel === SARA && m.text?.startsWith('Årsrapporten för 2026'))!;
    const before = new Set(tb.fake.views.keys());
    await tb.driver.click(SARA, { channel: dm.channel, ts: dm.ts }, 'followup_report_open');
    const form = await tb.fake.waitFor(() => [...tb.fake.views.values()].find((v) => !before.has(v.id) && v.user === SARA && v.view.callback_id === NARRATIVE));
    expect(form.view.title.text).toBe('Årsrapport 2026');
    expect(shown(form.view)).toEqual({ activities: NARRATIVE_VALUES.activities });
  });

  it('shows the municipality\'s members every association: submitted, draft with what is missing, not started', async () => {
    const reply = await status(ERIK);
    expect(reply.text).toContain('Årsrapporter 2026');
    expect(reply.text).toContain('✅ *BOJ Stockholm-Gotland*: inlämnad 10 januari 2027 (version 1)');
    expect(reply.text).toContain('✏️ *BOJ Södra Stockholm*: utkast, senast sparat 10 januari 2027. Saknas:\n    • Verksamhet: målen och hur de har uppnåtts.');
    expect(reply.text).toContain('    • Statistik: Stockholm, kvartalen 3, 4.');
    expect(reply.text).toContain('❌ *BOJ Västerort*: inte påbörjad\n    • Statistik: Stockholm, kvartalen 1, 2, 3, 4.');
    expect(JSON.stringify(reply.blocks)).toContain('Sista dag att lämna in: 15 februari 2027.');
    // The steering group sees them all too, whichever party its member comes from.
    expect((await status(OMAR)).text).toContain('BOJ Stockholm-Gotland');
  });

  it('shows an association outside the steering group only its own, in its member\'s language', async () => {
    const reply = await status(LINNEA);
    expect(reply.text).toContain('Annual reports 2026');
    expect(reply.text).toContain('❌ *BOJ Västerort*: not started');
    expect(reply.text).not.toContain('Stockholm-Gotland');
    expect(JSON.stringify(reply.blocks)).toContain('You see your own association.');
  });

  it('speaks English to a coordinator who chose English, in the form and its errors', async () => {
    const before = new Set(tb.fake.views.keys());
    await tb.driver.command(LINNEA, SAM, '/uppfoljning report 2026');
    const form = await tb.fake.waitFor(() => [...tb.fake.views.values()].find((v) => !before.has(v.id) && v.user === LINNEA && v.view.callback_id === NARRATIVE));
    expect(form.view.title.text).toBe('Annual report 2026');
    const r = await tb.driver.submitView(LINNEA, form.id, { complaints: 'two', cooperation: 'Meetings with 19121212-1212 every month' });
    expect(r.body.errors).toEqual({ complaints: 'Enter a whole number, for example 12.', cooperation: expect.stringMatching(/^The text seems to contain a personal identity number/) });
    const { partyId } = await tb.db.prisma.member.findFirstOrThrow({ where: { chatUserId: LINNEA } });
    expect(await tb.db.prisma.annualReportDraft.count({ where: { partyId, year: 2026 } })).toBe(0); // nothing saved
  });

  it('reminds again on the deadline day only those still missing', async () => {
    // BOJ Södra Stockholm completes and submits meanwhile.
    await insertStatistics(tb, SARA, 2026, [3, 4].map((q) => ['stockholm', q]));
    const sara = await requireWriter(tb.bot.ctx, SARA);
    await saveDraft(tb.bot.ctx, sara, { year: 2026, baseVersion: 0, values: { ...NARRATIVE_VALUES, ...FINANCE_VALUES } });
    await submitAnnualReport(tb.bot.ctx, sara, 2026, 0);
    expect(await tickAt('2027-02-14T12:00:00Z')).toEqual([]);
    const sent = await tickAt('2027-02-15T07:05:00Z');
    expect(sent).toEqual([[LINNEA, 'Reminder: today, 15 February 2027, is the last day for the annual report 2026. BOJ Västerort has not submitted it yet.']]);
    expect(await tickAt('2027-02-15T08:00:00Z')).toEqual([]);
  });

  it('says who is late once the deadline has passed', async () => {
    clock.set('2027-02-15T22:30:00Z'); // 23:30 on the deadline day in Stockholm: not late yet
    expect((await status(ANNA)).text).toContain('❌ *BOJ Västerort*: inte påbörjad');
    clock.set('2027-02-15T23:00:00Z'); // midnight in Stockholm
    const reply = await status(ANNA);
    expect(reply.text).toContain('❌ *BOJ Västerort*: försenad, inte påbörjad');
    expect(reply.text).toContain('✅ *BOJ Södra Stockholm*: inlämnad');
    expect(JSON.stringify(reply.blocks)).toContain('Sista dag att lämna in var 15 februari 2027: det som saknas är försenat.');
  });

  it('after downtime sends the reminder that is due, not the one it overtook, and nothing once stale', async () => {
    // Nobody has submitted 2027; the bot was down from January 2028 until after the deadline.
    const sent = await tickAt('2028-02-17T10:00:00Z');
    expect(sent.map(([u]) => u).sort()).toEqual([JONAS, LINNEA, SARA]);
    expect(Object.fromEntries(sent)[SARA]).toBe('Sista dag för årsrapporten 2027 var 15 februari 2028, och BOJ Södra Stockholm har inte lämnat in den än. Lämna in så snart du kan.');
    expect(await tickAt('2028-02-17T10:01:00Z')).toEqual([]);
    const keys = await tb.db.prisma.outboxKey.findMany({ where: { dedupeKey: { startsWith: 'followup:reminder:2027:' } } });
    expect(keys.every((k) => k.dedupeKey.includes(':deadline:'))).toBe(true);
    // A week after the deadline the reminder is stale: as if it had never been queued, nothing is sent.
    await tb.db.prisma.outboxMessage.deleteMany({ where: { dedupeKey: { startsWith: 'followup:reminder:2027:' } } });
    await tb.db.prisma.outboxKey.deleteMany({ where: { dedupeKey: { startsWith: 'followup:reminder:2027:' } } });
    expect(await tickAt('2028-02-25T10:00:00Z')).toEqual([]);
  });

  it('refuses the report to the city, which follows it with status', async () => {
    clock.set('2027-02-20T10:00:00Z');
    const r = await (await tb.driver.command(ERIK, SAM, '/uppfoljning rapport')).reply();
    expect(r.text).toBe('Årsrapporterna skrivs av de idéburna föreningarna. Socialförvaltningen ser hur det går med `/uppfoljning status`.');
    const help = await (await tb.driver.command(LINNEA, SAM, '/uppfoljning help')).reply();
    expect(help.text).toContain('`/uppfoljning report [year]`');
  });
});
