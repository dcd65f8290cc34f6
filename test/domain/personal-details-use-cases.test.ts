import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import type { DomainContext } from '../../src/domain/context.ts';
import { recordDecision } from '../../src/domain/decisions/index.ts';
import { ValidationErrors } from '../../src/domain/errors.ts';
import { raiseEscalation } from '../../src/domain/escalations/raise.ts';
import { loadPartnershipFile } from '../../src/domain/partnership/file-loader.ts';
import { requireActor } from '../../src/domain/partnership/directory.ts';
import { syncPartnership } from '../../src/domain/partnership/sync.ts';
import { STOCKHOLM } from '../helpers/bot.ts';
import { openTestDatabase } from '../helpers/db.ts';

/** The words of the issue: a description of a person, typed into free text. */
const PERSON = 'Anna Svensson, 34 år, Storgatan 5, född 12 mars 1992, utsatt för våld av sin sambo';

let db: Database;
let ctx: DomainContext;
beforeAll(async () => {
  db = await openTestDatabase();
  const clock = new ManualClock('2026-03-10T09:00:00Z');
  const { partnershipId } = await syncPartnership(db.prisma, loadPartnershipFile(STOCKHOLM), clock.now());
  ctx = { prisma: db.prisma, clock, partnershipId, timezone: 'Europe/Stockholm', locale: 'sv' };
});
afterAll(async () => {
  await db?.close();
});

const refused = async (work: () => Promise<unknown>) => {
  try {
    await work();
  } catch (err) {
    if (err instanceof ValidationErrors) return err.errors.map((e) => ({ field: e.field, key: e.key, found: e.params?.found }));
    throw err;
  }
  return [];
};

describe('the use cases hold back a description of a person themselves, whatever chat it comes from', () => {
  it('a decision recorded straight through the domain is refused on the field that describes a person, and nothing is saved', async () => {
    const { member, actor } = await requireActor(ctx, 'U0ERIK');
    const group = await db.prisma.group.findFirstOrThrow({ where: { channelId: 'C0SAMVERK' } });
    const input = { groupId: group.id, title: 'Stöd till en stödsökande', body: PERSON };
    expect(await refused(() => recordDecision(ctx, member, actor, input))).toEqual([
      { field: 'body', key: 'core.guard.personalFound', found: 'Anna Svensson, 34 år, Storgatan 5, född 12 mars 1992' },
    ]);
    expect(await db.prisma.decision.count()).toBe(0);
    // Confirmed as not about anyone supported (the form's checkbox), it is saved.
    const r = await recordDecision(ctx, member, actor, { ...input, title: 'Hyresavtal för lokalen', body: 'Lokalen på Storgatan 5 hyrs från 1 april.', notAboutAPerson: true });
    expect(r.decision.body).toBe('Lokalen på Storgatan 5 hyrs från 1 april.');
  });

  it('an escalation raised straight through the domain is refused on every field with the marks, and nothing is saved', async () => {
    const { member, actor } = await requireActor(ctx, 'U0ERIK');
    const parties = await db.prisma.party.findMany({ where: { key: { in: ['sof', 'boj-sg'] } } });
    const input = { question: 'Vem tar emot en 34-årig kvinna?', positions: PERSON, partyIds: parties.map((p) => p.id), urgent: false, channelId: 'C0SAMVERK' };
    expect((await refused(() => raiseEscalation(ctx, member, actor, input))).map((e) => `${e.field}:${e.key}`)).toEqual([
      'question:core.guard.personalFound',
      'positions:core.guard.personalFound',
    ]);
    expect(await db.prisma.escalation.count()).toBe(0);
    const r = await raiseEscalation(ctx, member, actor, { ...input, question: 'Vem tar emot ärenden om våld i nära relation?', positions: 'Socialförvaltningen och BOJ ser olika på ansvaret.' });
    expect(r.escalation.number).toBe(1);
  });
});
