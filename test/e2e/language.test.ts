import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { sendDueFollowUps } from '../../src/domain/decisions/follow-up.ts';
import { loadPartnershipFile } from '../../src/domain/partnership/file-loader.ts';
import { syncPartnership } from '../../src/domain/partnership/sync.ts';
import { JAMTLAND, STOCKHOLM, startTestBot, type TestBot } from '../helpers/bot.ts';
import { reportSaver, saveYear } from '../fixtures/statistics/helpers.ts';
import { readFileSync } from 'node:fs';

/* eslint-disable @typescript-eslint/no-explicit-any */
const JONAS = 'U0JONAS'; // BOJ Stockholm-Gotland: no language in the file, so the partnership's (Swedish)
const LINNEA = 'U0LINNEA'; // BOJ Västerort: English in the partnership file
const ERIK = 'U0ERIK'; // Socialförvaltningen, collaboration group: chooses English himself
const SAM = 'C0SAMVERK';

const text = (m: any) => JSON.stringify(m?.blocks ?? m?.view?.blocks ?? []) + (m?.text ?? '');

describe('/samverkan språk: a member chooses the language the bot speaks to them', () => {
  const clock = new ManualClock('2026-03-10T09:00:00Z');
  let tb: TestBot;
  beforeAll(async () => {
    tb = await startTestBot({ clock });
  });
  afterAll(async () => {
    await tb?.stop();
  });
  const say = async (user: string, line: string, channel = SAM) => (await (await tb.driver.command(user, channel, line)).reply()).text as string;

  it('says which language it speaks and why, and how to change it', async () => {
    expect(await say(JONAS, '/samverkan språk')).toBe(
      'Jag skriver till dig på svenska, partnerskapets språk. Byt med `/samverkan språk sv` för svenska eller `/samverkan språk en` för engelska (`/samverkan språk standard` tar bort ditt eget val). Inlägg i gemensamma kanaler skrivs alltid på partnerskapets språk.',
    );
    expect(await say(LINNEA, '/samverkan language')).toMatch(/^I write to you in English, as the partnership file says\. Change it with `\/samverkan language en`/);
  });

  it('refuses a language it does not speak in words, and a stranger as a non-member', async () => {
    expect(await say(JONAS, '/samverkan språk franska')).toBe('Jag känner inte igen språket ”franska”. Välj `sv` (svenska) eller `en` (engelska), till exempel `/samverkan språk en`.');
    expect(await say(LINNEA, '/samverkan language klingon')).toBe('I do not recognise the language “klingon”. Choose `en` (English) or `sv` (Swedish), for example `/samverkan language en`.');
    expect(await say('U0NOBODY', '/samverkan språk en')).toContain('Du finns inte med bland partnerskapets medlemmar');
    const jonas = await tb.db.prisma.member.findFirstOrThrow({ where: { chatUserId: JONAS } });
    expect(jonas.chosenLocale).toBeNull();
  });

  it('lists the command in the help, in each language with its own word', async () => {
    expect(text(await (await tb.driver.command(JONAS, SAM, '/samverkan hjälp')).reply())).toContain('`/samverkan språk sv|en` – välj om jag ska skriva till dig på svenska eller engelska');
    expect(text(await (await tb.driver.command(LINNEA, SAM, '/samverkan help')).reply())).toContain('`/samverkan language sv|en` – choose whether I write to you in Swedish or English');
  });

  it('stores the choice with an audit row and answers in the new language from then on', async () => {
    expect(await say(ERIK, '/samverkan språk en')).toBe(
      'Done. From now on I write to you in English: answers to commands, forms, direct messages and the Home tab. Posts in shared channels stay in the partnership\'s language.',
    );
    const erik = await tb.db.prisma.member.findFirstOrThrow({ where: { chatUserId: ERIK } });
    expect(erik.chosenLocale).toBe('en');
    const audit = await tb.db.prisma.auditLog.findMany({ where: { entityType: 'Member', entityId: erik.id, action: 'update' } });
    expect(audit.map((a) => a.after)).toEqual([{ chosenLocale: 'en' }]);
    expect(await say(ERIK, '/samverkan status')).toContain('You: *Erik Sandberg*');
    expect(await say(ERIK, '/samverkan language')).toMatch(/^I write to you in English, as you chose\./);
    expect(await say(ERIK, '/samverkan language english')).toBe('I already write to you in English.');
  });

  it('keeps the choice when the partnership file is applied again, and a choice wins over the file', async () => {
    expect(await say(LINNEA, '/samverkan language svenska')).toMatch(/^Klart\. Från och med nu skriver jag till dig på svenska/);
    await syncPartnership(tb.db.prisma, loadPartnershipFile(STOCKHOLM), clock.now()); // the file says Linnea speaks English
    const rows = await tb.db.prisma.member.findMany({ where: { chatUserId: { in: [ERIK, LINNEA] } }, orderBy: { chatUserId: 'asc' } });
    expect(rows.map((m) => [m.chatUserId, m.locale, m.chosenLocale])).toEqual([[ERIK, null, 'en'], [LINNEA, 'en', 'sv']]);
    expect(await say(ERIK, '/samverkan status')).toContain('You: *Erik Sandberg*');
    expect(await say(LINNEA, '/samverkan status')).toContain('Du: *Linnea Ström*');
  });

  it('opens forms, the Home tab and direct messages in the member\'s language, and posts in the channel in the partnership\'s', async () => {
    const before = new Set(tb.fake.views.keys());
    await tb.driver.command(ERIK, SAM, '/beslut');
    const form = await tb.fake.waitFor(() => [...tb.fake.views.values()].find((v) => !before.has(v.id) && v.user === ERIK && v.view.callback_id === 'decision_form'));
    expect(form.view.title.text).toBe('Record a decision');
    await tb.driver.submitView(ERIK, form.id, { title: 'Gemensam telefonlista', body: 'Vi håller en gemensam telefonlista.', follow_up: '2026-04-15', responsible_person: ERIK });
    await tb.flush();
    const done = [...tb.fake.views.values()].find((v) => v.id === form.id)!;
    expect(text(done)).toContain('Decision *SAM 2026:1* is recorded and saved. It will be posted in <#C0SAMVERK> shortly');
    const card = await tb.fake.waitFor(() => tb.fake.channelMessages(SAM).find((m) => m.text?.includes('Gemensam telefonlista')));
    expect(card.text).toMatch(/^Beslut SAM 2026:1/);
    expect(text(card)).toContain('Beslutat');

    await tb.driver.event({ type: 'app_home_opened', user: ERIK, tab: 'home', channel: 'D0ERIK' });
    const home = await tb.fake.waitFor(() => tb.fake.views.get(`home:${ERIK}`));
    expect(text(home.view)).toContain('*Latest decisions in Samverkansgruppen*');

    clock.set('2026-04-15T10:00:00Z');
    await sendDueFollowUps(tb.bot.ctx, clock.now());
    await tb.flush();
    expect(tb.fake.channelMessages(SAM).some((m) => m.text?.startsWith(':calendar: Dags att följa upp *SAM 2026:1*'))).toBe(true);
    const dm = tb.fake.messages.find((m) => m.channel !== SAM && m.text?.includes('SAM 2026:1') && m.text.includes('follow-up'));
    expect(dm?.text).toBe(':calendar: You are responsible for decision *SAM 2026:1* – Gemensam telefonlista, due for follow-up today.');
  });

  it('tells the channel of a schedule change in Swedish when the English member makes it, and him in English', async () => {
    const before = tb.fake.channelMessages(SAM).length;
    const reply = await say(ERIK, '/rotation schedule 4 wednesday 14:00 2026-05-06');
    expect(reply).toContain('changed the meeting schedule of Samverkansgruppen: every 4 weeks on Wednesdays at 14:00');
    await tb.flush();
    const posted = tb.fake.channelMessages(SAM).slice(before).map((m) => m.text ?? '');
    expect(posted.some((t) => t.includes('ändrade mötesschemat för Samverkansgruppen: var 4:e vecka på onsdagar kl. 14:00'))).toBe(true);
    expect(posted.join()).not.toContain('changed the meeting schedule');
  });

  it('posts the English member\'s escalation in Swedish in both groups\' channels, and confirms it to him in English', async () => {
    const before = new Set(tb.fake.views.keys());
    await tb.driver.command(ERIK, SAM, '/eskalera');
    const form = await tb.fake.waitFor(() => [...tb.fake.views.values()].find((v) => !before.has(v.id) && v.user === ERIK && v.view.callback_id === 'escalation_raise'));
    expect(form.view.title.text).toBe('Escalate a question');
    const party = Object.fromEntries((await tb.db.prisma.party.findMany()).map((p) => [p.key, p.id]));
    const r = await tb.driver.submitView(ERIK, form.id, { question: 'Vem bemannar helgjouren?', parties: [party['sof']!, party['boj-sg']!], positions: 'Parterna är oeniga.' });
    await tb.flush();
    expect(text(r.body)).toContain('*ESK-1* is saved and will be sent to the steering group in <#C0STYRGRP> shortly');
    const card = tb.fake.channelMessages('C0STYRGRP').find((m) => m.text?.includes('Vem bemannar helgjouren?'))!;
    expect(card.text).toContain('(öppen)');
    const note = tb.fake.messages.find((m) => m.channel === SAM && m.text?.includes('har eskalerat frågan till styrgruppen som *ESK-1*'));
    expect(note).toBeDefined();
  });

  it('uploads /beslut export to the channel in Swedish and confirms to the English member in English', async () => {
    const reply = await (await tb.driver.command(ERIK, SAM, '/beslut export 2026')).reply();
    expect(reply.text).toBe('The decision log for 2026 (1 decision) is uploaded to the channel as CSV and Markdown.');
    const csv = tb.fake.files.find((f) => f.filename === 'beslutsregister-2026.csv')!;
    expect(csv.channels).toEqual([SAM]);
    expect(csv.initial_comment).toBe('Beslutsregistret för 2026: 1 beslut, som CSV och som Markdown.');
    expect(csv.content.toString('utf8').replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^Nummer;Datum;Grupp;Rubrik;/);
    expect(tb.fake.files.find((f) => f.filename === 'beslutsregister-2026.md')!.content.toString('utf8')).toContain('# Beslutsregister 2026');
    expect(tb.fake.files.some((f) => f.filename.startsWith('decision-log'))).toBe(false);
  });
});

describe('/statistik rapport by an English member of a Swedish partnership', () => {
  const KARIN = 'U0J01'; // BOJ Jämtland, the reporting organisation
  const JSAM = 'C0JSAMV';
  const clock = new ManualClock('2027-01-20T09:00:00Z');
  let tb: TestBot;
  beforeAll(async () => {
    tb = await startTestBot({ partnershipFile: JAMTLAND, clock });
    const fixture = JSON.parse(readFileSync(new URL('../fixtures/statistics/jamtland-2026.json', import.meta.url), 'utf8'));
    await saveYear(await reportSaver(tb.bot.ctx, KARIN), 2026, fixture.inputs);
  });
  afterAll(async () => {
    await tb?.stop();
  });

  it('uploads the CSV and chart with a Swedish comment and answers Karin in English', async () => {
    await (await tb.driver.command(KARIN, JSAM, '/samverkan language en')).reply();
    const reply = await (await tb.driver.command(KARIN, JSAM, '/statistik report 2026')).reply();
    expect(reply.text).toContain('Statistics 2026');
    expect(text(reply)).toContain('CSV and chart are uploaded to the channel.');
    const csv = await tb.fake.waitFor(() => tb.fake.files.find((f) => f.filename === 'statistik-2026.csv'));
    expect(csv.channels).toEqual([JSAM]);
    expect(csv.initial_comment).toBe('Statistik 2026 (små antal dolda)');
    expect(csv.content.toString('utf8').replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^Kommun;/);
    const upload = tb.fake.channelMessages(JSAM).find((m) => m.subtype === 'file_share');
    expect(upload?.text).toBe('Statistik 2026 (små antal dolda)');
  });
});

describe('/samverkan språk standard: a member goes back to having no language of their own', () => {
  const clock = new ManualClock('2026-03-10T09:00:00Z');
  let tb: TestBot;
  beforeAll(async () => {
    tb = await startTestBot({ clock });
  });
  afterAll(async () => {
    await tb?.stop();
  });
  const say = async (user: string, line: string) => (await (await tb.driver.command(user, SAM, line)).reply()).text as string;

  it('falls back to the file\'s language, else the partnership\'s, audited, and says so in that language', async () => {
    await say(LINNEA, '/samverkan language svenska');
    expect(await say(LINNEA, '/samverkan språk standard')).toBe('Done. You no longer have a language of your own, so I write to you in English again.');
    await say(ERIK, '/samverkan språk en');
    expect(await say(ERIK, '/samverkan language default')).toBe('Klart. Du har inget eget språkval längre, så jag skriver till dig på svenska igen.');
    expect(await say(ERIK, '/samverkan språk förval')).toBe('Du har inget eget språkval, så jag skriver till dig på svenska.');
    const rows = await tb.db.prisma.member.findMany({ where: { chatUserId: { in: [ERIK, LINNEA] } }, orderBy: { chatUserId: 'asc' } });
    expect(rows.map((m) => m.chosenLocale)).toEqual([null, null]);
    const erik = rows[0]!;
    const audit = await tb.db.prisma.auditLog.findMany({ where: { entityId: erik.id, action: 'update' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.after)).toEqual([{ chosenLocale: 'en' }, { chosenLocale: null }]);
    expect(await say(LINNEA, '/samverkan status')).toContain('You: *Linnea Ström*');
  });

  it('redraws an open Home tab in the new language at once', async () => {
    await tb.driver.event({ type: 'app_home_opened', user: LINNEA, tab: 'home', channel: 'D0LINNEA' });
    await tb.fake.waitFor(() => (JSON.stringify(tb.fake.views.get(`home:${LINNEA}`)?.view ?? '').includes('Decisions in your groups') ? true : undefined));
    await say(LINNEA, '/samverkan språk sv');
    expect(JSON.stringify(tb.fake.views.get(`home:${LINNEA}`)!.view)).toContain('Beslut i dina grupper');
  });
});
