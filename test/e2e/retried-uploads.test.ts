import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { JAMTLAND, startTestBot, type TestBot } from '../helpers/bot.ts';
import { reportSaver, saveYear } from '../fixtures/statistics/helpers.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const fixture = JSON.parse(readFileSync(new URL('../fixtures/statistics/jamtland-2026.json', import.meta.url), 'utf8')) as { inputs: Record<string, Record<string, [number, number, number]>> };
const KARIN = 'U0J01'; // BOJ Jämtland, the reporting organisation
const SAM = 'C0JSAMV';

const clock = new ManualClock('2027-01-20T09:00:00Z');
let tb: TestBot;
beforeAll(async () => {
  tb = await startTestBot({ partnershipFile: JAMTLAND, clock });
  await saveYear(await reportSaver(tb.bot.ctx, KARIN), 2026, fixture.inputs);
});
afterAll(async () => {
  await tb?.stop();
});

const uploads = () => tb.fake.callsTo('files.completeUploadExternal').filter((c) => c.ok).length;

describe('a command delivered more than once', () => {
  it('/statistik rapport delivered four times (Slack\'s retries) uploads its files once', async () => {
    const before = tb.fake.files.length;
    const r = await tb.driver.command(KARIN, SAM, '/statistik rapport 2026', { deliveries: 4 });
    await tb.fake.waitFor(() => r.replies().length >= 4);
    await tb.bot.inFlight.idle();
    expect(tb.fake.files.length - before).toBe(2);
    expect(tb.fake.files.slice(before).map((f) => f.filename).sort()).toEqual(['statistik-2026.csv', 'statistik-2026.png']);
    expect(uploads()).toBe(1);
    const notes = r.replies().map((p) => JSON.stringify(p.body));
    expect(notes.filter((n) => n.includes('CSV och diagram är uppladdade i kanalen.'))).toHaveLength(1);
    expect(notes.filter((n) => n.includes('CSV och diagram för det här kommandot är redan uppladdade i kanalen.'))).toHaveLength(3);
    // A new command (its own trigger_id) is a new request: its files are uploaded again.
    await (await tb.driver.command(KARIN, SAM, '/statistik rapport 2026')).reply();
    await tb.bot.inFlight.idle();
    expect(tb.fake.files.length - before).toBe(4);
  });

  it('/beslut export delivered four times uploads the register once; a failed upload may be retried', async () => {
    const before = tb.fake.files.length;
    await tb.driver.command(KARIN, SAM, '/beslut export 2026', { deliveries: 4 });
    await tb.fake.waitFor(() => tb.fake.files.length > before);
    await tb.bot.inFlight.idle();
    expect(tb.fake.files.slice(before).map((f) => f.filename).sort()).toEqual(['beslutsregister-2026.csv', 'beslutsregister-2026.md']);

    // The first delivery's upload is refused (the person is told): a retried delivery uploads.
    tb.fake.failNext('files.getUploadURLExternal', { error: 'internal_error' });
    const mid = tb.fake.files.length;
    const r = await tb.driver.command(KARIN, SAM, '/beslut export 2026');
    expect(JSON.stringify(await r.reply())).toContain('Jag kunde inte ladda upp registret i den här kanalen.');
    await tb.bot.inFlight.idle();
    expect(tb.fake.files.length).toBe(mid);
    await r.redeliver();
    await tb.fake.waitFor(() => tb.fake.files.length > mid);
    await tb.bot.inFlight.idle();
    expect(tb.fake.files.length - mid).toBe(2);
    await r.redeliver();
    await tb.bot.inFlight.idle();
    expect(tb.fake.files.length - mid).toBe(2);
  });
});
