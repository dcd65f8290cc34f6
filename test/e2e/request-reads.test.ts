import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const ANNA = 'U0ANNA'; // representative and chair of the steering group
const MARIA = 'U0MARIA'; // steering group
const ERIK = 'U0ERIK'; // collaboration group, coordinator
const SAM = 'C0SAMVERK';
const STY = 'C0STYRGRP';

const clock = new ManualClock('2026-03-10T09:00:00Z');
let tb: TestBot;
/** Reads through the bot's client outside transactions, by `model.method`. */
const reads = new Map<string, number>();
beforeAll(async () => {
  tb = await startTestBot({ clock });
  // Count what the bot reads: every listener reaches the database through ctx.prisma.
  const real = tb.bot.ctx.prisma as any;
  const counted = (model: string) =>
    new Proxy(real[model], {
      get(target, method: string) {
        const v = Reflect.get(target, method);
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          reads.set(`${model}.${method}`, (reads.get(`${model}.${method}`) ?? 0) + 1);
          return v.apply(target, args);
        };
      },
    });
  const models = { member: counted('member'), statisticsReport: counted('statisticsReport') };
  tb.bot.ctx.prisma = new Proxy(real, {
    get(target, p: string) {
      if (p in models) return models[p as keyof typeof models];
      const v = Reflect.get(target, p);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
});
afterAll(async () => {
  await tb?.stop();
});

/** Runs one request to its end (acknowledgement and the work after it) and returns what it read. */
async function readsOf(request: () => Promise<unknown>): Promise<Map<string, number>> {
  await tb.bot.inFlight.idle();
  reads.clear();
  await request();
  await tb.bot.inFlight.idle();
  return new Map(reads);
}

describe('each request reads the member behind it once', () => {
  it('/samverkan status, /beslut (a form) and /statistik rapport each read the member once', async () => {
    for (const line of ['/samverkan status', '/beslut', '/statistik rapport', '/beslut lista']) {
      const r = await readsOf(() => tb.driver.command(ERIK, SAM, line));
      expect({ line, member: r.get('member.findUnique') }).toEqual({ line, member: 1 });
    }
  });

  it('a form\'s submission reads the member once, with its "saving…" deadline watching', async () => {
    const before = new Set(tb.fake.views.keys());
    await tb.driver.command(ERIK, SAM, '/beslut');
    const form = await tb.fake.waitFor(() => [...tb.fake.views.values()].find((v) => !before.has(v.id) && v.user === ERIK));
    const r = await readsOf(() => tb.driver.submitView(ERIK, form.id, { title: 'Gemensam telefonlista', body: 'Vi håller en gemensam telefonlista.' }));
    expect(r.get('member.findUnique')).toBe(1);
    expect(await tb.db.prisma.decision.count({ where: { title: 'Gemensam telefonlista' } })).toBe(1);
  });

  it('a vote on a proposal reads the voter once', async () => {
    const before = new Set(tb.fake.views.keys());
    await tb.driver.command(ANNA, STY, '/beslut');
    const form = await tb.fake.waitFor(() => [...tb.fake.views.values()].find((v) => !before.has(v.id) && v.user === ANNA));
    await tb.driver.submitView(ANNA, form.id, { title: 'Gemensam uppföljning', body: 'Styrgruppen föreslår en gemensam uppföljning.' });
    await tb.flush();
    const d = await tb.db.prisma.decision.findFirstOrThrow({ where: { title: 'Gemensam uppföljning' } });
    const ref = await tb.db.prisma.chatMessage.findUniqueOrThrow({ where: { ref: `decision:${d.id}` } });

    const r = await readsOf(async () => (await tb.driver.click(MARIA, { channel: ref.conversationId, ts: ref.messageId }, 'decision_consent')).reply());
    expect(r.get('member.findUnique')).toBe(1);
    expect(await tb.db.prisma.decisionVote.count({ where: { decisionId: d.id } })).toBe(1);
  });
});

describe('/statistik rapport compiles its report once', () => {
  it('reads the period\'s reports once for the member\'s view and the channel\'s files together', async () => {
    const r = await readsOf(async () => (await tb.driver.command(ERIK, SAM, '/statistik rapport 2025')).reply());
    expect(r.get('statisticsReport.findMany')).toBe(1);
  });
});

describe('a change within a request', () => {
  it('an administrator who gives herself a role sees it in the same request (a change forgets what was read)', async () => {
    const r = await tb.driver.command(ANNA, SAM, '/samverkan admin lägg-till <@U0ANNA|Anna Lindqvist> sof samordnare');
    // Read as she was at the start of the request, she would still be shown with her old roles.
    expect((await r.reply()).text).toBe('<@U0ANNA> är nu medlem för Socialförvaltningen med rollerna: samordnare.');
  });
});
