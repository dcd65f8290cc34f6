import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';

// A form whose saving takes longer than Slack's 3 seconds (here: the member table held by
// another transaction, and a short deadline) is answered "saving…" in time, and the real answer
// replaces that view once it is ready.
const ERIK = 'U0ERIK'; // Socialförvaltningen, Samverkansgruppen
const SAM = 'C0SAMVERK';

let tb: TestBot;
const clock = new ManualClock('2026-03-10T09:00:00Z');
beforeAll(async () => {
  tb = await startTestBot({ clock, submitDeadlineMs: 300 });
});
afterAll(async () => {
  await tb?.stop();
});

const text = (v: any) => JSON.stringify(v?.blocks ?? []);

async function openForm() {
  const before = new Set(tb.fake.views.keys());
  await tb.driver.command(ERIK, SAM, '/beslut');
  return tb.fake.waitFor(() => [...tb.fake.views.values()].find((v) => !before.has(v.id) && v.user === ERIK && v.view.callback_id === 'decision_form'));
}

/** Submits while another transaction holds the member table, so the save cannot finish in time. */
async function submitWhileBusy(viewId: string, values: Record<string, string>) {
  let answer: any;
  await tb.db.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe('LOCK TABLE "Member" IN ACCESS EXCLUSIVE MODE');
    answer = await tb.driver.submitView(ERIK, viewId, values);
  }, { timeout: 20_000 });
  return answer;
}

describe('a form that takes longer than Slack waits', () => {
  it('answers "saving…" in time and then shows the receipt in the same view', async () => {
    const form = await openForm();
    const r = await submitWhileBusy(form.id, { title: 'Gemensam jourtelefon', body: 'Parterna delar på en jourtelefon.' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ response_action: 'update', view: { title: { text: 'Sparar …' } } });
    const done = await tb.fake.waitFor(() => (text(tb.fake.views.get(form.id)?.view).includes('Beslut *SAM 2026:1*') ? tb.fake.views.get(form.id) : undefined));
    expect(text(done!.view)).toContain('registrerat och sparat');
    expect(await tb.db.prisma.decision.count({ where: { title: 'Gemensam jourtelefon' } })).toBe(1);
  });

  it('shows the form again with everything typed and the errors on top, and saves nothing until it is corrected', async () => {
    const form = await openForm();
    const values = { title: 'Utvärdera jourtelefonen', body: 'Vi utvärderar efter en månad.', decided_on: '2026-03-10', follow_up: '2026-03-01' };
    const r = await submitWhileBusy(form.id, values);
    expect(r.body).toMatchObject({ response_action: 'update', view: { title: { text: 'Sparar …' } } });
    const again = await tb.fake.waitFor(() => (text(tb.fake.views.get(form.id)?.view).includes('Det gick inte att spara') ? tb.fake.views.get(form.id) : undefined));
    const blocks = again!.view.blocks as any[];
    expect(blocks[0].text.text).toContain('Allt du skrev finns kvar');
    expect(blocks[0].text.text).toMatch(/Uppföljning.*:/);
    expect(blocks.find((b) => b.block_id === 'title').element.initial_value).toBe('Utvärdera jourtelefonen');
    expect(blocks.find((b) => b.block_id === 'body').element.initial_value).toBe('Vi utvärderar efter en månad.');
    expect(blocks.find((b) => b.block_id === 'follow_up').element.initial_date).toBe('2026-03-01');
    expect(again!.view.callback_id).toBe('decision_form');
    expect(await tb.db.prisma.decision.count({ where: { title: 'Utvärdera jourtelefonen' } })).toBe(0);

    // Corrected and sent again, in good time: saved once, with the receipt as usual.
    const fixed = await tb.driver.submitView(ERIK, form.id, { follow_up: '2026-04-10' });
    expect(text(fixed.body.view)).toContain('Beslut *SAM 2026:2*');
    expect(await tb.db.prisma.decision.count({ where: { title: 'Utvärdera jourtelefonen' } })).toBe(1);
  });

  it('answers a form that is quick as before, without "saving…"', async () => {
    const form = await openForm();
    const r = await tb.driver.submitView(ERIK, form.id, { title: 'Snabbt beslut', body: 'Det här går fort.' });
    expect(text(r.body.view)).toContain('Beslut *SAM 2026:3*');
  });
});
