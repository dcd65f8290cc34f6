import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { JAMTLAND, startTestBot, type TestBot } from '../helpers/bot.ts';
import { applyUpdate, blockText, figures, initialValues, opened, typeInto } from '../fixtures/statistics/helpers.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const KARIN = 'U0J01'; // BOJ Jämtland: coordinator, representative, admin
const PER = 'U0J02'; // BOJ Jämtland: coordinator
const EVA = 'U0J10'; // Bergs kommun: representative (a municipality, not a reporting organisation)
const SAM = 'C0JSAMV';
const CRIMES = Array.from({ length: 8 }, (_, i) => `crime_${i}`); // jamtland.yml lists eight crime types

const clock = new ManualClock('2026-04-02T08:00:00Z'); // quarter 1 has just ended
let tb: TestBot;
let berg: string;
beforeAll(async () => {
  tb = await startTestBot({ partnershipFile: JAMTLAND, clock });
  berg = (await tb.db.prisma.municipality.findFirstOrThrow({ where: { key: 'berg' } })).id;
});
afterAll(async () => {
  await tb?.stop();
});

/** `/statistik`, then step one with the quarter and municipality; returns the figures step. */
async function openFigures(user: string, choose: Record<string, string> = {}) {
  const first = await opened(tb, user, () => tb.driver.command(user, SAM, '/statistik'));
  const r = await tb.driver.submitView(user, first.id, { municipality: berg, ...choose });
  return applyUpdate(tb, first.id, r.body);
}
const reportsOf = (municipalityId: string) => tb.db.prisma.statisticsReport.findMany({ where: { municipalityId, year: 2026, quarter: 1 }, orderBy: { version: 'asc' } });

describe('a coordinator reports quarterly statistics', () => {
  it('opens the form for their own organisation, the quarter just ended and the municipalities it serves', async () => {
    const form = await opened(tb, KARIN, () => tb.driver.command(KARIN, SAM, '/statistik'));
    expect(blockText(form.view)).toContain('Rapportera för *BOJ Jämtland*');
    const [period, municipality] = ['period', 'municipality'].map((id) => form.view.blocks.find((b: any) => b.block_id === id).element);
    expect(period.initial_option.value).toBe('2026-1');
    expect(period.initial_option.text.text).toBe('Kvartal 1 2026');
    expect(municipality.options.map((o: any) => o.text.text)).toEqual(['Berg', 'Bräcke', 'Härjedalen', 'Krokom', 'Ragunda', 'Strömsund', 'Åre', 'Östersund']);
  });

  it('shows every mistake on its own field, in Swedish, and saves nothing', async () => {
    const form = await openFigures(KARIN);
    expect(blockText(form.view)).toContain('*BOJ Jämtland* · Berg · kvartal 1 2026');
    const kinds = form.view.blocks.filter((b: any) => b.element?.type === 'number_input').map((b: any) => b.element);
    expect(kinds.every((e: any) => e.is_decimal_allowed === false && e.min_value === '0')).toBe(true);
    expect(blockText(form.view)).toContain('Våld i nära relation');

    const shapes = await tb.driver.submitView(KARIN, form.id, {
      ...figures(10, [6, 4, 0], CRIMES),
      total: '',
      genderMale: '-1',
      age0to17: '2,5',
      meetings: 'tio',
      volunteerHours: '99999999',
      comment: 'Samtal med 19121212-1212 om fortsatt stöd',
    });
    expect(shapes.body.response_action).toBe('errors');
    expect(shapes.body.errors).toEqual({
      total: 'Fyll i ett heltal (0 om inga).',
      genderMale: 'Antalet kan inte vara negativt.',
      age0to17: 'Ange ett heltal, utan decimaler.',
      meetings: 'Ange ett heltal, till exempel 12.',
      volunteerHours: 'Talet är orimligt stort (högst 1000000). Kontrollera det.',
      comment: expect.stringContaining('ser ut att innehålla ett personnummer'),
    });

    const sums = await tb.driver.submitView(KARIN, form.id, {
      ...figures(10, [6, 3, 0], CRIMES),
      age21to64: '8',
      roleWitness: '1',
      crime_0: '9',
      comment: 'x'.repeat(1001),
    });
    expect(sums.body.errors).toEqual({
      genderFemale: 'Summan per kön (9) stämmer inte med antalet personer totalt (10).',
      age0to17: 'Summan per ålder (8) stämmer inte med antalet personer totalt (10).',
      roleVictim: 'Summan per roll (11) stämmer inte med antalet personer totalt (10).',
      crime_0: 'Summan per brottstyp (9) stämmer inte med antalet personer totalt (10).',
      comment: 'Kommentaren får vara högst 1000 tecken.',
    });
    expect(await reportsOf(berg)).toHaveLength(0);
  });

  it('offers only quarters that have begun, and refuses one that has not (a stale or tampered form)', async () => {
    const first = await opened(tb, KARIN, () => tb.driver.command(KARIN, SAM, '/statistik'));
    const period = first.view.blocks.find((b: any) => b.block_id === 'period').element;
    expect(period.options.map((o: any) => o.value)).toEqual(['2026-2', '2026-1', '2025-4', '2025-3', '2025-2', '2025-1']);
    period.options.push({ text: { type: 'plain_text', text: 'Kvartal 3 2026' }, value: '2026-3' });
    const r = await tb.driver.submitView(KARIN, first.id, { period: '2026-3', municipality: berg });
    expect(r.body).toEqual({ response_action: 'errors', errors: { period: 'Kvartal 3 2026 har inte börjat ännu. Välj ett kvartal som har börjat.' } });
  });

  it('refuses a municipality the organisation does not serve (a stale or tampered form)', async () => {
    const other = await tb.db.prisma.municipality.create({ data: { partnershipId: tb.bot.ctx.partnershipId, key: 'sundsvall', name: 'Sundsvall' } });
    const first = await opened(tb, KARIN, () => tb.driver.command(KARIN, SAM, '/statistik'));
    first.view.blocks.find((b: any) => b.block_id === 'municipality').element.options.push({ text: { type: 'plain_text', text: 'Sundsvall' }, value: other.id });
    const r = await tb.driver.submitView(KARIN, first.id, { municipality: other.id });
    expect(r.body.errors).toEqual({ municipality: 'BOJ Jämtland rapporterar inte för den kommunen. Välj en av organisationens kommuner.' });
    await tb.db.prisma.municipality.delete({ where: { id: other.id } });
  });

  it('shows the quarter and municipality errors found on saving on the total, since step one is gone, every one of them', async () => {
    const form = await openFigures(KARIN);
    const before = (await reportsOf(berg)).length;
    // Between the steps, Berg is no longer served and the clock is back in 2025 (quarter 1 2026 has not begun).
    await tb.db.prisma.municipality.update({ where: { id: berg }, data: { active: false } });
    clock.set('2025-12-20T08:00:00Z');
    try {
      const r = await tb.driver.submitView(KARIN, form.id, figures(10, [6, 4, 0], CRIMES));
      expect(r.body).toEqual({
        response_action: 'errors',
        errors: { total: 'Kvartal 1 2026 har inte börjat ännu. Välj ett kvartal som har börjat. BOJ Jämtland rapporterar inte för den kommunen. Välj en av organisationens kommuner.' },
      });
    } finally {
      clock.set('2026-04-02T08:00:00Z');
      await tb.db.prisma.municipality.update({ where: { id: berg }, data: { active: true } });
    }
    expect(await reportsOf(berg)).toHaveLength(before);
  });

  it('saves a valid report, confirms it in the form and by DM, and tells the collaboration group', async () => {
    const form = await openFigures(KARIN);
    const r = await tb.driver.submitView(KARIN, form.id, { ...figures(10, [6, 4, 0], CRIMES), comment: 'Två informationsträffar på biblioteket.' });
    expect(r.body.response_action).toBe('update');
    expect(blockText(r.body)).toContain('Statistiken för *Berg*, kvartal 1 2026, är sparad (version 1, 10 personer)');
    const [row] = await reportsOf(berg);
    expect(row).toMatchObject({ version: 1, current: true, total: 10, genderFemale: 6, genderMale: 4, genderOther: 0, age21to64: 10, meetings: 20, volunteerHours: 30, comment: 'Två informationsträffar på biblioteket.' });
    expect(row!.crimeTypes).toEqual({ 'Våld i nära relation': 10, Misshandel: 0, Sexualbrott: 0, 'Hot och ofredande': 0, 'Stöld och inbrott': 0, Bedrägeri: 0, Hatbrott: 0, Övrigt: 0 });
    const audit = await tb.db.prisma.auditLog.findMany({ where: { entityType: 'StatisticsReport', entityId: row!.id } });
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([['submit', 'Karin Nilsson (BOJ Jämtland)']]);
    await tb.flush();
    expect(tb.fake.messages.find((m) => m.channel === KARIN && m.text?.includes('Berg'))?.text).toContain('är sparad (version 1, 10 personer)');
    expect(tb.fake.messages.filter((m) => m.channel === SAM).map((m) => m.text)).toContain('BOJ Jämtland har rapporterat statistik för Berg, kvartal 1 2026.');
  });

  it('submitting the same figures again (a double click or a retry) saves no second version', async () => {
    const form = await openFigures(KARIN);
    const r = await tb.driver.submitView(KARIN, form.id, {});
    expect(blockText(r.body)).toContain('Inget har ändrats jämfört med version 1');
    expect(await reportsOf(berg)).toHaveLength(1);
  });

  it('a correction becomes version 2, keeps version 1 and shows the submitter what changed', async () => {
    const form = await openFigures(PER);
    expect(initialValues(form.view)).toMatchObject({ total: '10', genderFemale: '6', genderMale: '4', comment: 'Två informationsträffar på biblioteket.' });
    expect(blockText(form.view)).toContain('Det finns redan en rapport (version 1)');
    const r = await tb.driver.submitView(PER, form.id, { ...initialValues(form.view), total: '11', genderFemale: '7', age21to64: '11', roleVictim: '11', crime_0: '10', crime_1: '1', comment: '' });
    const text = blockText(r.body);
    expect(text).toContain('Rättelsen för *Berg*, kvartal 1 2026, är sparad som version 2');
    expect(text).toContain('• Antal personer som fått stöd: 10 → 11');
    expect(text).toContain('• Kvinna: 6 → 7');
    expect(text).toContain('• Brottstyp: Misshandel: 0 → 1');
    expect(text).toContain('• Kommentar: Två informationsträffar på biblioteket. → (tom)');
    expect(text).not.toContain('• Man:');
    const rows = await reportsOf(berg);
    expect(rows.map((x) => [x.version, x.current, x.total])).toEqual([[1, false, 10], [2, true, 11]]);
    const audit = await tb.db.prisma.auditLog.findMany({ where: { entityType: 'StatisticsReport', entityId: { in: rows.map((x) => x.id) } }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['submit', 'correct']);
    expect((audit[1]!.before as any).figures.counts.total).toBe(10);
    expect((audit[1]!.after as any).figures.counts.total).toBe(11);
    await tb.flush();
    expect(tb.fake.messages.filter((m) => m.channel === SAM).map((m) => m.text)).toContain('BOJ Jämtland har rättat statistiken för Berg, kvartal 1 2026 (version 2).');
  });

  it('keeps the figures when the user goes back to step one and forward again', async () => {
    const form = await openFigures(KARIN);
    typeInto(tb, form.id, { total: '12', genderFemale: '8', genderMale: '4' });
    await tb.driver.click(KARIN, { viewId: form.id }, 'statistics_back');
    const back = await tb.fake.waitFor(() => tb.fake.views.get(form.id)?.view.callback_id === 'statistics_choose' && tb.fake.views.get(form.id));
    expect(back.view.blocks.find((b: any) => b.block_id === 'municipality').element.initial_option.value).toBe(berg);
    const r = await tb.driver.submitView(KARIN, form.id, {});
    const again = applyUpdate(tb, form.id, r.body);
    expect(initialValues(again.view)).toMatchObject({ total: '12', genderFemale: '8', genderMale: '4', genderOther: '0' });
  });

  it('keeps even the values that were refused when the user goes back to step one and forward again', async () => {
    const form = await openFigures(KARIN);
    const typed = { ...figures(10, [6, 4, 0], CRIMES), genderMale: '-1', age0to17: '2,5', meetings: 'tio', comment: 'x'.repeat(1001) };
    const refused = await tb.driver.submitView(KARIN, form.id, typed);
    expect(refused.body.response_action).toBe('errors');
    typeInto(tb, form.id, typed);
    await tb.driver.click(KARIN, { viewId: form.id }, 'statistics_back');
    await tb.fake.waitFor(() => tb.fake.views.get(form.id)?.view.callback_id === 'statistics_choose');
    const again = applyUpdate(tb, form.id, (await tb.driver.submitView(KARIN, form.id, {})).body);
    expect(initialValues(again.view)).toMatchObject({ total: '10', genderFemale: '6', genderMale: '-1', age0to17: '2,5', meetings: 'tio', comment: 'x'.repeat(1001) });
    // Sent again unchanged, the same mistakes are shown on the same fields, and nothing is saved.
    const before = (await reportsOf(berg)).length;
    const r = await tb.driver.submitView(KARIN, form.id, {});
    expect(Object.keys(r.body.errors).sort()).toEqual(['age0to17', 'comment', 'genderMale', 'meetings']);
    expect(await reportsOf(berg)).toHaveLength(before);
  });

  it('tells the user by DM when going back fails, and the form keeps what was typed', async () => {
    const form = await openFigures(PER);
    typeInto(tb, form.id, { total: '7' });
    tb.fake.failNext('views.update', { error: 'internal_error' });
    await tb.driver.click(PER, { viewId: form.id }, 'statistics_back');
    const dm = await tb.fake.waitFor(() => tb.fake.messages.find((m) => m.channel === PER && m.text?.startsWith('Jag kunde inte gå tillbaka')));
    expect(dm.text).toMatch(/^Jag kunde inte gå tillbaka till första steget i statistikformuläret\. Något gick fel hos mig.*\(felkod [0-9a-f]{6}\)\. Formuläret är kvar med allt du skrivit\.$/);
    expect(dm.text).not.toContain('internal_error');
    expect(tb.fake.views.get(form.id)?.view.callback_id).toBe('statistics_form');
  });

  it('keeps the form open when someone else saved a correction meanwhile, and saves it after going back', async () => {
    const perForm = await openFigures(PER);
    const karinForm = await openFigures(KARIN);
    await tb.driver.submitView(KARIN, karinForm.id, { ...initialValues(karinForm.view), meetings: '25' });
    expect((await reportsOf(berg)).at(-1)!.version).toBe(3);
    const stale = await tb.driver.submitView(PER, perForm.id, { ...initialValues(perForm.view), volunteerHours: '40' });
    expect(stale.body.response_action).toBe('errors');
    expect(stale.body.errors.total).toContain('Någon annan sparade version 3 av rapporten medan du fyllde i');
    expect((await reportsOf(berg)).at(-1)!.version).toBe(3);

    typeInto(tb, perForm.id, { volunteerHours: '40' });
    await tb.driver.click(PER, { viewId: perForm.id }, 'statistics_back');
    await tb.fake.waitFor(() => tb.fake.views.get(perForm.id)?.view.callback_id === 'statistics_choose');
    const again = applyUpdate(tb, perForm.id, (await tb.driver.submitView(PER, perForm.id, {})).body);
    expect(initialValues(again.view).volunteerHours).toBe('40');
    const saved = await tb.driver.submitView(PER, again.id, {});
    // Per's figures are saved over Karin's version 3, and the receipt shows him that he undid her change.
    expect(blockText(saved.body)).toContain('• Antal träffar och kontakter: 25 → 20');
    expect(blockText(saved.body)).toContain('• Ideella timmar: 30 → 40');
    expect((await reportsOf(berg)).map((x) => x.version)).toEqual([1, 2, 3, 4]);
  });

  it('keeps the form open with an apology on the form when the database cannot save', async () => {
    const form = await openFigures(KARIN, { period: '2025-4' });
    await tb.db.prisma.$executeRawUnsafe('ALTER TABLE "StatisticsReport" RENAME TO "StatisticsReportAway"');
    try {
      const r = await tb.driver.submitView(KARIN, form.id, figures(5, [3, 2, 0], CRIMES));
      expect(r.body.response_action).toBe('errors');
      expect(r.body.errors.total).toMatch(/^Uppgifterna kunde inte sparas på grund av ett fel hos mig \(felkod [0-9a-f]{6}\)\. Formuläret är kvar/);
    } finally {
      await tb.db.prisma.$executeRawUnsafe('ALTER TABLE "StatisticsReportAway" RENAME TO "StatisticsReport"');
    }
    const again = await tb.driver.submitView(KARIN, form.id, figures(5, [3, 2, 0], CRIMES));
    expect(blockText(again.body)).toContain('kvartal 4 2025, är sparad (version 1, 5 personer)');
  });

  it('tells the user the figures are saved even when posting to Slack fails, and delivers later', async () => {
    tb.fake.failNext('chat.postMessage', { error: 'internal_error', times: 2 });
    const bracke = await tb.db.prisma.municipality.findFirstOrThrow({ where: { key: 'bracke' } });
    const first = await opened(tb, KARIN, () => tb.driver.command(KARIN, SAM, '/statistik'));
    const form = applyUpdate(tb, first.id, (await tb.driver.submitView(KARIN, first.id, { municipality: bracke.id })).body);
    const r = await tb.driver.submitView(KARIN, form.id, figures(7, [4, 3, 0], CRIMES));
    expect(blockText(r.body)).toContain('Statistiken för *Bräcke*, kvartal 1 2026, är sparad');
    await tb.flush();
    expect(await tb.db.prisma.statisticsReport.count({ where: { municipalityId: bracke.id } })).toBe(1);
    clock.advance(60_000);
    await tb.flush();
    expect(tb.fake.messages.filter((m) => m.channel === SAM).map((m) => m.text)).toContain('BOJ Jämtland har rapporterat statistik för Bräcke, kvartal 1 2026.');
  });
});

describe('who may report', () => {
  it('refuses a municipality representative: the non-profit organisations report', async () => {
    const before = tb.fake.views.size;
    const reply = await (await tb.driver.command(EVA, SAM, '/statistik')).reply();
    expect(reply.text).toBe('Statistiken rapporteras av de idéburna organisationerna. Bergs kommun kan se den med `/statistik status` och `/statistik rapport`.');
    expect(tb.fake.views.size).toBe(before);
  });

  it('refuses a member of the organisation without a coordinator or representative role, and a stranger', async () => {
    await (await tb.driver.command(KARIN, SAM, '/samverkan admin lägg-till <@U0J99|nils> boj-jamtland')).reply();
    const member = await (await tb.driver.command('U0J99', SAM, '/statistik')).reply();
    expect(member.text).toBe('Bara samordnare och representanter för BOJ Jämtland kan rapportera statistik.');
    const stranger = await (await tb.driver.command('U0NOBODY', SAM, '/statistik')).reply();
    expect(stranger.text).toContain('Du finns inte med bland partnerskapets medlemmar');
  });
});

describe('/statistik status', () => {
  it('shows the municipality contacts who has reported the quarter and what is missing', async () => {
    const reply = await (await tb.driver.command(EVA, SAM, '/statistik status')).reply();
    expect(reply.text).toContain('Statistik för kvartal 1 2026');
    expect(reply.text).toContain('⏳ *BOJ Jämtland*: 2 av 8 kommuner. Saknas: Härjedalen, Krokom, Ragunda, Strömsund, Åre och Östersund');
    expect(blockText(reply)).toContain('Sista dag att rapportera: 15 april 2026.');
    const q2 = await (await tb.driver.command(EVA, SAM, '/statistik status 2026-K2')).reply();
    expect(q2.text).toContain('❌ *BOJ Jämtland*: inget rapporterat.');
    const bad = await (await tb.driver.command(EVA, SAM, '/statistik status förra')).reply();
    expect(bad.text).toBe('Jag förstår inte `förra`. Skriv ett år (2026) eller ett kvartal (2026-K1).');
  });
});
