import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgreementReminders } from '../../src/domain/agreement/term-reminders.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { proposeDecision } from '../../src/domain/decisions/index.ts';
import { listGroups, requireActor } from '../../src/domain/partnership/directory.ts';
import { loadPlan } from '../../src/domain/rotation/plan.ts';
import { reportingStatus } from '../../src/domain/statistics/status.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
// Stockholm (seed 003 §5.1, §5.3): first period 1 April – 31 December 2025, renewed one calendar
// year at a time, at most to 31 December 2027; notice by 30 September, effective 1 January.
// Steering representatives: Anna (Socialförvaltningen), Maria (BOJ Stockholm-Gotland), Sara
// (BOJ Södra Stockholm), Omar (BOJ Västerort). Erik and Jonas sit in the collaboration group only.
const ANNA = 'U0ANNA';
const MARIA = 'U0MARIA';
const SARA = 'U0SARA';
const OMAR = 'U0OMAR';
const ERIK = 'U0ERIK';
const JONAS = 'U0JONAS'; // coordinator of BOJ Stockholm-Gotland
const LINNEA = 'U0LINNEA'; // coordinator of BOJ Västerort, English
const STY = 'C0STYRGRP';
const SAM = 'C0SAMVERK';
const PUBLIC = 'https://samverkan.example.org';

const clock = new ManualClock('2025-07-01T10:00:00Z');
let tb: TestBot;
beforeAll(async () => {
  tb = await startTestBot({ clock, env: { PUBLIC_URL: `${PUBLIC}/` } });
});
afterAll(async () => {
  await tb?.stop();
});

const replyText = async (user: string, line: string, channel = SAM) => {
  const r = await (await tb.driver.command(user, channel, line)).reply();
  return [r.text, ...(r.blocks ?? []).map((b: any) => b.text?.text ?? (b.elements ?? []).map((e: any) => e.text ?? '').join(' '))].join('\n');
};
const TERM = /^(Påminnelse: sista dag att säga upp|Påminnelse: överenskommelsen kan inte|Överenskommelsen har förlängts)/;
/** Ticks the scheduler at `at` and returns what it told the steering group about the term. */
async function tickAt(at: string): Promise<string[]> {
  clock.set(at);
  const before = tb.fake.messages.length;
  expect(await tb.bot.scheduler.tick()).toBe(true);
  await tb.flush();
  return tb.fake.messages.slice(before).filter((m) => m.channel === STY && TERM.test(m.text ?? '')).map((m) => m.text!);
}
/** Direct messages of a tick's statistics reminders (they carry the form's button), by user. */
const statisticsReminded = (from: number) =>
  tb.fake.messages.slice(from).filter((m) => JSON.stringify(m.blocks ?? []).includes('statistics_open_form')).map((m) => m.channel).sort();

async function opened(user: string, line: string) {
  const before = new Set(tb.fake.views.keys());
  await tb.driver.command(user, STY, line);
  return tb.fake.waitFor(() => [...tb.fake.views.values()].find((v) => !before.has(v.id) && v.user === user && v.view.callback_id === 'agreement_notice'));
}
const viewText = (v: any) => JSON.stringify(v?.blocks ?? v?.view?.blocks ?? []);
const posted = async (ref: string) => {
  const row = await tb.db.prisma.chatMessage.findUniqueOrThrow({ where: { ref } });
  return tb.fake.messages.find((m) => m.channel === row.conversationId && m.ts === row.messageId)!;
};
async function propose(title: string) {
  const anna = await requireActor(tb.bot.ctx, ANNA);
  const sty = (await listGroups(tb.bot.ctx)).find((g) => g.kind === 'STEERING')!;
  const d = await proposeDecision(tb.bot.ctx, anna.actor, { groupId: sty.id, title, body: 'Styrgruppen beslutar om mötestiderna.' });
  await tb.flush();
  return d.id;
}
async function vote(user: string, decisionId: string) {
  const card = await posted(`decision:${decisionId}`);
  const r = await (await tb.driver.click(user, { channel: card.channel, ts: card.ts }, 'decision_consent')).reply();
  await tb.flush();
  return r;
}
const status = async (id: string) => (await tb.db.prisma.decision.findUniqueOrThrow({ where: { id } })).status;
const partyId = async (key: string) => (await tb.db.prisma.party.findFirstOrThrow({ where: { key } })).id;

describe('/samverkan avtal', () => {
  it('shows the current period, the next renewal, the days left to the notice deadline and the appendices', async () => {
    const sv = await replyText(JONAS, '/samverkan avtal');
    expect(sv).toContain('Nuvarande period: *1 april 2025 – 31 december 2025*.');
    expect(sv).toContain('Förlängs automatiskt med perioden *1 januari 2026 – 31 december 2026* om den inte sägs upp.');
    expect(sv).toContain('Förlängs som längst till 31 december 2027.');
    // 1 July → 30 September: 30 + 31 + 30 days.
    expect(sv).toContain('Sista dag att säga upp inför nästa period: *30 september 2025* (91 dagar kvar). En uppsägning gäller från 1 januari 2026.');
    expect(sv).toContain('Ingen part har sagt upp sitt åtagande.');
    expect(sv).toContain('Bilagor till överenskommelsen');
    expect(sv).toContain('*BOJ Södra Stockholm*: Stöd till brottsutsatta i Söderort, version 1.0');
    const en = await replyText(LINNEA, '/samverkan agreement');
    expect(en).toContain('Current period: *1 April 2025 – 31 December 2025*.');
    expect(en).toContain('Last day to give notice before the next period: *30 September 2025* (91 days left).');
    expect(await replyText(JONAS, '/samverkan hjälp')).toContain('`/samverkan uppsägning` – säg upp din parts åtagande');
  });
});

describe('reminders before the notice deadline', () => {
  it('sends nothing before the first stage, and after downtime only the latest stage, once, with the real days left', async () => {
    expect(await tickAt('2025-07-30T10:00:00Z')).toEqual([]);
    // Down from before the 60-day reminder (1 August) until after the 14-day one (16 September).
    const sent = await tickAt('2025-09-20T06:30:00Z');
    expect(sent).toEqual([
      'Påminnelse: sista dag att säga upp överenskommelsen inför nästa period är *30 september 2025* (10 dagar kvar). Utan uppsägning förlängs den automatiskt med perioden 1 januari 2026 – 31 december 2026. En part säger upp med `/samverkan uppsägning`.',
    ]);
    expect(await tickAt('2025-09-20T07:30:00Z')).toEqual([]);
    // Two replicas running the job at once send nothing more.
    const counts = await Promise.all([runAgreementReminders(tb.bot.ctx, clock.now()), runAgreementReminders(tb.bot.ctx, clock.now())]);
    expect(counts).toEqual([0, 0]);
    expect(await tb.db.prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: 'agreement:notice-deadline:2025-09-30:' } } })).toBe(1);
  });
});

describe('a party gives notice', () => {
  it('is refused to anyone but the party\'s steering group representatives, without a form', async () => {
    clock.set('2025-09-25T08:00:00Z');
    const before = tb.fake.views.size;
    expect(await replyText(ERIK, '/samverkan uppsägning')).toContain('Bara representanter för Socialförvaltningen i Styrgruppen kan säga upp partens åtagande');
    expect(await replyText(JONAS, '/samverkan notice')).toContain('Bara representanter för BOJ Stockholm-Gotland i Styrgruppen');
    expect(await replyText(SARA, '/samverkan uppsägning flyga')).toContain('Jag känner inte till `flyga`.');
    expect(tb.fake.views.size).toBe(before);
  });

  it('in time: effective the next 1 January, posted to the steering group and audited; the reason is guarded', async () => {
    const form = await opened(SARA, '/samverkan uppsägning');
    expect(viewText(form.view)).toContain('Lämnad i dag, senast sista dagen 30 september 2025, gäller den från *1 januari 2026*');
    const bad = await tb.driver.submitView(SARA, form.id, { reason: 'Se ärendet om 19811218-9876.' });
    expect(bad.body.response_action).toBe('errors');
    expect(bad.body.errors.reason).toBeDefined();
    const empty = await tb.driver.submitView(SARA, form.id, { reason: '  ' });
    expect(empty.body.errors.reason).toBe('Skriv skälet till uppsägningen.');
    expect(await tb.db.prisma.agreementNotice.count()).toBe(0);
    const ok = await tb.driver.submitView(SARA, form.id, { reason: 'Föreningen slås ihop med BOJ Stockholm-Gotland.' });
    expect(ok.body.response_action).toBe('update');
    expect(viewText(ok.body)).toContain('Uppsägningen är registrerad och skickad till styrgruppen i <#C0STYRGRP>. Den gäller från *1 januari 2026*.');
    await tb.flush();
    const post = tb.fake.channelMessages(STY).filter((m) => m.text?.includes('har sagt upp åtagandet för *BOJ Södra Stockholm*'));
    expect(post).toHaveLength(1);
    expect(post[0]!.text).toBe('<@U0SARA> har sagt upp åtagandet för *BOJ Södra Stockholm* i partnerskapet (25 september 2025). Uppsägningen gäller från *1 januari 2026*.\n>Skäl: Föreningen slås ihop med BOJ Stockholm-Gotland.');
    const row = await tb.db.prisma.agreementNotice.findFirstOrThrow();
    expect(row).toMatchObject({ late: false, reason: 'Föreningen slås ihop med BOJ Stockholm-Gotland.' });
    expect(row.effectiveOn.toISOString().slice(0, 10)).toBe('2026-01-01');
    const audit = await tb.db.prisma.auditLog.findMany({ where: { entityType: 'AgreementNotice', entityId: row.id } });
    expect(audit.map((a) => a.action)).toEqual(['give-notice']);
    // One notice per party.
    expect(await replyText(SARA, '/samverkan uppsägning', STY)).toContain('BOJ Södra Stockholm har redan sagt upp sitt åtagande (2025-09-25); uppsägningen gäller från 2026-01-01.');
  });

  it('late: after 30 September it takes effect a year later, and says so', async () => {
    clock.set('2025-10-05T08:00:00Z');
    const form = await opened(OMAR, '/samverkan uppsägning');
    expect(viewText(form.view)).toContain('Sista dagen för uppsägning i år var 30 september 2025, så den gäller först från *1 januari 2027*');
    const ok = await tb.driver.submitView(OMAR, form.id, { reason: 'Föreningen prioriterar om sin verksamhet.' });
    expect(viewText(ok.body)).toContain('Den lämnades efter sista dagen 30 september 2025 och gäller därför först från *1 januari 2027*.');
    await tb.flush();
    const post = tb.fake.channelMessages(STY).find((m) => m.text?.includes('åtagandet för *BOJ Västerort*'))!;
    expect(post.text).toContain('Uppsägningen gäller från *1 januari 2027*.');
    expect(post.text).toContain('Den lämnades efter sista dagen 30 september 2025 och gäller därför ett år senare än en uppsägning i tid.');
    const list = await replyText(JONAS, '/samverkan avtal');
    expect(list).toContain('• *BOJ Södra Stockholm* sade upp 25 september 2025; gäller från *1 januari 2026*.');
    expect(list).toContain('• *BOJ Västerort* sade upp 5 oktober 2025, efter sista dagen 30 september 2025; gäller därför först från *1 januari 2027*.');
    // The renewal into 2026 is settled; the next deadline decides the one after it.
    expect(list).toContain('Förlängs med perioden *1 januari 2026 – 31 december 2026*: sista dagen för uppsägning inför den har passerat.');
    expect(list).toContain('Sista dag att säga upp inför perioden därefter: *30 september 2026* (360 dagar kvar).');
  });

  it('can be withdrawn by the same party before it takes effect, audited and told to the steering group', async () => {
    clock.set('2025-10-06T08:00:00Z');
    const form = await opened(MARIA, '/samverkan uppsägning');
    await tb.driver.submitView(MARIA, form.id, { reason: 'Osäker finansiering.' });
    expect(await replyText(MARIA, '/samverkan uppsägning återkalla', STY)).toContain('Uppsägningen för BOJ Stockholm-Gotland är återkallad; styrgruppen har fått veta det.');
    expect(await replyText(MARIA, '/samverkan uppsägning återkalla', STY)).toContain('BOJ Stockholm-Gotland har ingen uppsägning att återkalla.');
    await tb.flush();
    expect(tb.fake.channelMessages(STY).some((m) => m.text === '<@U0MARIA> har återkallat uppsägningen för *BOJ Stockholm-Gotland* från 6 oktober 2025. BOJ Stockholm-Gotland är kvar i partnerskapet.')).toBe(true);
    const row = await tb.db.prisma.agreementNotice.findFirstOrThrow({ where: { partyId: await partyId('boj-sg') } });
    expect(row.withdrawnAt).not.toBeNull();
    const audit = await tb.db.prisma.auditLog.findMany({ where: { entityType: 'AgreementNotice', entityId: row.id }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['give-notice', 'withdraw-notice']);
    expect(await replyText(JONAS, '/samverkan avtal')).not.toContain('BOJ Stockholm-Gotland* sade upp');
  });
});

describe('the calendar', () => {
  it('holds the notice deadlines, the renewals and the day each notice takes effect, as whole days', async () => {
    for (const user of [ANNA, JONAS]) {
      const r = await replyText(user, '/samverkan kalender');
      const own = r.match(/https:\/\/samverkan\.example\.org\/kalender\/[A-Za-z0-9_-]+\.ics/)![0];
      const res = await fetch(own.replace(PUBLIC, tb.bot.url!));
      expect(res.status).toBe(200);
      const events = Object.values(ical.sync.parseICS(await res.text())).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
      const day = (e: ical.VEvent) => `${e.start.getFullYear()}-${String(e.start.getMonth() + 1).padStart(2, '0')}-${String(e.start.getDate()).padStart(2, '0')}`;
      const term = events.filter((e) => /överenskommelsen|Uppsägningen för/i.test(String(e.summary))).map((e) => [day(e), String(e.summary), e.datetype]).sort();
      expect(term).toEqual([
        ['2025-09-30', 'Uppsägning av överenskommelsen: sista dagen', 'date'],
        ['2026-01-01', 'Uppsägningen för BOJ Södra Stockholm börjar gälla', 'date'],
        ['2026-01-01', 'Överenskommelsen förlängs: 2026-01-01 – 2026-12-31', 'date'],
        ['2026-09-30', 'Uppsägning av överenskommelsen: sista dagen', 'date'],
      ]);
    }
  });
});

describe('a party that has given notice', () => {
  let before: string;

  it('is still asked to consent before its notice takes effect', async () => {
    clock.set('2025-12-10T09:00:00Z');
    before = await propose('Mötestider 2026');
    for (const u of [ANNA, MARIA, OMAR]) await vote(u, before);
    expect(await status(before)).toBe('PROPOSED');
    await vote(SARA, before);
    expect(await status(before)).toBe('ADOPTED');
  });

  it('on renewal day: the channel is told the new period, once; the party still owes the last quarter it was in', async () => {
    const from = tb.fake.messages.length;
    expect(await tickAt('2026-01-01T07:30:00Z')).toEqual(['Överenskommelsen har förlängts automatiskt: ny period *1 januari 2026 – 31 december 2026*.']);
    expect(statisticsReminded(from)).toEqual([JONAS, LINNEA, SARA]);
    expect(await tickAt('2026-01-01T08:30:00Z')).toEqual([]);
  });

  it('is not needed for unanimity from the effective date, and its vote is refused', async () => {
    clock.set('2026-01-02T09:00:00Z');
    const after = await propose('Mötestider hösten 2026');
    const refused = await vote(SARA, after);
    expect(JSON.stringify(refused)).toContain('BOJ Södra Stockholm har lämnat partnerskapet (uppsägningen har börjat gälla) och röstar inte längre.');
    for (const u of [ANNA, MARIA]) await vote(u, after);
    expect(await status(after)).toBe('PROPOSED'); // BOJ Västerort's notice takes effect only in 2027
    await vote(OMAR, after);
    expect(await status(after)).toBe('ADOPTED');
  });

  it('owes no statistics for quarters that start on or after the effective date, and is not reminded', async () => {
    const sodra = await partyId('boj-sodra');
    const vasterort = await partyId('boj-vasterort');
    expect((await reportingStatus(tb.bot.ctx, { year: 2025, quarter: 4 })).parties.map((p) => p.partyId)).toContain(sodra);
    expect((await reportingStatus(tb.bot.ctx, { year: 2026, quarter: 1 })).parties.map((p) => p.partyId)).not.toContain(sodra);
    expect((await reportingStatus(tb.bot.ctx, { year: 2026, quarter: 4 })).parties.map((p) => p.partyId)).toContain(vasterort);
    expect((await reportingStatus(tb.bot.ctx, { year: 2027, quarter: 1 })).parties.map((p) => p.partyId)).not.toContain(vasterort);
    clock.set('2026-04-01T06:30:00Z');
    const from = tb.fake.messages.length;
    await tb.bot.scheduler.tick();
    await tb.flush();
    expect(statisticsReminded(from)).toEqual([JONAS, LINNEA]);
  });

  it('holds no rotation turn from the effective date, and its turns before it as before', async () => {
    const sodra = await partyId('boj-sodra');
    const vasterort = await partyId('boj-vasterort');
    for (const g of await listGroups(tb.bot.ctx)) {
      const plan = await loadPlan(tb.bot.ctx, g, new Date('2028-06-30T00:00:00Z'));
      const holders = (from: string, to: string) => plan.meetings.filter((m) => m.at >= new Date(from) && m.at < new Date(to)).map((m) => m.holder);
      expect(holders('2026-01-01T00:00:00+01:00', '2028-06-30T00:00:00Z')).not.toContain(sodra);
      // The collaboration group's documentation turns every meeting; the chair's term is four meetings.
      if (g.kind === 'COLLABORATION') expect(holders('2026-01-01T00:00:00+01:00', '2027-01-01T00:00:00+01:00')).toContain(vasterort);
      expect(holders('2027-01-01T00:00:00+01:00', '2028-06-30T00:00:00Z')).not.toContain(vasterort);
      expect(holders('2027-01-01T00:00:00+01:00', '2028-06-30T00:00:00Z').length).toBeGreaterThan(2);
    }
  });
});

describe('the term runs to its latest end', () => {
  it('reminds 60 days before the deadline, then catches up a missed 14-day reminder once after downtime', async () => {
    expect(await tickAt('2026-08-01T05:30:00Z')).toEqual([]); // 07:30 local: not yet
    const first = await tickAt('2026-08-01T06:30:00Z');
    expect(first).toHaveLength(1);
    expect(first[0]).toContain('*30 september 2026* (60 dagar kvar). Utan uppsägning förlängs den automatiskt med perioden 1 januari 2027 – 31 december 2027.');
    expect(await tickAt('2026-09-10T06:30:00Z')).toEqual([]);
    const late = await tickAt('2026-09-20T06:30:00Z'); // the 14-day reminder was due on 16 September
    expect(late).toHaveLength(1);
    expect(late[0]).toContain('*30 september 2026* (10 dagar kvar)');
    expect(await tickAt('2026-09-25T06:30:00Z')).toEqual([]);
  });

  it('adopts, on the day a notice takes effect, a proposal every remaining party has consented to, and stops naming the party on an open card', async () => {
    clock.set('2026-12-10T09:00:00Z');
    const ready = await propose('Lokaler 2027');
    const open = await propose('Budget 2027');
    for (const u of [ANNA, MARIA]) await vote(u, ready);
    await vote(ANNA, open);
    const card = async (id: string) => JSON.stringify((await posted(`decision:${id}`)).blocks);
    expect(await card(open)).toContain('BOJ Västerort');
    expect(await card(open)).not.toContain('BOJ Södra'); // its notice took effect before this was proposed
    // 23:30 on 31 December: BOJ Västerort is still in the agreement and its consent is still needed.
    await tickAt('2026-12-31T22:30:00Z');
    expect(await status(ready)).toBe('PROPOSED');
    await tickAt('2026-12-31T23:30:00Z'); // 00:30 on 1 January 2027: its notice has taken effect
    expect(await status(ready)).toBe('ADOPTED');
    expect(await card(ready)).not.toContain('BOJ Västerort');
    expect(await status(open)).toBe('PROPOSED');
    expect(await card(open)).not.toContain('BOJ Västerort');
    expect(await card(open)).toContain('Socialförvaltningen');
    const register = await replyText(ANNA, '/beslut lista', STY);
    expect(register).toContain('väntar på BOJ Stockholm-Gotland');
    expect(register).not.toMatch(/väntar på[^\n]*BOJ Västerort/);
    // Once: a later tick neither adopts nor redraws anything.
    const before = tb.fake.messages.length;
    const updates = tb.fake.calls.filter((c) => c.method === 'chat.update').length;
    await tickAt('2026-12-31T23:40:00Z');
    expect(tb.fake.messages.slice(before).filter((m) => m.channel === STY)).toEqual([]);
    expect(tb.fake.calls.filter((c) => c.method === 'chat.update').length).toBe(updates);
    await vote(MARIA, open);
    expect(await status(open)).toBe('ADOPTED');
  });

  it('is renewed into its last period, reminded to renegotiate six months before the end, and never renewed past it', async () => {
    expect(await tickAt('2027-01-01T07:30:00Z')).toEqual(['Överenskommelsen har förlängts automatiskt: ny period *1 januari 2027 – 31 december 2027*. Det är den sista perioden: överenskommelsen upphör 31 december 2027.']);
    expect(await tickAt('2027-06-29T06:30:00Z')).toEqual([]);
    expect(await tickAt('2027-06-30T06:30:00Z')).toEqual(['Påminnelse: överenskommelsen kan inte förlängas längre än till *31 december 2027* (184 dagar kvar). Dags att förhandla om en ny överenskommelse.']);
    const last = await replyText(JONAS, '/samverkan avtal');
    expect(last).toContain('Förlängs inte mer: överenskommelsen upphör *31 december 2027*. Dags att förhandla om en ny.');
    expect(last).not.toContain('Sista dag att säga upp');
    expect(await tickAt('2027-08-01T06:30:00Z')).toEqual([]); // no deadline decides a renewal any more
    expect(await tickAt('2027-09-20T06:30:00Z')).toEqual([]);
    expect(await tickAt('2028-01-01T07:30:00Z')).toEqual([]);
    expect(await replyText(JONAS, '/samverkan avtal')).toContain('Överenskommelsen upphörde 31 december 2027.');
    expect(await replyText(OMAR, '/samverkan uppsägning', STY)).toContain('Överenskommelsen har redan upphört.');
  });
});
