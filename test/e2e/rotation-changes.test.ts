import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';

// Stockholm, 1 March 2026: Samverkansgruppen has met 13 January (BOJ Stockholm-Gotland documented) and
// 24 February (BOJ Södra Stockholm); BOJ Västerort documents 7 April and Socialförvaltningen 19 May.
const ERIK = 'U0ERIK'; // Socialförvaltningen, Samverkansgruppen
const LINNEA = 'U0LINNEA'; // BOJ Västerort, Samverkansgruppen, English
const SAM = 'C0SAMVERK';

let tb: TestBot;
const clock = new ManualClock('2026-03-01T10:00:00Z');
beforeAll(async () => {
  tb = await startTestBot({ clock });
});
afterAll(async () => {
  await tb?.stop();
});

const say = async (user: string, channel: string, line: string) => (await (await tb.driver.command(user, channel, line)).reply()).text as string;

describe('a member tries to skip another party\'s turn', () => {
  it('refuses Erik skipping BOJ Västerort\'s meeting and changes nothing', async () => {
    const reply = await say(ERIK, SAM, '/rotation hoppa 2026-04-07');
    expect(reply).toContain('Bara representanter för BOJ Västerort eller ordföranden kan hoppa över den.');
    expect(await tb.db.prisma.rotationChange.count({ where: { kind: 'SKIP' } })).toBe(0);
  });
});

describe('two skips of the same meeting at once', () => {
  it('skips one party only; the other command is told the meeting is already skipped', async () => {
    const replies = await Promise.all([say(LINNEA, SAM, '/rotation hoppa 2026-04-07'), say(LINNEA, SAM, '/rotation hoppa 2026-04-07')]);
    const refused = replies.filter((r) => /already skips|hoppar redan över/.test(r));
    expect(refused).toHaveLength(1);
    expect(await tb.db.prisma.rotationChange.count({ where: { kind: 'SKIP' } })).toBe(1);
    expect(await tb.db.prisma.auditLog.count({ where: { entityType: 'RotationChange', action: 'skip' } })).toBe(1);
  });
});

describe('an admin changes the turn order', () => {
  const ANNA = 'U0ANNA'; // Socialförvaltningen, admin (not in Samverkansgruppen)
  const JONAS = 'U0JONAS';
  const STY = 'C0STYRGRP';
  const upcoming = async (channel: string) => (await say(JONAS, channel, '/rotation')).split('\n').slice(1);

  it('refuses non-admins and orders that do not list every party exactly once, changing nothing', async () => {
    expect(await say(ERIK, SAM, '/rotation ordning sof boj-vasterort boj-sodra boj-sg')).toBe('Bara administratörer kan ändra turordningen.');
    expect(await say(ANNA, SAM, '/rotation ordning')).toBe('Ange gruppens alla parter i den nya ordningen, till exempel `/rotation ordning boj-sg boj-sodra boj-vasterort sof`. Nu gäller: BOJ Stockholm-Gotland, BOJ Södra Stockholm, BOJ Västerort, Socialförvaltningen.');
    expect(await say(ANNA, SAM, '/rotation ordning sof boj-sg')).toBe('Ordningen måste ta med gruppens alla parter exakt en gång. Saknas: BOJ Södra Stockholm, BOJ Västerort.');
    expect(await say(ANNA, SAM, '/rotation ordning sof sof boj-sg boj-sodra boj-vasterort')).toBe('`sof` står mer än en gång. Ange varje part exakt en gång.');
    expect(await say(ANNA, SAM, '/rotation ordning sof boj-x boj-sg boj-sodra')).toContain('Det finns ingen part `boj-x` i gruppen');
    expect(await say(ANNA, SAM, '/rotation ordning boj-sg boj-sodra boj-vasterort sof')).toBe('Turordningen är redan BOJ Stockholm-Gotland, BOJ Södra Stockholm, BOJ Västerort, Socialförvaltningen.');
    expect(await tb.db.prisma.rotationOrder.count()).toBe(0);
  });

  it('applies to future turns: the rest of the round among those still owed a turn, then whole rounds in the new order', async () => {
    // Round one so far: BOJ Stockholm-Gotland (13 Jan), BOJ Södra (24 Feb); BOJ Västerort skips 7 April.
    const reply = await say(ANNA, SAM, '/rotation ordning sof boj-vasterort boj-sodra boj-sg');
    expect(reply).toBe('Anna Lindqvist (Socialförvaltningen) ändrade turordningen i Samverkansgruppen till Socialförvaltningen, BOJ Västerort, BOJ Södra Stockholm och BOJ Stockholm-Gotland. Den gäller turer som börjar från och med nu: den som redan haft sin tur i omgången behåller den, och ingen part får fler turer än någon annan. Nästa möte: tisdag 7 april 2026 kl. 13:00, där *Socialförvaltningen* dokumenterar.');
    expect(await upcoming(SAM)).toEqual([
      '• tisdag 7 april 2026 kl. 13:00: *Socialförvaltningen* dokumenterar – _BOJ Västerort hoppar över_',
      '• tisdag 19 maj 2026 kl. 13:00: *BOJ Västerort* dokumenterar',
      '• tisdag 30 juni 2026 kl. 13:00: *Socialförvaltningen* dokumenterar',
      '• tisdag 11 augusti 2026 kl. 13:00: *BOJ Västerort* dokumenterar',
      '• tisdag 22 september 2026 kl. 13:00: *BOJ Södra Stockholm* dokumenterar',
      '• tisdag 3 november 2026 kl. 13:00: *BOJ Stockholm-Gotland* dokumenterar',
    ]);
    await tb.flush();
    expect(tb.fake.channelMessages(SAM).map((m) => m.text)).toContain(reply);
    const audit = await tb.db.prisma.auditLog.findMany({ where: { entityType: 'RotationOrder' } });
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([['set-order', 'Anna Lindqvist (Socialförvaltningen)']]);
  });

  it('keeps a chair\'s term that has begun, and changes who chairs the next terms', async () => {
    await say(ANNA, STY, '/rotation ordning boj-vasterort boj-sodra boj-sg sof');
    const lines = await upcoming(STY);
    expect(lines[0]).toBe('• torsdag 12 mars 2026 kl. 09:00: *Socialförvaltningen* är ordförande');
    expect(lines[3]).toBe('• torsdag 27 augusti 2026 kl. 09:00: *BOJ Västerort* är ordförande – _ny mandatperiod_');
  });

  it('keeps turns already held when time has passed under the new order', async () => {
    clock.set('2026-07-01T10:00:00Z');
    expect((await upcoming(SAM)).slice(0, 2)).toEqual([
      '• tisdag 11 augusti 2026 kl. 13:00: *BOJ Västerort* dokumenterar',
      '• tisdag 22 september 2026 kl. 13:00: *BOJ Södra Stockholm* dokumenterar',
    ]);
  });
});

describe('a swap accepted twice at once (a double click)', () => {
  const SARA = 'U0SARA'; // BOJ Södra Stockholm, Samverkansgruppen

  it('accepts once; the other click is told the swap is already accepted, not that it was answered otherwise', async () => {
    expect(await say(LINNEA, SAM, '/rotation swap boj-sodra')).toContain('The proposal is saved and will be sent to BOJ Södra Stockholm');
    await tb.flush();
    const request = tb.fake.channelMessages(SARA).at(-1)!;
    const click = async () => (await (await tb.driver.click(SARA, { channel: request.channel, ts: request.ts }, 'rotation_swap_accept')).reply()).text as string;
    const replies = await Promise.all([click(), click()]);
    expect(replies.filter((r) => r.startsWith('Byte i Samverkansgruppen: *BOJ Södra Stockholm* tar dokumentationsansvaret'))).toHaveLength(1);
    expect(replies.filter((r) => r === 'Bytet är redan godkänt.')).toHaveLength(1);
    const audit = await tb.db.prisma.auditLog.findMany({ where: { entityType: 'RotationChange', action: { startsWith: 'swap-' } } });
    expect(audit.map((a) => a.action)).toEqual(['swap-accepted']);
    expect(await tb.db.prisma.rotationChange.findMany({ where: { kind: 'SWAP' }, select: { status: true } })).toEqual([{ status: 'ACCEPTED' }]);
  });
});

describe('the same extra meeting called twice at once', () => {
  const ANNA = 'U0ANNA'; // Socialförvaltningen, which chairs Styrgruppen in March 2026
  const STY = 'C0STYRGRP';

  it('adds it once and tells the other command that the meeting exists, without an error code', async () => {
    const replies = await Promise.all([say(ANNA, STY, '/rotation extramöte 2026-09-14 10:00'), say(ANNA, STY, '/rotation extramöte 2026-09-14 10:00')]);
    expect(replies.filter((r) => r.includes('har kallat till extramöte i Styrgruppen måndag 14 september 2026 kl. 10:00'))).toHaveLength(1);
    expect(replies.filter((r) => r === 'Det finns redan ett möte 2026-09-14 kl. 10:00.')).toHaveLength(1);
    expect(await tb.db.prisma.rotationExtraMeeting.count({ where: { startsAt: new Date('2026-09-14T08:00:00Z') } })).toBe(1);
    expect(await tb.db.prisma.auditLog.count({ where: { action: 'add-extra-meeting' } })).toBe(1);
  });
});
