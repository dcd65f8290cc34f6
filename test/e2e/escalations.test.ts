import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const ANNA = 'U0ANNA'; // Socialförvaltningen: steering group representative; Socialförvaltningen chairs until the meeting of 7 May 2026 (see the extra meeting below)
const MARIA = 'U0MARIA'; // BOJ Stockholm-Gotland, steering group only
const SARA = 'U0SARA'; // BOJ Södra Stockholm, both groups
const OMAR = 'U0OMAR'; // BOJ Västerort, steering group
const ERIK = 'U0ERIK'; // Socialförvaltningen, collaboration group
const JONAS = 'U0JONAS'; // BOJ Stockholm-Gotland, collaboration group
const LINNEA = 'U0LINNEA'; // BOJ Västerort, collaboration group, English
const SAM = 'C0SAMVERK';
const STY = 'C0STYRGRP';

const clock = new ManualClock('2026-03-10T09:00:00Z');
let tb: TestBot;
let party: Record<string, string>;
beforeAll(async () => {
  tb = await startTestBot({ clock });
  party = Object.fromEntries((await tb.db.prisma.party.findMany()).map((p) => [p.key, p.id]));
});
afterAll(async () => {
  await tb?.stop();
});

const DAY = 86_400_000;
const text = (m: any) => JSON.stringify(m?.blocks ?? m?.view?.blocks ?? []) + (m?.text ?? '');
const slack = () => new WebClient('xoxb-test', { slackApiUrl: tb.fake.apiUrl });

/** Runs an action and returns the modal it opened for `user`. */
async function opened(user: string, callbackId: string, action: () => Promise<unknown>) {
  const before = new Set(tb.fake.views.keys());
  await action();
  return tb.fake.waitFor(() => [...tb.fake.views.values()].find((v) => !before.has(v.id) && v.user === user && v.view.callback_id === callbackId));
}

const posted = async (ref: string) => {
  const row = await tb.db.prisma.chatMessage.findUniqueOrThrow({ where: { ref } });
  return tb.fake.messages.find((m) => m.channel === row.conversationId && m.ts === row.messageId)!;
};
const escalation = (number: number) => tb.db.prisma.escalation.findFirstOrThrow({ where: { number } });
const cardOf = async (number: number) => posted(`escalation:${(await escalation(number)).id}`);
const clickCard = async (user: string, number: number, actionId: string) => {
  const card = await cardOf(number);
  return tb.driver.click(user, { channel: card.channel, ts: card.ts }, actionId);
};
const dms = (user: string) => tb.fake.channelMessages(user);

const defaults = () => ({ parties: [party['sof']!, party['boj-sg']!], positions: 'Socialförvaltningen vill ha gemensam bemanning; BOJ Stockholm-Gotland vill ha egna jourtider.' });

/** `/eskalera` in the collaboration group's channel, submitted with `values`. */
async function raise(user: string, values: Record<string, any>) {
  const form = await opened(user, 'escalation_raise', () => tb.driver.command(user, SAM, '/eskalera'));
  const r = await tb.driver.submitView(user, form.id, { ...defaults(), ...values });
  await tb.flush();
  return r;
}

describe('the whole loop: raise → thread → unanimous answer → posted back → closed', () => {
  let threadTs: string;

  it('escalates from a message: card with positions and link in the steering channel, note in the original thread', async () => {
    const root = await slack().chat.postMessage({ channel: SAM, text: 'Hur bemannar vi helgjouren?' });
    threadTs = root.ts!;
    const reply = await slack().chat.postMessage({ channel: SAM, thread_ts: threadTs, text: 'Vi är inte överens om helgjouren – ska styrgruppen avgöra?' });
    const form = await opened(JONAS, 'escalation_raise', () => tb.driver.messageShortcut(JONAS, 'escalate_message', SAM, { ts: reply.ts!, thread_ts: threadTs, text: reply.message!.text }));
    const initial = (id: string) => form.view.blocks.find((b: any) => b.block_id === id).element.initial_value;
    expect(initial('question')).toBe('Vi är inte överens om helgjouren – ska styrgruppen avgöra?');
    expect(initial('link')).toContain(`/archives/${SAM}/p`);

    const r = await tb.driver.submitView(JONAS, form.id, defaults());
    expect(r.body.response_action).toBe('update');
    expect(text(r.body)).toContain('*ESK-1* är sparad och skickas till styrgruppen i <#C0STYRGRP> strax');
    await tb.flush();

    const e = await escalation(1);
    expect(e).toMatchObject({ status: 'OPEN', originPlatform: 'slack', originConversationId: SAM, originMessageId: threadTs, urgent: false });
    const card = await cardOf(1);
    expect(card.channel).toBe(STY);
    expect(card.text).toBe('ESK-1: Vi är inte överens om helgjouren – ska styrgruppen avgöra? (öppen)');
    expect(text(card)).toContain('eskalerad av <@U0JONAS> (BOJ Stockholm-Gotland) från Samverkansgruppen den 10 mars 2026');
    expect(text(card)).toContain('*Oeniga parter:* Socialförvaltningen och BOJ Stockholm-Gotland');
    expect(text(card)).toContain('vill ha egna jourtider');
    expect(text(card)).toContain(`/archives/${SAM}/p`);
    const notes = tb.fake.channelMessages(SAM, { thread_ts: threadTs }).filter((m) => m.text?.includes('ESK-1'));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.text).toContain('<@U0JONAS> har eskalerat frågan till styrgruppen som *ESK-1*');
    const audit = await tb.db.prisma.auditLog.findMany({ where: { entityType: 'Escalation', entityId: e.id } });
    expect(audit.map((a) => a.action)).toEqual(['raise']);
    expect(audit[0]!.actorLabel).toContain('Jonas Berg');
  });

  it('lets a steering member answer with a proposal that goes through the unanimity flow', async () => {
    const form = await opened(MARIA, 'escalation_answer', () => clickCard(MARIA, 1, 'escalation_answer_click'));
    const r = await tb.driver.submitView(MARIA, form.id, { title: 'Helgjouren bemannas gemensamt', body: 'Parterna turas om att bemanna helgjouren, med Socialförvaltningen som samordnare.' });
    expect(text(r.body)).toContain('Förslaget *STY-F1* är framlagt');
    await tb.flush();
    const e = await escalation(1);
    expect(e.status).toBe('IN_PROGRESS');
    const d = await tb.db.prisma.decision.findUniqueOrThrow({ where: { id: e.decisionId! } });
    expect(d).toMatchObject({ status: 'PROPOSED', originType: 'escalation', originId: e.id, background: e.question });
    const card = await cardOf(1);
    expect(text(card)).toContain('Förslag till svar: *STY-F1*');
    expect(text(card)).not.toContain('escalation_answer_click');
    const thread = tb.fake.channelMessages(STY, { thread_ts: card.ts });
    expect(thread.map((m) => m.text)).toEqual([expect.stringContaining('<@U0MARIA> föreslår ett svar på *ESK-1*: *STY-F1*')]);
  });

  it('closes the escalation when the last party consents, and posts the answer back to the original thread', async () => {
    const e = await escalation(1);
    const proposal = await posted(`decision:${e.decisionId}`);
    for (const user of [ANNA, MARIA, SARA]) {
      await (await tb.driver.click(user, { channel: proposal.channel, ts: proposal.ts }, 'decision_consent')).reply();
      expect((await escalation(1)).status).toBe('IN_PROGRESS');
    }
    await (await tb.driver.click(OMAR, { channel: proposal.channel, ts: proposal.ts }, 'decision_consent')).reply();
    await tb.flush();
    const closed = await escalation(1);
    expect(closed.status).toBe('DECIDED');
    expect(closed.closedAt).toEqual(clock.now());
    const d = await tb.db.prisma.decision.findUniqueOrThrow({ where: { id: closed.decisionId! } });
    expect(d).toMatchObject({ status: 'ADOPTED', reference: 'STY 2026:1' });

    const answers = tb.fake.channelMessages(SAM, { thread_ts: threadTs }).filter((m) => m.text?.includes('besvarat'));
    expect(answers).toHaveLength(1);
    expect(answers[0]!.text).toContain('Styrgruppen har besvarat *ESK-1*');
    expect(answers[0]!.text).toContain('med beslut *STY 2026:1* – *Helgjouren bemannas gemensamt*:\nParterna');
    expect(answers[0]!.text).toContain('Parterna turas om att bemanna helgjouren');
    const card = await cardOf(1);
    expect(card.text).toContain('(avgjord)');
    expect(text(card)).toContain('Avgjord genom beslut *STY 2026:1*');
    expect(text(card)).not.toContain('escalation_send_back_click');
    // The note in the discussion is updated in place: its withdraw button goes with the open question.
    const notes = tb.fake.channelMessages(SAM, { thread_ts: threadTs }).filter((m) => m.text?.includes('har eskalerat frågan'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toBe(await posted(`escalation-note:${closed.id}`));
    expect(text(notes[0])).not.toContain('escalation_withdraw_click');
    expect(text(notes[0])).toContain('*Status:* avgjord. Frågan är inte längre hos styrgruppen och kan inte återtas.');
    const audit = await tb.db.prisma.auditLog.findMany({ where: { entityType: 'Escalation', entityId: closed.id }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['raise', 'propose-answer', 'decide']);
  });

  it('refuses to withdraw once the steering group has decided', async () => {
    const reply = await (await tb.driver.command(JONAS, SAM, '/eskalera återta ESK-1')).reply();
    expect(reply.text).toBe('ESK-1 är redan avgjord av styrgruppen.');
    expect((await escalation(1)).status).toBe('DECIDED');
  });
});

describe('send-back, withdrawal and authorisation', () => {
  it('refuses a personnummer hidden in the link, URL-encoded or spelt with an en dash, and saves nothing', async () => {
    const before = await tb.db.prisma.escalation.count();
    const form = await opened(ERIK, 'escalation_raise', () => tb.driver.command(ERIK, SAM, '/eskalera'));
    for (const link of ['https://intranet.example.se/arende?id=19811218%209876', 'https://intranet.example.se/811218\u20139876.pdf']) {
      const r = await tb.driver.submitView(ERIK, form.id, { question: 'Vem ansvarar för nattjouren?', parties: [party['sof']!, party['boj-sg']!], positions: 'Parterna är oeniga.', link });
      expect(r.body.response_action, link).toBe('errors');
      expect(r.body.errors.link, link).toContain('ser ut att innehålla ett personnummer');
    }
    expect(await tb.db.prisma.escalation.count()).toBe(before);
  });

  it('refuses people outside the collaboration group, and explains every bad field without saving', async () => {
    const maria = await (await tb.driver.command(MARIA, STY, '/eskalera')).reply();
    expect(maria.text).toBe('Bara ledamöter i samverkansgruppen kan eskalera frågor till styrgruppen.');
    const stranger = await (await tb.driver.command('U0NOBODY', SAM, '/eskalera')).reply();
    expect(stranger.text).toContain('Du finns inte med bland partnerskapets medlemmar');

    const form = await opened(ERIK, 'escalation_raise', () => tb.driver.command(ERIK, SAM, '/eskalera'));
    const r = await tb.driver.submitView(ERIK, form.id, { question: 'Gäller det 811218-9876?', parties: [party['sof']!], positions: '', link: 'ftp://x' });
    expect(r.body.response_action).toBe('errors');
    expect(r.body.errors.question).toContain('Texten i frågan ser ut att innehålla ett personnummer');
    expect(r.body.errors.parties).toBe('Välj minst två parter – de som är oeniga i frågan.');
    expect(r.body.errors.positions).toBe('Fyll i det här fältet.');
    expect(r.body.errors.link).toContain('https://');
    expect(await tb.db.prisma.escalation.count()).toBe(1);
  });

  it('lets only the chair send a question back, with guidance, to the group\'s note thread', async () => {
    await raise(JONAS, { question: 'Ska vi byta lokal för gruppsamtalen?' });
    const note = await posted(`escalation-note:${(await escalation(2)).id}`);
    expect(note.channel).toBe(SAM);
    expect(note.text).toContain('*ESK-2*');
    expect(text(note)).toContain('escalation_withdraw_click');

    const refused = await (await clickCard(MARIA, 2, 'escalation_send_back_click')).reply();
    expect(refused.text).toBe('Bara ordföranden i Styrgruppen kan göra det. Ordförandeskapet roterar, och just nu är *Socialförvaltningen* ordförande: det är Anna Lindqvist som kan göra det.');
    const form = await opened(ANNA, 'escalation_send_back', () => clickCard(ANNA, 2, 'escalation_send_back_click'));
    const empty = await tb.driver.submitView(ANNA, form.id, { guidance: '' });
    expect(empty.body.errors).toEqual({ guidance: 'Fyll i det här fältet.' });
    const pnr = await tb.driver.submitView(ANNA, form.id, { guidance: 'Fråga 19811218-9876 först' });
    expect(pnr.body.errors.guidance).toContain('Texten i vägledningen ser ut att innehålla ett personnummer');
    const ok = await tb.driver.submitView(ANNA, form.id, { guidance: 'Det är en operativ fråga: gruppen beslutar själv efter en kostnadsjämförelse.' });
    expect(text(ok.body)).toContain('ESK-2 är återremitterad');
    await tb.flush();

    expect((await escalation(2))).toMatchObject({ status: 'SENT_BACK', guidance: 'Det är en operativ fråga: gruppen beslutar själv efter en kostnadsjämförelse.' });
    const thread = tb.fake.channelMessages(SAM, { thread_ts: note.ts });
    expect(thread.map((m) => m.text)).toEqual([expect.stringContaining('Styrgruppen har återremitterat *ESK-2*')]);
    expect(thread[0]!.text).toContain('gruppen beslutar själv efter en kostnadsjämförelse');
    expect((await cardOf(2)).text).toContain('(återremitterad)');
    const updated = await posted(`escalation-note:${(await escalation(2)).id}`);
    expect(updated.ts).toBe(note.ts);
    expect(text(updated)).not.toContain('escalation_withdraw_click');
    expect(text(updated)).toContain('*Status:* återremitterad.');
  });

  it('lets the raising party withdraw until decided, and nobody else', async () => {
    await raise(ERIK, { question: 'Ska jourtelefonen vara öppen på julafton?' });
    const linnea = await (await tb.driver.command(LINNEA, SAM, '/eskalera återta ESK-3')).reply();
    expect(linnea.text).toBe('Only collaboration group members from the party that escalated ESK-3 can withdraw it.');
    const unknown = await (await tb.driver.command(ERIK, SAM, '/eskalera återta ESK-99')).reply();
    expect(unknown.text).toContain('Det finns ingen eskalering som heter `ESK-99`');

    // Asking withdraws nothing; the confirmation names the question. Another party is refused before any question.
    const note = await posted(`escalation-note:${(await escalation(3)).id}`);
    const viewsBefore = tb.fake.views.size;
    const refused = await (await tb.driver.click(LINNEA, { channel: note.channel, ts: note.ts }, 'escalation_withdraw_click')).reply();
    expect(refused.text).toBe('Only collaboration group members from the party that escalated ESK-3 can withdraw it.');
    expect(tb.fake.views.size).toBe(viewsBefore);
    const confirm = await opened(ERIK, 'escalation_withdraw_confirm', () => tb.driver.click(ERIK, { channel: note.channel, ts: note.ts }, 'escalation_withdraw_click'));
    expect(text(confirm.view)).toContain('Vill du återta *ESK-3* – Ska jourtelefonen vara öppen på julafton?');
    expect((await escalation(3)).status).toBe('OPEN');
    await tb.driver.submitView(ERIK, confirm.id, {});
    expect(text(tb.fake.views.get(confirm.id)!.view)).toContain('ESK-3 är återtagen');
    await tb.flush();
    expect((await escalation(3)).status).toBe('WITHDRAWN');
    const card = await cardOf(3);
    expect(card.text).toContain('(återtagen)');
    expect(tb.fake.channelMessages(STY, { thread_ts: card.ts }).map((m) => m.text)).toEqual([expect.stringContaining('*ESK-3* (Ska jourtelefonen vara öppen på julafton?) är återtagen av <@U0ERIK>')]);
    const closedNote = await posted(`escalation-note:${(await escalation(3)).id}`);
    expect(text(closedNote)).not.toContain('escalation_withdraw_click');
    expect(text(closedNote)).toContain('*Status:* återtagen.');
    const again = await (await tb.driver.command(ERIK, SAM, '/eskalera återta ESK-3')).reply();
    expect(again.text).toBe('ESK-3 är återtagen.');
  });
});

describe('posting fails', () => {
  it('saves the escalation first and delivers the card exactly once after a retry', async () => {
    tb.fake.failNext('chat.postMessage', { error: 'internal_error' });
    await raise(SARA, { question: 'Hur fördelar vi volontärtimmarna mellan jourerna?', parties: [party['boj-sodra']!, party['boj-vasterort']!] });
    const e = await escalation(4);
    expect(e.status).toBe('OPEN');
    const pending = await tb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `escalation-card:${e.id}:1` } });
    expect(pending.status).toBe('pending');
    expect(pending.lastError).toBe('internal_error');
    clock.advance(5_000);
    await tb.flush();
    expect((await tb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `escalation-card:${e.id}:1` } })).status).toBe('sent');
    expect(tb.fake.messages.filter((m) => m.text?.startsWith('ESK-4:'))).toHaveLength(1);
    expect((await cardOf(4)).channel).toBe(STY);
  });
});

describe('urgency and reminders', () => {
  it('tells the chair at once of an urgent question and lets them call an extra meeting', async () => {
    const r = await raise(LINNEA, { question: 'A volunteer was threatened – may we pause home visits now?', parties: [party['boj-vasterort']!, party['sof']!], urgency: 'urgent' });
    expect(text(r.body)).toContain('the chair will be told it is urgent');
    const alert = dms(ANNA).find((m) => m.text?.includes('ESK-5'))!;
    expect(alert.text).toContain('Brådskande eskalering *ESK-5* från <@U0LINNEA> (BOJ Västerort)');
    const form = await opened(ANNA, 'escalation_extra_meeting', () => tb.driver.click(ANNA, { channel: alert.channel, ts: alert.ts }, 'escalation_extra_meeting_click'));
    const past = await tb.driver.submitView(ANNA, form.id, { date: '2026-03-01', time: '10:00' });
    expect(past.body.response_action).toBe('errors');
    const ok = await tb.driver.submitView(ANNA, form.id, { date: '2026-03-13', time: '10:00' });
    expect(text(ok.body)).toContain('Extramötet 13 mars 2026 kl. 10:00 är inlagt');
    expect(await tb.db.prisma.rotationExtraMeeting.count()).toBe(1);
  });

  it('reminds the chair of a question without an answer after the configured days, once per period, also once taken up', async () => {
    const reminders = (label: string) => dms(ANNA).filter((m) => m.text?.startsWith(`Påminnelse: *${label}*`));
    const take = await (await clickCard(ANNA, 5, 'escalation_take_up_click')).reply();
    expect(take.text).toBe('ESK-5 är nu under behandling.');
    clock.advance(9 * DAY);
    await tb.bot.scheduler.tick();
    await tb.flush();
    expect(reminders('ESK-4')).toHaveLength(0);
    expect(reminders('ESK-5')).toHaveLength(0);
    clock.advance(DAY);
    await tb.bot.scheduler.tick();
    await tb.bot.scheduler.tick();
    await tb.flush();
    expect(reminders('ESK-4')).toHaveLength(1);
    expect(reminders('ESK-4')[0]!.text).toContain('har väntat på styrgruppen i 10 dagar utan att ha tagits upp');
    // Taken up is not answered: the chair is reminded that an answer is still missing.
    expect(reminders('ESK-5').map((m) => m.text)).toEqual([
      'Påminnelse: *ESK-5* (A volunteer was threatened – may we pause home visits now?) är under behandling men har efter 10 dagar inget svar från styrgruppen. Föreslå ett svar med *Besvara med beslut* eller återremittera frågan. Se <#C0STYRGRP>.',
    ]);
    clock.advance(10 * DAY);
    await tb.bot.scheduler.tick();
    await tb.flush();
    expect(reminders('ESK-4')).toHaveLength(2);
    expect(reminders('ESK-5')).toHaveLength(2);
  });

  it('lists open escalations with their age and recent ones', async () => {
    const reply = await (await tb.driver.command(ERIK, SAM, '/eskalera lista')).reply();
    const all = text(reply);
    expect(all).toContain('*ESK-4* Hur fördelar vi volontärtimmarna mellan jourerna? – öppen, 20 dagar (BOJ Södra Stockholm)');
    expect(all).toContain('*ESK-5* A volunteer was threatened');
    expect(all).toContain('*ESK-1* Vi är inte överens om helgjouren – ska styrgruppen avgöra? – avgjord för 20 dagar sedan');
  });
});

describe('information duty (/anmal)', () => {
  it('posts a party\'s notice for the steering group, and only the chair acknowledges it', async () => {
    const form = await opened(SARA, 'information_notice', () => tb.driver.command(SARA, SAM, '/anmal'));
    const bad = await tb.driver.submitView(SARA, form.id, { subject: '', change: 'Kontakt: 811218-9876' });
    expect(bad.body.errors).toEqual({ subject: 'Fyll i det här fältet.', change: expect.stringContaining('Texten i beskrivningen av förändringen ser ut att innehålla ett personnummer') });
    const ok = await tb.driver.submitView(SARA, form.id, { subject: 'Ny verksamhetschef', change: 'BOJ Södra Stockholm har fått en ny verksamhetschef från 1 april.' });
    expect(text(ok.body)).toContain('Anmälan är sparad och publiceras i <#C0STYRGRP> strax');
    await tb.flush();
    const n = await tb.db.prisma.informationNotice.findFirstOrThrow();
    const card = await posted(`information:${n.id}`);
    expect(card.channel).toBe(STY);
    expect(text(card)).toContain('Anmäld av <@U0SARA> för BOJ Södra Stockholm');

    const omar = await (await tb.driver.click(OMAR, { channel: card.channel, ts: card.ts }, 'information_acknowledge_click')).reply();
    expect(omar.text).toBe('Bara ordföranden i Styrgruppen kan göra det. Ordförandeskapet roterar, och just nu är *Socialförvaltningen* ordförande: det är Anna Lindqvist som kan göra det.');
    // A double click: both requests reach the bot; one acknowledges, the other is told it is done.
    const clicks = await Promise.all([1, 2].map(() => tb.driver.click(ANNA, { channel: card.channel, ts: card.ts }, 'information_acknowledge_click')));
    const replies = (await Promise.all(clicks.map((c) => c.reply()))).map((x) => x.text).sort();
    expect(replies).toEqual(['Anmälan är redan kvitterad av Anna Lindqvist.', 'Du har kvitterat anmälan ”Ny verksamhetschef”.']);
    await tb.flush();
    expect(text(await posted(`information:${n.id}`))).toContain('Kvitterad av <@U0ANNA>');
    expect(text(await posted(`information:${n.id}`))).not.toContain('information_acknowledge_click');
    expect(dms(SARA).filter((m) => m.text === 'Styrgruppens ordförande <@U0ANNA> har kvitterat er anmälan ”Ny verksamhetschef”.')).toHaveLength(1);
    expect((await tb.db.prisma.informationNotice.findUniqueOrThrow({ where: { id: n.id } })).acknowledgedAt).not.toBeNull();
  });
});

describe('action plans', () => {
  it('reminds the party until the plan is submitted, the chair until it is accepted, then stops', async () => {
    const refused = await (await tb.driver.command(OMAR, STY, '/eskalera åtgärdsplan')).reply();
    expect(refused.text).toBe('Bara ordföranden i Styrgruppen kan göra det. Ordförandeskapet roterar, och just nu är *Socialförvaltningen* ordförande: det är Anna Lindqvist som kan göra det.');
    const form = await opened(ANNA, 'action_plan_require', () => tb.driver.command(ANNA, STY, '/eskalera åtgärdsplan'));
    const due = new Date(clock.now().getTime() + 10 * DAY).toISOString().slice(0, 10);
    const r = await tb.driver.submitView(ANNA, form.id, { party: party['boj-vasterort']!, shortcoming: 'Kvartalsstatistiken har saknats två kvartal i rad.', due });
    expect(text(r.body)).toContain('BOJ Västerort har fått besked');
    await tb.flush();
    const plan = await tb.db.prisma.actionPlan.findFirstOrThrow();
    expect(text(await posted(`action-plan:${plan.id}`))).toContain('väntar på planen');
    const toOmar = () => dms(OMAR).filter((m) => m.text?.includes('åtgärdsplan'));
    expect(toOmar()).toHaveLength(1);
    expect(dms(LINNEA).filter((m) => m.text?.includes('action plan'))).toHaveLength(1);

    clock.advance(8 * DAY); // two days before the due date
    await tb.bot.scheduler.tick();
    await tb.bot.scheduler.tick();
    await tb.flush();
    expect(toOmar()).toHaveLength(2);
    expect(toOmar()[1]!.text).toContain('Påminnelse: åtgärdsplanen från BOJ Västerort ska lämnas in');
    clock.advance(3 * DAY); // overdue
    await tb.bot.scheduler.tick();
    await tb.flush();
    expect(toOmar()).toHaveLength(3);
    expect(toOmar()[2]!.text).toContain('skulle ha lämnats');

    const dm = toOmar()[2]!;
    const wrong = await (await tb.driver.click(SARA, { channel: dm.channel, ts: dm.ts }, 'action_plan_submit_click')).reply();
    expect(wrong.text).toBe('Bara den part som ska lämna åtgärdsplanen kan lämna in den.');
    const submit = await opened(OMAR, 'action_plan_submit', () => tb.driver.click(OMAR, { channel: dm.channel, ts: dm.ts }, 'action_plan_submit_click'));
    await tb.driver.submitView(OMAR, submit.id, { plan: 'Vi rapporterar senast den 10:e varje kvartal; samordnaren följer upp.' });
    await tb.flush();
    const card = await posted(`action-plan:${plan.id}`);
    expect(text(card)).toContain('Vi rapporterar senast den 10:e');
    clock.advance(10 * DAY);
    await tb.bot.scheduler.tick();
    await tb.flush();
    expect(toOmar()).toHaveLength(3); // submitted: the party is not reminded any more
    expect(dms(ANNA).filter((m) => m.text?.includes('väntar på styrgruppens godkännande'))).toHaveLength(1);

    await (await tb.driver.click(ANNA, { channel: card.channel, ts: card.ts }, 'action_plan_accept_click')).reply();
    await tb.flush();
    expect((await tb.db.prisma.actionPlan.findUniqueOrThrow({ where: { id: plan.id } })).status).toBe('ACCEPTED');
    expect(toOmar().at(-1)!.text).toContain('har godkänt åtgärdsplanen från BOJ Västerort');
    const planMessages = () => [...dms(OMAR), ...dms(ANNA)].filter((m) => /åtgärdsplan/.test(m.text ?? '') && /Västerort/.test(m.text ?? '')).length;
    const before = planMessages();
    clock.advance(30 * DAY);
    await tb.bot.scheduler.tick();
    await tb.flush();
    expect(planMessages()).toBe(before);
    expect(dms(OMAR).filter((m) => m.text?.startsWith('Påminnelse'))).toHaveLength(2);
  });
});

describe('retries and a withdrawn answer', () => {
  it('creates one escalation when Slack delivers the same submission twice', async () => {
    const form = await opened(JONAS, 'escalation_raise', () => tb.driver.command(JONAS, SAM, '/eskalera'));
    const values = { ...defaults(), question: 'Vem äger den gemensamma webbsidan?' };
    const [a, b] = await Promise.all([tb.driver.submitView(JONAS, form.id, values), tb.driver.submitView(JONAS, form.id, values)]);
    await tb.flush();
    expect(text(a.body)).toContain('*ESK-6*');
    expect(text(b.body)).toContain('*ESK-6*');
    expect(await tb.db.prisma.escalation.count({ where: { question: 'Vem äger den gemensamma webbsidan?' } })).toBe(1);
    expect(tb.fake.messages.filter((m) => m.text?.startsWith('ESK-6:'))).toHaveLength(1);
  });

  it('keeps the question with the steering group when the chair withdraws the proposed answer', async () => {
    const form = await opened(SARA, 'escalation_answer', () => clickCard(SARA, 6, 'escalation_answer_click'));
    await tb.driver.submitView(SARA, form.id, { title: 'Webbsidan ägs av Socialförvaltningen', body: 'Socialförvaltningen äger och förvaltar webbsidan.' });
    await tb.flush();
    const e = await escalation(6);
    expect(e.status).toBe('IN_PROGRESS');
    const proposal = await posted(`decision:${e.decisionId}`);
    // The extra meeting of 13 March was the third of Socialförvaltningen's four: its term ended with the
    // meeting of 7 May, and BOJ Stockholm-Gotland (Maria) chairs now.
    const confirm = await opened(MARIA, 'decision_withdraw_confirm', () => tb.driver.click(MARIA, { channel: proposal.channel, ts: proposal.ts }, 'decision_withdraw'));
    await tb.driver.submitView(MARIA, confirm.id, {});
    await tb.flush();
    const after = await escalation(6);
    expect(after).toMatchObject({ status: 'IN_PROGRESS', decisionId: null });
    const card = await cardOf(6);
    expect(text(card)).toContain('escalation_answer_click');
    expect(tb.fake.channelMessages(STY, { thread_ts: card.ts }).at(-1)!.text).toBe('Förslaget till svar på *ESK-6* har dragits tillbaka. Frågan är fortfarande hos styrgruppen.');
  });
});

describe('reminders until an answer is adopted', () => {
  // BOJ Stockholm-Gotland chairs since the meeting of 7 May: Maria is the one reminded.
  const reminders = () => dms(MARIA).filter((m) => /^(Påminnelse|Reminder): \*ESK-7\*/.test(m.text ?? ''));
  const tick = async () => {
    await tb.bot.scheduler.tick();
    await tb.bot.scheduler.tick();
    await tb.flush();
  };
  let proposal: any;

  it('names the parties whose consent the proposed answer still lacks, objections marked, once per period', async () => {
    await raise(JONAS, { question: 'Ska jourerna dela på en gemensam växel?' });
    const form = await opened(SARA, 'escalation_answer', () => clickCard(SARA, 7, 'escalation_answer_click'));
    await tb.driver.submitView(SARA, form.id, { title: 'Gemensam växel från hösten', body: 'Jourerna delar på en växel som Socialförvaltningen upphandlar.' });
    await tb.flush();
    const e = await escalation(7);
    const d = await tb.db.prisma.decision.findUniqueOrThrow({ where: { id: e.decisionId! } });
    const label = `STY-F${d.proposalNumber}`;
    proposal = await posted(`decision:${d.id}`);
    for (const user of [ANNA, SARA]) await (await tb.driver.click(user, { channel: proposal.channel, ts: proposal.ts }, 'decision_consent')).reply();
    const objection = await opened(OMAR, 'decision_objection', () => tb.driver.click(OMAR, { channel: proposal.channel, ts: proposal.ts }, 'decision_object'));
    await tb.driver.submitView(OMAR, objection.id, { reason: 'Kostnaden är inte utredd.' });
    await tb.flush();

    clock.advance(10 * DAY - 60_000);
    await tick();
    expect(reminders()).toHaveLength(0);
    clock.advance(60_000);
    await tick();
    expect(reminders().map((m) => m.text)).toEqual([
      `Påminnelse: *ESK-7* (Ska jourerna dela på en gemensam växel?) har väntat på styrgruppen i 10 dagar. Förslaget till svar *${label}* saknar fortfarande godkännande från BOJ Stockholm-Gotland och BOJ Västerort (har invänt). Se förslagets kort i <#C0STYRGRP>.`,
    ]);
  });

  it('sends one reminder after downtime (the latest period), in the chair\'s own language', async () => {
    const maria = await tb.db.prisma.member.findFirstOrThrow({ where: { chatUserId: MARIA } });
    await tb.db.prisma.member.update({ where: { id: maria.id }, data: { locale: 'en' } });
    try {
      clock.advance(25 * DAY); // the bot was down for periods 2 and 3
      await tick();
      await tick();
    } finally {
      await tb.db.prisma.member.update({ where: { id: maria.id }, data: { locale: maria.locale } });
    }
    expect(reminders()).toHaveLength(2);
    expect(reminders()[1]!.text).toMatch(/^Reminder: \*ESK-7\* \(Ska jourerna dela på en gemensam växel\?\) has been waiting for the steering group for 35 days\. The proposed answer \*STY-F\d+\* still lacks the consent of BOJ Stockholm-Gotland and BOJ Västerort \(has objected\)\./);
    const keys = await tb.db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `escalation:${(await escalation(7)).id}:reminder:` } } });
    expect(keys.map((k) => k.dedupeKey.split(':').slice(3).join(':')).sort()).toEqual([`1:${maria.id}`, `3:${maria.id}`]);
  });

  it('stops once the answer is adopted', async () => {
    // After the dialogue Omar lifts his party's objection by consenting.
    await (await tb.driver.click(OMAR, { channel: proposal.channel, ts: proposal.ts }, 'decision_consent')).reply();
    await (await tb.driver.click(MARIA, { channel: proposal.channel, ts: proposal.ts }, 'decision_consent')).reply();
    await tb.flush();
    expect((await escalation(7)).status).toBe('DECIDED');
    clock.advance(10 * DAY);
    await tick();
    expect(reminders()).toHaveLength(2);
  });
});

describe('closing a question withdraws its open proposed answer', () => {
  /** Raises a question and has Sara propose an answer that Maria consents to; returns the proposal. */
  async function withProposal(user: string, question: string) {
    await raise(user, { question });
    const number = (await tb.db.prisma.escalation.findFirstOrThrow({ where: { question } })).number;
    const form = await opened(SARA, 'escalation_answer', () => clickCard(SARA, number, 'escalation_answer_click'));
    await tb.driver.submitView(SARA, form.id, { title: `Svar: ${question}`, body: 'Styrgruppens svar.' });
    await tb.flush();
    const d = await tb.db.prisma.decision.findUniqueOrThrow({ where: { id: (await escalation(number)).decisionId! } });
    const card = await posted(`decision:${d.id}`);
    await (await tb.driver.click(MARIA, { channel: card.channel, ts: card.ts }, 'decision_consent')).reply();
    await tb.flush();
    return { number, d, label: `STY-F${d.proposalNumber}` };
  }

  const actions = async (entityType: string, entityId: string) =>
    (await tb.db.prisma.auditLog.findMany({ where: { entityType, entityId }, orderBy: { id: 'asc' } })).map((a) => ({ action: a.action, by: a.actorLabel, after: a.after }));

  it('withdraws the proposal with the escalation, in one go: decision log, both cards, audit, and a word to the voters', async () => {
    const { number, d, label } = await withProposal(ERIK, 'Ska vi ha gemensam rekrytering av volontärer?');
    const erik = await tb.db.prisma.member.findFirstOrThrow({ where: { chatUserId: ERIK } });
    const note = await posted(`escalation-note:${(await escalation(number)).id}`);
    const confirm = await opened(ERIK, 'escalation_withdraw_confirm', () => tb.driver.click(ERIK, { channel: note.channel, ts: note.ts }, 'escalation_withdraw_click'));
    expect(text(confirm.view)).toContain(`Förslaget till svar *${label}* dras tillbaka samtidigt`);
    await tb.driver.submitView(ERIK, confirm.id, {});
    expect(text(tb.fake.views.get(confirm.id)!.view)).toContain(`ESK-${number} är återtagen`);
    await tb.flush();

    const e = await escalation(number);
    expect(e.status).toBe('WITHDRAWN');
    expect(await tb.db.prisma.decision.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: 'WITHDRAWN', closedById: erik.id, closedAt: e.closedAt });
    const decisionAudit = await actions('Decision', d.id);
    expect(decisionAudit.map((a) => a.action)).toEqual(['propose', 'withdraw']);
    expect(decisionAudit[1]!.by).toContain('Erik Sandberg');
    const escalationAudit = await actions('Escalation', e.id);
    expect(escalationAudit.map((a) => a.action)).toEqual(['raise', 'propose-answer', 'withdraw']);
    expect(escalationAudit[2]!.after).toMatchObject({ status: 'WITHDRAWN', withdrawnProposal: d.id });

    const proposal = await posted(`decision:${d.id}`);
    expect(text(proposal)).toContain('*Tillbakadraget* av <@U0ERIK>');
    expect(text(proposal)).not.toContain('decision_consent');
    expect(tb.fake.channelMessages(STY, { thread_ts: proposal.ts }).map((m) => m.text)).toContain(`Förslaget *${label}* är tillbakadraget eftersom *ESK-${number}* har återtagits. Det behövs inga fler röster.`);
    const card = await cardOf(number);
    expect(card.text).toContain('(återtagen)');
    expect(text(card)).toContain(`Förslaget till svar *${label}* är tillbakadraget`);
    expect(text(card)).not.toContain('röstning pågår');
    // The decision log's hook saw a closed question: no "still with the steering group".
    expect(tb.fake.channelMessages(STY, { thread_ts: card.ts }).map((m) => m.text).join('\n')).not.toContain('fortfarande hos styrgruppen');
  });

  it('settles a withdrawal racing the last consent one way or the other, never half', async () => {
    const { number, d } = await withProposal(ERIK, 'Ska jourerna ha gemensam logotyp?');
    const proposal = await posted(`decision:${d.id}`);
    for (const user of [ANNA, SARA]) await (await tb.driver.click(user, { channel: proposal.channel, ts: proposal.ts }, 'decision_consent')).reply();
    const note = await posted(`escalation-note:${(await escalation(number)).id}`);
    const confirm = await opened(ERIK, 'escalation_withdraw_confirm', () => tb.driver.click(ERIK, { channel: note.channel, ts: note.ts }, 'escalation_withdraw_click'));
    const [click] = await Promise.all([tb.driver.click(OMAR, { channel: proposal.channel, ts: proposal.ts }, 'decision_consent'), tb.driver.submitView(ERIK, confirm.id, {})]);
    const vote = await click.reply();
    const answered = tb.fake.views.get(confirm.id)!.view;
    const withdrawal = { text: text(answered), title: answered.title.text };
    await tb.flush();
    const e = await escalation(number);
    const after = await tb.db.prisma.decision.findUniqueOrThrow({ where: { id: d.id } });
    if (e.status === 'DECIDED') {
      expect(after.status).toBe('ADOPTED');
      expect(withdrawal.text).toContain(`ESK-${number} är redan avgjord av styrgruppen.`);
      expect(withdrawal.title).toBe('Inte återtagen');
    } else {
      expect(e.status).toBe('WITHDRAWN');
      expect(after.status).toBe('WITHDRAWN');
      expect(vote.text).toBe('Förslaget är tillbakadraget, så det går inte att rösta på det.');
    }
    expect(text(await posted(`escalation-note:${e.id}`))).not.toContain('escalation_withdraw_click');
  });

  it('withdraws the proposal when the chair sends the question back', async () => {
    const { number, d, label } = await withProposal(JONAS, 'Vem betalar tolkkostnaderna?');
    // BOJ Stockholm-Gotland chairs the steering group since the meeting of 7 May (Maria).
    const form = await opened(MARIA, 'escalation_send_back', () => clickCard(MARIA, number, 'escalation_send_back_click'));
    await tb.driver.submitView(MARIA, form.id, { guidance: 'Gruppen tar fram ett underlag om kostnaderna först.' });
    await tb.flush();
    const maria = await tb.db.prisma.member.findFirstOrThrow({ where: { chatUserId: MARIA } });
    expect((await escalation(number)).status).toBe('SENT_BACK');
    expect(await tb.db.prisma.decision.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: 'WITHDRAWN', closedById: maria.id });
    expect((await actions('Decision', d.id)).map((a) => a.action)).toEqual(['propose', 'withdraw']);
    expect((await actions('Escalation', (await escalation(number)).id)).at(-1)).toMatchObject({ action: 'send-back', after: { withdrawnProposal: d.id } });
    const proposal = await posted(`decision:${d.id}`);
    expect(text(proposal)).not.toContain('decision_consent');
    expect(tb.fake.channelMessages(STY, { thread_ts: proposal.ts }).map((m) => m.text)).toContain(`Förslaget *${label}* är tillbakadraget eftersom *ESK-${number}* har återremitterats till samverkansgruppen. Det behövs inga fler röster.`);
    expect(text(await cardOf(number))).toContain(`Förslaget till svar *${label}* är tillbakadraget`);
  });
});

describe('languages', () => {
  it('answers a person in their own language and speaks the bot\'s default language in the channels', async () => {
    const r = await raise(LINNEA, { question: 'Should the volunteers get a joint training day?', parties: [party['boj-vasterort']!, party['sof']!] });
    const e = await tb.db.prisma.escalation.findFirstOrThrow({ where: { question: 'Should the volunteers get a joint training day?' } });
    const label = `ESK-${e.number}`;
    expect(text(r.body)).toContain(`*${label}* is saved and will be sent to the steering group in <#C0STYRGRP> shortly.`);
    const note = await posted(`escalation-note:${e.id}`);
    expect(note.text).toBe(`:outbox_tray: <@U0LINNEA> har eskalerat frågan till styrgruppen som *${label}*: Should the volunteers get a joint training day?\nStyrgruppen behandlar den i <#C0STYRGRP>; svaret kommer i den här tråden.`);
    expect(text(note)).toContain('Återta eskaleringen');
    expect((await cardOf(e.number)).text).toContain('(öppen)');

    clock.advance(DAY);
    const open = text(await (await tb.driver.command(LINNEA, SAM, '/eskalera lista')).reply());
    expect(open).toContain(`*${label}* Should the volunteers get a joint training day? – open, 1 day (BOJ Västerort)`);

    const confirm = await opened(LINNEA, 'escalation_withdraw_confirm', () => tb.driver.click(LINNEA, { channel: note.channel, ts: note.ts }, 'escalation_withdraw_click'));
    expect(text(confirm.view)).toContain(`Do you want to withdraw *${label}*`);
    await tb.driver.submitView(LINNEA, confirm.id, {});
    expect(text(tb.fake.views.get(confirm.id)!.view)).toContain(`${label} has been withdrawn. The steering group and the collaboration group have been told.`);
    await tb.flush();
    expect(text(await posted(`escalation-note:${e.id}`))).toContain('*Status:* återtagen. Frågan är inte längre hos styrgruppen och kan inte återtas.');
    const card = await cardOf(e.number);
    expect(tb.fake.channelMessages(STY, { thread_ts: card.ts }).map((m) => m.text)).toEqual([`*${label}* (Should the volunteers get a joint training day?) är återtagen av <@U0LINNEA> (BOJ Västerort).`]);

    expect(text(await (await tb.driver.command(LINNEA, SAM, '/eskalera lista')).reply())).toContain(`*${label}* Should the volunteers get a joint training day? – withdrawn today`);
    expect(text(await (await tb.driver.command(ERIK, SAM, '/eskalera lista')).reply())).toContain(`*${label}* Should the volunteers get a joint training day? – återtagen i dag`);
    const again = await (await tb.driver.command(LINNEA, SAM, `/eskalera återta ${label}`)).reply();
    expect(again.text).toBe(`${label} has been withdrawn.`);
  });
});
