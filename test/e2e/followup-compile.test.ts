import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import type { DomainContext } from '../../src/domain/context.ts';
import { recordOutreach, requireOutreachRecorder } from '../../src/domain/followup/outreach.ts';
import { reportForm, saveDraft, submitAnnualReport } from '../../src/domain/followup/report.ts';
import { requireWriter } from '../../src/domain/followup/writer.ts';
import { JAMTLAND, STOCKHOLM, startTestBot, type TestBot } from '../helpers/bot.ts';
import { insertFigures, NARRATIVE_VALUES, type GenderSplit } from '../fixtures/followup/helpers.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'followup-compile-'));

/** The association's 2026 report, written and submitted through the services the form uses. */
async function submitReport(ctx: DomainContext, user: string, activities: string) {
  const writer = await requireWriter(ctx, user);
  const form = await reportForm(ctx, writer, 2026);
  const grants = Object.fromEntries(writer.municipalities.map((m, i) => [`grant_${m.key}`, form.values[`grant_${m.key}`] || String(100000 + i * 1000)]));
  const costs = Object.fromEntries(form.layout.costCategories.map((_, i) => [`cost_${i}`, String((i + 1) * 10000)]));
  await saveDraft(ctx, writer, { year: 2026, baseVersion: 0, values: { ...form.values, ...NARRATIVE_VALUES, activities, ...grants, ...costs, financeComment: '' } });
  await submitAnnualReport(ctx, writer, 2026, 0);
}

/** Runs `/uppfoljning <text>`, waits for the reply, and returns it with the files uploaded meanwhile. */
async function compile(tb: TestBot, user: string, channel: string, text = 'sammanställ 2026') {
  const before = tb.fake.files.length;
  const r = await tb.driver.command(user, channel, `/uppfoljning ${text}`);
  const reply = await r.reply();
  return { reply: reply.text as string, files: tb.fake.files.slice(before), r };
}

async function pdfText(file: { content: Buffer; filename: string }) {
  const at = path.join(dir, file.filename);
  writeFileSync(at, file.content);
  // Lines wrap where the page ends them: read the text as words.
  return (await run('/usr/bin/pdftotext', [at, '-'])).stdout.replace(/\s+/g, ' ');
}

describe('the compiled follow-up in Stockholm: three associations, one municipality', () => {
  const clock = new ManualClock('2027-02-20T09:00:00Z');
  let tb: TestBot;
  const q4 = (split: GenderSplit, quarters = 4) => Array.from({ length: quarters }, (_, i) => ['stockholm', i + 1, split] as [string, number, GenderSplit]);
  beforeAll(async () => {
    tb = await startTestBot({ partnershipFile: STOCKHOLM, clock });
    // 2025: 4×8 + 4×8 + 4×5 = 84 people. 2026: 4×10 + 4×8 + 3×6 = 90, of whom 3 of another gender (Västerort, one a quarter).
    await insertFigures(tb, 'U0JONAS', 2025, q4([5, 3, 0]));
    await insertFigures(tb, 'U0SARA', 2025, q4([4, 4, 0]));
    await insertFigures(tb, 'U0LINNEA', 2025, q4([3, 2, 0]));
    await insertFigures(tb, 'U0JONAS', 2026, q4([6, 4, 0]));
    await insertFigures(tb, 'U0SARA', 2026, q4([5, 3, 0]));
    await insertFigures(tb, 'U0LINNEA', 2026, q4([3, 2, 1], 3)); // the fourth quarter is missing
    await submitReport(tb.bot.ctx, 'U0JONAS', 'Stödsamtal i innerstaden och på Gotland.');
    await submitReport(tb.bot.ctx, 'U0SARA', 'Stödsamtal i Söderort, två utbildningar för stödpersoner.');
    const stockholm = await tb.db.prisma.municipality.findFirstOrThrow({ where: { key: 'stockholm' } });
    await recordOutreach(tb.bot.ctx, await requireOutreachRecorder(tb.bot.ctx, 'U0JONAS'), {
      date: '2026-05-12', kind: 'information_meeting', municipalityId: stockholm.id, audience: 'Skolkuratorer', participants: '30', description: 'Om stödet till unga brottsutsatta',
    });
  });
  afterAll(async () => {
    await tb?.stop();
  });

  it('answers the municipality with the totals and what is missing, and sends it the PDF and the Word file', async () => {
    const { reply, files } = await compile(tb, 'U0ANNA', 'C0STYRGRP');
    expect(reply).toContain('Årlig uppföljning 2026');
    expect(reply).toContain('90 personer fick stöd (2025: 84)');
    expect(reply).toContain('2 av 3 föreningar har lämnat in årsrapporten');
    expect(reply).toContain('Saknas: årsrapport från BOJ Västerort; ett kvartal av statistiken');
    expect(files.map((f) => f.filename)).toEqual(['uppfoljning-2026.pdf', 'uppfoljning-2026.docx']);
    // To the requester alone, in a direct message.
    const anna = tb.fake.messages.find((m) => m.files?.includes(files[0]!.id))!;
    expect(anna.channel).toMatch(/^D/);
    const pdf = await pdfText(files[0]!);
    expect(pdf).toContain('Årlig uppföljning 2026 – IOP Stödverksamhet för brottsutsatta – Stockholms stad');
    expect(pdf).toContain('Personer som fått stöd');
    expect(pdf).toContain('Jämförelse med 2025');
    expect(pdf).toContain('Stödsamtal i Söderort, två utbildningar för stödpersoner.');
    expect(pdf).toContain('BOJ Västerort har inte lämnat in årsrapporten för 2026.');
    expect(pdf).toContain('BOJ Västerort, Stockholm: statistik för kvartal 4');
    expect(pdf).toMatch(/<5/); // 3 of another gender
    expect(pdf).toMatch(/\+7,1 %/); // 84 → 90 people: +6, 6/84 = 7,1 %
    expect(pdf).toContain('Annat eller ej angivet 0 <5 .. ..'); // its change since 2025 (0) is not shown either
    const docx = await mammoth.extractRawText({ buffer: files[1]!.content });
    expect(docx.value).toContain('Årlig uppföljning 2026');
    expect(docx.value).toContain('Stödsamtal i innerstaden och på Gotland.');
    expect(docx.value).toContain('<5');
    expect(docx.value).toContain('Informationsmöte');
  });

  it('sends the files once however often Slack delivers the command', async () => {
    const before = tb.fake.files.length;
    // The steering group; no year named: before 17 March (the deadline, 15 February, and 30 days) it is the year just ended.
    await tb.driver.command('U0MARIA', 'C0STYRGRP', '/uppfoljning sammanställ', { deliveries: 3 });
    await tb.fake.waitFor(() => tb.fake.files.length > before);
    await tb.bot.inFlight.idle();
    expect(tb.fake.files.slice(before).map((f) => f.filename)).toEqual(['uppfoljning-2026.pdf', 'uppfoljning-2026.docx']);
  });

  it('refuses an association\'s member outside the steering group, in their language', async () => {
    const { reply, files } = await compile(tb, 'U0JONAS', 'C0SAMVERK');
    expect(reply).toContain('Den sammanställda uppföljningen är för kommunens ledamöter och styrgruppen');
    expect(files).toEqual([]);
    const en = await compile(tb, 'U0LINNEA', 'C0SAMVERK', 'compile 2026');
    expect(en.reply).toContain('The compiled follow-up is for the municipality’s members and the steering group');
  });
});

describe('the compiled follow-up in Jämtland: one association, eight municipalities', () => {
  const clock = new ManualClock('2027-02-20T09:00:00Z');
  let tb: TestBot;
  // People by gender per quarter, the same each quarter; by hand: 2025 is 4×104 = 416 people, 2026 4×109 = 436.
  // Only Ragunda's 2026 holds a small count, 1 of another gender a quarter: the rest stays wide, so the audit stays quick.
  const Y2025: Record<string, GenderSplit> = { berg: [5, 5, 0], bracke: [6, 5, 0], harjedalen: [5, 6, 0], krokom: [7, 6, 0], ragunda: [5, 5, 0], stromsund: [6, 6, 0], are: [8, 7, 0], ostersund: [12, 10, 0] };
  const Y2026: Record<string, GenderSplit> = { berg: [5, 6, 0], bracke: [6, 6, 0], harjedalen: [5, 5, 0], krokom: [8, 6, 0], ragunda: [4, 5, 1], stromsund: [6, 6, 0], are: [8, 8, 0], ostersund: [13, 11, 0] };
  const cells = (y: Record<string, GenderSplit>) => Object.entries(y).flatMap(([key, split]) => [1, 2, 3, 4].map((q) => [key, q, split] as [string, number, GenderSplit]));
  beforeAll(async () => {
    tb = await startTestBot({ partnershipFile: JAMTLAND, clock });
    await insertFigures(tb, 'U0J02', 2025, cells(Y2025));
    await insertFigures(tb, 'U0J02', 2026, cells(Y2026));
    await submitReport(tb.bot.ctx, 'U0J02', 'Stödsamtal i alla åtta kommuner.');
  });
  afterAll(async () => {
    await tb?.stop();
  });

  it('compiles 2026 per municipality with the change since 2025, small counts hidden', async () => {
    const total = (y: Record<string, GenderSplit>) => Object.values(y).reduce((s, [f, m, o]) => s + 4 * (f + m + o), 0);
    expect([total(Y2025), total(Y2026)]).toEqual([416, 436]);
    const { reply, files } = await compile(tb, 'U0J10', 'C0JSAMV'); // Bergs kommun
    expect(reply).toContain('436 personer fick stöd (2025: 416)');
    expect(reply).toContain('1 av 1 förening har lämnat in årsrapporten');
    expect(reply).toContain('Inget saknas');
    expect(files.map((f) => f.filename)).toEqual(['uppfoljning-2026.pdf', 'uppfoljning-2026.docx']);
    const pdf = await pdfText(files[0]!);
    expect(pdf).toContain('Årlig uppföljning 2026');
    for (const name of ['Berg', 'Bräcke', 'Härjedalen', 'Krokom', 'Ragunda', 'Strömsund', 'Åre', 'Östersund']) expect(pdf).toContain(name);
    // Ragunda's 4 people of another gender are fewer than 5: "<5" (in its row and the total), and the change is not shown.
    expect(pdf).toMatch(/Ragunda (\d+|\.\.) (\d+|\.\.) (\d+|\.\.) <5/);
    expect(pdf).toContain('Annat eller ej angivet 0 <5 .. ..');
    // Östersund: 88 → 96, +8, 8/88 = +9,1 %; in all 416 → 436, +20, 20/416 = +4,8 %.
    expect(pdf).toContain('Östersund 88 96 +8 +9,1 %');
    expect(pdf).toContain('Berg 40 44 +4 +10 %');
    // Ragunda's small count is protected by hiding its women (40 − 20 − <5 would give it away
    // otherwise), as the year report decides: its total stays printed, and so does its change.
    expect(pdf).toContain('Ragunda 40 .. 20 <5');
    expect(pdf).toContain('Ragunda 40 40 0 0');
    expect(pdf).toContain('Antal personer som fått stöd 416 436 +20 +4,8 %');
    const docx = await mammoth.extractRawText({ buffer: files[1]!.content });
    expect(docx.value).toContain('Östersund');
    expect(docx.value).toContain('<5');
  });
});
