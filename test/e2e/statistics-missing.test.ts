import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { JAMTLAND, startTestBot, type TestBot } from '../helpers/bot.ts';
import { reportSaver } from '../fixtures/statistics/helpers.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const KARIN = 'U0J01'; // BOJ Jämtland
const EVA = 'U0J10'; // Bergs kommun
const SAM = 'C0JSAMV';

const clock = new ManualClock('2026-10-20T09:00:00Z'); // quarters 1–3 of 2026 have ended
let tb: TestBot;
beforeAll(async () => {
  tb = await startTestBot({ partnershipFile: JAMTLAND, clock });
  const saveAs = await reportSaver(tb.bot.ctx, KARIN);
  const save = (key: string, quarter: 1 | 2 | 3, gender: [number, number, number]) => saveAs(key, { year: 2026, quarter }, gender);
  // Östersund reported every ended quarter; Berg forgot quarter 3; a genuine zero for Krokom in quarter 1; nobody else reported.
  for (const q of [1, 2, 3] as const) await save('ostersund', q, [20, 12, 1]);
  await save('berg', 1, [5, 5, 0]);
  await save('berg', 2, [6, 4, 0]);
  await save('krokom', 1, [0, 0, 0]);
});
afterAll(async () => {
  await tb?.stop();
});

function tableOf(reply: any): Record<string, string[]> {
  const text: string = reply.blocks.map((b: any) => b.text?.text ?? '').find((t: string) => t.startsWith('```'));
  const lines = text.split('\n').filter((l) => l && l !== '```');
  return Object.fromEntries(lines.slice(1).map((l) => { const [label, ...cells] = l.trim().split(/\s{2,}/); return [label!, cells]; }));
}

describe('a missing report is not a zero', () => {
  it('shows a quarter or municipality without a report as not reported, and a reported zero as 0', async () => {
    const reply = await (await tb.driver.command(KARIN, SAM, '/statistik rapport 2026')).reply();
    const rows = tableOf(reply);
    //                   K1    K2    K3    K4   Totalt Kvinnor Män Annat
    expect(rows['Östersund']).toEqual(['33', '33', '33', '–', '99', '60', '36', '3']);
    expect(rows.Berg).toEqual(['10', '10', '–', '–', '20', '11', '9', '0']);
    expect(rows.Krokom).toEqual(['0', '–', '–', '–', '0', '0', '0', '0']);
    expect(rows['Bräcke']).toEqual(['–', '–', '–', '–', '–', '–', '–', '–']);
    expect(rows.Totalt).toEqual(['43', '43', '33', '–', '119', '71', '45', '3']);
    expect(JSON.stringify(reply.blocks)).toContain('– = ej rapporterat: ingen rapport finns för den kommunen och perioden (det är inte samma sak som 0).');
    expect(JSON.stringify(reply.blocks)).toContain('18 rapporter för avslutade kvartal saknas ännu');
    // Berg lacks only quarter 3: one report, in the singular.
    const berg = await (await tb.driver.command(KARIN, SAM, '/statistik rapport 2026 Berg')).reply();
    expect(JSON.stringify(berg.blocks)).toContain('En rapport för ett avslutat kvartal saknas ännu');
    expect(JSON.stringify(berg.blocks)).not.toContain('1 rapporter');
  });

  it('writes "ej rapporterat" in the channel\'s CSV, keeps small counts hidden around it, and marks the incomplete year on the chart', async () => {
    const before = tb.fake.files.length;
    await (await tb.driver.command(EVA, SAM, '/statistik rapport 2026')).reply();
    const files = await tb.fake.waitFor(() => tb.fake.files.length >= before + 2 && tb.fake.files.slice(before));
    const lines = files.find((f) => f.filename === 'statistik-2026.csv')!.content.toString('utf8').slice(1).trimEnd().split('\r\n');
    const row = (name: string) => lines.find((l) => l.startsWith(`${name};`))!.split(';').slice(1);
    const NR = 'ej rapporterat';
    // Östersund's "other" 3 is small; its gender row then needs a second hidden cell (men, the smallest shown).
    expect(row('Östersund')).toEqual(['33', '33', '33', NR, '99', '60', '..', '<5']);
    expect(row('Bräcke')).toEqual([NR, NR, NR, NR, NR, NR, NR, NR]);
    expect(row('Krokom')).toEqual(['0', NR, NR, NR, '0', '0', '0', '0']);
    expect(row('Totalt')[3]).toBe(NR);
    const png = PNG.sync.read(files.find((f) => f.filename === 'statistik-2026.png')!.content);
    expect(png.height).toBe(70 + 8 * 38 + 60 + 20); // one line more: the note that the year is incomplete
  });

  it('answers a period without any report with one plain sentence, and uploads nothing', async () => {
    const [files, calls] = [tb.fake.files.length, tb.fake.calls.length];
    const reply = await (await tb.driver.command(KARIN, SAM, '/statistik rapport 2025')).reply();
    expect(reply.text).toBe('Det finns inga rapporter för 2025 ännu, så det finns ingen statistik att visa.');
    expect(reply.blocks ?? []).toEqual([]);
    const q4 = await (await tb.driver.command(KARIN, SAM, '/statistik rapport 2026-K4')).reply();
    expect(q4.text).toBe('Det finns inga rapporter för kvartal 4 2026 ännu, så det finns ingen statistik att visa.');
    expect(tb.fake.calls.slice(calls).filter((c) => c.method.startsWith('files.'))).toEqual([]);
    expect(tb.fake.files.length).toBe(files);
  });
});
