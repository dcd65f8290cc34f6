import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { JAMTLAND, startTestBot, type TestBot } from '../helpers/bot.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const KARIN = 'U0J01'; // BOJ Jämtland, admin
const EVA = 'U0J10'; // Bergs kommun, representative (not admin)
const SAM = 'C0JSAMV';
const MUNICIPALITY_REPS = ['U0J10', 'U0J11', 'U0J12', 'U0J13', 'U0J14', 'U0J15', 'U0J16', 'U0J17'];

// The example as it is, plus each municipality's population on 1 November 2026 (10 more people
// each), which the 2027 split needs. The 2026 split uses the example's own figures of 2025.
let dir: string;
let file: string;
const clock = new ManualClock('2026-12-02T10:00:00Z');
let tb: TestBot;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-grants-'));
  file = path.join(dir, 'jamtland.yml');
  const text = fs.readFileSync(JAMTLAND, 'utf8').replace(/population: \[\{ date: 2025-11-01, count: (\d+) \}\]/g, (_m, n: string) => `population: [{ date: 2025-11-01, count: ${n} }, { date: 2026-11-01, count: ${Number(n) + 10} }]`);
  expect(text).toContain('date: 2026-11-01, count: 64710');
  fs.writeFileSync(file, text);
  tb = await startTestBot({ partnershipFile: file, clock });
});
afterAll(async () => {
  await tb?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The rows of the first monospaced table in a reply: payer → cells. */
function tableOf(reply: any): Record<string, string[]> {
  const text: string = reply.blocks.map((b: any) => b.text?.text ?? '').find((t: string) => t.startsWith('```'));
  const lines = text.split('\n').filter((l) => l && l !== '```');
  return Object.fromEntries(lines.slice(1).map((l) => { const [label, ...cells] = l.trim().split(/\s{2,}/); return [label!, cells]; }));
}
const replyText = (reply: any) => [reply.text, ...(reply.blocks ?? []).map((b: any) => b.text?.text ?? '')].join('\n');

/** Ticks the scheduler at `at` and returns the grant reminders sent, as [user, text]. */
async function tickAt(at: string) {
  clock.set(at);
  const before = tb.fake.messages.length;
  expect(await tb.bot.scheduler.tick()).toBe(true);
  await tb.flush();
  return tb.fake.messages.slice(before).filter((m) => /Påminnelse: .* betalar|Reminder: .* pays/.test(m.text ?? '')).map((m) => [m.channel, m.text] as [string, string]);
}

describe('/samverkan bidrag for the Jämtland partnership', () => {
  it('splits 2026\'s 731 101 kr by the population of 1 November 2025, by the largest remainder, summing exactly', async () => {
    const reply = await (await tb.driver.command(EVA, SAM, '/samverkan bidrag 2026')).reply();
    // By hand: the populations sum to 132 470. Each share 731 101 × population / 132 470, rounded
    // down, sums to 731 097; the 4 kronor left go to the largest remainders (× 132 470):
    // Östersund 112 040, Ragunda 94 470, Åre 81 290, Bräcke 80 200 (then Strömsund 62 210 …).
    expect(tableOf(reply)).toEqual({
      Berg: ['6 960', '38 412', 'nej'],
      Bräcke: ['6 350', '35 046', 'nej'],
      Härjedalen: ['9 980', '55 079', 'nej'],
      Krokom: ['15 480', '85 434', 'nej'],
      Ragunda: ['5 250', '28 975', 'nej'],
      Strömsund: ['11 450', '63 192', 'nej'],
      Åre: ['12 300', '67 884', 'nej'],
      Östersund: ['64 700', '357 079', 'nej'],
      Summa: ['132 470', '731 101'],
    });
    const parts = [38412, 35046, 55079, 85434, 28975, 63192, 67884, 357079];
    expect(parts.reduce((a, b) => a + b, 0)).toBe(731101);
    const text = replyText(reply);
    expect(text).toContain('Fördelat efter befolkningen den 2025-11-01');
    expect(text).toContain('Inte indexerat i år: grundbeloppet 731 101 kr.');
    expect(text).toContain('Till BOJ Jämtland, betalas kvartal 1. Totalt *731 101 kr*.');
  });

  it('uploads the split as CSV in the channel, once however often the command is delivered', async () => {
    const before = tb.fake.files.length;
    const r = await tb.driver.command(EVA, SAM, '/samverkan bidrag 2026', { deliveries: 3 });
    await tb.fake.waitFor(() => r.replies().length >= 3);
    await tb.bot.inFlight.idle();
    const files = tb.fake.files.slice(before);
    expect(files.map((f) => f.filename)).toEqual(['bidrag-2026.csv']);
    expect(files[0]!.channels).toEqual([SAM]);
    const csv = files[0]!.content.toString('utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Bidrag;År;Betalare;Befolkningsdag;Befolkning;Belopp (kr);Betalt');
    expect(lines[1]).toBe('Verksamhetsbidrag till Brottsofferjouren Jämtland;2026;Berg;2025-11-01;6960;38412;nej');
    expect(lines.at(-1)).toBe('Verksamhetsbidrag till Brottsofferjouren Jämtland;2026;Summa;2025-11-01;132470;731101;');
    expect(lines.slice(1, -1).map((l) => Number(l.split(';')[5])).reduce((a, b) => a + b, 0)).toBe(731101);
    const notes = r.replies().map((p) => JSON.stringify(p.body));
    expect(notes.filter((n) => n.includes('Fördelningen ligger som CSV i kanalen.'))).toHaveLength(1);
    expect(notes.filter((n) => n.includes('CSV-filen är redan uppladdad i kanalen.'))).toHaveLength(2);
  });

  it('refuses 2027 while October 2026\'s PKV is missing, and names it', async () => {
    const before = tb.fake.files.length;
    const reply = await (await tb.driver.command(EVA, SAM, '/samverkan bidrag 2027')).reply();
    expect(reply.text).toBe('Verksamhetsbidrag till Brottsofferjouren Jämtland för 2027 räknas upp med PKV, men PKV för oktober 2026 saknas. En administratör anger det med `/samverkan bidrag pkv 2026 <procent>`.');
    await tb.bot.inFlight.idle();
    expect(tb.fake.files.length).toBe(before);
  });

  it('names a missing population figure instead of guessing', async () => {
    const reply = await (await tb.driver.command(EVA, SAM, '/samverkan bidrag 2025')).reply();
    expect((await (await tb.driver.command(EVA, SAM, '/samverkan bidrag 0999')).reply()).text).toBe('Jag förstår inte året `0999`. Skriv ett år med fyra siffror, till exempel 2026.');
    expect((await (await tb.driver.command(EVA, SAM, '/samverkan bidrag flyga')).reply()).text).toMatch(/^Jag känner inte igen `\/samverkan bidrag flyga`\./);
    expect(reply.text).toBe('Verksamhetsbidrag till Brottsofferjouren Jämtland: befolkningen den 2024-11-01 saknas för Berg, Bräcke, Härjedalen, Krokom, Ragunda, Strömsund, Åre, Östersund. Lägg in den under `population` i partnerskapsfilen.');
  });

  it('lets only an admin enter the PKV', async () => {
    const refused = await (await tb.driver.command(EVA, SAM, '/samverkan bidrag pkv 2026 3,1')).reply();
    expect(refused.text).toBe('Bara administratörer kan ange index och markera betalningar.');
    expect(await tb.db.prisma.priceIndex.count()).toBe(0);
    const bad = await (await tb.driver.command(KARIN, SAM, '/samverkan bidrag pkv 2026 tre')).reply();
    expect(bad.text).toBe('Jag förstår inte `tre` som procent. Skriv till exempel `3,1` eller `3.1` (högst två decimaler).');
    const ok = await (await tb.driver.command(KARIN, SAM, '/samverkan bidrag pkv 2026 3.0')).reply();
    expect(ok.text).toBe('PKV för oktober 2026 är nu 3 %. Den räknar upp bidragen från 2027.');
    const changed = await (await tb.driver.command(KARIN, SAM, '/samverkan bidrag pkv 2026 3,1')).reply();
    expect(changed.text).toBe('PKV för oktober 2026 är nu 3,1 % (var 3 %). Den räknar upp bidragen från 2027.');
    const row = await tb.db.prisma.priceIndex.findFirstOrThrow();
    expect(row).toMatchObject({ kind: 'PKV', year: 2026, hundredths: 310 });
    const audit = await tb.db.prisma.auditLog.findMany({ where: { entityType: 'PriceIndex', entityId: row.id }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([['create', expect.any(String)], ['update', expect.any(String)]]);
    expect(audit.every((a) => a.actorMemberId !== null)).toBe(true);
  });

  it('splits 2027 indexed by October 2026\'s PKV, by the population of 1 November 2026', async () => {
    const reply = await (await tb.driver.command(EVA, SAM, '/samverkan bidrag 2027')).reply();
    // 731 101 × 1,031 = 753 765,131 → 753 765 kr, split by the 2026 populations (132 550 in all).
    const table = tableOf(reply);
    expect(table.Summa).toEqual(['132 550', '753 765']);
    const pops: Record<string, number> = { Berg: 6970, Bräcke: 6360, Härjedalen: 9990, Krokom: 15490, Ragunda: 5260, Strömsund: 11460, Åre: 12310, Östersund: 64710 };
    const amounts = Object.keys(pops).map((k) => Number(table[k]![1]!.replace(/ /g, '')));
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(753765);
    // Each part is its exact share rounded down or up by at most one krona.
    Object.keys(pops).forEach((k, i) => expect(Math.abs(amounts[i]! - (753765 * pops[k]!) / 132550)).toBeLessThan(1));
    const text = replyText(reply);
    expect(text).toContain('Grundbeloppet 731 101 kr (2026) uppräknat med PKV okt 2026: 3,1 %.');
    expect(text).toContain('Fördelat efter befolkningen den 2026-11-01');
  });

  it('is in the help of /samverkan', async () => {
    const reply = await (await tb.driver.command(EVA, SAM, '/samverkan hjälp')).reply();
    expect(replyText(reply)).toContain('`/samverkan bidrag [år]` – årets bidrag fördelat per kommun');
    // Slack's text escapes < and > (it shows them as typed).
    expect(replyText(reply)).toContain('`/samverkan bidrag pkv &lt;år&gt; &lt;procent&gt;`');
  });

  it('answers in English to `/samverkan grants`', async () => {
    await tb.db.prisma.member.update({ where: { partnershipId_chatUserId: { partnershipId: tb.bot.ctx.partnershipId, chatUserId: EVA } }, data: { chosenLocale: 'en' } });
    try {
      const reply = await (await tb.driver.command(EVA, SAM, '/samverkan grants 2026')).reply();
      expect(tableOf(reply).Total).toEqual(['132,470', '731,101']);
      const refused = await (await tb.driver.command(EVA, SAM, '/samverkan grants paid 2026 Berg')).reply();
      expect(refused.text).toBe('Only administrators can enter an index or mark payments.');
    } finally {
      await tb.db.prisma.member.update({ where: { partnershipId_chatUserId: { partnershipId: tb.bot.ctx.partnershipId, chatUserId: EVA } }, data: { chosenLocale: null } });
    }
  });

  it('reminds each municipality\'s members once in the payment quarter, and stops for a payment marked made', async () => {
    expect(await tickAt('2026-12-31T12:00:00Z')).toEqual([]); // quarter 4 of 2026: nothing due
    expect(await tickAt('2027-01-01T06:30:00Z')).toEqual([]); // 07:30 in Stockholm: not yet
    const sent = await tickAt('2027-01-01T07:05:00Z');
    expect(sent.map(([u]) => u).sort()).toEqual([...MUNICIPALITY_REPS].sort());
    const berg = Object.fromEntries(sent)[EVA]!;
    expect(berg).toMatch(/^Påminnelse: Berg betalar \*Verksamhetsbidrag till Brottsofferjouren Jämtland\* för 2027 till BOJ Jämtland under kvartal 1: \d{2} \d{3} kr\. En administratör markerar betalningen med `\/samverkan bidrag betalt 2027 Berg`\.$/);
    expect(await tickAt('2027-01-02T09:00:00Z')).toEqual([]); // a second run sends nothing more

    const refused = await (await tb.driver.command(EVA, SAM, '/samverkan bidrag betalt 2027 Berg')).reply();
    expect(refused.text).toBe('Bara administratörer kan ange index och markera betalningar.');
    const marked = await (await tb.driver.command(KARIN, SAM, '/samverkan bidrag betalt 2027 Berg')).reply();
    expect(marked.text).toMatch(/^Markerat som betalt för 2027: Berg \(Verksamhetsbidrag till Brottsofferjouren Jämtland, \d{2} \d{3} kr\)\. Påminnelserna för dem slutar\.$/);
    const again = await (await tb.driver.command(KARIN, SAM, '/samverkan bidrag betalt 2027 berg')).reply();
    expect(again.text).toBe('Redan markerat som betalt för 2027: Berg (Verksamhetsbidrag till Brottsofferjouren Jämtland).');
    const unknown = await (await tb.driver.command(KARIN, SAM, '/samverkan bidrag betalt 2027 Sundsvall')).reply();
    expect(unknown.text).toContain('Det finns inget bidrag eller betalare som heter `Sundsvall`.');
    const payment = await tb.db.prisma.grantPayment.findFirstOrThrow();
    expect(payment).toMatchObject({ grantKey: 'verksamhetsbidrag', year: 2027, payerKey: 'berg' });
    expect(await tb.db.prisma.auditLog.count({ where: { entityType: 'GrantPayment', action: 'markPaid', entityId: payment.id } })).toBe(1);

    // The second reminder, on the first day of the quarter's last month: no longer to Berg.
    expect(await tickAt('2027-02-28T12:00:00Z')).toEqual([]);
    const last = await tickAt('2027-03-01T07:10:00Z');
    expect(last.map(([u]) => u).sort()).toEqual(MUNICIPALITY_REPS.filter((u) => u !== EVA).sort());
    expect(await tickAt('2027-03-15T07:10:00Z')).toEqual([]);
    // The reply to the split shows who has paid.
    const reply = await (await tb.driver.command(KARIN, SAM, '/samverkan bidrag 2027')).reply();
    expect(tableOf(reply).Berg![2]).toBe('ja');
    expect(tableOf(reply).Bräcke![2]).toBe('nej');
    // After the quarter nothing more is sent, paid or not.
    expect(await tickAt('2027-04-01T07:10:00Z')).toEqual([]);
  });
});
