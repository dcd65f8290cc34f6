import { readFileSync } from 'node:fs';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import decisionsCatalogue from '../../src/i18n/messages/decisions.ts';
import escalationsCatalogue from '../../src/i18n/messages/escalations.ts';
import { SLACK_EMOJI } from '../../src/slack/render/mrkdwn.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';

/*
 * The decision log and escalations as a first-time user meets them (issue 10): every story here
 * goes through the real Bolt app with signed requests, the fake Slack and the real database.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */
const ANNA = 'U0ANNA'; // Socialförvaltningen: representative in the steering group, which Socialförvaltningen chairs until July 2026
const MARIA = 'U0MARIA'; // BOJ Stockholm-Gotland, steering group
const SARA = 'U0SARA'; // BOJ Södra Stockholm, both groups
const OMAR = 'U0OMAR'; // BOJ Västerort, steering group
const ERIK = 'U0ERIK'; // Socialförvaltningen, collaboration group
const JONAS = 'U0JONAS'; // BOJ Stockholm-Gotland, collaboration group only
const SAM = 'C0SAMVERK';
const STY = 'C0STYRGRP';
const ELSEWHERE = 'C0RANDOM'; // a channel that belongs to no group

const clock = new ManualClock('2026-03-10T09:00:00Z');
let tb: TestBot;
let party: Record<string, string>;
let group: Record<string, string>;
beforeAll(async () => {
  tb = await startTestBot({ clock });
  party = Object.fromEntries((await tb.db.prisma.party.findMany()).map((p) => [p.key, p.id]));
  group = Object.fromEntries((await tb.db.prisma.group.findMany()).map((g) => [g.channelId, g.id]));
});
afterAll(async () => {
  await tb?.stop();
});

const text = (m: any) => JSON.stringify(m?.blocks ?? m?.view?.blocks ?? []) + (m?.text ?? '');
const slack = () => new WebClient('xoxb-test', { slackApiUrl: tb.fake.apiUrl });
const block = (view: any, id: string) => view.blocks.find((b: any) => b.block_id === id);
const ids = (view: any) => view.blocks.map((b: any) => b.block_id).filter(Boolean);

/** Runs an action and returns the modal it opened for `user`, or undefined when it opened none. */
async function opened(user: string, callbackId: string, action: () => Promise<unknown>) {
  const before = new Set(tb.fake.views.keys());
  await action();
  return tb.fake.waitFor(() => [...tb.fake.views.values()].find((v) => !before.has(v.id) && v.user === user && v.view.callback_id === callbackId));
}
const viewsOf = (user: string) => [...tb.fake.views.values()].filter((v) => v.user === user).length;

const posted = async (ref: string) => {
  const row = await tb.db.prisma.chatMessage.findUniqueOrThrow({ where: { ref } });
  return tb.fake.messages.find((m) => m.channel === row.conversationId && m.ts === row.messageId)!;
};
const decisionByTitle = (title: string) => tb.db.prisma.decision.findFirstOrThrow({ where: { title } });
const clickCard = async (user: string, decisionId: string, actionId: string) => {
  const card = await posted(`decision:${decisionId}`);
  return tb.driver.click(user, { channel: card.channel, ts: card.ts }, actionId);
};

async function propose(user: string, title: string, body: string) {
  const form = await opened(user, 'decision_form', () => tb.driver.command(user, STY, '/beslut'));
  await tb.driver.submitView(user, form.id, { title, body });
  await tb.flush();
  return decisionByTitle(title);
}

describe('a steering proposal is not asked for a date it does not use', () => {
  it('asks the chair for no decision date in the steering group, and a collaboration member for one', async () => {
    const steering = await opened(ANNA, 'decision_form', () => tb.driver.command(ANNA, STY, '/beslut'));
    expect(ids(steering.view)).not.toContain('decided_on');
    expect(text(steering.view)).not.toContain('Beslutsdatum');
    const collaboration = await opened(ERIK, 'decision_form', () => tb.driver.command(ERIK, SAM, '/beslut'));
    expect(block(collaboration.view, 'decided_on').element.initial_date).toBe('2026-03-10');
  });

  it('lets a member of both groups pick the group, and the date comes and goes with it, keeping what was typed', async () => {
    const form = await opened(SARA, 'decision_form', () => tb.driver.command(SARA, ELSEWHERE, '/beslut'));
    expect(block(form.view, 'group').dispatch_action).toBe(true);
    expect(ids(form.view)).toContain('decided_on');

    await tb.driver.click(SARA, { viewId: form.id }, 'group', { value: group[STY], values: { title: 'Gemensam logotyp' } });
    const steering = await tb.fake.waitFor(() => (ids(tb.fake.views.get(form.id)!.view).includes('decided_on') ? undefined : tb.fake.views.get(form.id)!));
    expect(ids(steering.view)).toEqual(['title', 'body', 'group', 'background', 'responsible_party', 'responsible_person', 'follow_up', 'link', 'not_about_a_person']);

    await tb.driver.click(SARA, { viewId: form.id }, 'group', { value: group[SAM] });
    const collaboration = await tb.fake.waitFor(() => (ids(tb.fake.views.get(form.id)!.view).includes('decided_on') ? tb.fake.views.get(form.id)! : undefined));
    expect(ids(collaboration.view).indexOf('decided_on')).toBe(ids(collaboration.view).indexOf('group') + 1);

    await tb.driver.click(SARA, { viewId: form.id }, 'group', { value: group[STY] });
    await tb.fake.waitFor(() => (ids(tb.fake.views.get(form.id)!.view).includes('decided_on') ? undefined : true));
    const r = await tb.driver.submitView(SARA, form.id, { title: 'Gemensam logotyp', body: 'Partnerskapet tar fram en gemensam logotyp.', group: group[STY]! });
    expect(text(r.body)).toContain('Förslag *STY-F1* är sparat och publiceras i <#C0STYRGRP> strax');
    expect(await decisionByTitle('Gemensam logotyp')).toMatchObject({ status: 'PROPOSED', decidedOn: null });
  });
});

describe('the receipt and the card speak of what happened', () => {
  it('closes the receipt with Stäng, not Avbryt, and names a proposal\'s proposer, a decision\'s recorder', async () => {
    const form = await opened(ERIK, 'decision_form', () => tb.driver.command(ERIK, SAM, '/beslut'));
    const r = await tb.driver.submitView(ERIK, form.id, { title: 'Gemensamma jourtider', body: 'Jourerna har gemensamma jourtider från april.' });
    expect(r.body.view.close.text).toBe('Stäng');
    expect(r.body.view.submit).toBeUndefined();
    await tb.flush();
    const recorded = await posted(`decision:${(await decisionByTitle('Gemensamma jourtider')).id}`);
    expect(text(recorded)).toContain('Registrerat av <@U0ERIK>');
    const proposal = await posted(`decision:${(await decisionByTitle('Gemensam logotyp')).id}`);
    expect(text(proposal)).toContain('Föreslaget av <@U0SARA>');
    expect(text(proposal)).not.toContain('Registrerat av');
  });
});

describe('a correction starts from the decision it supersedes', () => {
  it('prefills every field of the old decision; a follow-up date already passed is left out', async () => {
    const form = await opened(ERIK, 'decision_form', () => tb.driver.command(ERIK, SAM, '/beslut'));
    await tb.driver.submitView(ERIK, form.id, {
      title: 'Utbildningsdag för volontärer',
      body: 'Vi håller en gemensam utbildningsdag för volontärer i maj.',
      background: 'Volontärerna har efterfrågat mer utbildning.',
      responsible_party: party['boj-sg']!,
      responsible_person: JONAS,
      follow_up: '2026-06-01',
      link: 'https://example.org/utbildning',
    });
    await tb.flush();
    const old = await decisionByTitle('Utbildningsdag för volontärer');
    const correction = await opened(ERIK, 'decision_form', () => clickCard(ERIK, old.id, 'decision_supersede'));
    const v = correction.view;
    expect(text(v)).toContain(`Det här beslutet ersätter *${old.reference}*`);
    expect(block(v, 'title').element.initial_value).toBe('Utbildningsdag för volontärer');
    expect(block(v, 'body').element.initial_value).toBe('Vi håller en gemensam utbildningsdag för volontärer i maj.');
    expect(block(v, 'background').element.initial_value).toBe('Volontärerna har efterfrågat mer utbildning.');
    expect(block(v, 'responsible_party').element.initial_option.value).toBe(party['boj-sg']);
    expect(block(v, 'responsible_person').element.initial_user).toBe(JONAS);
    expect(block(v, 'follow_up').element.initial_date).toBe('2026-06-01');
    expect(block(v, 'link').element.initial_value).toBe('https://example.org/utbildning');

    // Only the date changes: everything else is submitted as prefilled.
    const r = await tb.driver.submitView(ERIK, correction.id, { body: 'Vi håller en gemensam utbildningsdag för volontärer i juni.' });
    expect(r.body.response_action).toBe('update');
    await tb.flush();
    const next = await decisionByTitle('Utbildningsdag för volontärer').then(() => tb.db.prisma.decision.findFirstOrThrow({ where: { supersedesId: old.id } }));
    expect(next).toMatchObject({ background: 'Volontärerna har efterfrågat mer utbildning.', responsiblePartyId: party['boj-sg'], link: 'https://example.org/utbildning' });

    clock.set(new Date('2026-06-15T09:00:00Z'));
    try {
      const later = await opened(ERIK, 'decision_form', () => clickCard(ERIK, next.id, 'decision_supersede'));
      expect(block(later.view, 'follow_up').element.initial_date).toBeUndefined();
      expect(block(later.view, 'title').element.initial_value).toBe('Utbildningsdag för volontärer');
    } finally {
      clock.set(new Date('2026-03-10T09:00:00Z'));
    }
  });
});

describe('a message shortcut titles the form by the message\'s first line', () => {
  const long =
    'Förslag om gemensamma rutiner för hur vi tar emot och fördelar ärenden mellan jourerna under sommaren när bemanningen är låg och många volontärer är lediga\n' +
    'Bakgrunden är att förra sommaren blev det långa väntetider.';

  it('shortens a long first line at a word boundary with an ellipsis and keeps the whole message as the decision', async () => {
    const m = await slack().chat.postMessage({ channel: SAM, text: long });
    const form = await opened(JONAS, 'decision_form', () => tb.driver.messageShortcut(JONAS, 'register_decision', SAM, { ts: m.ts!, text: m.message!.text }));
    const title = block(form.view, 'title').element.initial_value as string;
    expect(title).toBe('Förslag om gemensamma rutiner för hur vi tar emot och fördelar ärenden mellan jourerna under…');
    expect(title.length).toBeLessThanOrEqual(100);
    expect(block(form.view, 'body').element.initial_value).toBe(long);
  });

  it('does the same for Eskalera till styrgruppen: the question from the first line, the message in the background', async () => {
    const m = await slack().chat.postMessage({ channel: SAM, text: long });
    const form = await opened(JONAS, 'escalation_raise', () => tb.driver.messageShortcut(JONAS, 'escalate_message', SAM, { ts: m.ts!, text: m.message!.text }));
    expect(block(form.view, 'question').element.initial_value).toBe('Förslag om gemensamma rutiner för hur vi tar emot och fördelar ärenden mellan jourerna under…');
    expect(block(form.view, 'background').element.initial_value).toBe(long);
  });
});

describe('a button someone may not use refuses before it asks "are you sure?"', () => {
  it('tells a non-chair at once that only the chair withdraws, and asks the chair in a modal naming the proposal', async () => {
    const d = await propose(MARIA, 'Extra möte om lokaler', 'Styrgruppen håller ett extra möte om lokalerna.');
    const card = await posted(`decision:${d.id}`);
    // Slack's own confirm dialog would open before the bot is asked: no button carries one.
    expect(JSON.stringify(card.blocks)).not.toContain('"confirm"');

    const views = viewsOf(MARIA);
    const refused = await (await clickCard(MARIA, d.id, 'decision_withdraw')).reply();
    expect(refused.text).toBe('Bara ordföranden i Styrgruppen kan göra det. Ordförandeskapet roterar, och just nu är *Socialförvaltningen* ordförande: det är Anna Lindqvist som kan göra det.');
    expect(viewsOf(MARIA)).toBe(views); // no confirmation was opened
    expect((await tb.db.prisma.decision.findUniqueOrThrow({ where: { id: d.id } })).status).toBe('PROPOSED');

    const confirm = await opened(ANNA, 'decision_withdraw_confirm', () => clickCard(ANNA, d.id, 'decision_withdraw'));
    expect(confirm.view.title.text).toBe('Dra tillbaka förslaget');
    expect(text(confirm.view)).toContain('Vill du dra tillbaka *STY-F2* – Extra möte om lokaler?');
    expect(confirm.view.submit.text).toBe('Dra tillbaka');
    expect(confirm.view.close.text).toBe('Avbryt');
    expect((await tb.db.prisma.decision.findUniqueOrThrow({ where: { id: d.id } })).status).toBe('PROPOSED'); // asking withdraws nothing

    const done = await tb.driver.submitView(ANNA, confirm.id, {});
    expect(text(done.body)).toContain('Förslaget STY-F2 är tillbakadraget.');
    await tb.flush();
    expect(text(await posted(`decision:${d.id}`))).toContain('*Tillbakadraget* av <@U0ANNA>');
    const list = await (await tb.driver.command(ANNA, STY, '/beslut lista lokaler')).reply();
    expect(list.text).toContain('*STY-F2* Extra möte om lokaler – _tillbakadraget_');
    // The withdrawn proposal offers the button no more.
    expect(text(await posted(`decision:${d.id}`))).not.toContain('decision_withdraw');
  });

  it('tells the chair plainly when the proposal was adopted while the confirmation stood open', async () => {
    const d = await propose(OMAR, 'Gemensam årsberättelse', 'Partnerskapet skriver en gemensam årsberättelse.');
    const confirm = await opened(ANNA, 'decision_withdraw_confirm', () => clickCard(ANNA, d.id, 'decision_withdraw'));
    for (const user of [ANNA, MARIA, SARA, OMAR]) await (await clickCard(user, d.id, 'decision_consent')).reply();
    const late = await tb.driver.submitView(ANNA, confirm.id, {});
    expect(late.body.view.title.text).toBe('Inte tillbakadraget');
    expect(text(late.body)).toMatch(/Förslaget är redan beslut STY 2026:\d+ och kan inte dras tillbaka\. Behöver det ändras, ersätt det med ett nytt beslut\./);
    expect((await tb.db.prisma.decision.findUniqueOrThrow({ where: { id: d.id } })).status).toBe('ADOPTED');
  });
});

describe('escalation words', () => {
  it('labels /anmal\'s text for what it is: a change to report, not the steering group\'s answer', async () => {
    const form = await opened(SARA, 'information_notice', () => tb.driver.command(SARA, SAM, '/anmal'));
    expect(form.view.title.text).toBe('Anmäl till styrgruppen');
    const body = block(form.view, 'change');
    expect(body.label.text).toBe('Vad har ändrats?');
    expect(body.hint.text).not.toMatch(/styrgruppsbeslut|svar/i);
    expect(text(form.view)).not.toContain('Styrgruppens svar');
    const answer = await raiseAndAnswerForm();
    expect(block(answer.view, 'body').label.text).toBe('Styrgruppens svar');
  });

  it('answers an escalation without repeating its question under itself', async () => {
    const question = 'Ska jourerna ha gemensam telefonväxel?';
    const root = await slack().chat.postMessage({ channel: SAM, text: question });
    const form = await opened(JONAS, 'escalation_raise', () => tb.driver.messageShortcut(JONAS, 'escalate_message', SAM, { ts: root.ts!, text: question }));
    expect(form.view.title.text).toBe('Eskalera en fråga');
    await tb.driver.submitView(JONAS, form.id, { parties: [party['sof']!, party['boj-sg']!], positions: 'Socialförvaltningen vill ha en växel; BOJ Stockholm-Gotland vill ha egna nummer.' });
    await tb.flush();
    const e = await tb.db.prisma.escalation.findFirstOrThrow({ where: { question } });
    const note = tb.fake.channelMessages(SAM, { thread_ts: root.ts! }).find((m) => m.text?.includes('har eskalerat frågan'))!;
    expect(note.text).toMatch(/^:outbox_tray: <@U0JONAS> har eskalerat frågan till styrgruppen/);

    const card = await posted(`escalation:${e.id}`);
    const answer = await opened(MARIA, 'escalation_answer', () => tb.driver.click(MARIA, { channel: card.channel, ts: card.ts }, 'escalation_answer_click'));
    expect(block(answer.view, 'title').element.initial_value).toBe(`Svar på ESK-${e.number}: ${question}`);
    await tb.driver.submitView(MARIA, answer.id, { body: 'Jourerna får en gemensam växel från hösten.' }); // the title as offered
    await tb.flush();
    const proposed = tb.fake.channelMessages(STY, { thread_ts: card.ts }).at(-1)!;
    expect(proposed.text).toMatch(/^<@U0MARIA> föreslår ett svar på \*ESK-\d+\*: \*STY-F\d+\*\. Svaret gäller/);

    const proposal = await posted(`decision:${(await tb.db.prisma.escalation.findUniqueOrThrow({ where: { id: e.id } })).decisionId}`);
    expect(text(proposal).split(question)).toHaveLength(3); // once in the card's header and once in its fallback text, not again as background
    for (const user of [ANNA, MARIA, SARA, OMAR]) await (await tb.driver.click(user, { channel: proposal.channel, ts: proposal.ts }, 'decision_consent')).reply();
    await tb.flush();
    const thread = tb.fake.channelMessages(SAM, { thread_ts: root.ts! });
    const answered = thread.find((m) => m.text?.includes('besvarat'))!;
    expect(answered.text).toMatch(/^:white_check_mark: Styrgruppen har besvarat \*ESK-\d+\* med beslut \*STY 2026:\d+\*:\nJourerna får en gemensam växel från hösten\.$/);
    // The question stands in the thread's first message and in the note among its replies: the answer does not say it again.
    expect(thread.filter((m) => m.text?.includes(question))).toEqual([note]);
  });
});

describe('the catalogue\'s words for decisions and escalations', () => {
  const sv = [...Object.entries(decisionsCatalogue.sv), ...Object.entries(escalationsCatalogue.sv)] as Array<[string, string]>;

  it('uses one verb for withdrawing a proposal (dra tillbaka / tillbakadraget), never återkalla', () => {
    expect(sv.filter(([, s]) => /återkall/i.test(s))).toEqual([]);
  });

  it('says "till styrgruppen", never "till styrgrupp"', () => {
    expect(sv.filter(([, s]) => /till styrgrupp\b/i.test(s))).toEqual([]);
  });

  it('uses only emoji the local workspace can draw (no literal :arrow_up:)', () => {
    const known = new Set([...readFileSync(new URL('../../src/local/public/mrkdwn.js', import.meta.url), 'utf8').matchAll(/(\w+): '/g)].map((m) => m[1]));
    // Catalogue strings the model renders name emoji by meaning; the Slack renderer spells them.
    const used = new Set([...sv.flatMap(([, s]) => [...s.matchAll(/:([a-z0-9_+-]+):/g)].map((m) => m[1]!)), ...Object.values(SLACK_EMOJI)]);
    expect([...used].filter((e) => !known.has(e))).toEqual([]);
  });
});

/** An open escalation's answer form, opened by a steering member. */
async function raiseAndAnswerForm() {
  const form = await opened(ERIK, 'escalation_raise', () => tb.driver.command(ERIK, SAM, '/eskalera'));
  await tb.driver.submitView(ERIK, form.id, { question: 'Vem äger webbsidan?', parties: [party['sof']!, party['boj-sg']!], positions: 'Båda vill förvalta den.' });
  await tb.flush();
  const e = await tb.db.prisma.escalation.findFirstOrThrow({ where: { question: 'Vem äger webbsidan?' } });
  const card = await posted(`escalation:${e.id}`);
  return opened(MARIA, 'escalation_answer', () => tb.driver.click(MARIA, { channel: card.channel, ts: card.ts }, 'escalation_answer_click'));
}
