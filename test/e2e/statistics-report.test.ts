import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { JAMTLAND, startTestBot, type TestBot } from '../helpers/bot.ts';
import { reportSaver, saveYear } from '../fixtures/statistics/helpers.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
// Fault injection for one test: the chart can be made to fail while the table is being answered.
const chartFault = vi.hoisted(() => ({ on: false }));
vi.mock('../../src/domain/statistics/export/chart.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/domain/statistics/export/chart.ts')>();
  return {
    ...real,
    reportPng: (...args: Parameters<typeof real.reportPng>) => {
      if (chartFault.on) throw new Error('injected chart failure');
      return real.reportPng(...args);
    },
  };
});

const fixture = JSON.parse(readFileSync(new URL('../fixtures/statistics/jamtland-2026.json', import.meta.url), 'utf8')) as {
  inputs: Record<string, Record<string, [number, number, number]>>;
  columns: string[];
  expectedFull: Record<string, number[]>;
  expectedSuppressed: Record<string, string[]>;
  expectedQ4: Record<string, number[]>;
};
const KARIN = 'U0J01'; // BOJ Jämtland, the reporting organisation
const EVA = 'U0J10'; // Bergs kommun
const SAM = 'C0JSAMV';

const clock = new ManualClock('2027-01-20T09:00:00Z'); // all of 2026 has ended
let tb: TestBot;
beforeAll(async () => {
  tb = await startTestBot({ partnershipFile: JAMTLAND, clock });
  // BOJ Jämtland's 32 reports for 2026, saved through the same service the form uses.
  await saveYear(await reportSaver(tb.bot.ctx, KARIN), 2026, fixture.inputs);
});
afterAll(async () => {
  await tb?.stop();
});

/** The rows of the monospaced table in a report reply: label → cells. */
function tableOf(reply: any): { head: string[]; rows: Record<string, string[]> } {
  const text: string = reply.blocks.map((b: any) => b.text?.text ?? '').find((t: string) => t.startsWith('```'));
  const lines = text.split('\n').filter((l) => l && l !== '```');
  const split = (l: string) => l.trim().split(/\s{2,}/);
  const rows = Object.fromEntries(lines.slice(1).map((l) => { const [label, ...cells] = split(l); return [label!, cells]; }));
  return { head: split(lines[0]!), rows };
}
const asStrings = (o: Record<string, number[]>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.map(String)]));

describe('/statistik rapport for the Jämtland partnership', () => {
  it('shows the reporting organisation its own figures in full, matching the hand-computed totals', async () => {
    const reply = await (await tb.driver.command(KARIN, SAM, '/statistik rapport 2026')).reply();
    expect(reply.text).toContain('Statistik 2026');
    const table = tableOf(reply);
    expect(table.head).toEqual(['Kommun', ...fixture.columns]);
    expect(table.rows).toEqual(asStrings(fixture.expectedFull));
    expect(JSON.stringify(reply.blocks)).toContain('bara innehåller din organisations rapporter');
  });

  it('shows a municipality small counts suppressed, with secondary suppression so none can be worked out', async () => {
    const reply = await (await tb.driver.command(EVA, SAM, '/statistik rapport')).reply();
    const table = tableOf(reply);
    expect(table.rows).toEqual(fixture.expectedSuppressed);
    // Ragunda: 10 people, other 0 and men "<5"; were women shown (6), men would be 10 − 6 − 0 = 4.
    expect(table.rows.Ragunda!.slice(4)).toEqual(['10', '..', '<5', '0']);
    expect(JSON.stringify(reply.blocks)).toContain('Små antal (1–4) visas som <5');
  });

  it('reports one quarter, and one municipality', async () => {
    const q4reply = await (await tb.driver.command(KARIN, SAM, '/statistik rapport 2026-K4')).reply();
    // A quarter's report speaks of the quarter, not of the year.
    expect(JSON.stringify(q4reply.blocks)).toContain('Personer som fått stöd per kommun under kvartalet, och fördelningen per kön.');
    expect(JSON.stringify(q4reply.blocks)).not.toContain('årets');
    const q4 = tableOf(q4reply);
    expect(q4.head).toEqual(['Kommun', 'Totalt', 'Kvinnor', 'Män', 'Annat/ej angivet']);
    expect(q4.rows['Östersund']).toEqual(fixture.expectedQ4['Östersund']!.map(String));
    expect(q4.rows.Totalt).toEqual(fixture.expectedQ4.Totalt!.map(String));
    const one = tableOf(await (await tb.driver.command(KARIN, SAM, '/statistik rapport 2026 Berg')).reply());
    expect(one.rows).toEqual({ Berg: fixture.expectedFull.Berg!.map(String) });
    const bad = await (await tb.driver.command(KARIN, SAM, '/statistik rapport 2026 Sundsvall')).reply();
    expect(bad.text).toBe('Det finns ingen kommun som heter `Sundsvall`. Kommuner: Berg, Bräcke, Härjedalen, Krokom, Ragunda, Strömsund, Åre, Östersund.');
  });

  it('posts a CSV with suppressed figures and a PNG chart in the channel', async () => {
    const before = tb.fake.files.length;
    await (await tb.driver.command(KARIN, SAM, '/statistik rapport 2026')).reply();
    const files = await tb.fake.waitFor(() => tb.fake.files.length >= before + 2 && tb.fake.files.slice(before));
    const csv = files.find((f) => f.filename === 'statistik-2026.csv')!;
    expect(csv.channels).toEqual([SAM]);
    const text = csv.content.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(['Kommun', ...fixture.columns].join(';'));
    // The channel is read by every party, so the file hides small counts even when the reporter asks.
    expect(lines.slice(1)).toEqual(Object.entries(fixture.expectedSuppressed).map(([k, v]) => [k, ...v].join(';')));

    const png = files.find((f) => f.filename === 'statistik-2026.png')!;
    expect(png.mimetype).toBe('image/png');
    expect(png.content.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.content.subarray(12, 16).toString('ascii')).toBe('IHDR');
    const decoded = PNG.sync.read(png.content);
    expect([decoded.width, decoded.height]).toEqual([png.content.readUInt32BE(16), png.content.readUInt32BE(20)]);
    expect(decoded.width).toBe(900);
    expect(decoded.height).toBe(70 + 8 * 38 + 60);
    // The bars are drawn: plenty of pixels in the bar colour #1d4f91.
    let bar = 0;
    for (let i = 0; i < decoded.data.length; i += 4) if (decoded.data[i] === 0x1d && decoded.data[i + 1] === 0x4f && decoded.data[i + 2] === 0x91) bar++;
    expect(bar).toBeGreaterThan(5000);
    // And text: dark pixels to the left of the bars, where the municipality names are.
    let ink = 0;
    for (let y = 70; y < 200; y++) for (let x = 20; x < 160; x++) if (decoded.data[(y * 900 + x) * 4]! < 100) ink++;
    expect(ink).toBeGreaterThan(100);
  });

  it('still answers with the table when the files cannot be uploaded', async () => {
    tb.fake.failNext('files.getUploadURLExternal', { error: 'not_in_channel' });
    const reply = await (await tb.driver.command(EVA, SAM, '/statistik rapport 2026')).reply();
    expect(tableOf(reply).rows.Totalt).toEqual(fixture.expectedSuppressed.Totalt);
    const note = JSON.stringify(reply.blocks);
    expect(note).toContain('Tabellen är klar, men jag kunde inte ladda upp CSV och diagram i den här kanalen. Jag är inte med i kanalen: bjud in mig med /invite @Samverkan och försök igen.');
    expect(note).not.toContain('not_in_channel');
  });

  it('says in plain words why Slack refused the files, and apologises with an error code for anything else', async () => {
    tb.fake.failNext('files.getUploadURLExternal', { error: 'is_archived' });
    const archived = JSON.stringify((await (await tb.driver.command(EVA, SAM, '/statistik rapport 2026')).reply()).blocks);
    expect(archived).toContain('Kanalen är arkiverad, så ingenting kan laddas upp där: kör kommandot i en kanal som används.');
    tb.fake.failNext('files.completeUploadExternal', { error: 'file_uploads_disabled' });
    const disabled = JSON.stringify((await (await tb.driver.command(EVA, SAM, '/statistik rapport 2026')).reply()).blocks);
    expect(disabled).toContain('Filuppladdning är avstängd i er Slack-arbetsyta');
    tb.fake.failNext('files.getUploadURLExternal', { error: 'fatal_error' });
    const unknown = JSON.stringify((await (await tb.driver.command(EVA, SAM, '/statistik rapport 2026')).reply()).blocks);
    expect(unknown).toMatch(/ladda upp CSV och diagram i den här kanalen\. Något gick fel hos mig.*\(felkod [0-9a-f]{6}\)/);
    expect(unknown).not.toContain('fatal_error');
  });

  it('tells a failure to build the files apart from a refused upload', async () => {
    chartFault.on = true;
    try {
      const [files, calls] = [tb.fake.files.length, tb.fake.calls.length];
      const reply = await (await tb.driver.command(EVA, SAM, '/statistik rapport 2026')).reply();
      expect(tableOf(reply).rows.Totalt).toEqual(fixture.expectedSuppressed.Totalt);
      const note = JSON.stringify(reply.blocks);
      expect(note).toMatch(/Tabellen är klar, men jag kunde inte ta fram CSV och diagram\. Något gick fel hos mig.*\(felkod [0-9a-f]{6}\)/);
      expect(note).not.toContain('ladda upp');
      expect(tb.fake.calls.slice(calls).filter((c) => c.method.startsWith('files.'))).toEqual([]);
      expect(tb.fake.files.length).toBe(files);
    } finally {
      chartFault.on = false;
    }
  });

  it('draws the chart even when a name holds a character SVG cannot (a control character)', async () => {
    const berg = await tb.bot.ctx.prisma.municipality.findFirstOrThrow({ where: { partnershipId: tb.bot.ctx.partnershipId, key: 'berg' } });
    await tb.bot.ctx.prisma.municipality.update({ where: { id: berg.id }, data: { name: `${berg.name}\u0007` } });
    try {
      const files = tb.fake.files.length;
      await (await tb.driver.command(EVA, SAM, '/statistik rapport 2026')).reply();
      const png = await tb.fake.waitFor(() => tb.fake.files.slice(files).find((f) => f.filename.endsWith('.png')));
      expect(PNG.sync.read(png.content).width).toBeGreaterThan(100);
    } finally {
      await tb.bot.ctx.prisma.municipality.update({ where: { id: berg.id }, data: { name: berg.name } });
    }
  });

});
