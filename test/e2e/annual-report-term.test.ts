import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';

const ERIK = 'U0ERIK'; // Socialförvaltningen: coordinator of the city, follows every association's report
const SAM = 'C0SAMVERK';

// stockholm.yml: the agreement started on 1 April 2025, so no association owes statistics for
// the first quarter of 2025, and its annual report for 2025 must not ask for them.
const clock = new ManualClock('2026-01-20T09:00:00Z');
let tb: TestBot;
beforeAll(async () => {
  tb = await startTestBot({ clock });
});
afterAll(async () => {
  await tb?.stop();
});

describe('the annual report of the year the agreement started', () => {
  it('lacks only the quarters since the start, not those before it', async () => {
    const r = (await (await tb.driver.command(ERIK, SAM, '/uppfoljning status 2025')).reply()) as { text: string };
    expect(r.text).toContain('BOJ Stockholm-Gotland');
    expect(r.text).toContain('Statistik: Stockholm, kvartalen 2, 3, 4.');
    expect(r.text).not.toContain('kvartalen 1, 2, 3, 4');
  });

  it('refuses a year out of range by naming the range, not another command', async () => {
    const r = (await (await tb.driver.command(ERIK, SAM, '/uppfoljning status 1999')).reply()) as { text: string };
    expect(r.text).toBe('Året `1999` går inte att välja. Skriv ett år med fyra siffror, från 2000 till och med 2026.');
  });
});
