import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { requireActor } from '../../src/domain/partnership/directory.ts';
import { recordDecision } from '../../src/domain/decisions/index.ts';
import { JAMTLAND, startTestBot, type TestBot } from '../helpers/bot.ts';

// Stockholm: Samverkansgruppen meets every 6 weeks on Tuesday 13:00 from 13 January 2026
// (24 February, 7 April, …), documentation in the order BOJ Stockholm-Gotland, BOJ Södra,
// BOJ Västerort, Socialförvaltningen. Styrgruppen meets every 8 weeks on Thursday 09:00 from
// 15 January; chair terms of 4 meetings. Summer time starts on 29 March 2026.
const JONAS = 'U0JONAS'; // BOJ Stockholm-Gotland, Samverkansgruppen, coordinator
const LINNEA = 'U0LINNEA'; // BOJ Västerort, Samverkansgruppen, coordinator, English
const ANNA = 'U0ANNA'; // Socialförvaltningen, Styrgruppen (chair), admin
const OMAR = 'U0OMAR'; // BOJ Västerort, Styrgruppen only
const SAM = 'C0SAMVERK';
const PUBLIC = 'https://samverkan.example.org';

let tb: TestBot;
const clock = new ManualClock('2026-03-01T10:00:00Z');
beforeAll(async () => {
  tb = await startTestBot({ clock, env: { PUBLIC_URL: `${PUBLIC}/` } });
});
afterAll(async () => {
  await tb?.stop();
});

const text = (r: { text?: string; blocks?: unknown }) => `${r.text}\n${JSON.stringify(r.blocks ?? [])}`;
const reply = async (user: string, line: string) => text(await (await tb.driver.command(user, SAM, line)).reply());
/** The addresses a reply gives, in order (own calendar first). */
const addresses = (text: string) => [...new Set(text.match(/https:\/\/samverkan\.example\.org\/kalender\/[A-Za-z0-9_-]+\.ics/g) ?? [])];
/** Fetches a feed the way a calendar service would: the public address, served by this bot. */
const fetchFeed = (address: string) => fetch(address.replace(PUBLIC, tb.bot.url!));
async function events(address: string) {
  const res = await fetchFeed(address);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  const parsed = ical.sync.parseICS(await res.text());
  return Object.values(parsed).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
}
const stockholm = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' }).format(d);

describe('a member subscribes to their calendar', () => {
  it('gets their own address and one per group, the same each time, at the public address', async () => {
    const first = await reply(JONAS, '/samverkan kalender');
    expect(first).toContain('Din kalender');
    expect(first).toContain('Outlook');
    const links = addresses(first);
    expect(links).toHaveLength(2); // own + Samverkansgruppen
    expect(first).toContain('*Samverkansgruppen*');
    expect(addresses(await reply(JONAS, '/samverkan kalender'))).toEqual(links);
  });

  it('shows the group meetings with who documents, at 13:00 Stockholm time on both sides of the change to summer time', async () => {
    const [own] = addresses(await reply(JONAS, '/samverkan kalender'));
    const list = await events(own!);
    const meetings = list.filter((e) => e.summary === 'Möte i Samverkansgruppen').sort((a, b) => +a.start - +b.start);
    const feb = meetings.find((e) => stockholm(e.start).startsWith('2026-02-24'))!;
    const apr = meetings.find((e) => stockholm(e.start).startsWith('2026-04-07'))!;
    expect(feb.start.toISOString()).toBe('2026-02-24T12:00:00.000Z'); // CET
    expect(apr.start.toISOString()).toBe('2026-04-07T11:00:00.000Z'); // CEST
    expect(stockholm(apr.start)).toBe('2026-04-07 13:00');
    expect(apr.description).toBe('Dokumentationsansvar: BOJ Västerort');
    expect(+apr.end! - +apr.start).toBe(120 * 60_000);
    expect((apr.start as Date & { tz?: string }).tz).toBe('Europe/Stockholm');
    // A year ahead, never the other group's meetings (Jonas is not in Styrgruppen).
    expect(meetings.some((e) => e.start > new Date('2027-01-01'))).toBe(true);
    expect(list.some((e) => String(e.summary).includes('Styrgruppen'))).toBe(false);
    // Stable ids: the same meeting has the same UID in every fetch, so calendars update it in place.
    const again = await events(own!);
    expect(again.map((e) => e.uid).sort()).toEqual(list.map((e) => e.uid).sort());
  });

  it('gives a coordinator each quarter\'s last day for the statistics and an association\'s coordinator the annual report\'s, as whole days', async () => {
    const [own] = addresses(await reply(JONAS, '/samverkan kalender'));
    const q1 = (await events(own!)).find((e) => e.summary === 'Sista dag för statistiken för kvartal 1 2026')!;
    expect(q1.datetype).toBe('date');
    expect(`${q1.start.getFullYear()}-${q1.start.getMonth() + 1}-${q1.start.getDate()}`).toBe('2026-4-15');
    // And, in an association, the annual report's last day (15 February of the following year).
    const annual = (await events(own!)).find((e) => e.summary === 'Sista dag för årsrapporten 2026')!;
    expect(annual.datetype).toBe('date');
    expect(`${annual.start.getFullYear()}-${annual.start.getMonth() + 1}-${annual.start.getDate()}`).toBe('2027-2-15');
    // Omar is no coordinator: no statistics deadlines in his calendar.
    const [omars] = addresses(await reply(OMAR, '/samverkan kalender'));
    expect((await events(omars!)).some((e) => String(e.summary).startsWith('Sista dag'))).toBe(false);
  });

  it('names the steering group\'s chair at its meetings, and the follow-ups of the group\'s decisions', async () => {
    const anna = await requireActor(tb.bot.ctx, ANNA);
    const sty = await tb.db.prisma.group.findFirstOrThrow({ where: { key: 'styrgrupp' } });
    const sam = await tb.db.prisma.group.findFirstOrThrow({ where: { key: 'samverkansgrupp' } });
    const jonas = await requireActor(tb.bot.ctx, JONAS);
    const d = await recordDecision(tb.bot.ctx, jonas.member, jonas.actor, { groupId: sam.id, title: 'Utvärdera jourtelefonen', body: 'Vi utvärderar efter en månad.', followUpOn: '2026-05-12' });
    const links = addresses(await reply(ANNA, '/samverkan kalender'));
    const steering = (await events(links[0]!)).filter((e) => e.summary === 'Möte i Styrgruppen');
    expect(steering.length).toBeGreaterThan(3);
    expect(steering.every((e) => String(e.description).startsWith('Ordförande: '))).toBe(true);
    expect(anna.member.roles.some((r) => r.groupId === sty.id)).toBe(true);
    // The follow-up is in the members' of Samverkansgruppen calendars, not in Anna's (not a member there).
    expect((await events(links[0]!)).some((e) => String(e.summary).startsWith('Uppföljning'))).toBe(false);
    const [own, group] = addresses(await reply(JONAS, '/samverkan kalender'));
    for (const address of [own!, group!]) {
      const f = (await events(address)).find((e) => e.summary === `Uppföljning av beslut ${d.label}: Utvärdera jourtelefonen`)!;
      expect(f.datetype).toBe('date');
      expect(f.start.getDate()).toBe(12);
    }
  });

  it('speaks the member\'s own language', async () => {
    const text = await reply(LINNEA, '/samverkan calendar');
    expect(text).toContain('Your calendar');
    const list = await events(addresses(text)[0]!);
    expect(list.find((e) => e.summary === 'Meeting of Samverkansgruppen')?.description).toMatch(/^Documentation duty: /);
  });

  it('a group address holds that group only', async () => {
    const [, group] = addresses(await reply(JONAS, '/samverkan kalender'));
    const list = await events(group!);
    expect(list.length).toBeGreaterThan(5);
    expect(list.every((e) => e.summary === 'Möte i Samverkansgruppen' || String(e.summary).startsWith('Uppföljning'))).toBe(true);
  });
});

describe('a calendar address is a secret', () => {
  it('renews: the old addresses stop answering at once, the new ones work, and it is audited', async () => {
    const old = addresses(await reply(LINNEA, '/samverkan kalender'));
    const renewed = await reply(LINNEA, '/samverkan calendar renew');
    expect(renewed).toContain('You have new calendar addresses');
    const fresh = addresses(renewed);
    expect(fresh).toHaveLength(old.length);
    for (const a of fresh) expect(old).not.toContain(a);
    for (const a of old) expect((await fetchFeed(a)).status).toBe(404);
    expect((await events(fresh[0]!)).length).toBeGreaterThan(0);
    const linnea = await tb.db.prisma.member.findFirstOrThrow({ where: { chatUserId: LINNEA } });
    expect(await tb.db.prisma.auditLog.count({ where: { entityId: linnea.id, action: 'renew-calendar' } })).toBe(1);
  });

  it('answers 404, the same way, to unknown, malformed and deactivated members\' addresses', async () => {
    const [omars] = addresses(await reply(OMAR, '/samverkan kalender'));
    expect((await fetchFeed(omars!)).status).toBe(200);
    const gone = await reply(ANNA, '/samverkan admin inaktivera <@U0OMAR>');
    expect(gone).not.toContain('error');
    const responses = await Promise.all([omars!, `${PUBLIC}/kalender/${'A'.repeat(43)}.ics`, `${PUBLIC}/kalender/..%2F..%2Fetc.ics`, `${PUBLIC}/kalender/x`].map(fetchFeed));
    expect(responses.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    expect(await responses[0]!.text()).toBe('Kalendern finns inte, eller så har adressen ersatts av en ny.');
  });

  it('tells a person who is not a member, and an unknown word, what to do', async () => {
    expect(await reply('U0STRANGER', '/samverkan kalender')).toContain('Du finns inte med bland partnerskapets medlemmar');
    expect(await reply(JONAS, '/samverkan kalender visa')).toContain('Jag känner inte till `visa`');
  });
});

describe('without a public address', () => {
  it('says calendars are off instead of giving an address nobody can reach', async () => {
    const other = await startTestBot({ clock, db: tb.db });
    try {
      const r = await (await other.driver.command(JONAS, SAM, '/samverkan kalender')).reply();
      expect(r.text).toBe('Kalenderprenumerationer är inte påslagna här: administratören behöver ange bottens offentliga adress (`PUBLIC_URL`).');
    } finally {
      await other.stop();
    }
  });
});

describe('the grants a party pays', () => {
  it('puts each payment quarter in the calendars of the paying municipality, not of the receiving association', async () => {
    const jt = await startTestBot({ clock, partnershipFile: JAMTLAND, env: { PUBLIC_URL: PUBLIC } });
    try {
      const links = async (user: string) => addresses(text(await (await jt.driver.command(user, 'C0JSAMV', '/samverkan kalender')).reply()));
      const feed = async (address: string) => {
        const res = await fetch(address.replace(PUBLIC, jt.bot.url!));
        expect(res.status).toBe(200);
        return Object.values(ical.sync.parseICS(await res.text())).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
      };
      const sofia = await feed((await links('U0J16'))[0]!); // Åre kommun pays its share
      const due = sofia.filter((e) => String(e.summary).includes('ska betalas under kvartal 1'));
      expect(due.map((e) => `${e.start.getFullYear()}-${e.start.getMonth() + 1}-${e.start.getDate()}`).sort()).toEqual(['2026-1-1', '2027-1-1']);
      expect(due.every((e) => e.datetype === 'date')).toBe(true);
      const karin = await feed((await links('U0J01'))[0]!); // Brottsofferjouren Jämtland receives it
      expect(karin.some((e) => String(e.summary).includes('ska betalas'))).toBe(false);
    } finally {
      await jt.stop();
    }
  });
});
