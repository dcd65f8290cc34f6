import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { JAMTLAND, startTestBot, type TestBot } from '../helpers/bot.ts';
import { applyUpdate, figures, opened as openedStats } from '../fixtures/statistics/helpers.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Issue 15, "Nothing personal is stored": a description of a person typed into a form as it is
 * ("Anna Svensson, 34 år, Storgatan 5, född 12 mars 1992 …") is held back with a question, and
 * nothing is saved or posted until the text is changed or confirmed not to be about a person supported.
 */
const ERIK = 'U0ERIK'; // Socialförvaltningen, collaboration group
const LINNEA = 'U0LINNEA'; // BOJ Västerort, collaboration group, English
const SAM = 'C0SAMVERK';
const PERSON = 'Anna Svensson, 34 år, Storgatan 5, född 12 mars 1992, utsatt för våld av sin sambo';

const clock = new ManualClock('2026-03-10T09:00:00Z');
let tb: TestBot;
beforeAll(async () => {
  tb = await startTestBot({ clock });
});
afterAll(async () => {
  await tb?.stop();
});

async function opened(user: string, callbackId: string, action: () => Promise<unknown>) {
  const before = new Set(tb.fake.views.keys());
  await action();
  return tb.fake.waitFor(() => [...tb.fake.views.values()].find((v) => !before.has(v.id) && v.user === user && v.view.callback_id === callbackId));
}
const posted = (needle: string) => tb.fake.messages.filter((m) => JSON.stringify(m).includes(needle));
const block = (view: any, id: string) => view.blocks.find((b: any) => b.block_id === id);

describe('a decision whose text describes a person', () => {
  it('says on every free-text field what not to write, and offers the checkbox at the end', async () => {
    const form = await opened(ERIK, 'decision_form', () => tb.driver.command(ERIK, SAM, '/beslut'));
    for (const id of ['title', 'body', 'background', 'link']) expect(block(form.view, id).hint.text).toContain('Skriv inget om enskilda stödsökande');
    expect(block(form.view, 'body').hint.text).toMatch(/^Skriv beslutet som det ska stå i protokollet\. Skriv inget/);
    const last = form.view.blocks.at(-1);
    expect(last).toMatchObject({ block_id: 'not_about_a_person', optional: true, element: { type: 'checkboxes' } });
    expect(last.element.options[0].text.text).toBe('Texten handlar inte om en enskild stödsökande');
  });

  it('is held back with a question on each field that holds the description, and nothing is saved or posted', async () => {
    const form = await opened(ERIK, 'decision_form', () => tb.driver.command(ERIK, SAM, '/beslut'));
    const r = await tb.driver.submitView(ERIK, form.id, { title: 'Stöd till en stödsökande', body: `Vi ger stöd till ${PERSON}.`, background: 'Hon är 34 år gammal.' });
    expect(r.status).toBe(200);
    expect(r.body.response_action).toBe('errors');
    expect(Object.keys(r.body.errors).sort()).toEqual(['background', 'body']);
    expect(r.body.errors.body).toBe(
      'Texten ser ut att beskriva en enskild person (”Anna Svensson, 34 år”, ”Storgatan 5”, ”född 12 mars 1992”). Samverkan får inte lagra uppgifter om dem som får stöd: ta bort dem, eller kryssa i ”Texten handlar inte om en enskild stödsökande” längst ned och skicka igen.',
    );
    expect(r.body.errors.background).toContain('”34 år gammal”');
    await tb.flush();
    expect(await tb.db.prisma.decision.count()).toBe(0);
    expect(posted('Storgatan')).toEqual([]);
    expect(await tb.db.prisma.auditLog.count({ where: { entityType: 'Decision' } })).toBe(0);

    // Removing the details is enough: the same form then saves.
    const again = await tb.driver.submitView(ERIK, form.id, { title: 'Stöd till en stödsökande', body: 'Vi ger stöd till en stödsökande enligt rutinen.', background: '' });
    expect(again.body.response_action).toBe('update');
    expect(await tb.db.prisma.decision.count()).toBe(1);
  });

  it('is saved once the member ticks that the text is not about a person supported (the office of a party)', async () => {
    const form = await opened(ERIK, 'decision_form', () => tb.driver.command(ERIK, SAM, '/beslut'));
    const values = { title: 'Ny mötesplats', body: 'Samverkansgruppen möts från april i Socialförvaltningens lokal på Storgatan 5.' };
    const held = await tb.driver.submitView(ERIK, form.id, values);
    expect(held.body).toMatchObject({ response_action: 'errors', errors: { body: expect.stringContaining('”Storgatan 5”') } });
    expect(await tb.db.prisma.decision.count({ where: { title: 'Ny mötesplats' } })).toBe(0);

    const saved = await tb.driver.submitView(ERIK, form.id, { ...values, not_about_a_person: ['yes'] });
    expect(saved.body.response_action).toBe('update');
    await tb.flush();
    const d = await tb.db.prisma.decision.findFirstOrThrow({ where: { title: 'Ny mötesplats' } });
    expect(d.body).toContain('Storgatan 5');
    expect(posted('Storgatan 5').map((m) => m.channel)).toEqual([SAM]);
  });
});

describe('an escalation whose positions describe a person', () => {
  it('is held back in the member\'s language, and no escalation exists', async () => {
    const party = Object.fromEntries((await tb.db.prisma.party.findMany()).map((p) => [p.key, p.id]));
    const form = await opened(LINNEA, 'escalation_raise', () => tb.driver.command(LINNEA, SAM, '/eskalera'));
    for (const id of ['question', 'positions', 'background', 'options', 'link']) expect(block(form.view, id).hint.text).toContain('Nothing about individual people supported');
    const r = await tb.driver.submitView(LINNEA, form.id, {
      question: 'Who follows up the case?',
      parties: [party['boj-vasterort']!, party['sof']!],
      positions: 'A 34-year-old woman, born 12 March 1992, asked both of us for help.',
    });
    expect(r.body.response_action).toBe('errors');
    expect(r.body.errors).toEqual({
      positions: 'The text seems to describe an individual person (“34-year-old”, “born 12 March 1992”). Samverkan must not store details about the people supported: remove them, or tick “The text is not about an individual person supported” at the bottom and send again.',
    });
    expect(await tb.db.prisma.escalation.count()).toBe(0);
  });
});

describe('a statistics comment with a date of birth', () => {
  const KARIN = 'U0J01'; // BOJ Jämtland: coordinator
  const CRIMES = Array.from({ length: 8 }, (_, i) => `crime_${i}`);
  let jb: TestBot;
  beforeAll(async () => {
    jb = await startTestBot({ partnershipFile: JAMTLAND, clock: new ManualClock('2026-04-02T08:00:00Z') });
  });
  afterAll(async () => {
    await jb?.stop();
  });

  it('is held back on the comment field, then saved when confirmed', async () => {
    const berg = (await jb.db.prisma.municipality.findFirstOrThrow({ where: { key: 'berg' } })).id;
    const first = await openedStats(jb, KARIN, () => jb.driver.command(KARIN, 'C0JSAMV', '/statistik'));
    const form = applyUpdate(jb, first.id, (await jb.driver.submitView(KARIN, first.id, { municipality: berg })).body);
    expect(block(form.view, 'comment').hint.text).toContain('Skriv inget om enskilda stödsökande');
    const values = { ...figures(10, [6, 4, 0], CRIMES), comment: 'En kvinna född 1961 kom tillbaka efter ett år.' };
    const held = await jb.driver.submitView(KARIN, form.id, values);
    expect(held.body).toMatchObject({ response_action: 'errors', errors: { comment: expect.stringContaining('”född 1961”') } });
    expect(await jb.db.prisma.statisticsReport.count()).toBe(0);

    const saved = await jb.driver.submitView(KARIN, form.id, { ...values, not_about_a_person: ['yes'] });
    expect(saved.body.response_action).toBe('update');
    expect(await jb.db.prisma.statisticsReport.count()).toBe(1);
  });
});

/** Every free-text input of a form says what never to write (its hint ends with the catalogue's words). */
const freeTextHints = (view: any) =>
  view.blocks.filter((b: any) => b.type === 'input' && ['plain_text_input', 'url_text_input'].includes(b.element?.type)).map((b: any) => [b.block_id, b.hint?.text ?? '']);

describe('the domain is the safety net, and a form shows every error at once', () => {
  const SARA = 'U0SARA'; // BOJ Södra Stockholm: both groups, coordinator
  const municipality = async () => (await tb.db.prisma.municipality.findFirstOrThrow({ where: { key: 'stockholm' } })).id;

  it('the outreach form: a description of a person is asked about beside the missing number, a personnummer is refused even when confirmed', async () => {
    const form = await opened(SARA, 'followup_outreach', () => tb.driver.command(SARA, SAM, '/uppfoljning utåtriktat'));
    const hints = freeTextHints(form.view);
    expect(hints.map(([id]: string[]) => id).sort()).toEqual(['audience', 'description']);
    for (const [, hint] of hints) expect(hint).toContain('Skriv inget om enskilda stödsökande');
    const values = { date: '2026-03-05', kind: 'stand', municipality: await municipality(), audience: 'Besökare på torget', participants: '', description: `Samtal med ${PERSON}.` };
    const held = await tb.driver.submitView(SARA, form.id, values);
    expect(held.body.response_action).toBe('errors');
    expect(Object.keys(held.body.errors).sort()).toEqual(['description', 'participants']);
    expect(held.body.errors.description).toContain('”Storgatan 5”');
    expect(held.body.errors.description).toContain('kryssa i ”Texten handlar inte om en enskild stödsökande”');

    // The box says the text is not about a person supported; it never lets a personnummer through.
    const pn = await tb.driver.submitView(SARA, form.id, { ...values, participants: '30', audience: 'Besökare, se 1981-12-18-9876', not_about_a_person: ['yes'] });
    expect(Object.keys(pn.body.errors ?? {})).toEqual(['audience']);
    expect(pn.body.errors.audience).toContain('personnummer');
    expect(await tb.db.prisma.outreachEntry.count()).toBe(0);
    expect(await tb.db.prisma.auditLog.count({ where: { entityType: 'OutreachEntry' } })).toBe(0);

    const saved = await tb.driver.submitView(SARA, form.id, { ...values, participants: '30', not_about_a_person: ['yes'] });
    expect(saved.body.response_action).toBe('update');
    expect(await tb.db.prisma.outreachEntry.count()).toBe(1);
  });

  it('the information duty form: the empty subject and the description of a person in the change, both at once; nothing posted', async () => {
    const form = await opened(SARA, 'information_notice', () => tb.driver.command(SARA, SAM, '/anmal'));
    for (const [, hint] of freeTextHints(form.view)) expect(hint).toContain('Skriv inget om enskilda stödsökande');
    const r = await tb.driver.submitView(SARA, form.id, { subject: '', change: `Jouren har tagit emot ${PERSON}.` });
    expect(r.body.response_action).toBe('errors');
    expect(Object.keys(r.body.errors).sort()).toEqual(['change', 'subject']);
    expect(r.body.errors.change).toMatch(/^Texten ser ut att beskriva en enskild person \(”Anna Svensson, 34 år”, ”Storgatan 5”, ”född 12 mars 1992”\)/);
    await tb.flush();
    expect(await tb.db.prisma.informationNotice.count()).toBe(0);
    expect(posted('Anna Svensson')).toEqual([]);
  });

  it('the objection form: a reason describing a person is held back, and the vote is cast once confirmed', async () => {
    const ANNA = 'U0ANNA';
    const OMAR = 'U0OMAR';
    const STY = 'C0STYRGRP';
    const decision = await opened(ANNA, 'decision_form', () => tb.driver.command(ANNA, STY, '/beslut'));
    const proposed = await tb.driver.submitView(ANNA, decision.id, { title: 'Ny rutin för överlämning', body: 'Styrgruppen antar rutinen för överlämning.' });
    expect(proposed.body.response_action).toBe('update');
    await tb.flush();
    const d = await tb.db.prisma.decision.findFirstOrThrow({ where: { title: 'Ny rutin för överlämning' } });
    const ref = await tb.db.prisma.chatMessage.findUniqueOrThrow({ where: { ref: `decision:${d.id}` } });
    const objection = await opened(OMAR, 'decision_objection', () => tb.driver.click(OMAR, { channel: ref.conversationId, ts: ref.messageId }, 'decision_object'));
    const [[reasonBlock, hint]] = freeTextHints(objection.view);
    expect(hint).toContain('Skriv inget om enskilda stödsökande');
    const held = await tb.driver.submitView(OMAR, objection.id, { [reasonBlock]: 'Rutinen passar inte en 34-årig kvinna på Storgatan 5.' });
    expect(held.body).toMatchObject({ response_action: 'errors', errors: { [reasonBlock]: expect.stringContaining('”34-årig”') } });
    expect(await tb.db.prisma.decisionVote.count({ where: { decisionId: d.id } })).toBe(0);
    const cast = await tb.driver.submitView(OMAR, objection.id, { [reasonBlock]: 'Rutinen passar inte lokalen på Storgatan 5.', not_about_a_person: ['yes'] });
    expect(cast.body?.response_action).toBeUndefined();
    expect(await tb.db.prisma.decisionVote.count({ where: { decisionId: d.id, kind: 'OBJECTION' } })).toBe(1);
  });
});
