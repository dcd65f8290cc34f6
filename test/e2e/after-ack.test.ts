import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const ANNA = 'U0ANNA'; // chair of the steering group
const MARIA = 'U0MARIA'; // steering group, Swedish
const LINNEA = 'U0LINNEA'; // collaboration group, English
const SAM = 'C0SAMVERK';
const STY = 'C0STYRGRP';

const clock = new ManualClock('2026-03-01T10:00:00Z');
let tb: TestBot;
beforeAll(async () => {
  tb = await startTestBot({ clock });
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  await tb?.stop();
});

const injectDatabaseFailure = () => vi.spyOn(tb.db.prisma, '$transaction').mockRejectedValueOnce(new Error('injected: the database went away'));
/** Everything the person was shown after a request: replies on its response_url and direct messages. */
const heard = (responseUrlId: string, user: string) => [
  ...tb.fake.responseUrlPosts.filter((p) => p.id === responseUrlId).map((p) => String((p.body as any)?.text ?? '')),
  ...tb.fake.messages.filter((m) => m.channel === user).map((m) => m.text ?? ''),
];

describe('an acknowledged action that fails afterwards', () => {
  it('a skip whose saving fails, and whose answer cannot be delivered either, is still told: not saved, try again (in English)', async () => {
    injectDatabaseFailure();
    tb.fake.failNext('response_url', { status: 404, error: 'expired_url' });
    const r = await tb.driver.command(LINNEA, SAM, '/rotation skip 2026-04-07');
    expect(r.status).toBe(200);
    const said = await tb.fake.waitFor(() => heard(r.responseUrlId, LINNEA).find((t) => t.includes('could not be saved')));
    expect(said).toMatch(/^What you just did could not be saved, because something went wrong on my side\. Please try again shortly; if it persists, contact an administrator \(error code [0-9a-f]{6}\)\.$/);
    await tb.bot.inFlight.idle();
    expect(await tb.db.prisma.rotationChange.count()).toBe(0);
    // Trying again works.
    const again = await (await tb.driver.command(LINNEA, SAM, '/rotation skip 2026-04-07')).reply();
    expect(again.text).toContain('BOJ Västerort skips the documentation duty');
    expect(await tb.db.prisma.rotationChange.count()).toBe(1);
  });

  it('a vote whose saving fails is answered "not done, try again", and nothing is counted', async () => {
    const before = new Set(tb.fake.views.keys());
    await tb.driver.command(ANNA, STY, '/beslut');
    const form = await tb.fake.waitFor(() => [...tb.fake.views.values()].find((v) => !before.has(v.id) && v.user === ANNA));
    await tb.driver.submitView(ANNA, form.id, { title: 'Ny part: BOJ Norrort', body: 'Styrgruppen föreslår att BOJ Norrort blir part från 2027.' });
    await tb.flush();
    const d = await tb.db.prisma.decision.findFirstOrThrow({ where: { title: 'Ny part: BOJ Norrort' } });
    const ref = await tb.db.prisma.chatMessage.findUniqueOrThrow({ where: { ref: `decision:${d.id}` } });
    const click = () => tb.driver.click(MARIA, { channel: ref.conversationId, ts: ref.messageId }, 'decision_consent');

    injectDatabaseFailure();
    const failed = await click();
    expect((await failed.reply()).text).toMatch(/^Något gick fel hos mig, så det blev inte gjort\. Försök igen/);
    await tb.bot.inFlight.idle();
    expect(await tb.db.prisma.decisionVote.count({ where: { decisionId: d.id } })).toBe(0);

    // The same, when the answer to the click cannot be delivered: the vote is not lost in silence.
    injectDatabaseFailure();
    tb.fake.failNext('response_url', { status: 404, error: 'expired_url' });
    const unanswered = await click();
    // The button's own answer could not reach her, so it comes as a direct message instead.
    const said = await tb.fake.waitFor(() => heard(unanswered.responseUrlId, MARIA).find((t) => t.includes('blev inte gjort')));
    expect(said).toMatch(/^Något gick fel hos mig, så det blev inte gjort\. Försök igen/);
    expect(tb.fake.messages.filter((m) => m.channel === MARIA && m.text === said)).toHaveLength(1);
    await tb.bot.inFlight.idle();
    expect(await tb.db.prisma.decisionVote.count({ where: { decisionId: d.id } })).toBe(0);

    expect((await (await click()).reply()).text).toContain('Du har godkänt');
    expect(await tb.db.prisma.decisionVote.count({ where: { decisionId: d.id } })).toBe(1);
  });
});
