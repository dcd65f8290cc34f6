import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { castVote, onDecisionAdopted, proposeDecision, recordDecision } from '../../src/domain/decisions/index.ts';
import { requireActor } from '../../src/domain/partnership/directory.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const ANNA = 'U0ANNA'; // Socialförvaltningen: representative in the steering group, which Socialförvaltningen chairs until July 2026
const MARIA = 'U0MARIA'; // BOJ Stockholm-Gotland, steering group
const SARA = 'U0SARA'; // BOJ Södra Stockholm, both groups
const OMAR = 'U0OMAR'; // BOJ Västerort, steering group
const ERIK = 'U0ERIK'; // Socialförvaltningen, collaboration group
const JONAS = 'U0JONAS'; // BOJ Stockholm-Gotland, collaboration group only
const LINNEA = 'U0LINNEA'; // BOJ Västerort, collaboration group, English
const SAM = 'C0SAMVERK';
const STY = 'C0STYRGRP';

const clock = new ManualClock('2026-03-10T09:00:00Z');
let tb: TestBot;
beforeAll(async () => {
  tb = await startTestBot({ clock });
});
afterAll(async () => {
  await tb?.stop();
});

const text = (m: any) => JSON.stringify(m?.blocks ?? m?.view?.blocks ?? []) + (m?.text ?? '');
const formsOf = (user: string) => [...tb.fake.views.values()].filter((v) => v.user === user && v.view.callback_id === 'decision_form');

/** Runs `/beslut` (or a shortcut, or a button) and returns the form it opened. */
async function opened(user: string, action: () => Promise<unknown>, callbackId = 'decision_form') {
  const before = new Set(tb.fake.views.keys());
  await action();
  return tb.fake.waitFor(() => [...tb.fake.views.values()].find((v) => !before.has(v.id) && v.user === user && v.view.callback_id === callbackId));
}

async function record(user: string, channel: string, values: Record<string, string | null>) {
  const form = await opened(user, () => tb.driver.command(user, channel, '/beslut'));
  // The submission replaces the modal (response_action: update), so keep what the form showed.
  const blocks = form.view.blocks;
  const r = await tb.driver.submitView(user, form.id, values);
  await tb.flush();
  return { form, blocks, r };
}

const cardOf = async (decisionId: string) => {
  const ref = await tb.db.prisma.chatMessage.findUniqueOrThrow({ where: { ref: `decision:${decisionId}` } });
  return tb.fake.messages.find((m) => m.channel === ref.conversationId && m.ts === ref.messageId)!;
};
const decisionByTitle = (title: string) => tb.db.prisma.decision.findFirstOrThrow({ where: { title } });

describe('recording a collaboration-group decision', () => {
  it('records from /beslut, numbers it SAM 2026:1 and posts the card in the group channel', async () => {
    const { blocks, r } = await record(ERIK, SAM, { title: 'Gemensam broschyr', body: 'Vi tar fram en gemensam broschyr om stödet.', follow_up: '2026-04-15', responsible_person: ERIK });
    expect(blocks.find((b: any) => b.block_id === 'group').element.initial_option.text.text).toBe('Samverkansgruppen');
    expect(r.body.response_action).toBe('update');
    expect(text(r.body)).toContain('Beslut *SAM 2026:1* är registrerat och sparat. Det publiceras i <#C0SAMVERK> strax');
    const d = await decisionByTitle('Gemensam broschyr');
    expect(d).toMatchObject({ status: 'ADOPTED', reference: 'SAM 2026:1', year: 2026, number: 1 });
    const card = await cardOf(d.id);
    expect(card.channel).toBe(SAM);
    expect(card.text).toBe('Beslut SAM 2026:1: Gemensam broschyr');
    expect(text(card)).toContain('Vi tar fram en gemensam broschyr om stödet.');
    expect(text(card)).toContain('<@U0ERIK>');
    expect(text(card)).toContain('15 april 2026');
    const audit = await tb.db.prisma.auditLog.findMany({ where: { entityType: 'Decision', entityId: d.id } });
    expect(audit.map((a) => a.action)).toEqual(['record']);
    expect(audit[0]!.actorLabel).toContain('Erik Sandberg');
  });

  it('records from the message shortcut, prefilled with the message text and its permalink', async () => {
    const slack = new WebClient('xoxb-test', { slackApiUrl: tb.fake.apiUrl });
    const posted = await slack.chat.postMessage({ channel: SAM, text: 'Telefontider samordnas\nJourerna turas om att bemanna telefonen på helger.' });
    const form = await opened(JONAS, () => tb.driver.messageShortcut(JONAS, 'register_decision', SAM, { ts: posted.ts!, text: posted.message!.text }));
    const initial = (id: string) => form.view.blocks.find((b: any) => b.block_id === id).element.initial_value;
    expect(initial('title')).toBe('Telefontider samordnas');
    expect(initial('body')).toContain('bemanna telefonen på helger');
    expect(initial('link')).toContain(`/archives/${SAM}/p`);
    const link = initial('link');
    const r = await tb.driver.submitView(JONAS, form.id, {});
    expect(text(r.body)).toContain('SAM 2026:2');
    const d = await decisionByTitle('Telefontider samordnas');
    expect(d.link).toBe(link);
    expect(d.reference).toBe('SAM 2026:2');
  });

  it('refuses a group the member does not belong to, on the group field', async () => {
    const form = await opened(JONAS, () => tb.driver.command(JONAS, SAM, '/beslut'));
    const options = form.view.blocks.find((b: any) => b.block_id === 'group').element.options.map((o: any) => o.text.text);
    expect(options).toEqual(['Samverkansgruppen']); // Jonas sits only in the collaboration group
    const stranger = await (await tb.driver.command('U0NOBODY', SAM, '/beslut')).reply();
    expect(stranger.text).toContain('Du finns inte med bland partnerskapets medlemmar');
  });

  it('refuses text with a personnummer as a field error and saves nothing; an organisation number passes', async () => {
    const before = await tb.db.prisma.decision.count();
    const form = await opened(ERIK, () => tb.driver.command(ERIK, SAM, '/beslut'));
    const r = await tb.driver.submitView(ERIK, form.id, { title: 'Ärende', body: 'Gäller 811218-9876 som behöver stöd.', background: 'Samordningsnummer 19811278-9873' });
    expect(r.body.response_action).toBe('errors');
    expect(r.body.errors.body).toContain('Texten i beslutet ser ut att innehålla ett personnummer');
    expect(r.body.errors.background).toContain('Texten i bakgrunden');
    expect(await tb.db.prisma.decision.count()).toBe(before);
    const ok = await tb.driver.submitView(ERIK, form.id, { title: 'Avtal med BOJ', body: 'Avtalet med 802490-7720 förlängs.', background: null });
    expect(ok.body.response_action).toBe('update');
  });

  it('refuses a personnummer in the link or in another spelling (full-width digits, zero-width space) and saves nothing', async () => {
    const before = await tb.db.prisma.decision.count();
    const form = await opened(ERIK, () => tb.driver.command(ERIK, SAM, '/beslut'));
    const r = await tb.driver.submitView(ERIK, form.id, { title: 'Ärende', body: 'Gäller １９８１１２１８－９８７６.', background: 'Se 811218\u200B-9876', link: 'https://intranet.example.se/p?id=811218%2D9876' });
    expect(r.body.response_action).toBe('errors');
    for (const field of ['body', 'background', 'link']) expect(r.body.errors[field], field).toContain('ser ut att innehålla ett personnummer');
    expect(await tb.db.prisma.decision.count()).toBe(before);
  });

  it('explains other mistakes on their fields: future date, follow-up before the decision, bad link', async () => {
    const form = await opened(ERIK, () => tb.driver.command(ERIK, SAM, '/beslut'));
    const r = await tb.driver.submitView(ERIK, form.id, { title: 'x', body: 'y', decided_on: '2026-03-11', follow_up: '2026-03-01', link: 'ftp://x' });
    expect(r.body.errors).toEqual({
      decided_on: 'Ett beslut kan inte ha fattats i framtiden. Välj dagens datum eller ett tidigare.',
      follow_up: 'Uppföljningen måste ligga efter beslutsdatumet.',
      link: 'Ange en webbadress som börjar med https:// (högst 500 tecken).',
    });
  });

  it('never creates two decisions from one submission: a double submit, a Slack retry, or both at once', async () => {
    const form = await opened(SARA, () => tb.driver.command(SARA, SAM, '/beslut'));
    const values = { title: 'Gemensam utbildningsdag', body: 'Utbildningsdag för volontärer i maj.' };
    // What Slack would send again on a retry: the form as it was submitted.
    const v = { view: form.view, hash: form.hash };
    const [a, b] = await Promise.all([tb.driver.submitView(SARA, form.id, values), tb.driver.submitView(SARA, form.id, values)]);
    expect([a.body.response_action, b.body.response_action]).toEqual(['update', 'update']);
    const payload = {
      type: 'view_submission', token: 'legacy', api_app_id: tb.driver.appId, team: { id: tb.driver.teamId, domain: 'samverkan' },
      user: { id: SARA, username: 'sara', name: 'sara', team_id: tb.driver.teamId }, trigger_id: tb.fake.triggerId(SARA),
      view: { id: form.id, ...v.view, hash: v.hash, state: { values: tb.driver.stateValues(v.view, values) } }, response_urls: [],
    };
    const retried = await tb.driver.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(text(retried.body)).toContain('redan sparat som *SAM 2026:');
    await tb.flush();
    expect(await tb.db.prisma.decision.count({ where: { title: 'Gemensam utbildningsdag' } })).toBe(1);
    const d = await decisionByTitle('Gemensam utbildningsdag');
    expect(tb.fake.messages.filter((m) => m.text?.includes('Gemensam utbildningsdag') && m.channel === SAM)).toHaveLength(1);
    expect(await tb.db.prisma.auditLog.count({ where: { entityId: d.id } })).toBe(1);
  });
});

describe('the steering group decides unanimously', () => {
  let proposalId = '';
  const click = (user: string, actionId: string) => cardOf(proposalId).then((card) => tb.driver.click(user, { channel: card.channel, ts: card.ts }, actionId));

  it('posts a proposal with its own id, every party waiting, and voting buttons', async () => {
    const { r } = await record(ANNA, STY, { title: 'Ny part: BOJ Norrort', body: 'Styrgruppen föreslår att BOJ Norrort blir part från 2027.' });
    expect(text(r.body)).toContain('Förslag *STY-F1* är sparat och publiceras i <#C0STYRGRP> strax');
    const d = await decisionByTitle('Ny part: BOJ Norrort');
    proposalId = d.id;
    expect(d).toMatchObject({ status: 'PROPOSED', reference: null, number: null, proposalNumber: 1 });
    const card = await cardOf(d.id);
    expect(card.text).toBe('Förslag STY-F1: Ny part: BOJ Norrort');
    for (const party of ['Socialförvaltningen', 'BOJ Stockholm-Gotland', 'BOJ Södra Stockholm', 'BOJ Västerort']) expect(text(card)).toContain(`:white_circle: ${party}: väntar`);
    expect(text(card)).toContain('decision_consent');
  });

  it('refuses a vote from someone who is not a representative in the steering group', async () => {
    const reply = await (await click(JONAS, 'decision_consent')).reply();
    expect(reply.text).toBe('Bara parternas representanter i styrgruppen kan godkänna eller invända.');
    expect(await tb.db.prisma.decisionVote.count({ where: { decisionId: proposalId } })).toBe(0);
  });

  it('counts consents, refuses a second vote of a party, and keeps the proposal open on one objection', async () => {
    for (const user of [ANNA, MARIA, SARA]) expect((await (await click(user, 'decision_consent')).reply()).text).toContain('Du har godkänt STY-F1');
    const again = await (await click(MARIA, 'decision_consent')).reply();
    expect(again.text).toBe('BOJ Stockholm-Gotland har redan godkänt förslaget (Maria Holm). Varje part röstar en gång.');

    const objection = await opened(OMAR, () => click(OMAR, 'decision_object'), 'decision_objection');
    const empty = await tb.driver.submitView(OMAR, objection.id, { reason: '' });
    expect(empty.body.errors.reason).toBe('Skriv varför din part invänder, så att dialogen kan börja.');
    const ok = await tb.driver.submitView(OMAR, objection.id, { reason: 'Finansieringen för 2027 är inte klar.' });
    expect(ok.status).toBe(200);
    expect(ok.body?.response_action).toBeUndefined();
    await tb.flush();

    const d = await tb.db.prisma.decision.findUniqueOrThrow({ where: { id: proposalId } });
    expect(d.status).toBe('PROPOSED');
    const card = await cardOf(proposalId);
    expect(text(card)).toContain(':red_circle: BOJ Västerort: invänder (<@U0OMAR>) – Finansieringen för 2027 är inte klar.');
    expect(text(card)).toContain('Det finns en invändning');
    expect(text(card)).toContain(':large_green_circle: BOJ Södra Stockholm: godkänt av <@U0SARA>');
    const thread = tb.fake.channelMessages(STY, { thread_ts: card.ts });
    expect(thread.map((m) => m.text).join()).toContain('BOJ Västerort (<@U0OMAR>) invänder: Finansieringen för 2027 är inte klar.');
  });

  it('adopts the proposal as STY 2026:1 when the objecting party consents after the dialogue', async () => {
    const reply = await (await click(OMAR, 'decision_consent')).reply();
    expect(reply.text).toBe('Det var det sista godkännandet: förslaget är nu beslut STY 2026:1.');
    await tb.flush();
    const d = await tb.db.prisma.decision.findUniqueOrThrow({ where: { id: proposalId } });
    expect(d).toMatchObject({ status: 'ADOPTED', reference: 'STY 2026:1', number: 1, year: 2026 });
    const card = await cardOf(proposalId);
    expect(card.text).toBe('Beslut STY 2026:1: Ny part: BOJ Norrort');
    expect(text(card)).not.toContain('decision_consent');
    expect(tb.fake.channelMessages(STY, { thread_ts: card.ts }).map((m) => m.text).join()).toContain('Förslaget är nu beslut *STY 2026:1*');
    const actions = await tb.db.prisma.auditLog.findMany({ where: { OR: [{ entityId: proposalId }, { entityType: 'DecisionVote' }] }, orderBy: { id: 'asc' } });
    expect(actions.map((a) => a.action)).toEqual(['propose', 'consent', 'consent', 'consent', 'object', 'lift-objection', 'adopt']);
  });

  it('refuses votes on an adopted proposal and on one the chair withdrew; only the chair withdraws', async () => {
    const maria = await requireActor(tb.bot.ctx, MARIA); // a stale card in someone's client still has the buttons
    await expect(castVote(tb.bot.ctx, maria.member, maria.actor, proposalId, 'CONSENT')).rejects.toMatchObject({ key: 'decisions.vote.alreadyAdopted', params: { reference: 'STY 2026:1' } });
    await record(MARIA, STY, { title: 'Extra möte i juni', body: 'Styrgruppen håller ett extra möte i juni.' });
    proposalId = (await decisionByTitle('Extra möte i juni')).id;
    expect((await (await click(MARIA, 'decision_withdraw')).reply()).text).toBe('Bara ordföranden i Styrgruppen kan göra det. Ordförandeskapet roterar, och just nu är *Socialförvaltningen* ordförande: det är Anna Lindqvist som kan göra det.');
    const confirm = await opened(ANNA, () => click(ANNA, 'decision_withdraw'), 'decision_withdraw_confirm');
    expect(text((await tb.driver.submitView(ANNA, confirm.id, {})).body)).toContain('Förslaget STY-F2 är tillbakadraget.');
    const sara = await requireActor(tb.bot.ctx, SARA);
    await expect(castVote(tb.bot.ctx, sara.member, sara.actor, proposalId, 'CONSENT')).rejects.toMatchObject({ key: 'decisions.vote.withdrawn' });
    await tb.flush();
    expect(text(await cardOf(proposalId))).toContain('*Tillbakadraget* av <@U0ANNA>');
  });

  it('runs the hooks of the proposal\'s origin inside the adopting transaction (for escalations)', async () => {
    const seen: string[] = [];
    onDecisionAdopted('test-origin', async (tx, decision) => {
      await tx.idempotencyKey.create({ data: { key: `adopted:${decision.originId}`, result: { reference: decision.reference } } });
      seen.push(decision.reference!);
    });
    const ctx = tb.bot.ctx;
    const { actor } = await requireActor(ctx, ANNA);
    const group = await tb.db.prisma.group.findFirstOrThrow({ where: { channelId: STY } });
    const p = await proposeDecision(ctx, actor, { groupId: group.id, title: 'Svar på eskalering', body: 'Styrgruppen beslutar om en åtgärdsplan.', origin: { type: 'test-origin', id: 'E1' } });
    for (const user of [ANNA, MARIA, SARA, OMAR]) {
      const m = await requireActor(ctx, user);
      await castVote(ctx, m.member, m.actor, p.id, 'CONSENT');
    }
    expect(seen).toEqual(['STY 2026:2']);
    const key = await tb.db.prisma.idempotencyKey.findUniqueOrThrow({ where: { key: 'adopted:E1' } });
    expect(key.result).toEqual({ reference: 'STY 2026:2' });
  });
});

describe('supersession', () => {
  it('a correction supersedes the old decision, and both cards show the link', async () => {
    const old = await decisionByTitle('Gemensam broschyr');
    const oldCard = await cardOf(old.id);
    const form = await opened(ERIK, () => tb.driver.click(ERIK, { channel: oldCard.channel, ts: oldCard.ts }, 'decision_supersede'));
    expect(text(form.view)).toContain('Det här beslutet ersätter *SAM 2026:1*');
    const r = await tb.driver.submitView(ERIK, form.id, { title: 'Gemensam broschyr och affisch', body: 'Vi tar fram en broschyr och en affisch.' });
    await tb.flush();
    const next = await decisionByTitle('Gemensam broschyr och affisch');
    expect(text(r.body)).toContain(next.reference!);
    expect((await tb.db.prisma.decision.findUniqueOrThrow({ where: { id: old.id } })).supersededById).toBe(next.id);
    expect(text(await cardOf(old.id))).toContain(`*Ersatt av ${next.reference}.*`);
    expect(text(await cardOf(old.id))).not.toContain('decision_supersede');
    expect(text(await cardOf(next.id))).toContain('Ersätter *SAM 2026:1* (Gemensam broschyr)');
    const again = await tb.driver.submitView(ERIK, (await opened(ERIK, () => tb.driver.command(ERIK, SAM, '/beslut'))).id, {});
    expect(again.body.response_action).toBe('errors');
  });
});

describe('listing, searching and exporting', () => {
  it('lists a group\'s decisions of a year and searches by words', async () => {
    const all = await (await tb.driver.command(JONAS, SAM, '/beslut lista sam 2026')).reply();
    expect(all.text).toContain('*SAM 2026:1* (2026-03-10) Gemensam broschyr – _ersatt av SAM 2026:');
    expect(all.text).toContain('*SAM 2026:2* (2026-03-10) Telefontider samordnas');
    expect(all.text).not.toContain('STY');
    const found = await (await tb.driver.command(JONAS, SAM, '/beslut lista helger')).reply();
    expect(found.text).toContain('1 träff som innehåller ”helger”');
    expect(found.text).toContain('Telefontider samordnas');
    const proposals = await (await tb.driver.command(ANNA, STY, '/beslut lista styrgrupp')).reply();
    expect(proposals.text).toContain('*STY-F2* Extra möte i juni – _tillbakadraget_');
    const none = await (await tb.driver.command(JONAS, SAM, '/beslut lista flygplan')).reply();
    expect(none.text).toBe('Inga beslut hittades som innehåller ”flygplan”.');
  });

  it('exports the year\'s register as CSV and Markdown shaped like minutes', async () => {
    await tb.driver.command(ERIK, SAM, '/beslut export 2026');
    const csv = await tb.fake.waitFor(() => tb.fake.files.find((f) => f.filename === 'beslutsregister-2026.csv'));
    const md = tb.fake.files.find((f) => f.filename === 'beslutsregister-2026.md')!;
    expect(csv.channels).toEqual([SAM]);
    const lines = csv.content.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Nummer;Datum;Grupp;Rubrik;Beslut;Bakgrund;Ansvarig;Uppföljning;Status;Ersätter;Ersatt av;Länk;Registrerat av;Godkänt av');
    const next = await decisionByTitle('Gemensam broschyr och affisch');
    const consents = 'Socialförvaltningen: Anna Lindqvist (2026-03-10 10:00), BOJ Stockholm-Gotland: Maria Holm (2026-03-10 10:00), BOJ Södra Stockholm: Sara Ek (2026-03-10 10:00), BOJ Västerort: Omar Haddad (2026-03-10 10:00)';
    expect(lines).toContain(`STY 2026:1;2026-03-10;Styrgruppen;Ny part: BOJ Norrort;Styrgruppen föreslår att BOJ Norrort blir part från 2027.;;;;Gäller;;;;Anna Lindqvist;${consents}`);
    expect(lines.find((l) => l.startsWith('SAM 2026:1;'))).toBe(
      `SAM 2026:1;2026-03-10;Samverkansgruppen;Gemensam broschyr;Vi tar fram en gemensam broschyr om stödet.;;Erik Sandberg;2026-04-15;Ersatt av ${next.reference};;${next.reference};;Erik Sandberg;`,
    );
    expect(lines.some((l) => l.includes('Extra möte i juni'))).toBe(false); // withdrawn proposals are not decisions
    const doc = md.content.toString('utf8');
    expect(doc).toContain('# Beslutsregister 2026');
    expect(doc).toContain('## Samverkansgruppen');
    expect(doc).toContain('### § SAM 2026:2 – Telefontider samordnas');
    expect(doc).toContain(`Status: Ersatt av ${next.reference}`);
    expect(doc).toContain('> Vi tar fram en broschyr och en affisch.');
    expect(doc).toContain('Ersätter SAM 2026:1.');
    // A public record: who recorded each decision and, for the steering group's, who consented for each party and when.
    expect(doc).toContain('Status: Gäller · Registrerat av: Anna Lindqvist');
    expect(doc).toContain('*Godkänt av:*\n- Socialförvaltningen: Anna Lindqvist (2026-03-10 10:00)\n- BOJ Stockholm-Gotland: Maria Holm (2026-03-10 10:00)');
    expect(doc).toContain('- BOJ Västerort: Omar Haddad (2026-03-10 10:00)');
    expect(doc).toContain('Registrerat av: Jonas Berg');
  });

  it('says in plain words why Slack refused the export, never Slack\'s error code', async () => {
    tb.fake.failNext('files.getUploadURLExternal', { error: 'not_in_channel' });
    const notIn = await (await tb.driver.command(ERIK, SAM, '/beslut export 2026')).reply();
    expect(notIn.text).toBe('Jag kunde inte ladda upp registret i den här kanalen. Jag är inte med i kanalen: bjud in mig med /invite @Samverkan och försök igen.');
    tb.fake.failNext('files.getUploadURLExternal', { error: 'channel_not_found' });
    const hidden = await (await tb.driver.command(ERIK, SAM, '/beslut export 2026')).reply();
    expect(hidden.text).toContain('Jag kan inte se den här kanalen (en privat kanal eller ett direktmeddelande som jag inte är med i)');
    tb.fake.failNext('files.getUploadURLExternal', { status: 429, retryAfter: 30 });
    const limited = await (await tb.driver.command(ERIK, SAM, '/beslut export 2026')).reply();
    expect(limited.text).toBe('Jag kunde inte ladda upp registret i den här kanalen. Slack tar just nu inte emot fler uppladdningar från mig: vänta en minut och försök igen.');
    tb.fake.failNext('files.completeUploadExternal', { error: 'internal_error' });
    const other = await (await tb.driver.command(ERIK, SAM, '/beslut export 2026')).reply();
    expect(other.text).toMatch(/^Jag kunde inte ladda upp registret i den här kanalen\. Något gick fel hos mig.*\(felkod [0-9a-f]{6}\)\.$/);
    expect([notIn, hidden, limited, other].map((r) => r.text).join()).not.toMatch(/not_in_channel|channel_not_found|ratelimited|internal_error/);
  });
});

describe('the App Home and English', () => {
  it('shows the member\'s groups with open proposals and latest decisions', async () => {
    await record(SARA, STY, { title: 'Gemensam statistikmall', body: 'Styrgruppen föreslår en gemensam mall.' });
    await tb.driver.event({ type: 'app_home_opened', user: SARA, tab: 'home', channel: 'D0SARA' });
    const home = await tb.fake.waitFor(() => tb.fake.views.get(`home:${SARA}`));
    const all = text(home.view);
    expect(all).toContain('*Öppna förslag i Styrgruppen*');
    expect(all).toContain('Gemensam statistikmall – _förslag, väntar på Socialförvaltningen, BOJ Stockholm-Gotland, BOJ Södra Stockholm och BOJ Västerort_');
    expect(all).toContain('*Senaste besluten i Samverkansgruppen*');
    expect(all).toContain('*STY 2026:1*');
  });

  it('says on the Home tab that it could not be shown, with an error code, instead of leaving it blank', async () => {
    tb.fake.failNext('views.publish', { error: 'internal_error' });
    await tb.driver.event({ type: 'app_home_opened', user: JONAS, tab: 'home', channel: 'D0JONAS' });
    const home = await tb.fake.waitFor(() => tb.fake.views.get(`home:${JONAS}`));
    expect(text(home.view)).toMatch(/Något gick fel hos mig.*felkod [0-9a-f]{6}/);
    expect(text(home.view)).not.toContain('internal_error');
    await tb.driver.event({ type: 'app_home_opened', user: JONAS, tab: 'home', channel: 'D0JONAS' });
    await tb.fake.waitFor(() => text(tb.fake.views.get(`home:${JONAS}`)?.view).includes('Senaste besluten i Samverkansgruppen') || undefined);
  });

  it('speaks English to Linnea: the form, the list and a refused vote', async () => {
    const form = await opened(LINNEA, () => tb.driver.command(LINNEA, SAM, '/beslut'));
    expect(form.view.title.text).toBe('Record a decision');
    const r = await tb.driver.submitView(LINNEA, form.id, { title: 'Helpline', body: 'Ring 811218-9876.' });
    expect(r.body.errors.body).toContain('The text in the decision seems to contain a Swedish personal identity');
    const list = await (await tb.driver.command(LINNEA, SAM, '/beslut list helger')).reply();
    expect(list.text).toContain('1 match containing “helger”');
    const d = await decisionByTitle('Gemensam statistikmall');
    const card = await cardOf(d.id);
    const refused = await (await tb.driver.click(LINNEA, { channel: card.channel, ts: card.ts }, 'decision_consent')).reply();
    expect(refused.text).toBe('Only the parties\' representatives in the steering group can consent or object.');
  });
});

describe('numbering', () => {
  it('numbers per group and year, also when many record at once', async () => {
    const ctx = tb.bot.ctx;
    const sam = await tb.db.prisma.group.findFirstOrThrow({ where: { channelId: SAM } });
    const members = await Promise.all([ERIK, JONAS, SARA, LINNEA].map((u) => requireActor(ctx, u)));
    const before = await tb.db.prisma.decision.count({ where: { groupId: sam.id, year: 2026 } });
    const made = await Promise.all(members.map((m, i) => recordDecision(ctx, m.member, m.actor, { groupId: sam.id, title: `Parallellt ${i}`, body: 'Samtidigt.' })));
    const numbers = made.map((r) => r.decision.number!).sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4].map((n) => before + n));

    clock.set('2027-01-04T09:00:00Z');
    const { r } = await record(ERIK, SAM, { title: 'Nytt år', body: 'Första beslutet 2027.' });
    expect(text(r.body)).toContain('SAM 2027:1');
    const { r: late } = await record(ERIK, SAM, { title: 'Sent protokollfört', body: 'Beslut från december.', decided_on: '2026-12-17' });
    expect(text(late.body)).toContain(`SAM 2026:${before + 5}`);
  });

  it('reminds the responsible person and the channel on the follow-up day, once, catching up after downtime', async () => {
    // Clock is in 2027: the follow-up of "Gemensam broschyr" (2026-04-15) was superseded; "Telefontider" has none.
    const ctx = tb.bot.ctx;
    const sam = await tb.db.prisma.group.findFirstOrThrow({ where: { channelId: SAM } });
    const erik = await requireActor(ctx, ERIK);
    const d = await recordDecision(ctx, erik.member, erik.actor, { groupId: sam.id, title: 'Utvärdera jourtelefonen', body: 'Vi utvärderar efter en månad.', followUpOn: '2027-02-04', responsibleMemberId: erik.member.id });
    await tb.flush();
    // The bot's own scheduler with every registered job: each works in short transactions (see rotation-scheduler.test.ts).
    const scheduler = tb.bot.scheduler;
    const dm = () => tb.fake.messages.filter((m) => m.text?.includes('Du är ansvarig för beslut') && m.text.includes(d.label));
    const inChannel = () => tb.fake.channelMessages(SAM).filter((m) => m.text?.includes(`Dags att följa upp *${d.label}*`));

    clock.set('2027-02-04T06:30:00Z'); // 07:30 in Stockholm: not yet
    await scheduler.tick();
    await tb.flush();
    expect(inChannel()).toHaveLength(0);

    clock.set('2027-02-06T10:00:00Z'); // the bot was down on the day itself: it catches up
    await scheduler.tick();
    await tb.flush();
    await scheduler.tick();
    await tb.flush();
    expect(inChannel()).toHaveLength(1);
    expect(inChannel()[0]!.text).toContain('Ansvarig: <@U0ERIK>');
    expect(dm()).toHaveLength(1);
    expect(dm()[0]!.channel).not.toBe(SAM);
  });
});

describe('paging through the register', () => {
  it('shows 15 at a time with "Visa fler", each decision once, down to the last page without the button', async () => {
    const ctx = tb.bot.ctx;
    const sam = await tb.db.prisma.group.findFirstOrThrow({ where: { channelId: SAM } });
    const erik = await requireActor(ctx, ERIK);
    // Recorded at the same instant: the pages must still neither skip nor repeat one.
    for (let i = 1; i <= 60; i++) await recordDecision(ctx, erik.member, erik.actor, { groupId: sam.id, title: `Sidbyte ${i}`, body: `Punkt ${i} om sidbyte.`, decidedOn: '2026-12-01' });
    const seen: string[] = [];
    const titles = (m: any) => [...text(m).matchAll(/Sidbyte (\d+)\\n/g)].map((x) => x[1]!);
    let page = await (await tb.driver.command(ERIK, SAM, '/beslut lista sidbyte')).reply();
    expect(page.blocks[1].elements[0].text).toBe('Visar de 15 senaste av 60 träffar som innehåller ”sidbyte”. Förfina sökningen med grupp, år eller sökord.');
    for (let n = 1; n <= 4; n++) {
      seen.push(...titles(page));
      const more = page.blocks.find((b: any) => b.block_id === 'decision_list');
      if (n === 4) {
        expect(more).toBeUndefined();
        expect(page.blocks[1].elements[0].text).toBe('Visar 46–60 av 60 träffar som innehåller ”sidbyte”.');
        break;
      }
      expect(more.elements[0].text.text).toBe('Visa fler');
      const message = tb.fake.messages.filter((m) => m.ephemeral_to === ERIK && m.text === page.text).at(-1)!;
      page = await (await tb.driver.click(ERIK, { channel: message.channel, ts: message.ts }, 'decision_list_more')).reply();
      if (n === 1) expect(page.blocks[1].elements[0].text).toBe('Visar 16–30 av 60 träffar som innehåller ”sidbyte”.');
    }
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
  });

  it('refuses an altered "Visa fler" in words, and pages in English for Linnea', async () => {
    const page = await (await tb.driver.command(LINNEA, SAM, '/beslut list sidbyte')).reply();
    expect(page.blocks.find((b: any) => b.block_id === 'decision_list').elements[0].text.text).toBe('Show more');
    const message = tb.fake.messages.filter((m) => m.ephemeral_to === LINNEA && m.text === page.text).at(-1)!;
    const next = await (await tb.driver.click(LINNEA, { channel: message.channel, ts: message.ts }, 'decision_list_more')).reply();
    expect(next.blocks[1].elements[0].text).toBe('Showing 16–30 of 60 matches containing “sidbyte”.');
    const bad = await (await tb.driver.click(LINNEA, { channel: message.channel, ts: message.ts }, 'decision_list_more', { value: '{"w":1}' })).reply();
    expect(bad.text).toContain('in a shape I do not recognise');
    expect(bad.blocks).toBeUndefined();
  });
});
