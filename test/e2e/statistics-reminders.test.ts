import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { parseFigures } from '../../src/domain/statistics/figures.ts';
import { requireReporter } from '../../src/domain/statistics/reporter.ts';
import { DEFAULT_CRIME_TYPES } from '../../src/domain/statistics/settings.ts';
import { submitReport } from '../../src/domain/statistics/submit.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';
import { figures } from '../fixtures/statistics/helpers.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const JONAS = 'U0JONAS'; // BOJ Stockholm-Gotland, coordinator
const SARA = 'U0SARA'; // BOJ Södra Stockholm, coordinator
const LINNEA = 'U0LINNEA'; // BOJ Västerort, coordinator, English
const ERIK = 'U0ERIK'; // Socialförvaltningen, coordinator of the city (reports nothing)
const MARIA = 'U0MARIA'; // BOJ Stockholm-Gotland, representative but not coordinator
const COORDINATORS = [JONAS, SARA, LINNEA, ERIK, MARIA];

const clock = new ManualClock('2026-03-20T10:00:00Z'); // during quarter 1
let tb: TestBot;
beforeAll(async () => {
  tb = await startTestBot({ clock }); // stockholm.yml: no crime_types, so the default list
});
afterAll(async () => {
  await tb?.stop();
});

async function report(user: string, quarter: 1 | 2) {
  const reporter = await requireReporter(tb.bot.ctx, user);
  const f = parseFigures(figures(6, [3, 3, 0], DEFAULT_CRIME_TYPES.map((_, i) => `crime_${i}`)), DEFAULT_CRIME_TYPES);
  await submitReport(tb.bot.ctx, reporter, { period: { year: 2026, quarter }, municipalityId: reporter.municipalities[0]!.id, baseVersion: 0, figures: f });
}
/** Ticks the scheduler at `at` and returns the reminders it sent, as [user, text]. */
async function tickAt(at: string) {
  clock.set(at);
  const before = tb.fake.messages.length;
  expect(await tb.bot.scheduler.tick()).toBe(true);
  await tb.flush();
  // Other features remind the same people of other things; ours carry the button that opens the form.
  const ours = tb.fake.messages.slice(before).filter((m) => COORDINATORS.includes(m.channel) && JSON.stringify(m.blocks ?? []).includes('statistics_open_form'));
  return ours.map((m) => [m.channel, m.text] as [string, string]);
}

describe('statistics reminders', () => {
  it('sends nothing while the quarter runs', async () => {
    await report(JONAS, 1); // Jonas reports early: an ongoing quarter may be reported
    expect(await tickAt('2026-03-31T12:00:00Z')).toEqual([]);
  });

  it('reminds exactly the coordinators of organisations that have not reported, once, when the quarter ends', async () => {
    expect(await tickAt('2026-04-01T05:00:00Z')).toEqual([]); // 07:00 in Stockholm: not yet
    const sent = await tickAt('2026-04-01T06:30:00Z');
    expect(sent.map(([u]) => u).sort()).toEqual([LINNEA, SARA]);
    expect(Object.fromEntries(sent)[SARA]).toBe('Kvartal 1 2026 är slut. BOJ Södra Stockholm har ännu inte rapporterat statistik för: Stockholm. Sista dag är 15 april 2026.');
    expect(Object.fromEntries(sent)[LINNEA]).toBe('Quarter 1 2026 has ended. BOJ Västerort has not yet reported statistics for: Stockholm. The last day is 15 April 2026.');
    expect(await tickAt('2026-04-01T07:30:00Z')).toEqual([]); // a second run, or a second process, sends nothing more
  });

  it('opens the form at the quarter of the reminder from its button', async () => {
    const dm = tb.fake.messages.find((m) => m.channel === SARA && m.text?.startsWith('Kvartal 1 2026 är slut'))!;
    const before = new Set(tb.fake.views.keys());
    await tb.driver.click(SARA, { channel: dm.channel, ts: dm.ts }, 'statistics_open_form');
    const form = await tb.fake.waitFor(() => [...tb.fake.views.values()].find((v) => !before.has(v.id) && v.user === SARA));
    expect(form.view.callback_id).toBe('statistics_choose');
    const period = form.view.blocks.find((b: any) => b.block_id === 'period').element.initial_option;
    expect(period.value).toBe('2026-1');
    const municipality = form.view.blocks.find((b: any) => b.block_id === 'municipality').element.initial_option;
    expect(municipality.text.text).toBe('Stockholm'); // the only municipality BOJ Södra Stockholm serves
  });

  it('answers in the coordinator\'s own language when the reminder\'s button cannot open the form', async () => {
    const dm = tb.fake.messages.find((m) => m.channel === LINNEA && m.text?.startsWith('Quarter 1 2026 has ended'))!;
    tb.fake.failNext('views.open', { error: 'internal_error' });
    const r = await tb.driver.click(LINNEA, { channel: dm.channel, ts: dm.ts }, 'statistics_open_form');
    expect((await r.reply()).text).toMatch(/^Something went wrong on my side.*\(error code [0-9a-f]{6}\)\.$/);
  });

  it('reminds again on the deadline day only those still missing', async () => {
    await report(SARA, 1);
    expect(await tickAt('2026-04-14T12:00:00Z')).toEqual([]);
    const sent = await tickAt('2026-04-15T06:05:00Z');
    expect(sent).toEqual([[LINNEA, 'Reminder: the last day for the statistics of quarter 1 2026 is 15 April 2026. BOJ Västerort has not yet reported for: Stockholm.']]);
    expect(await tickAt('2026-04-15T06:06:00Z')).toEqual([]);
  });

  it('catches up after downtime with the reminder that is due, not both', async () => {
    // The bot was down from June until after the quarter 2 deadline (15 July).
    const sent = await tickAt('2026-07-17T10:00:00Z');
    expect(sent.map(([u]) => u).sort()).toEqual([JONAS, LINNEA, SARA]);
    // Sent two days after the deadline, it says the deadline has passed, not that it is ahead.
    expect(Object.fromEntries(sent)[SARA]).toBe('Sista dag för statistiken för kvartal 2 2026 var 15 juli 2026, och BOJ Södra Stockholm har ännu inte rapporterat för: Stockholm. Rapportera så snart du kan.');
    expect(Object.fromEntries(sent)[LINNEA]).toBe('The last day for the statistics of quarter 2 2026 was 15 July 2026, and BOJ Västerort has not yet reported for: Stockholm. Please report as soon as you can.');
    expect(await tickAt('2026-07-17T10:01:00Z')).toEqual([]);
    // A week after the deadline the reminder is stale and not sent to anyone new.
    // As if those reminders had never been queued: neither their messages nor their dedupe keys.
    await tb.db.prisma.outboxMessage.deleteMany({ where: { dedupeKey: { startsWith: 'statistics:reminder:2026-2:deadline' } } });
    await tb.db.prisma.outboxKey.deleteMany({ where: { dedupeKey: { startsWith: 'statistics:reminder:2026-2:deadline' } } });
    expect(await tickAt('2026-07-25T10:00:00Z')).toEqual([]);
  });

  it('speaks English to a coordinator who chose English, in the form and its errors', async () => {
    clock.set('2026-04-20T10:00:00Z');
    const before = new Set(tb.fake.views.keys());
    await tb.driver.command(LINNEA, 'C0SAMVERK', '/statistik');
    const first = await tb.fake.waitFor(() => [...tb.fake.views.values()].find((v) => !before.has(v.id) && v.user === LINNEA));
    expect(first.view.title.text).toBe('Quarterly statistics');
    const next = await tb.driver.submitView(LINNEA, first.id, {});
    expect(next.body.response_action).toBe('update');
    const fields = next.body.view.blocks.filter((b: any) => b.type === 'input').map((b: any) => b.label.text);
    expect(fields.slice(0, 4)).toEqual(['Number of people supported', 'Woman', 'Man', 'Other or not stated']);
    expect(fields).toContain('Våld i nära relation'); // category names are the partnership's own
    tb.fake.views.get(first.id)!.view = { ...next.body.view, id: first.id, state: { values: {} } };
    const r = await tb.driver.submitView(LINNEA, first.id, { ...figures(4, [2, 1, 0], DEFAULT_CRIME_TYPES.map((_, i) => `crime_${i}`)), roleWitness: 'x' });
    expect(r.body.errors).toEqual({
      genderFemale: 'The sum by gender (3) does not match the total number of people (4).',
      roleWitness: 'Enter a whole number, for example 12.',
    });
    const help = await (await tb.driver.command(LINNEA, 'C0SAMVERK', '/statistik help')).reply();
    expect(help.text).toContain('`/statistik report [year | year-quarter] [municipality]`');
    expect(help.text).not.toMatch(/\/statistik rapport|\/statistik hjälp/); // English help shows English sub-commands
  });

  it('shows the status of the quarter, and says who is late once the deadline has passed', async () => {
    clock.set('2026-04-15T20:00:00Z'); // 22:00 on the deadline day in Stockholm: not late yet
    const onTime = await (await tb.driver.command(ERIK, 'C0SAMVERK', '/statistik status')).reply();
    expect(onTime.text).toContain('✅ *BOJ Stockholm-Gotland*: klart för Stockholm');
    expect(onTime.text).not.toContain('1 av 1');
    expect(onTime.text).toContain('❌ *BOJ Västerort*: inget rapporterat. Saknas: Stockholm');
    expect(JSON.stringify(onTime.blocks)).toContain('Sista dag att rapportera: 15 april 2026.');
    clock.set('2026-04-15T22:00:00Z'); // midnight in Stockholm: the deadline day is over
    const reply = await (await tb.driver.command(ERIK, 'C0SAMVERK', '/statistik status')).reply();
    expect(reply.text).toContain('✅ *BOJ Södra Stockholm*: klart för Stockholm');
    expect(reply.text).toContain('❌ *BOJ Västerort*: försenad, inget rapporterat. Saknas: Stockholm');
    expect(JSON.stringify(reply.blocks)).toContain('Sista dag att rapportera var 15 april 2026: det som saknas är försenat.');
    const en = await (await tb.driver.command(LINNEA, 'C0SAMVERK', '/statistik status')).reply();
    expect(en.text).toContain('✅ *BOJ Stockholm-Gotland*: done for Stockholm');
    expect(en.text).toContain('❌ *BOJ Västerort*: late, nothing reported. Missing: Stockholm');
  });
});
