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
});
