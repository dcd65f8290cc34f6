import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { startTestBot, STOCKHOLM, type TestBot } from '../helpers/bot.ts';

/*
 * One chair, the one /rotation names. Styrgruppen (Stockholm) meets every 8 weeks from 15 January 2026
 * with terms of four meetings: Socialförvaltningen chairs until the meeting of 2 July, BOJ
 * Stockholm-Gotland (Maria) until the meeting of 11 February 2027, then BOJ Södra Stockholm (Sara).
 * Anna (Socialförvaltningen) keeps the file's `chair: styrgrupp` role, as older files have it.
 */
const ANNA = 'U0ANNA';
const MARIA = 'U0MARIA';
const SARA = 'U0SARA';
const JONAS = 'U0JONAS';
const LINNEA = 'U0LINNEA';
const SAM = 'C0SAMVERK';
const STY = 'C0STYRGRP';
const MARIA_CHAIRS = 'Ordförandeskapet roterar, och just nu är *BOJ Stockholm-Gotland* ordförande: det är Maria Holm som kan göra det.';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-chair-'));
/** The Stockholm example, changed by `edit`, as a partnership file of its own. */
function stockholmWith(name: string, edit: (yaml: string) => string): string {
  const file = path.join(dir, name);
  const yaml = edit(fs.readFileSync(STOCKHOLM, 'utf8'));
  fs.writeFileSync(file, yaml);
  return file;
}
const annaChairs = (yaml: string) => {
  const out = yaml.replace('party: sof, roles: [{ representative: styrgrupp }, admin]', 'party: sof, roles: [{ representative: styrgrupp }, { chair: styrgrupp }, admin]');
  if (out === yaml) throw new Error('the example no longer has the line this test changes');
  return out;
};
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function helpers(get: () => TestBot) {
  const opened = async (user: string, callbackId: string, action: () => Promise<unknown>) => {
    const tb = get();
    const before = new Set(tb.fake.views.keys());
    await action();
    return tb.fake.waitFor(() => [...tb.fake.views.values()].find((v) => !before.has(v.id) && v.user === user && v.view.callback_id === callbackId));
  };
  const posted = async (ref: string) => {
    const tb = get();
    const row = await tb.db.prisma.chatMessage.findUniqueOrThrow({ where: { ref } });
    return tb.fake.messages.find((m) => m.channel === row.conversationId && m.ts === row.messageId)!;
  };
  const escalation = (question: string) => get().db.prisma.escalation.findFirstOrThrow({ where: { question } });
  const card = async (question: string) => posted(`escalation:${(await escalation(question)).id}`);
  const clickCard = async (user: string, question: string, actionId: string) => {
    const c = await card(question);
    return get().driver.click(user, { channel: c.channel, ts: c.ts }, actionId);
  };
  const say = async (user: string, channel: string, line: string) => (await (await get().driver.command(user, channel, line)).reply()).text as string;
  const raise = async (user: string, question: string, extra: Record<string, unknown> = {}) => {
    const tb = get();
    const party = Object.fromEntries((await tb.db.prisma.party.findMany()).map((p) => [p.key, p.id]));
    const form = await opened(user, 'escalation_raise', () => tb.driver.command(user, SAM, '/eskalera'));
    await tb.driver.submitView(user, form.id, { question, parties: [party['sof']!, party['boj-sg']!], positions: 'Parterna är oeniga.', ...extra });
    await tb.flush();
    return escalation(question);
  };
  /** Sara proposes the steering group's answer to the question; returns the proposal's card. */
  const propose = async (question: string) => {
    const tb = get();
    const form = await opened(SARA, 'escalation_answer', () => clickCard(SARA, question, 'escalation_answer_click'));
    await tb.driver.submitView(SARA, form.id, { title: `Svar: ${question}`, body: 'Styrgruppens svar.' });
    await tb.flush();
    const e = await escalation(question);
    return { decisionId: e.decisionId!, card: await posted(`decision:${e.decisionId}`) };
  };
  return { opened, posted, escalation, card, clickCard, say, raise, propose };
}

describe('a steering group with a chair rotation', () => {
  const clock = new ManualClock('2026-09-01T08:00:00Z');
  let tb: TestBot;
  const h = helpers(() => tb);
  beforeAll(async () => {
    tb = await startTestBot({ clock, partnershipFile: stockholmWith('rotating.yml', annaChairs) });
  });
  afterAll(async () => {
    await tb?.stop();
  });

  it('names the same chair in /rotation and /samverkan status as the one who may act', async () => {
    expect(await h.say(ANNA, STY, '/rotation')).toContain('• torsdag 22 oktober 2026 kl. 09:00: *BOJ Stockholm-Gotland* är ordförande');
    const status = await (await tb.driver.command(ANNA, STY, '/samverkan status')).reply();
    expect(status.text).toContain('Roller: representant i Styrgruppen och administratör.'); // the file's chair role gives no rights here
    expect(JSON.stringify(status.blocks)).toContain('*Ordförande i Styrgruppen* just nu: BOJ Stockholm-Gotland (ordförandeskapet roterar), genom <@U0MARIA>');
  });

  it('lets the representative of the chairing party take up and send back an escalation; the file\'s chair is told who chairs now', async () => {
    const q = 'Vem ansvarar för tolkbokningen?';
    await h.raise(JONAS, q);
    const refused = await (await h.clickCard(ANNA, q, 'escalation_take_up_click')).reply();
    expect(refused.text).toBe(`Bara ordföranden i Styrgruppen kan göra det. ${MARIA_CHAIRS}`);
    expect((await h.escalation(q)).status).toBe('OPEN');

    await (await h.clickCard(MARIA, q, 'escalation_take_up_click')).reply();
    await tb.flush();
    expect((await h.escalation(q)).status).toBe('IN_PROGRESS');

    expect((await (await h.clickCard(ANNA, q, 'escalation_send_back_click')).reply()).text).toBe(`Bara ordföranden i Styrgruppen kan göra det. ${MARIA_CHAIRS}`);
    const form = await h.opened(MARIA, 'escalation_send_back', () => h.clickCard(MARIA, q, 'escalation_send_back_click'));
    await tb.driver.submitView(MARIA, form.id, { guidance: 'Samverkansgruppen bestämmer det själv.' });
    await tb.flush();
    const maria = await tb.db.prisma.member.findFirstOrThrow({ where: { chatUserId: MARIA } });
    expect(await h.escalation(q)).toMatchObject({ status: 'SENT_BACK', closedById: maria.id });
  });

  it('lets the chairing party withdraw a proposal, and refuses the file\'s chair before asking "are you sure?"', async () => {
    const q = 'Ska jourerna ha gemensamma öppettider?';
    await h.raise(JONAS, q);
    const { decisionId, card } = await h.propose(q);
    const views = tb.fake.views.size;
    const refused = await (await tb.driver.click(ANNA, { channel: card.channel, ts: card.ts }, 'decision_withdraw')).reply();
    expect(refused.text).toBe(`Bara ordföranden i Styrgruppen kan göra det. ${MARIA_CHAIRS}`);
    expect(tb.fake.views.size).toBe(views);

    const confirm = await h.opened(MARIA, 'decision_withdraw_confirm', () => tb.driver.click(MARIA, { channel: card.channel, ts: card.ts }, 'decision_withdraw'));
    await tb.driver.submitView(MARIA, confirm.id, {});
    await tb.flush();
    expect((await tb.db.prisma.decision.findUniqueOrThrow({ where: { id: decisionId } })).status).toBe('WITHDRAWN');
  });

  it('lets the chairing party call an extra meeting and require an action plan', async () => {
    expect(await h.say(ANNA, STY, '/rotation extramöte 2026-09-21 10:00')).toBe(`Bara ordföranden i Styrgruppen kan göra det. ${MARIA_CHAIRS}`);
    expect(await h.say(MARIA, STY, '/rotation extramöte 2026-09-21 10:00')).toContain('har kallat till extramöte i Styrgruppen måndag 21 september 2026 kl. 10:00');

    expect(await h.say(ANNA, STY, '/eskalera åtgärdsplan')).toBe(`Bara ordföranden i Styrgruppen kan göra det. ${MARIA_CHAIRS}`);
    const form = await h.opened(MARIA, 'action_plan_require', () => tb.driver.command(MARIA, STY, '/eskalera åtgärdsplan'));
    expect(form.view.callback_id).toBe('action_plan_require');
  });

  it('sends the chair\'s direct messages to the chairing party, not to the file\'s chair', async () => {
    await h.raise(LINNEA, 'May we pause home visits after a threat?', { urgency: 'urgent' });
    const alert = (user: string) => tb.fake.channelMessages(user).filter((m) => m.text?.includes('Brådskande eskalering'));
    expect(alert(MARIA)).toHaveLength(1);
    expect(alert(ANNA)).toEqual([]);
  });

  it('hands the chair over after the term\'s last meeting, naming who can act, and the rights move with it', async () => {
    // The extra meeting of 21 September is one of BOJ Stockholm-Gotland's four: its term ends with the meeting of 17 December.
    expect(await h.say(MARIA, STY, '/rotation')).toContain('• torsdag 11 februari 2027 kl. 09:00: *BOJ Södra Stockholm* är ordförande – _ny mandatperiod_');
    clock.set('2026-12-17T09:59:00Z');
    await tb.bot.scheduler.tick();
    await tb.flush();
    expect(await h.say(SARA, STY, '/rotation extramöte 2027-01-11 10:00')).toBe('Bara ordföranden i Styrgruppen kan göra det. Ordförandeskapet roterar, och just nu är *BOJ Stockholm-Gotland* ordförande: det är Maria Holm som kan göra det.');

    clock.set('2026-12-17T10:00:00Z'); // the meeting 09:00–11:00 local has ended
    await tb.bot.scheduler.tick();
    await tb.flush();
    const handover = 'Ordförandeskapet i Styrgruppen går över från BOJ Stockholm-Gotland till *BOJ Södra Stockholm*, som leder mötet torsdag 11 februari 2027 kl. 09:00. Från och med nu är det <@U0SARA> som agerar som ordförande: tar upp och återremitterar eskaleringar, drar tillbaka förslag, kallar till extramöte och begär åtgärdsplaner. Tack BOJ Stockholm-Gotland, och välkommen BOJ Södra Stockholm!';
    expect(tb.fake.channelMessages(STY).map((m) => m.text)).toContain(handover);
    expect(tb.fake.channelMessages(SARA).map((m) => m.text)).toContain(handover);

    expect(await h.say(MARIA, STY, '/rotation extramöte 2027-01-11 10:00')).toBe('Bara ordföranden i Styrgruppen kan göra det. Ordförandeskapet roterar, och just nu är *BOJ Södra Stockholm* ordförande: det är Sara Ek som kan göra det.');
    expect(await h.say(SARA, STY, '/rotation extramöte 2027-01-11 10:00')).toContain('har kallat till extramöte i Styrgruppen måndag 11 januari 2027 kl. 10:00');
    const q = 'Vem betalar julfesten?';
    await h.raise(JONAS, q);
    expect((await (await h.clickCard(MARIA, q, 'escalation_take_up_click')).reply()).text).toContain('just nu är *BOJ Södra Stockholm* ordförande');
    await (await h.clickCard(SARA, q, 'escalation_take_up_click')).reply();
    expect((await h.escalation(q)).status).toBe('IN_PROGRESS');
  });
});

describe('a steering group without a chair rotation', () => {
  const clock = new ManualClock('2026-09-01T08:00:00Z');
  let tb: TestBot;
  const h = helpers(() => tb);
  beforeAll(async () => {
    // No meetings and no rotation for Styrgruppen: the file's chair role decides.
    const file = stockholmWith('fixed.yml', (yaml) => {
      const out = annaChairs(yaml)
        .replace('    meetings: { every_weeks: 8, weekday: thursday, time: "09:00", starting: 2026-01-15 }\n    rotation: { order: [sof, boj-sg, boj-sodra, boj-vasterort], term_meetings: 4 }\n', '');
      if (!out.includes('rotation: { order: [boj-sg') || out.includes('term_meetings')) throw new Error('the example no longer has the lines this test removes');
      return out;
    });
    tb = await startTestBot({ clock, partnershipFile: file });
  });
  afterAll(async () => {
    await tb?.stop();
  });

  it('shows the file\'s chair in /samverkan status', async () => {
    const status = await (await tb.driver.command(MARIA, STY, '/samverkan status')).reply();
    expect(JSON.stringify(status.blocks)).toContain('*Ordförande i Styrgruppen*: <@U0ANNA>');
    expect((await (await tb.driver.command(ANNA, STY, '/samverkan status')).reply()).text).toContain('ordförande i Styrgruppen');
  });

  it('lets the file\'s chair act and tells everyone else who the chair is', async () => {
    const q = 'Ska vi ha en gemensam volontärutbildning?';
    await h.raise(JONAS, q);
    expect((await (await h.clickCard(MARIA, q, 'escalation_take_up_click')).reply()).text).toBe('Bara ordföranden i Styrgruppen (Anna Lindqvist) kan göra det.');
    await (await h.clickCard(ANNA, q, 'escalation_take_up_click')).reply();
    expect((await h.escalation(q)).status).toBe('IN_PROGRESS');

    const { card, decisionId } = await h.propose(q);
    expect((await (await tb.driver.click(MARIA, { channel: card.channel, ts: card.ts }, 'decision_withdraw')).reply()).text).toBe('Bara ordföranden i Styrgruppen (Anna Lindqvist) kan göra det.');
    const confirm = await h.opened(ANNA, 'decision_withdraw_confirm', () => tb.driver.click(ANNA, { channel: card.channel, ts: card.ts }, 'decision_withdraw'));
    await tb.driver.submitView(ANNA, confirm.id, {});
    await tb.flush();
    expect((await tb.db.prisma.decision.findUniqueOrThrow({ where: { id: decisionId } })).status).toBe('WITHDRAWN');
  });
});
