import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { submittedAnnualReports } from '../../src/domain/followup/report.ts';
import { DEFAULT_COST_CATEGORIES } from '../../src/domain/followup/settings.ts';
import { JAMTLAND, startTestBot, type TestBot } from '../helpers/bot.ts';
import { reportSaver } from '../fixtures/statistics/helpers.ts';
import { CHECK, FINANCE, insertStatistics, NARRATIVE, NARRATIVE_VALUES, openReport, shown, textOf } from '../fixtures/followup/helpers.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const KARIN = 'U0J01'; // BOJ Jämtland: coordinator, representative, admin
const PER = 'U0J02'; // BOJ Jämtland: coordinator
const EVA = 'U0J10'; // Bergs kommun: representative (a municipality: follows, does not write)
const SAM = 'C0JSAMV';
const MUNICIPALITIES = ['berg', 'bracke', 'harjedalen', 'krokom', 'ragunda', 'stromsund', 'are', 'ostersund'];
const PER_QUARTER: [number, number, number] = [3, 2, 0]; // 5 people and 15 volunteer hours, as insertStatistics writes them

const clock = new ManualClock('2027-01-20T09:00:00Z'); // the 2026 report is being written
let tb: TestBot;
beforeAll(async () => {
  tb = await startTestBot({ partnershipFile: JAMTLAND, clock });
  // Every quarter of 2026 for every municipality, except Åre's fourth.
  await insertStatistics(tb, PER, 2026, MUNICIPALITIES.flatMap((m) => [1, 2, 3, 4].filter((q) => m !== 'are' || q !== 4).map((q) => [m, q] as [string, number])));
});
afterAll(async () => {
  await tb?.stop();
});

const drafts = () => tb.db.prisma.annualReportDraft.findMany({ where: { year: 2026 } });
const reports = () => tb.db.prisma.annualReport.findMany({ where: { year: 2026 }, orderBy: { version: 'asc' } });
const audits = (entityType: string) => tb.db.prisma.auditLog.findMany({ where: { entityType }, orderBy: { id: 'asc' } });
const view = (id: string) => tb.fake.views.get(id)!;
async function submit(user: string, id: string, values: Record<string, any>) {
  return tb.driver.submitView(user, id, values);
}

describe('an association writes its annual report', () => {
  it('opens the first step for the year just ended, for the coordinator\'s own association', async () => {
    const { view: v } = await openReport(tb, PER, SAM);
    expect(v.view.title.text).toBe('Årsrapport 2026');
    expect(v.view.notify_on_close).toBe(true);
    expect(textOf(v.view)).toContain('Årsrapport 2026 för *BOJ Jämtland* · steg 1 av 3');
    expect(v.view.blocks.filter((b: any) => b.type === 'input').map((b: any) => b.label.text)).toEqual([
      'Genomförda aktiviteter',
      'Överenskommelsens mål och hur de har uppnåtts',
      'Samverkan',
      'Antal klagomål som kommit in',
      'Antal synpunkter som kommit in',
      'Hur synpunkter och klagomål har tagits om hand',
      'Om formuläret frågar', // the box to tick when a text that only looks like one is not about a person
    ]);
    await tb.driver.closeView(PER, v.id);
    expect(await drafts()).toEqual([]); // opening and closing saves nothing
  });

  it('keeps what was typed when the form is closed, but never a personnummer, and says so', async () => {
    const { view: v } = await openReport(tb, PER, SAM);
    await tb.driver.closeView(PER, v.id, { activities: NARRATIVE_VALUES.activities, goals: 'Samtal med 19121212-1212 om målen', complaints: '2' });
    const [draft] = await drafts();
    expect(draft!.values).toEqual({ activities: NARRATIVE_VALUES.activities, complaints: '2' });
    expect(draft!.baseVersion).toBe(0);
    const audit = await audits('AnnualReportDraft');
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([['startDraft', 'Per Olsson (BOJ Jämtland)']]);
    expect(JSON.stringify(audit[0]!.after)).not.toContain('19121212');
    await tb.flush();
    expect(tb.fake.messages.filter((m) => m.channel === PER).map((m) => m.text)).toContainEqual(expect.stringContaining('utom ett fält vars text såg ut att innehålla ett personnummer'));
  });

  it('reopens where the draft left off, and shows each mistake on its own field', async () => {
    const { view: v } = await openReport(tb, KARIN, SAM, 'rapport 2026'); // a colleague continues
    expect(shown(v.view)).toEqual({ activities: NARRATIVE_VALUES.activities, complaints: '2' });
    expect(textOf(v.view)).toMatch(/Du fortsätter på utkastet, senast sparat 20 januari 2027 av Per Olsson/);
    const r = await submit(KARIN, v.id, { goals: 'Målen uppnåddes, se 19121212-1212', views: 'fem', complaintsHandling: 'x'.repeat(3001) });
    expect(r.body).toEqual({
      response_action: 'errors',
      errors: {
        goals: expect.stringContaining('ser ut att innehålla ett personnummer'),
        views: 'Ange ett heltal, till exempel 12.',
        complaintsHandling: 'Texten får vara högst 3000 tecken.',
      },
    });
    expect((await drafts())[0]!.values).toEqual({ activities: NARRATIVE_VALUES.activities, complaints: '2' });
  });

  it('holds back a text that describes a person, on going on and on closing', async () => {
    const { view: v } = await openReport(tb, PER, SAM);
    const person = 'Vi stöttade en 34-årig kvinna från Storgatan 5 under hela året.';
    const r = await submit(PER, v.id, { cooperation: person });
    expect(r.body.response_action).toBe('errors');
    expect(r.body.errors.cooperation).toMatch(/^Texten ser ut att beskriva en enskild person \(.*34-årig.*\)/);
    await tb.driver.closeView(PER, v.id, { cooperation: person, views: '5' });
    const values = (await drafts())[0]!.values as Record<string, string>;
    expect(values.cooperation).toBeUndefined();
    expect(values.views).toBe('5'); // the rest of what was typed is kept
  });

  it('goes on to the financial report, prefilled from the grant plan and the year\'s statistics', async () => {
    const { view: v } = await openReport(tb, KARIN, SAM);
    // The cooperation section is left for later: a draft may be incomplete.
    const r = await submit(KARIN, v.id, { ...NARRATIVE_VALUES, cooperation: '' });
    expect(r.body.response_action).toBe('update');
    const finance = view(v.id);
    expect(finance.view.callback_id).toBe(FINANCE);
    const values = shown(finance.view);
    // Hand-computed split of 731 101 kr by population on 1 November 2025 (as in the grants test).
    expect(values.grant_berg).toBe('38412');
    expect(values.grant_ostersund).toBe('357079');
    expect(values.volunteerHours).toBe(String(31 * 15)); // 31 quarters reported, 15 hours each
    expect(textOf(finance.view)).toContain('Ifyllt från bidragsplanen i överenskommelsen');
    const labels = finance.view.blocks.filter((b: any) => b.type === 'input').map((b: any) => b.label.text);
    expect(labels).toEqual(expect.arrayContaining(['Bidrag från Berg', 'Bidrag från Östersund', ...DEFAULT_COST_CATEGORIES, 'Ideella timmar under året']));
    const saved = (await drafts())[0]!.values as Record<string, string>;
    expect(saved).toMatchObject({ goals: NARRATIVE_VALUES.goals, views: '5' });
    expect(saved.cooperation).toBeUndefined(); // a blank that was never written is nothing to keep
  });

  it('refuses an incomplete submission and names every missing part', async () => {
    const finance = [...tb.fake.views.values()].filter((v) => v.view.callback_id === FINANCE && v.user === KARIN).pop()!;
    const r = await submit(KARIN, finance.id, { cost_0: '412000', cost_1: '96000', cost_2: '', cost_3: '15000', cost_4: '22000', cost_5: '' });
    expect(r.body.response_action).toBe('update');
    const check = view(finance.id);
    expect(check.view.callback_id).toBe(CHECK);
    expect(textOf(check.view)).toContain('✅ Berg: alla kvartal rapporterade');
    expect(textOf(check.view)).toContain('❌ Åre: kvartal 4 saknas');
    const refused = await submit(KARIN, check.id, { confirm: ['yes'] });
    expect(refused.body).toEqual({
      response_action: 'errors',
      errors: {
        confirm:
          'Rapporten kan inte lämnas in än. Det här saknas: Verksamhet: samverkan. Ekonomi: kostnader för Utbildning och handledning, Övrigt (0 om inga). Statistik: Åre, kvartal 4.',
      },
    });
    expect(await reports()).toEqual([]);
  });

  it('goes back through the steps with everything kept, completes the report and submits it', async () => {
    const check = [...tb.fake.views.values()].filter((v) => v.view.callback_id === CHECK && v.user === KARIN).pop()!;
    await tb.driver.click(KARIN, { viewId: check.id }, 'followup_report_back');
    await tb.fake.waitFor(() => view(check.id).view.callback_id === FINANCE);
    expect(shown(view(check.id).view)).toMatchObject({ cost_0: '412000', cost_3: '15000' });
    await tb.driver.click(KARIN, { viewId: check.id }, 'followup_report_back');
    await tb.fake.waitFor(() => view(check.id).view.callback_id === NARRATIVE);
    expect(shown(view(check.id).view)).toMatchObject({ goals: NARRATIVE_VALUES.goals, views: '5' });
    await submit(KARIN, check.id, { cooperation: NARRATIVE_VALUES.cooperation });
    await submit(KARIN, check.id, { cost_2: '8000', cost_5: '0' });
    // Åre's fourth quarter comes in meanwhile.
    const save = await reportSaver(tb.bot.ctx, PER);
    await save('are', { year: 2026, quarter: 4 }, PER_QUARTER);
    const r = await submit(KARIN, check.id, {});
    expect(r.body.errors).toEqual({ confirm: 'Kryssa i rutan för att lämna in rapporten.' }); // nothing missing now, but the box is not ticked
    const done = await submit(KARIN, check.id, { confirm: ['yes'] });
    expect(done.body.response_action).toBe('update');
    expect(textOf(done.body.view)).toContain('Årsrapporten 2026 för *BOJ Jämtland* är inlämnad (version 1)');
    const [row] = await reports();
    expect(row).toMatchObject({ version: 1, current: true });
    expect(row!.content).toMatchObject({
      narrative: { cooperation: NARRATIVE_VALUES.cooperation, complaints: 2, views: 5 },
      financial: { totalCosts: 412000 + 96000 + 8000 + 15000 + 22000, volunteerHours: 31 * 15 },
    });
    expect((row!.content as any).financial.grants.find((g: any) => g.municipality === 'berg')).toEqual({ municipality: 'berg', name: 'Berg', received: 38412 });
    expect(await drafts()).toEqual([]);
    expect((await audits('AnnualReport')).map((a) => [a.action, a.actorLabel])).toEqual([['submit', 'Karin Nilsson (BOJ Jämtland)']]);
    await tb.flush();
    expect(tb.fake.messages.filter((m) => m.channel === SAM).map((m) => m.text)).toContain('BOJ Jämtland har lämnat in årsrapporten för 2026.');
    expect(tb.fake.messages.filter((m) => m.channel === KARIN).map((m) => m.text)).toContainEqual(expect.stringContaining('är inlämnad (version 1)'));
  });

  it('a correction after submission is a new version, and the first stays in the history', async () => {
    clock.set('2027-02-03T10:00:00Z');
    const { view: v } = await openReport(tb, PER, SAM);
    expect(textOf(v.view)).toContain('Det du lämnar in nu blir en rättelse, version 2');
    expect(shown(v.view)).toMatchObject({ cooperation: NARRATIVE_VALUES.cooperation, complaints: '2' });
    await submit(PER, v.id, { complaints: '3' });
    expect((await drafts())[0]).toMatchObject({ baseVersion: 1, values: { complaints: '3' } });
    await submit(PER, v.id, {});
    const done = await submit(PER, v.id, { confirm: ['yes'] });
    expect(textOf(done.body.view)).toContain('Rättelsen av årsrapporten 2026 för *BOJ Jämtland* är inlämnad (version 2). Ändrat: Antal klagomål som kommit in.');
    expect((await reports()).map((r) => [r.version, r.current])).toEqual([[1, false], [2, true]]);
    expect((await audits('AnnualReport')).map((a) => a.action)).toEqual(['submit', 'correct']);
    const submitted = await submittedAnnualReports(tb.bot.ctx, 2026);
    expect(submitted.map((s) => [s.party, s.version, s.content.narrative.complaints])).toEqual([['BOJ Jämtland', 2, 3]]);
    await tb.flush();
    expect(tb.fake.messages.filter((m) => m.channel === SAM).map((m) => m.text)).toContain('BOJ Jämtland har rättat årsrapporten för 2026 (version 2).');
  });

  it('submitting the same report again saves no new version', async () => {
    const { view: v } = await openReport(tb, PER, SAM);
    await submit(PER, v.id, {});
    await submit(PER, v.id, {});
    const r = await submit(PER, v.id, { confirm: ['yes'] });
    expect(textOf(r.body.view)).toContain('Inget har ändrats jämfört med version 2');
    expect(await reports()).toHaveLength(2);
  });

  it('lets only the association\'s coordinators and representatives write its report', async () => {
    const r = await tb.driver.command(EVA, SAM, '/uppfoljning rapport');
    expect((await r.reply()).text).toBe('Årsrapporterna skrivs av de idéburna föreningarna. Bergs kommun ser hur det går med `/uppfoljning status`.');
    const future = await tb.driver.command(PER, SAM, '/uppfoljning rapport 2028');
    expect((await future.reply()).text).toBe('Året `2028` går inte att välja. Skriv ett år med fyra siffror, från 2000 till och med 2027.');
    const unknown = await tb.driver.command(PER, SAM, '/uppfoljning bokslut');
    expect((await unknown.reply()).text).toMatch(/^Jag känner inte igen `\/uppfoljning bokslut`\. Det här kan du göra:\n[\s\S]*`\/uppfoljning rapport \[år\]`/);
  });
});
