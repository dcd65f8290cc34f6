import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';

// Stockholm: Samverkansgruppen meets every 6 weeks on Tuesday 13:00 from 13 January 2026, documentation
// in the order BOJ Stockholm-Gotland, BOJ Södra, BOJ Västerort, Socialförvaltningen. Styrgruppen meets
// every 8 weeks on Thursday 09:00 from 15 January; chair terms of 4 meetings, Socialförvaltningen first.
const ERIK = 'U0ERIK'; // Socialförvaltningen, Samverkansgruppen
const JONAS = 'U0JONAS'; // BOJ Stockholm-Gotland, Samverkansgruppen
const SARA = 'U0SARA'; // BOJ Södra Stockholm, both groups
const LINNEA = 'U0LINNEA'; // BOJ Västerort, Samverkansgruppen, English
const ANNA = 'U0ANNA'; // Socialförvaltningen, which chairs Styrgruppen in 2026's first term
const OMAR = 'U0OMAR'; // BOJ Västerort, Styrgruppen only
const SAM = 'C0SAMVERK';
const STY = 'C0STYRGRP';

let tb: TestBot;
const clock = new ManualClock('2026-03-01T10:00:00Z');
beforeAll(async () => {
  tb = await startTestBot({ clock });
});
afterAll(async () => {
  await tb?.stop();
});

const say = async (user: string, channel: string, line: string) => (await (await tb.driver.command(user, channel, line)).reply()).text as string;
const lines = (text: string) => text.split('\n').slice(1);
const group = (key: string) => tb.db.prisma.group.findFirstOrThrow({ where: { key } });

describe('/rotation shows who holds the duty', () => {
  it('lists the next 6 meetings of the collaboration group with who documents, in local time', async () => {
    const text = await say(JONAS, SAM, '/rotation');
    expect(text.split('\n')[0]).toBe('Kommande möten – Samverkansgruppen');
    expect(lines(text)).toEqual([
      '• tisdag 7 april 2026 kl. 13:00: *BOJ Västerort* dokumenterar',
      '• tisdag 19 maj 2026 kl. 13:00: *Socialförvaltningen* dokumenterar',
      '• tisdag 30 juni 2026 kl. 13:00: *BOJ Stockholm-Gotland* dokumenterar',
      '• tisdag 11 augusti 2026 kl. 13:00: *BOJ Södra Stockholm* dokumenterar',
      '• tisdag 22 september 2026 kl. 13:00: *BOJ Västerort* dokumenterar',
      '• tisdag 3 november 2026 kl. 13:00: *Socialförvaltningen* dokumenterar',
    ]);
  });

  it('lists the steering group\'s chair per term of four meetings, in English for an English speaker', async () => {
    const sv = await say(OMAR, STY, '/rotation');
    expect(lines(sv)).toEqual([
      '• torsdag 12 mars 2026 kl. 09:00: *Socialförvaltningen* är ordförande',
      '• torsdag 7 maj 2026 kl. 09:00: *Socialförvaltningen* är ordförande',
      '• torsdag 2 juli 2026 kl. 09:00: *Socialförvaltningen* är ordförande',
      '• torsdag 27 augusti 2026 kl. 09:00: *BOJ Stockholm-Gotland* är ordförande – _ny mandatperiod_',
      '• torsdag 22 oktober 2026 kl. 09:00: *BOJ Stockholm-Gotland* är ordförande',
      '• torsdag 17 december 2026 kl. 09:00: *BOJ Stockholm-Gotland* är ordförande',
    ]);
    const en = await say(LINNEA, SAM, '/rotation');
    expect(en).toContain('Upcoming meetings – Samverkansgruppen');
    expect(en).toContain('• Tuesday, 7 April 2026 at 13:00: *BOJ Västerort* documents');
  });

  it('explains a channel without a group and an unknown subcommand', async () => {
    expect(await say(JONAS, 'C0RANDOM', '/rotation')).toContain('Den här kanalen hör inte till någon grupp');
    const unknown = await say(JONAS, SAM, '/rotation flyga');
    expect(unknown).toContain('Jag känner inte igen `/rotation flyga`');
    expect(unknown).toContain('/rotation hoppa');
  });
});

describe('skips', () => {
  it('refuses a non-member of the group and changes nothing', async () => {
    expect(await say(OMAR, SAM, '/rotation hoppa')).toBe('Bara ledamöter i Samverkansgruppen kan ändra gruppens rotation.');
    expect(await tb.db.prisma.rotationChange.count()).toBe(0);
  });

  it('hands the turn to the next party and puts the skipped party first afterwards, told in the channel and audited', async () => {
    const reply = await say(LINNEA, SAM, '/rotation hoppa 2026-04-07');
    expect(reply).toBe('BOJ Västerort skips the documentation duty in Samverkansgruppen at the meeting on Tuesday, 7 April 2026 at 13:00. *Socialförvaltningen* takes over, and BOJ Västerort is next in line after that.');
    expect(lines(await say(JONAS, SAM, '/rotation')).slice(0, 3)).toEqual([
      '• tisdag 7 april 2026 kl. 13:00: *Socialförvaltningen* dokumenterar – _BOJ Västerort hoppar över_',
      '• tisdag 19 maj 2026 kl. 13:00: *BOJ Västerort* dokumenterar',
      '• tisdag 30 juni 2026 kl. 13:00: *BOJ Stockholm-Gotland* dokumenterar',
    ]);
    await tb.flush();
    const posted = tb.fake.channelMessages(SAM).map((m) => m.text);
    expect(posted).toContain('BOJ Västerort hoppar över dokumentationsansvaret i Samverkansgruppen vid mötet tisdag 7 april 2026 kl. 13:00. *Socialförvaltningen* tar över, och BOJ Västerort står närmast i tur därefter.');
    expect(tb.fake.channelMessages(ERIK).length).toBe(1); // the party taking over is told directly
    const audit = await tb.db.prisma.auditLog.findMany({ where: { entityType: 'RotationChange', action: 'skip' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorLabel).toContain('Linnea Ström');
  });

  it('refuses to skip a second party when `/rotation hoppa` is typed again for the same meeting', async () => {
    const already = 'BOJ Västerort hoppar redan över mötet 2026-04-07, och *Socialförvaltningen* har tagit över. Ett möte kan bara hoppas över en gång.';
    expect(await say(LINNEA, SAM, '/rotation hoppa')).toContain('BOJ Västerort already skips the meeting on 2026-04-07, and *Socialförvaltningen* has taken over.');
    expect(await say(ERIK, SAM, '/rotation hoppa')).toContain(already);
    expect(await say(ERIK, SAM, '/rotation hoppa 2026-04-07')).toContain(already);
    expect(await tb.db.prisma.rotationChange.count()).toBe(1);
    expect(lines(await say(JONAS, SAM, '/rotation'))[0]).toBe('• tisdag 7 april 2026 kl. 13:00: *Socialförvaltningen* dokumenterar – _BOJ Västerort hoppar över_');
  });

  it('refuses a skip that would leave the turns uneven, and bad dates, specifically', async () => {
    // BOJ Västerort is now the last party of the round on 19 May: skipping it would give someone a second turn first.
    // Only BOJ Västerort itself may skip its turn (Linnea reads English); another party is refused first.
    expect(await say(JONAS, SAM, '/rotation hoppa 2026-05-19')).toContain('Bara representanter för BOJ Västerort');
    expect(await say(LINNEA, SAM, '/rotation hoppa 2026-05-19')).toContain('BOJ Västerort cannot skip this turn');
    expect(await say(JONAS, SAM, '/rotation hoppa 2026-05-20')).toBe('Gruppen har inget möte 2026-05-20. Se kommande möten med `/rotation`.');
    expect(await say(JONAS, SAM, '/rotation hoppa 19/5')).toContain('`19/5` är inget giltigt datum');
    expect(await say(JONAS, SAM, '/rotation hoppa 2026-02-24')).toBe('Mötet 2026-02-24 har redan varit och kan inte ändras.');
    expect(await tb.db.prisma.rotationChange.count()).toBe(1);
  });
});

describe('swaps', () => {
  it('takes effect only when a representative of the other party accepts', async () => {
    const reply = await say(JONAS, SAM, '/rotation byt BOJ Södra Stockholm');
    expect(reply).toContain('Förslaget är sparat och skickas till BOJ Södra Stockholm (1 person)');
    expect(reply).toContain('tisdag 30 juni 2026 kl. 13:00');
    expect(reply).toContain('tisdag 11 augusti 2026 kl. 13:00');
    expect(lines(await say(JONAS, SAM, '/rotation'))[2]).toBe('• tisdag 30 juni 2026 kl. 13:00: *BOJ Stockholm-Gotland* dokumenterar');
    await tb.flush();
    const request = tb.fake.channelMessages(SARA).at(-1)!;
    expect(request.text).toContain('Jonas Berg (BOJ Stockholm-Gotland) föreslår ett byte i Samverkansgruppen');

    // Someone of another party cannot accept for BOJ Södra.
    const wrong = await tb.driver.click(ERIK, { channel: request.channel, ts: request.ts }, 'rotation_swap_accept');
    expect((await wrong.reply()).text).toBe('Bara representanter för BOJ Södra Stockholm kan svara på det här bytesförslaget.');

    const ok = await tb.driver.click(SARA, { channel: request.channel, ts: request.ts }, 'rotation_swap_accept');
    expect((await ok.reply()).text).toContain('*BOJ Södra Stockholm* tar dokumentationsansvaret vid mötet tisdag 30 juni 2026 kl. 13:00 och *BOJ Stockholm-Gotland* tar mötet tisdag 11 augusti 2026 kl. 13:00');
    expect(lines(await say(JONAS, SAM, '/rotation')).slice(0, 4)).toEqual([
      // Turns before the swapped ones stay as they were (a swap does not rewrite who documents earlier).
      '• tisdag 7 april 2026 kl. 13:00: *Socialförvaltningen* dokumenterar – _BOJ Västerort hoppar över_',
      '• tisdag 19 maj 2026 kl. 13:00: *BOJ Västerort* dokumenterar',
      '• tisdag 30 juni 2026 kl. 13:00: *BOJ Södra Stockholm* dokumenterar – _bytt_',
      '• tisdag 11 augusti 2026 kl. 13:00: *BOJ Stockholm-Gotland* dokumenterar – _bytt_',
    ]);
    await tb.flush();
    expect(tb.fake.messages.find((m) => m.ts === request.ts)!.blocks!.some((b) => b.type === 'actions')).toBe(false); // the card lost its buttons
    expect(tb.fake.channelMessages(SAM).some((m) => m.text?.startsWith('Byte i Samverkansgruppen'))).toBe(true);
    expect(tb.fake.channelMessages(JONAS).some((m) => m.text?.includes('godkänt av Sara Ek'))).toBe(true);

    const audit = await tb.db.prisma.auditLog.findMany({ where: { entityType: 'RotationChange' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['skip', 'propose-swap', 'swap-accepted']);
  });

  it('refuses swaps that are not the proposer\'s to give or would unbalance the turns', async () => {
    // The example names another party, never Jonas' own BOJ Stockholm-Gotland (boj-sg).
    const needsParty = await say(JONAS, SAM, '/rotation byt');
    expect(needsParty).toContain('Ange vilken part ni vill byta med, med nyckel eller namn, till exempel `/rotation byt sof`');
    expect(needsParty).not.toContain('/rotation byt boj-sg');
    // A party's name works as well as its key, in any case and in several words.
    expect(await say(JONAS, SAM, '/rotation byt "bOJ  Stockholm-Gotland"')).toBe('Ni kan inte byta med er egen part.');
    expect(await say(JONAS, SAM, '/rotation byt bojj')).toContain('Det finns ingen part `bojj` i gruppen');
    expect(await say(JONAS, SAM, '/rotation byt boj-sg')).toBe('Ni kan inte byta med er egen part.');
    expect(await say(JONAS, SAM, '/rotation byt sof 2026-09-22')).toContain('Det är BOJ Västerort som har turen vid det mötet');
    // Socialförvaltningen closes round two on 3 November; BOJ Västerort's next turn is in round three.
    expect(await say(ERIK, SAM, '/rotation byt boj-vasterort 2026-11-03')).toContain('Ett byte med BOJ Västerort skulle göra turerna ojämnt fördelade');
  });

  it('can be declined, which changes nothing', async () => {
    expect(await say(LINNEA, SAM, '/rotation swap sof 2026-09-22')).toContain('The proposal is saved and will be sent to Socialförvaltningen');
    await tb.flush();
    const request = tb.fake.channelMessages(ERIK).at(-1)!;
    const no = await tb.driver.click(ERIK, { channel: request.channel, ts: request.ts }, 'rotation_swap_decline');
    expect((await no.reply()).text).toContain('Erik Sandberg (Socialförvaltningen) avböjde bytet');
    expect(lines(await say(JONAS, SAM, '/rotation'))[4]).toBe('• tisdag 22 september 2026 kl. 13:00: *BOJ Västerort* dokumenterar');
  });
});

describe('schedule, extra meetings and minutes', () => {
  it('lets only the steering-group chair call an extra meeting', async () => {
    expect(await say(SARA, STY, '/rotation extramöte 2026-04-20 10:00')).toBe('Bara ordföranden i Styrgruppen kan göra det. Ordförandeskapet roterar, och just nu är *Socialförvaltningen* ordförande: det är Anna Lindqvist som kan göra det.');
    expect(await say(ANNA, STY, '/rotation extramöte 2026-02-20 10:00')).toBe('Ett extramöte måste ligga i framtiden (2026-02-20 har redan varit).');
    expect(await say(ANNA, STY, '/rotation extramöte 2026-04-20 25:00')).toContain('`25:00` är ingen giltig tid');
    expect(await say(ANNA, STY, '/rotation extramöte')).toContain('Ange datum och tid');
    const ok = await say(ANNA, STY, '/rotation extramöte 2026-04-20 10:00');
    expect(ok).toContain('har kallat till extramöte i Styrgruppen måndag 20 april 2026 kl. 10:00. *Socialförvaltningen* är ordförande.');
    expect(lines(await say(OMAR, STY, '/rotation'))[1]).toBe('• måndag 20 april 2026 kl. 10:00: *Socialförvaltningen* är ordförande – _extramöte_');
    expect(await say(ANNA, STY, '/rotation extramöte 2026-04-20 10:00')).toBe('Det finns redan ett möte 2026-04-20 kl. 10:00.');
    const row = await tb.db.prisma.rotationExtraMeeting.findFirstOrThrow();
    expect(row.startsAt.toISOString()).toBe('2026-04-20T08:00:00.000Z'); // summer time
  });

  it('registers minutes with a link, refusing text that is not one', async () => {
    expect(await say(JONAS, SAM, '/rotation protokoll protokollet')).toContain('`protokollet` är ingen länk');
    // Without a link the answer says what to type, with no empty `` quoted.
    const noLink = await say(JONAS, SAM, '/rotation protokoll');
    expect(noLink).toBe('Ange länken till protokollet, till exempel `/rotation protokoll https://… [datum]`. Har protokollet ingen länk, klicka på *Protokoll registrerat* i påminnelsen.');
    expect(noLink).not.toContain('``');
    expect(await say(JONAS, SAM, '/rotation protokoll <https://docs.example.org/p/2026-02-24>')).toBe('Protokollet från mötet tisdag 24 februari 2026 kl. 13:00 i Samverkansgruppen är registrerat: https://docs.example.org/p/2026-02-24');
    const sam = await group('samverkansgrupp');
    expect(await tb.db.prisma.rotationMinutes.count({ where: { groupId: sam.id } })).toBe(1);
  });

  it('changes the recurring schedule from now on, with specific errors for bad input', async () => {
    expect(await say(ERIK, SAM, '/rotation möte 0 tisdag 13:00')).toContain('`0` är inget giltigt antal veckor');
    expect(await say(ERIK, SAM, '/rotation möte 6 blårsdag 13:00')).toContain('`blårsdag` är ingen veckodag');
    expect(await say(ERIK, SAM, '/rotation möte cron "0 13 * *"')).toContain('är inget giltigt cron-uttryck');
    expect(await say(OMAR, SAM, '/rotation möte 4 onsdag 14:00')).toBe('Bara ledamöter i Samverkansgruppen kan ändra gruppens rotation.');
    const ok = await say(ERIK, SAM, '/rotation möte 4 onsdag 14:00 2026-03-04');
    expect(ok).toContain('ändrade mötesschemat för Samverkansgruppen: var 4:e vecka på onsdagar kl. 14:00, första gången 2026-03-04');
    // The turn order continues from the meetings held; skips and swaps of meetings that no longer exist lapse.
    expect(lines(await say(JONAS, SAM, '/rotation')).slice(0, 3)).toEqual([
      '• onsdag 4 mars 2026 kl. 14:00: *BOJ Västerort* dokumenterar',
      '• onsdag 1 april 2026 kl. 14:00: *Socialförvaltningen* dokumenterar',
      '• onsdag 29 april 2026 kl. 14:00: *BOJ Stockholm-Gotland* dokumenterar',
    ]);
    const audit = await tb.db.prisma.auditLog.findMany({ where: { entityType: 'RotationSchedule' } });
    expect(audit).toHaveLength(1);
  });
});
