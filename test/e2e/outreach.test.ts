import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { outreachYear } from '../../src/domain/followup/outreach-year.ts';
import { parsePartnershipFile } from '../../src/domain/partnership/file-loader.ts';
import { JAMTLAND, STOCKHOLM, startTestBot, type TestBot } from '../helpers/bot.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const ANNA = 'U0ANNA'; // Socialförvaltningen (the municipality), steering group, admin
const MARIA = 'U0MARIA'; // BOJ Stockholm-Gotland, steering group
const JONAS = 'U0JONAS'; // BOJ Stockholm-Gotland, collaboration group, coordinator
const SARA = 'U0SARA'; // BOJ Södra Stockholm, both groups, coordinator
const LINNEA = 'U0LINNEA'; // BOJ Västerort, collaboration group, coordinator, English
const SAM = 'C0SAMVERK';

// The Stockholm example, with BOJ Stockholm-Gotland also serving Norrtälje (as it does), so the
// summary has two municipalities.
let dir: string;
const clock = new ManualClock('2026-11-16T09:00:00Z');
let tb: TestBot;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-outreach-'));
  const file = path.join(dir, 'stockholm.yml');
  const text = fs
    .readFileSync(STOCKHOLM, 'utf8')
    .replace('\nparties:\n', '\n  - { key: norrtalje, name: Norrtälje, code: "0188" }\n\nparties:\n')
    .replace(/(short_name: BOJ Stockholm-Gotland\n(?:.*\n){2}\s+municipalities: )\[stockholm\]/, '$1[stockholm, norrtalje]');
  expect(text).toContain('municipalities: [stockholm, norrtalje]');
  fs.writeFileSync(file, text);
  tb = await startTestBot({ partnershipFile: file, clock });
});
afterAll(async () => {
  await tb?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const replyText = (reply: any) => [reply.text, ...(reply.blocks ?? []).map((b: any) => b.text?.text ?? '')].join('\n');
const municipality = async (key: string) => (await tb.db.prisma.municipality.findFirstOrThrow({ where: { key } })).id;

/** Runs `/uppfoljning utåtriktat …` and returns the form it opened for `user`. */
async function openForm(user: string, args = '') {
  const before = new Set(tb.fake.views.keys());
  const r = await tb.driver.command(user, SAM, `/uppfoljning utåtriktat ${args}`.trim());
  const view = await tb.fake.waitFor(() => [...tb.fake.views.values()].find((v) => !before.has(v.id) && v.user === user && v.view.callback_id === 'followup_outreach'), 5000).catch(async () => {
    throw new Error(`no form: ${JSON.stringify(await r.reply())}`);
  });
  return view;
}

/** Opens the form and sends it; returns Slack's answer to the submission. */
async function record(user: string, values: Record<string, string>) {
  const form = await openForm(user);
  return (await tb.driver.submitView(user, form.id, values)).body;
}

const entry = (o: { date: string; kind: string; municipality: string; audience: string; participants: number; description: string }) => ({ ...o, participants: String(o.participants) });

describe('an association records its outreach work', () => {
  it('opens the form with the default kinds and the partnership\'s municipalities, the association\'s own first', async () => {
    const form = await openForm(SARA);
    const el = (id: string) => form.view.blocks.find((b: any) => b.block_id === id).element;
    expect(JSON.stringify(form.view.blocks)).toContain('*BOJ Södra Stockholm*');
    expect(el('kind').options.map((o: any) => o.text.text)).toEqual(['Informationsmöte', 'Föreläsning', 'Monter eller informationsbord', 'Media', 'Utbildning', 'Vittnesstödsdag vid tingsrätt', 'Övrigt']);
    expect(el('municipality').options.map((o: any) => o.text.text)).toEqual(['Stockholm', 'Norrtälje']);
    expect(el('participants')).toMatchObject({ type: 'number_input', is_decimal_allowed: false, min_value: '0' });
    expect(el('date').initial_date).toBe('2026-11-16');
    expect(form.view.blocks.at(-1).block_id).toBe('not_about_a_person');
  });

  it('records an entry, answers with its number and writes an audit row', async () => {
    const body = await record(JONAS, entry({ date: '2026-03-12', kind: 'lecture', municipality: await municipality('norrtalje'), audience: 'Gymnasieelever', participants: 40, description: 'Föreläsning om vittnesstöd och rättegången' }));
    expect(body.response_action).toBe('update');
    expect(JSON.stringify(body.view.blocks)).toContain('Sparat som *UT-1*: Föreläsning i Norrtälje den 2026-03-12, 40 deltagare.');
    const row = await tb.db.prisma.outreachEntry.findFirstOrThrow({ where: { number: 1 } });
    expect(row).toMatchObject({ kind: 'lecture', participants: 40, audience: 'Gymnasieelever' });
    const audit = await tb.db.prisma.auditLog.findMany({ where: { entityType: 'OutreachEntry', entityId: row.id } });
    expect(audit.map((a) => a.action)).toEqual(['outreach.record']);
  });

  it('refuses a bad entry field by field, in Swedish, and saves nothing', async () => {
    const before = await tb.db.prisma.outreachEntry.count();
    const body = await record(SARA, { date: '2026-12-01', kind: 'stand', municipality: await municipality('stockholm'), audience: '', participants: '-3', description: 'Samtal med 19121212-1212 vid monterna' });
    expect(body.response_action).toBe('errors');
    expect(body.errors).toEqual({
      date: 'Datumet har inte varit ännu. Registrera arbetet när det är gjort.',
      audience: 'Fyll i det här fältet.',
      participants: 'Antalet deltagare kan inte vara negativt.',
      description: expect.stringContaining('Texten i beskrivningen ser ut att innehålla ett personnummer'),
    });
    const decimals = await record(SARA, { date: '2026-05-01', kind: 'stand', municipality: await municipality('stockholm'), audience: 'Besökare', participants: '2.5', description: 'Monter på torget' });
    expect(decimals.errors).toEqual({ participants: 'Ange ett heltal, till exempel 25.' });
    expect(await tb.db.prisma.outreachEntry.count()).toBe(before);
  });

  it('holds back a description of one person (the personal-details guard covers this form)', async () => {
    const body = await record(SARA, { date: '2026-05-01', kind: 'other', municipality: await municipality('stockholm'), audience: 'Besökare', participants: '3', description: 'Vi träffade Anna Svensson, 34 år, på Storgatan 5' });
    expect(body.response_action).toBe('errors');
    expect(body.errors.description).toContain('34 år');
    expect(await tb.db.prisma.outreachEntry.count({ where: { description: { contains: 'Anna' } } })).toBe(0);
  });

  it('refuses the municipality and members without a role in an association, in words', async () => {
    const opens = tb.fake.callsTo('views.open').length;
    const r = await tb.driver.command(ANNA, SAM, '/uppfoljning utåtriktat');
    expect(replyText(await r.reply())).toContain('Socialförvaltningen är ingen förening. Utåtriktat arbete registreras av föreningarnas samordnare och representanter.');
    const nobody = await tb.driver.command('U0NOBODY', SAM, '/uppfoljning utåtriktat');
    expect(replyText(await nobody.reply())).toContain('Du finns inte med bland partnerskapets medlemmar');
    expect(tb.fake.callsTo('views.open')).toHaveLength(opens);
  });

  it('records a redelivered submission once', async () => {
    const form = await openForm(SARA);
    const values = entry({ date: '2026-04-20', kind: 'stand', municipality: await municipality('stockholm'), audience: 'Besökare på Medborgarplatsen', participants: 120, description: 'Monter under trygghetsveckan' });
    // A double click: two deliveries of one submission at once.
    const [a, b] = await Promise.all([tb.driver.submitView(SARA, form.id, values), tb.driver.submitView(SARA, form.id, values)]);
    const answers = [a, b].map((r) => JSON.stringify(r.body)).sort();
    expect(answers[0]).toContain('Det här var redan sparat som *UT-2*.');
    expect(answers[1]).toContain('Sparat som *UT-2*');
    expect(await tb.db.prisma.outreachEntry.count({ where: { audience: 'Besökare på Medborgarplatsen' } })).toBe(1);
  });

  it('answers a member who chose English in English', async () => {
    const body = await record(LINNEA, entry({ date: '2026-09-03', kind: 'media', municipality: await municipality('stockholm'), audience: 'Listeners of local radio', participants: 0, description: 'Interview on witness support' }));
    expect(JSON.stringify(body.view.blocks)).toContain('Saved as *UT-3*: Media in Stockholm on 2026-09-03, 0 participants.');
  });
});

describe('the year\'s outreach, listed and exported', () => {
  beforeAll(async () => {
    await record(JONAS, entry({ date: '2026-06-10', kind: 'information_meeting', municipality: await municipality('stockholm'), audience: 'Personal inom hemtjänsten', participants: 15, description: 'Information om stödet' }));
    await record(SARA, entry({ date: '2026-10-02', kind: 'lecture', municipality: await municipality('stockholm'), audience: 'Pensionärsföreningen', participants: 25, description: 'Föreläsning om bedrägerier' }));
    await record(JONAS, entry({ date: '2025-12-01', kind: 'lecture', municipality: await municipality('stockholm'), audience: 'Polisen', participants: 30, description: 'Förra året' }));
  });

  it('the municipality sees every association with totals per kind, municipality and association', async () => {
    const text = replyText(await (await tb.driver.command(ANNA, SAM, '/uppfoljning utåtriktat lista 2026')).reply());
    expect(text).toContain('*5 aktiviteter*, 200 deltagare (alla föreningar).');
    expect(text).toContain('• Föreläsning: 2 aktiviteter, 65 deltagare');
    expect(text).toContain('• Informationsmöte: 1 aktivitet, 15 deltagare');
    expect(text).toContain('• Monter eller informationsbord: 1 aktivitet, 120 deltagare');
    expect(text).toContain('• Media: 1 aktivitet, 0 deltagare');
    expect(text).toContain('• Norrtälje: 1 aktivitet, 40 deltagare');
    expect(text).toContain('• Stockholm: 4 aktiviteter, 160 deltagare');
    expect(text).toContain('• BOJ Södra Stockholm: 2 aktiviteter, 145 deltagare');
    expect(text).toContain('*UT-1* 2026-03-12 · Föreläsning · Norrtälje · BOJ Stockholm-Gotland · 40 deltagare');
    expect(text).not.toContain('Förra året');
  });

  it('an association\'s member outside the steering group sees only their own; the steering group sees all', async () => {
    const jonas = replyText(await (await tb.driver.command(JONAS, SAM, '/uppfoljning utåtriktat lista 2026')).reply());
    expect(jonas).toContain('*2 aktiviteter*, 55 deltagare (BOJ Stockholm-Gotland).');
    expect(jonas).not.toContain('BOJ Södra Stockholm');
    const maria = replyText(await (await tb.driver.command(MARIA, SAM, '/uppfoljning utåtriktat lista 2026')).reply());
    expect(maria).toContain('*5 aktiviteter*, 200 deltagare (alla föreningar).');
    const last = replyText(await (await tb.driver.command(JONAS, SAM, '/uppfoljning utåtriktat lista 2025')).reply());
    expect(last).toContain('*1 aktivitet*, 30 deltagare');
  });

  it('gives the compiled follow-up the year per association and municipality', async () => {
    const y = await outreachYear(tb.bot.ctx, 2026);
    expect(y.total).toMatchObject({ activities: 5, participants: 200 });
    expect(y.byAssociation.map((a) => [a.name, a.activities, a.participants, a.byMunicipality.map((m) => `${m.name}:${m.activities}/${m.participants}`)])).toEqual([
      ['BOJ Stockholm-Gotland', 2, 55, ['Norrtälje:1/40', 'Stockholm:1/15']],
      ['BOJ Södra Stockholm', 2, 145, ['Stockholm:2/145']],
      ['BOJ Västerort', 1, 0, ['Stockholm:1/0']],
    ]);
  });

  it('exports the year as two CSV files, uploaded once however often the command is delivered', async () => {
    const before = tb.fake.files.length;
    const r = await tb.driver.command(ANNA, SAM, '/uppfoljning utåtriktat export 2026', { deliveries: 3 });
    await tb.fake.waitFor(() => r.replies().length >= 3);
    await tb.bot.inFlight.idle();
    const files = tb.fake.files.slice(before);
    expect(files.map((f) => f.filename).sort()).toEqual(['utatriktat-2026-sammanfattning.csv', 'utatriktat-2026.csv']);
    const notes = r.replies().map((p) => JSON.stringify(p.body));
    expect(notes.filter((n) => n.includes('Registreringarna och summeringen för 2026 ligger som CSV i kanalen.'))).toHaveLength(1);
    const rows = (name: string) => files.find((f) => f.filename === name)!.content.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    const entries = rows('utatriktat-2026.csv');
    expect(entries[0]).toBe('Nummer;Datum;Förening;Typ;Kommun;Målgrupp;Deltagare;Beskrivning');
    expect(entries).toHaveLength(6);
    expect(entries[1]).toBe('UT-1;2026-03-12;BOJ Stockholm-Gotland;Föreläsning;Norrtälje;Gymnasieelever;40;Föreläsning om vittnesstöd och rättegången');
    const summary = rows('utatriktat-2026-sammanfattning.csv');
    expect(summary).toContain('Alla föreningar;Totalt;;5;200');
    expect(summary).toContain('Alla föreningar;Typ;Föreläsning;2;65');
    expect(summary).toContain('Alla föreningar;Kommun;Stockholm;4;160');
    expect(summary).toContain('BOJ Stockholm-Gotland;Kommun;Norrtälje;1;40');
  });

  it('lets the association correct and remove its own entries, and no other\'s', async () => {
    const form = await openForm(JONAS, 'ändra UT-1');
    const initial = Object.fromEntries(form.view.blocks.filter((b: any) => b.element).map((b: any) => [b.block_id, b.element.initial_value ?? b.element.initial_option?.value ?? b.element.initial_date]));
    expect(initial).toMatchObject({ date: '2026-03-12', kind: 'lecture', audience: 'Gymnasieelever', participants: '40' });
    const fixed = await tb.driver.submitView(JONAS, form.id, { ...initial, participants: '45' });
    expect(JSON.stringify(fixed.body)).toContain('*UT-1* är rättad: Föreläsning i Norrtälje den 2026-03-12, 45 deltagare.');

    const other = await tb.driver.command(SARA, SAM, '/uppfoljning utåtriktat ändra UT-1');
    expect(replyText(await other.reply())).toContain('UT-1 registrerades av en annan förening. Bara den föreningen kan rätta eller ta bort den.');
    const gone = await tb.driver.command(SARA, SAM, '/uppfoljning utåtriktat ta-bort UT-1');
    expect(replyText(await gone.reply())).toContain('registrerades av en annan förening');

    const removed = await tb.driver.command(SARA, SAM, '/uppfoljning utåtriktat ta-bort UT-2');
    expect(replyText(await removed.reply())).toContain('*UT-2* (Monter eller informationsbord i Stockholm den 2026-04-20) är borttagen.');
    const y = await outreachYear(tb.bot.ctx, 2026);
    expect(y.total).toMatchObject({ activities: 4, participants: 85 });
    const again = await tb.driver.command(SARA, SAM, '/uppfoljning utåtriktat ta-bort UT-2');
    expect(replyText(await again.reply())).toContain('Det finns ingen registrering UT-2.');
    const entry1 = await tb.db.prisma.outreachEntry.findFirstOrThrow({ where: { number: 1 } });
    const audit = await tb.db.prisma.auditLog.findMany({ where: { entityType: 'OutreachEntry', entityId: entry1.id }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['outreach.record', 'outreach.correct']);
    expect((audit[1]!.before as any).participants).toBe(40);
  });
});

describe('/uppfoljning itself', () => {
  it('answers an unknown sub-command with the help, and a bare command with it too', async () => {
    const unknown = replyText(await (await tb.driver.command(JONAS, SAM, '/uppfoljning hej')).reply());
    expect(unknown).toContain('Jag känner inte igen `/uppfoljning hej`. Det här kan du göra:');
    expect(unknown).toContain('`/uppfoljning utåtriktat lista [år]`');
    const bare = replyText(await (await tb.driver.command(JONAS, SAM, '/uppfoljning')).reply());
    expect(bare).toContain('*Uppföljning* (`/uppfoljning`)');
    const sub = replyText(await (await tb.driver.command(LINNEA, SAM, '/uppfoljning utåtriktat nej')).reply());
    expect(sub).toContain('I do not recognise `/uppfoljning utåtriktat nej`.');
    const year = replyText(await (await tb.driver.command(JONAS, SAM, '/uppfoljning utåtriktat lista förra')).reply());
    expect(year).toContain('Jag förstår inte året `förra`.');
  });
});

describe('outreach kinds from the partnership file (Jämtland: one association, eight municipalities)', () => {
  const KARIN = 'U0J01'; // BOJ Jämtland: coordinator
  const EVA = 'U0J10'; // Bergs kommun: representative
  const JSAM = 'C0JSAMV';
  let jt: TestBot;
  let jdir: string;
  beforeAll(async () => {
    jdir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-outreach-j-'));
    const file = path.join(jdir, 'jamtland.yml');
    const text = fs.readFileSync(JAMTLAND, 'utf8').replace('\n  crime_types:\n', '\n  outreach_kinds: [Skolbesök, Föreläsning, Vittnesstödsdag vid tingsrätt]\n  crime_types:\n');
    expect(text).toContain('outreach_kinds: [Skolbesök');
    fs.writeFileSync(file, text);
    jt = await startTestBot({ partnershipFile: file, clock: new ManualClock('2026-11-16T09:00:00Z') });
  });
  afterAll(async () => {
    await jt?.stop();
    if (jdir) fs.rmSync(jdir, { recursive: true, force: true });
  });

  it('offers the file\'s kinds, shown as written, and counts them per municipality', async () => {
    const before = new Set(jt.fake.views.keys());
    await jt.driver.command(KARIN, JSAM, '/uppfoljning utåtriktat');
    const form = await jt.fake.waitFor(() => [...jt.fake.views.values()].find((v) => !before.has(v.id) && v.view.callback_id === 'followup_outreach'), 5000);
    const el = (id: string) => form.view.blocks.find((b: any) => b.block_id === id).element;
    expect(el('kind').options.map((o: any) => o.text.text)).toEqual(['Skolbesök', 'Föreläsning', 'Vittnesstödsdag vid tingsrätt']);
    expect(el('municipality').options).toHaveLength(8);
    const krokom = el('municipality').options.find((o: any) => o.text.text === 'Krokom').value;
    const r = await jt.driver.submitView(KARIN, form.id, { date: '2026-02-03', kind: 'Skolbesök', municipality: krokom, audience: 'Årskurs 9', participants: '58', description: 'Samtal om att vara vittne' });
    expect(JSON.stringify(r.body)).toContain('Sparat som *UT-1*: Skolbesök i Krokom den 2026-02-03, 58 deltagare.');
    const list = replyText(await (await jt.driver.command(EVA, JSAM, '/uppfoljning utåtriktat lista 2026')).reply());
    expect(list).toContain('• Skolbesök: 1 aktivitet, 58 deltagare');
    expect(list).toContain('• Krokom: 1 aktivitet, 58 deltagare');
  });

  it('refuses a file that lists a kind twice, naming the line', () => {
    const text = fs.readFileSync(JAMTLAND, 'utf8').replace('\n  crime_types:\n', '\n  outreach_kinds: [Skolbesök, Skolbesök]\n  crime_types:\n');
    expect(() => parsePartnershipFile(text, 'jamtland.yml')).toThrow(/partnership\.outreach_kinds: lists a kind twice/);
  });
});
