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

describe('two skips of the same meeting at once', () => {
  it('skips one party only; the other command is told the meeting is already skipped', async () => {
    const replies = await Promise.all([say(LINNEA, SAM, '/rotation hoppa 2026-04-07'), say(ERIK, SAM, '/rotation hoppa 2026-04-07')]);
    const refused = replies.filter((r) => /already skips|hoppar redan över/.test(r));
    expect(refused).toHaveLength(1);
    expect(await tb.db.prisma.rotationChange.count({ where: { kind: 'SKIP' } })).toBe(1);
    expect(await tb.db.prisma.auditLog.count({ where: { entityType: 'RotationChange', action: 'skip' } })).toBe(1);
  });
});
