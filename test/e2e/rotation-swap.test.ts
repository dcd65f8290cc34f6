import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { STOCKHOLM, startTestBot, type TestBot } from '../helpers/bot.ts';

// Stockholm's Samverkansgruppen documents in the order BOJ Stockholm-Gotland (13 Jan), BOJ Södra (24 Feb),
// BOJ Västerort (7 Apr), Socialförvaltningen (19 May), then again from 30 June. Two parties here have a
// second representative in the group, so "the party is told" means each of its people.
const JONAS = 'U0JONAS'; // BOJ Stockholm-Gotland
const PETRA = 'U0PETRA'; // BOJ Stockholm-Gotland
const LINNEA = 'U0LINNEA'; // BOJ Västerort, English
const KARIN = 'U0KARIN'; // BOJ Västerort
const ERIK = 'U0ERIK'; // Socialförvaltningen
const SARA = 'U0SARA'; // BOJ Södra Stockholm
const SAM = 'C0SAMVERK';

let tb: TestBot;
let dir: string;
const clock = new ManualClock('2026-03-31T10:00:00Z');
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-swap-'));
  const file = path.join(dir, 'stockholm.yml');
  fs.writeFileSync(file, `${fs.readFileSync(STOCKHOLM, 'utf8').trimEnd()}
  - { user: ${PETRA}, name: Petra Nyberg, party: boj-sg, roles: [{ representative: samverkansgrupp }] }
  - { user: ${KARIN}, name: Karin Åberg, party: boj-vasterort, roles: [{ representative: samverkansgrupp }] }
`);
  tb = await startTestBot({ clock, partnershipFile: file });
});
afterAll(async () => {
  await tb?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const say = async (user: string, channel: string, line: string) => (await (await tb.driver.command(user, channel, line)).reply()).text as string;
const upcoming = async () => (await say(ERIK, SAM, '/rotation')).split('\n').slice(1);
async function tick(at: string) {
  clock.set(at);
  await tb.bot.scheduler.tick();
  await tb.flush();
}
const reminders = () => tb.fake.channelMessages(SAM).map((m) => m.text ?? '').filter((t) => t.startsWith('Påminnelse: Samverkansgruppen har möte'));

describe('a swap accepted while the next meeting\'s reminder is out', () => {
  it('changes exactly the two swapped meetings: the meeting in 7 days keeps the party its reminder named', async () => {
    await tick('2026-03-31T11:00:00Z');
    expect(reminders()).toEqual(['Påminnelse: Samverkansgruppen har möte om en vecka, tisdag 7 april 2026 kl. 13:00. *BOJ Västerort* dokumenterar mötet.']);

    // Jonas gives BOJ Stockholm-Gotland's 30 June to BOJ Västerort and takes its 22 September.
    const proposed = await say(JONAS, SAM, '/rotation byt boj-vasterort');
    expect(proposed).toContain('tisdag 30 juni 2026 kl. 13:00');
    expect(proposed).toContain('tisdag 22 september 2026 kl. 13:00');
    await tb.flush();
    const request = tb.fake.channelMessages(LINNEA).at(-1)!;
    const dms = (user: string) => tb.fake.channelMessages(user).length;
    const before = { erik: dms(ERIK), sara: dms(SARA) };
    const accepted = await tb.driver.click(LINNEA, { channel: request.channel, ts: request.ts }, 'rotation_swap_accept');
    expect((await accepted.reply()).text).toContain('Swap in Samverkansgruppen');

    expect(await upcoming()).toEqual([
      '• tisdag 7 april 2026 kl. 13:00: *BOJ Västerort* dokumenterar',
      '• tisdag 19 maj 2026 kl. 13:00: *Socialförvaltningen* dokumenterar',
      '• tisdag 30 juni 2026 kl. 13:00: *BOJ Västerort* dokumenterar – _bytt_',
      '• tisdag 11 augusti 2026 kl. 13:00: *BOJ Södra Stockholm* dokumenterar',
      '• tisdag 22 september 2026 kl. 13:00: *BOJ Stockholm-Gotland* dokumenterar – _bytt_',
      '• tisdag 3 november 2026 kl. 13:00: *Socialförvaltningen* dokumenterar',
    ]);

    // Each person of both parties hears which meeting is now theirs; the parties never asked hear nothing.
    await tb.flush();
    expect(tb.fake.channelMessages(PETRA).at(-1)!.text).toBe('Bytet i Samverkansgruppen är godkänt: *BOJ Stockholm-Gotland* har nu dokumentationsansvaret vid mötet tisdag 22 september 2026 kl. 13:00 i stället för vid mötet tisdag 30 juni 2026 kl. 13:00.');
    expect(tb.fake.channelMessages(KARIN).at(-1)!.text).toBe('Bytet i Samverkansgruppen är godkänt: *BOJ Västerort* har nu dokumentationsansvaret vid mötet tisdag 30 juni 2026 kl. 13:00 i stället för vid mötet tisdag 22 september 2026 kl. 13:00.');
    expect(tb.fake.channelMessages(LINNEA).some((m) => m.text === 'The swap in Samverkansgruppen is accepted: *BOJ Västerort* now has the documentation duty at the meeting on Tuesday, 30 June 2026 at 13:00 instead of the meeting on Tuesday, 22 September 2026 at 13:00.')).toBe(true);
    expect(tb.fake.channelMessages(JONAS).at(-1)!.text).toContain('*BOJ Västerort* tar dokumentationsansvaret vid mötet tisdag 30 juni 2026 kl. 13:00 och *BOJ Stockholm-Gotland* tar mötet tisdag 22 september 2026 kl. 13:00 (godkänt av Linnea Ström)');
    expect({ erik: dms(ERIK), sara: dms(SARA) }).toEqual(before);

    // The 1-day reminder names the same party as the 7-day one.
    await tick('2026-04-06T11:00:00Z');
    expect(reminders().at(-1)).toBe('Påminnelse: Samverkansgruppen har möte i morgon, tisdag 7 april 2026 kl. 13:00. *BOJ Västerort* dokumenterar mötet.');
  });

  it('refuses to skip a swapped turn, and to swap a turn back to the party that skipped it', async () => {
    expect(await say(KARIN, SAM, '/rotation hoppa 2026-06-30')).toBe('BOJ Västerort har turen vid mötet 2026-06-30 genom ett byte, och en bytt tur kan inte hoppas över (den skulle gå tillbaka till den part som bytte bort den). Föreslå ett nytt byte i stället: `/rotation byt <part> 2026-06-30`.');
    // BOJ Stockholm-Gotland skips 15 December, where round three begins: BOJ Södra takes over and cannot hand it back.
    expect(await say(PETRA, SAM, '/rotation hoppa 2026-12-15')).toContain('*BOJ Södra Stockholm* tar över');
    expect(await say(SARA, SAM, '/rotation byt boj-sg 2026-12-15')).toBe('BOJ Stockholm-Gotland hoppar över mötet 2026-12-15, så bytet skulle ge turen tillbaka till den part som hoppade över den. Välj en annan part eller ett annat möte.');
    expect(await tb.db.prisma.rotationChange.count({ where: { status: 'PENDING' } })).toBe(0);
  });

  it('registers the minutes of a swapped meeting from its reminder: a receipt, and every reminder card updated', async () => {
    // 30 June was BOJ Västerort's by the swap, whose other meeting (22 September) is still ahead.
    await tick('2026-07-02T11:00:00Z');
    const cards = [LINNEA, KARIN].map((u) => tb.fake.channelMessages(u).filter((m) => /^(Inget protokoll|No minutes)/.test(m.text ?? '')).at(-1)!);
    expect(cards[1]!.text).toBe('Inget protokoll är registrerat för mötet i Samverkansgruppen tisdag 30 juni 2026 kl. 13:00. *BOJ Västerort* hade dokumentationsansvaret: klicka på *Protokoll registrerat* när protokollet finns, eller skriv `/rotation protokoll <länk>` i gruppens kanal.');
    const dmsOf = (user: string) => tb.fake.channelMessages(user).length;
    const others = { jonas: dmsOf(JONAS), petra: dmsOf(PETRA) };

    const before = new Set(tb.fake.views.keys());
    await tb.driver.click(KARIN, { channel: cards[1]!.channel, ts: cards[1]!.ts }, 'rotation_minutes_register');
    const form = await tb.fake.waitFor(() => [...tb.fake.views.values()].find((v) => !before.has(v.id) && v.user === KARIN && v.view.callback_id === 'rotation_minutes_form'));
    const done = await tb.driver.submitView(KARIN, form.id, { link: 'https://docs.example.org/samverkan-2026-06-30' });
    expect(done.body?.response_action).toBe('update');
    expect(done.body.view.title.text).toBe('Protokoll registrerat');
    expect(JSON.stringify(done.body.view.blocks)).toContain('Protokollet från mötet tisdag 30 juni 2026 kl. 13:00 i Samverkansgruppen är registrerat: https://docs.example.org/samverkan-2026-06-30');

    await tb.flush();
    const now = cards.map((c) => tb.fake.messages.find((m) => m.channel === c.channel && m.ts === c.ts)!);
    expect(now[1]!.text).toBe('Protokollet från mötet i Samverkansgruppen tisdag 30 juni 2026 kl. 13:00 är registrerat av Karin Åberg (BOJ Västerort): https://docs.example.org/samverkan-2026-06-30');
    expect(now[0]!.text).toBe('The minutes of the meeting of Samverkansgruppen on Tuesday, 30 June 2026 at 13:00 were registered by Karin Åberg (BOJ Västerort): https://docs.example.org/samverkan-2026-06-30');
    expect(now.every((m) => !m.blocks!.some((b) => b.type === 'actions'))).toBe(true);
    // Nobody who was never reminded gets a card about it.
    expect({ jonas: dmsOf(JONAS), petra: dmsOf(PETRA) }).toEqual(others);
  });
});
