import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import type { Actor } from '../../src/domain/actor.ts';
import { proposeAppendixChange } from '../../src/domain/agreement/appendices.ts';
import { wireDecisionOrigins } from '../../src/domain/decision-origins.ts';
import { giveNotice, withdrawNotice } from '../../src/domain/agreement/notices.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import type { DomainContext } from '../../src/domain/context.ts';
import { castVote, recordDecision, withdrawProposal } from '../../src/domain/decisions/index.ts';
import { DomainError, ValidationErrors } from '../../src/domain/errors.ts';
import { requireActionPlan, submitActionPlan } from '../../src/domain/escalations/action-plans.ts';
import { proposeAnswer } from '../../src/domain/escalations/answer.ts';
import { notifySteering } from '../../src/domain/escalations/information.ts';
import { sendBack } from '../../src/domain/escalations/lifecycle.ts';
import { raiseEscalation } from '../../src/domain/escalations/raise.ts';
import { outreachChoices, recordOutreach, requireOutreachRecorder } from '../../src/domain/followup/outreach.ts';
import { saveDraft } from '../../src/domain/followup/report.ts';
import { loadPartnershipFile } from '../../src/domain/partnership/file-loader.ts';
import { requireActor, type MemberView } from '../../src/domain/partnership/directory.ts';
import { syncPartnership } from '../../src/domain/partnership/sync.ts';
import { registerMinutes } from '../../src/domain/rotation/minutes.ts';
import { COUNT_FIELDS, type Figures } from '../../src/domain/statistics/figures.ts';
import { requireReporter } from '../../src/domain/statistics/reporter.ts';
import { submitReport } from '../../src/domain/statistics/submit.ts';
import { STOCKHOLM } from '../helpers/bot.ts';
import { openTestDatabase } from '../helpers/db.ts';

/*
 * Issue 15, "Nothing personal is stored", as the domain's rule: every free-text field of every
 * use case, called straight (as a second chat platform would), refuses a personnummer however it
 * is spelt — never let through by the confirmation — and a description of a person unless the
 * input confirms it is not about anyone supported; look-alikes pass. Refused means nothing saved:
 * no audit row, no notice queued.
 */

/** The Swedish Tax Agency's test number 19811218-9876, as people write it (valid check digit). */
const PERSONNUMMER = [
  '811218-9876',
  '8112189876',
  '19811218-9876',
  '198112189876',
  '1981-12-18-9876', // YYYY-MM-DD-NNNN
  '811218 98 76', // spaced groups
  '811218–9876', // en dash
  '811218+9876', // 100 years or older
  '１９８１１２１８－９８７６', // full-width digits and dash
  '811218\u00a09876', // non-breaking space
  '8112\u200b18-98\u200b76', // zero-width spaces inside
  '19811218\u20119876', // non-breaking hyphen
  '811278-9873', // samordningsnummer (day + 60)
];
/** Typed into a link: in the path or query, percent-encoded as a browser would (%20, %2B, %E2%80%93 …). */
const inLink = (s: string) => `https://example.org/arende?id=${encodeURIComponent(`nr ${s}`)}`;

const PERSON = 'Anna Svensson, 34 år, Storgatan 5, född 12 mars 1992, utsatt för våld av sin sambo';
const SHORT_PERSON = 'Anna Svensson, 34 år';
/** Numbers that are not a person's: wrong check digit, phone numbers, organisation and case numbers. */
const LOOK_ALIKES = 'Dnr SOC 2026/123 och 2026-00123. Ring 070-123 45 67 eller 08-123 456 78. Org.nr 802490-7720, 212000-0142. Fel kontrollsiffra: 811218-9875.';
const LOOK_ALIKE_LINK = 'https://example.org/dnr/2026-00123?tel=070-123%2045%2067&org=802490-7720&x=811218-9875';

let db: Database;
let ctx: DomainContext;
const who: Record<string, { member: MemberView; actor: Actor }> = {};
let seq = 0;
const unique = (s: string) => `${s} (${++seq})`;

beforeAll(async () => {
  db = await openTestDatabase();
  const clock = new ManualClock('2026-03-10T09:00:00Z');
  const { partnershipId } = await syncPartnership(db.prisma, loadPartnershipFile(STOCKHOLM), clock.now());
  ctx = { prisma: db.prisma, clock, partnershipId, timezone: 'Europe/Stockholm', locale: 'sv' };
  wireDecisionOrigins();
  for (const u of ['U0ANNA', 'U0ERIK', 'U0MARIA', 'U0OMAR', 'U0JONAS']) who[u] = await requireActor(ctx, u);
});
afterAll(async () => {
  await db?.close();
});

const group = async (channelId: string) => (await db.prisma.group.findFirstOrThrow({ where: { channelId } })).id;
const party = async (key: string) => (await db.prisma.party.findFirstOrThrow({ where: { key } })).id;
const erik = () => who.U0ERIK!;
const anna = () => who.U0ANNA!; // Socialförvaltningen: the steering group's chair in March 2026
const maria = () => who.U0MARIA!; // BOJ Stockholm-Gotland, steering group
const omar = () => who.U0OMAR!; // BOJ Västerort, steering group

async function freshEscalation() {
  const partyIds = [await party('sof'), await party('boj-sg')];
  const r = await raiseEscalation(ctx, erik().member, erik().actor, { question: unique('Vem tar emot ärenden om våld i nära relation?'), positions: 'Parterna ser olika på ansvaret.', partyIds, urgent: false, channelId: 'C0SAMVERK' });
  return r.escalation.id;
}
async function freshProposal() {
  const r = await recordDecision(ctx, anna().member, anna().actor, { groupId: await group('C0STYRGRP'), title: unique('Ny rutin för överlämning'), body: 'Styrgruppen föreslår en ny rutin.' });
  return r.decision.id;
}

interface Field {
  name: string;
  link?: boolean;
  /** Checked for a personnummer only (a link typed into a command cannot be confirmed). */
  personnummerOnly?: boolean;
  max?: number;
  /** The personnummer refusal's key, when the feature words it itself. */
  key?: string;
}
interface UseCase {
  name: string;
  fields: Field[];
  /** Makes what the call needs (an escalation to answer, a proposal to object to …); saved before counting. */
  prepare?: () => Promise<string>;
  /** The call with every field clean but `values`, confirmed or not. */
  call: (values: Record<string, string>, confirmed: boolean, prepared: string) => Promise<unknown>;
  /** Undoes an accepted call that would block the next one (one open proposal, one standing notice). */
  undo?: (result: unknown) => Promise<void>;
}

const statisticsFigures = (comment: string): Figures => ({ counts: Object.fromEntries(COUNT_FIELDS.map((f) => [f, 0])) as Figures['counts'], crimeTypes: {}, comment });

const USE_CASES: UseCase[] = [
  {
    name: 'recording a decision',
    fields: [{ name: 'title', max: 150 }, { name: 'body' }, { name: 'background' }, { name: 'link', link: true }],
    call: async (v, confirmed) => recordDecision(ctx, erik().member, erik().actor, { groupId: await group('C0SAMVERK'), title: v.title ?? unique('Gemensam rutin'), body: v.body ?? 'Gruppen antar rutinen.', background: v.background, link: v.link, notAboutAPerson: confirmed }),
  },
  {
    name: 'objecting to a proposal',
    fields: [{ name: 'reason' }],
    prepare: freshProposal,
    call: (v, confirmed, id) => castVote(ctx, maria().member, maria().actor, id, 'OBJECTION', v.reason, { notAboutAPerson: confirmed }),
  },
  {
    name: 'raising an escalation',
    fields: [{ name: 'question', max: 500 }, { name: 'background' }, { name: 'positions' }, { name: 'options' }, { name: 'link', link: true }],
    call: async (v, confirmed) =>
      raiseEscalation(ctx, erik().member, erik().actor, {
        question: v.question ?? unique('Vem tar emot ärendet?'),
        background: v.background,
        positions: v.positions ?? 'Parterna ser olika på ansvaret.',
        options: v.options,
        link: v.link,
        partyIds: [await party('sof'), await party('boj-sg')],
        urgent: false,
        channelId: 'C0SAMVERK',
        notAboutAPerson: confirmed,
      }),
  },
  {
    name: "proposing the steering group's answer",
    fields: [{ name: 'title', max: 150 }, { name: 'body' }],
    prepare: freshEscalation,
    call: (v, confirmed, id) => proposeAnswer(ctx, anna().member, anna().actor, id, { title: v.title ?? unique('Svar'), body: v.body ?? 'Socialförvaltningen tar emot ärendena.', notAboutAPerson: confirmed }),
  },
  {
    name: 'sending an escalation back with guidance',
    fields: [{ name: 'guidance' }],
    prepare: freshEscalation,
    call: (v, confirmed, id) => sendBack(ctx, anna().member, anna().actor, id, v.guidance ?? 'Lös det i gruppen.', { notAboutAPerson: confirmed }),
  },
  {
    name: 'the information duty (a notice to the steering group)',
    fields: [{ name: 'subject', max: 150 }, { name: 'change' }],
    call: (v, confirmed) => notifySteering(ctx, maria().member, maria().actor, { subject: v.subject ?? unique('Ny verksamhetschef'), body: v.change ?? 'Jouren har en ny verksamhetschef.', notAboutAPerson: confirmed }),
  },
  {
    name: 'requiring an action plan',
    fields: [{ name: 'shortcoming' }],
    call: async (v, confirmed) => requireActionPlan(ctx, anna().member, anna().actor, { partyId: await party('boj-sg'), shortcoming: v.shortcoming ?? unique('Statistiken saknas'), dueOn: '2026-04-30', notAboutAPerson: confirmed }),
  },
  {
    name: 'submitting an action plan',
    fields: [{ name: 'plan' }],
    prepare: async () => (await requireActionPlan(ctx, anna().member, anna().actor, { partyId: await party('boj-sg'), shortcoming: unique('Statistiken saknas'), dueOn: '2026-04-30' })).plan.id,
    call: (v, confirmed, id) => submitActionPlan(ctx, maria().member, maria().actor, id, v.plan ?? 'Vi rapporterar i april.', { notAboutAPerson: confirmed }),
  },
  {
    name: 'proposing a change of an appendix',
    fields: [{ name: 'title', max: 200 }, { name: 'version', max: 30 }, { name: 'changes' }, { name: 'link', link: true }],
    call: (v, confirmed) =>
      proposeAppendixChange(ctx, maria().member, maria().actor, {
        partyKey: 'boj-sodra',
        title: v.title ?? 'Stöd till brottsutsatta i Söderort',
        version: v.version ?? unique('2'),
        validFrom: '2026-07-01',
        link: v.link ?? 'https://example.org/bilaga-v2.pdf',
        changes: v.changes ?? 'Nya öppettider.',
        notAboutAPerson: confirmed,
      }),
    undo: async (r) => void (await withdrawProposal(ctx, anna().member, anna().actor, (r as { decision: { id: string } }).decision.id)),
  },
  {
    name: "giving notice on the agreement",
    fields: [{ name: 'reason' }],
    call: (v, confirmed) => giveNotice(ctx, omar().member, omar().actor, { reason: v.reason ?? 'Styrelsen har beslutat det.', notAboutAPerson: confirmed }),
    undo: async () => void (await withdrawNotice(ctx, omar().member, omar().actor)),
  },
  {
    name: "registering a meeting's minutes (command)",
    fields: [{ name: 'link', link: true, personnummerOnly: true, key: 'rotation.error.linkPersonnummer' }],
    call: (v) => registerMinutes(ctx, 'U0ERIK', 'C0SAMVERK', v.link ?? 'https://example.org/protokoll.pdf'),
  },
  {
    name: 'reporting statistics (the comment)',
    fields: [{ name: 'comment', max: 1000, key: 'statistics.error.personnummer' }],
    call: async (v, confirmed) => {
      const reporter = await requireReporter(ctx, 'U0JONAS');
      const current = await db.prisma.statisticsReport.findFirst({ where: { partyId: reporter.party.id, year: 2026, quarter: 1, current: true } });
      return submitReport(ctx, reporter, { period: { year: 2026, quarter: 1 }, municipalityId: reporter.municipalities[0]!.id, baseVersion: current?.version ?? 0, figures: statisticsFigures(v.comment ?? unique('Inget särskilt')), notAboutAPerson: confirmed });
    },
  },
  {
    name: 'recording outreach',
    fields: [{ name: 'audience', max: 200 }, { name: 'description' }],
    call: async (v, confirmed) => {
      const recorder = await requireOutreachRecorder(ctx, 'U0JONAS');
      const choices = await outreachChoices(ctx, recorder);
      return recordOutreach(ctx, recorder, { date: '2026-03-01', kind: choices.kinds[0], municipalityId: choices.municipalities[0]!.id, audience: v.audience ?? 'Elever i årskurs 9', participants: '25', description: v.description ?? unique('Information om stöd'), notAboutAPerson: confirmed });
    },
  },
  {
    name: "the annual report's narratives (a draft)",
    fields: ['activities', 'goals', 'cooperation', 'complaintsHandling', 'financeComment'].map((name) => ({ name, key: 'followup.error.personnummer' })),
    call: async (v, confirmed) => {
      const writer = await requireReporter(ctx, 'U0JONAS');
      const values = { activities: unique('Stödsamtal och information'), ...v };
      return saveDraft(ctx, writer, { year: 2025, baseVersion: 0, values, notAboutAPerson: confirmed });
    },
  },
];

/** What the call stored: every use case writes its audit row and queues its notices in the same transaction. */
const stored = async () => (await db.prisma.auditLog.count()) + (await db.prisma.outboxMessage.count());

async function attempt(uc: UseCase, values: Record<string, string>, confirmed: boolean) {
  const prepared = uc.prepare ? await uc.prepare() : '';
  const before = await stored();
  try {
    const result = await uc.call(values, confirmed, prepared);
    const saved = (await stored()) > before;
    if (saved) await uc.undo?.(result);
    return { refused: [] as Array<{ field?: string; key: string }>, saved };
  } catch (err) {
    const refused = err instanceof ValidationErrors ? err.errors.map((e) => ({ field: e.field, key: e.key as string })) : err instanceof DomainError ? [{ field: err.field, key: err.key as string }] : undefined;
    if (!refused) throw err;
    return { refused, saved: (await stored()) > before };
  }
}

const cases = USE_CASES.flatMap((uc) => uc.fields.map((f) => [uc.name, f.name, uc, f] as const));

describe('every free-text field of every use case refuses a personnummer, however it is spelt, confirmed or not', () => {
  it.each(cases)('%s: %s', async (_u, _f, uc, f) => {
    for (const spelling of PERSONNUMMER) {
      const sentence = f.link ? inLink(spelling) : `Se ärende ${spelling} för detaljer`;
      const text = f.max && sentence.length > f.max ? spelling : sentence;
      for (const confirmed of [false, true]) {
        const r = await attempt(uc, { [f.name]: text }, confirmed);
        expect({ spelling, confirmed, ...r }).toEqual({ spelling, confirmed, saved: false, refused: [{ ...(f.key?.startsWith('rotation.') ? {} : { field: f.name }), key: f.key ?? 'core.guard.personnummer' }] });
      }
    }
  });
});

describe('every free-text field asks about a description of a person, and takes it once confirmed', () => {
  it.each(cases.filter(([, , , f]) => !f.personnummerOnly))('%s: %s', async (_u, _f, uc, f) => {
    const words = f.max && f.max < PERSON.length ? SHORT_PERSON : PERSON;
    const text = f.link ? `https://example.org/?q=${encodeURIComponent(words)}` : words;
    const held = await attempt(uc, { [f.name]: text }, false);
    expect(held.saved).toBe(false);
    expect(held.refused).toEqual([{ field: f.name, key: 'core.guard.personalFound' }]);
    const confirmed = await attempt(uc, { [f.name]: f.link ? text : unique(words) }, true);
    expect(confirmed).toEqual({ refused: [], saved: true });
  });

  it('a link typed into a command is checked for a personnummer only: a street in a link is a place', async () => {
    const minutes = USE_CASES.find((u) => u.name.startsWith('registering'))!;
    expect(await attempt(minutes, { link: 'https://example.org/protokoll/storgatan-5-mars-1992.pdf' }, false)).toEqual({ refused: [], saved: true });
  });
});

describe('look-alikes are accepted in every free-text field', () => {
  it.each(cases)('%s: %s', async (_u, _f, uc, f) => {
    const text = f.link ? LOOK_ALIKE_LINK : f.max && f.max < LOOK_ALIKES.length + 10 ? 'Dnr SOC 2026/123' : unique(LOOK_ALIKES);
    expect(await attempt(uc, { [f.name]: text }, false)).toEqual({ refused: [], saved: true });
  });
});
