import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actingFor } from '../../src/domain/cause.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { enqueue, RETRY_FOR_MS, UNDELIVERABLE_RETRY_MS } from '../../src/domain/outbox.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const ANNA = 'U0ANNA'; // admin
const ERIK = 'U0ERIK'; // collaboration group, coordinator (not an admin)
const LINNEA = 'U0LINNEA'; // English
const SAM = 'C0SAMVERK';

const clock = new ManualClock('2026-03-10T09:00:00Z');
let tb: TestBot;
beforeAll(async () => {
  tb = await startTestBot({ clock });
});
afterAll(async () => {
  await tb?.stop();
});

const text = (m: any) => JSON.stringify(m?.blocks ?? m?.view?.blocks ?? []) + (m?.text ?? '');
const dmsTo = (user: string, needle: string) => tb.fake.messages.filter((m) => m.channel === user && (m.text ?? '').includes(needle));
const flush = async () => {
  await tb.flush();
  await tb.flush();
};

async function status(user: string): Promise<string> {
  const r = await tb.driver.command(user, SAM, '/samverkan status');
  return text(await r.reply());
}

describe('a post Slack refuses', () => {
  it('is kept, the person who caused it hears why and what to do, admins see it in /samverkan status, and it is posted once when the bot is invited', async () => {
    tb.fake.removeBot(SAM);
    const before = new Set(tb.fake.views.keys());
    await tb.driver.command(ERIK, SAM, '/beslut');
    const form = await tb.fake.waitFor(() => [...tb.fake.views.values()].find((v) => !before.has(v.id) && v.user === ERIK));
    const r = await tb.driver.submitView(ERIK, form.id, { title: 'Gemensam broschyr', body: 'Vi tar fram en gemensam broschyr.', follow_up: '2026-04-15', responsible_person: ERIK });
    // Saved, and said to be posted later: it is not posted yet when the receipt is written.
    expect(text(r.body)).toContain('Beslut *SAM 2026:1* är registrerat och sparat. Det publiceras i <#C0SAMVERK> strax; går det inte, får du besked.');
    await flush();

    const card = await tb.db.prisma.outboxMessage.findFirstOrThrow({ where: { dedupeKey: { startsWith: 'decision-card:' } } });
    expect(card).toMatchObject({ status: 'undeliverable', lastError: 'not_in_channel', causedBy: ERIK });
    expect(tb.fake.channelMessages(SAM)).toHaveLength(0);
    // Erik is told, once, in Swedish: where, what, why and what to do.
    const told = dmsTo(ERIK, 'Jag kunde inte publicera det här i <#C0SAMVERK>');
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain('Beslut SAM 2026:1: Gemensam broschyr');
    expect(told[0]!.text).toContain('Boten är inte medlem i <#C0SAMVERK>. Bjud in den: skriv `/invite @Samverkan` i kanalen.');
    expect(told[0]!.text).toContain('Det du gjorde är sparat');

    // An admin sees it under /samverkan status; a member who is not an admin does not.
    expect(await status(ERIK)).not.toContain('kunde inte publiceras');
    const seen = await status(ANNA);
    expect(seen).toContain('1 meddelande kunde inte publiceras');
    expect(seen).toContain('i <#C0SAMVERK> (efter något som <@U0ERIK> gjorde)');
    expect(seen).toContain('Beslut SAM 2026:1: Gemensam broschyr');
    expect(seen).toContain('Bjud in den');
    // The status tried again at once: still refused, and nobody is told twice.
    await flush();
    expect(tb.fake.channelMessages(SAM)).toHaveLength(0);
    expect((await tb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: card.id } })).attempts).toBe(2);
    expect(dmsTo(ERIK, 'Jag kunde inte publicera')).toHaveLength(1);

    // Someone invites the bot and the admin looks again: the card goes out, once.
    tb.fake.inviteBot(SAM);
    expect(await status(ANNA)).toContain('1 meddelande kunde inte publiceras');
    await flush();
    const posted = tb.fake.channelMessages(SAM);
    expect(posted.map((m) => m.text)).toEqual(['Beslut SAM 2026:1: Gemensam broschyr']);
    expect((await tb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: card.id } })).status).toBe('sent');
    expect(dmsTo(ERIK, 'Nu är det publicerat i <#C0SAMVERK>: ”Beslut SAM 2026:1: Gemensam broschyr”')).toHaveLength(1);
    expect(await status(ANNA)).not.toContain('kunde inte publiceras');
    clock.advance(UNDELIVERABLE_RETRY_MS + 60_000);
    await flush();
    expect(tb.fake.channelMessages(SAM)).toHaveLength(1);
  });

  it('is retried for a day when Slack keeps failing, then reported (in the actor\'s language) and posted on a later try', async () => {
    const group = await tb.db.prisma.group.findFirstOrThrow({ where: { channelId: SAM } });
    tb.fake.failNext('chat.postMessage', { error: 'internal_error', times: 1000 });
    await actingFor(LINNEA, () =>
      tb.db.prisma.$transaction((tx) => enqueue(tx, 'flaky', { to: { group: group.id }, template: 'core.message', data: { key: 'core.admin.deactivated', params: { user: 'U0FLAKY' } } })),
    );
    await flush();
    const row = () => tb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'flaky' } });
    expect((await row()).status).toBe('pending');
    clock.advance(RETRY_FOR_MS);
    await flush();
    expect(await row()).toMatchObject({ status: 'undeliverable', lastError: 'internal_error', causedBy: LINNEA });
    // Slack answers again: the message to Linnea goes out first, the post on its next try.
    tb.fake.clearFailures();
    clock.advance(60_000);
    await flush();
    const told = dmsTo(LINNEA, 'I could not post this in <#C0SAMVERK>');
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain('Slack answered `internal_error`. I will keep trying');
    clock.advance(UNDELIVERABLE_RETRY_MS);
    await flush();
    expect(tb.fake.messages.filter((m) => m.channel === SAM && m.text?.includes('<@U0FLAKY>'))).toHaveLength(1);
    expect((await row()).status).toBe('sent');
    expect(dmsTo(LINNEA, 'It is posted now in <#C0SAMVERK>')).toHaveLength(1);
  });
});
