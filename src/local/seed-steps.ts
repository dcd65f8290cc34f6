import type { PartnershipFile } from '../domain/partnership/file-schema.ts';
import { fillModal, type SeedStep } from './seed.ts';
import { localDate } from '../domain/dates.ts';
import { findGroupByKey } from '../domain/partnership/directory.ts';
import { chairOf } from '../domain/rotation/chair.ts';
import type { LocalWorkspace } from './workspace.ts';

// The demo's story, told by whoever holds each role in the loaded partnership file.

type Member = PartnershipFile['members'][number];
const DAY = 86_400_000;

/** Who plays which part in the demo, the steering group's chair as of now included. */
async function cast(ws: LocalWorkspace) {
  return { ...roles(ws), chair: await currentChair(ws) };
}

function roles(ws: LocalWorkspace) {
  const p = ws.bot.partnership;
  if (!p) throw new Error('no partnership file loaded');
  const steering = p.groups.find((g) => g.kind === 'steering');
  const collab = p.groups.find((g) => g.kind === 'collaboration');
  const has = (m: Member, role: string, group?: string) => m.roles.some((r) => (typeof r === 'string' ? r === role : (r as Record<string, string>)[role] === group));
  const reps = (g?: { key: string }) => (g ? p.members.filter((m) => has(m, 'representative', g.key)) : []);
  const nonprofit = new Set(p.parties.filter((x) => x.sector === 'nonprofit').map((x) => x.key));
  return {
    steering,
    collab,
    reps,
    reporter: p.members.find((m) => has(m, 'coordinator') && nonprofit.has(m.party)),
  };
}

/** Whoever acts as the steering group's chair now (the rotation's party, else the file's chair role). */
async function currentChair(ws: LocalWorkspace): Promise<Member | undefined> {
  const { steering } = roles(ws);
  const group = steering ? await findGroupByKey(ws.bot.ctx, steering.key) : undefined;
  if (!group) return undefined;
  const [first] = (await chairOf(ws.bot.ctx, group)).members;
  return ws.bot.partnership?.members.find((m) => m.user === first?.chatUserId);
}

const daysAgo = (ws: LocalWorkspace, n: number) => localDate(new Date(ws.bot.ctx.clock.now().getTime() - n * DAY), ws.bot.ctx.timezone);
const daysAhead = (ws: LocalWorkspace, n: number) => daysAgo(ws, -n);

/** Clicks the newest button with `actionId` in a conversation, as `user`. */
async function clickLatest(ws: LocalWorkspace, user: string, channels: string[], actionId: string): Promise<boolean> {
  const m = ws.fake.messages.filter((x) => channels.includes(x.channel) && JSON.stringify(x.blocks ?? []).includes(`"${actionId}"`)).at(-1);
  if (!m) return false;
  await ws.act(user, { channel: m.channel, ts: m.ts }, { actionId });
  return true;
}

const decisions: SeedStep = {
  name: 'decisions',
  command: '/beslut',
  async run(ws) {
    const { steering, collab, reps, chair } = await cast(ws);
    const record = async (user: string, channel: string, values: Record<string, string>) => {
      await ws.command(user, channel, '/beslut');
      await fillModal(ws, user, values, 'decision_form');
    };
    if (steering && chair) {
      await record(chair.user, steering.channel, {
        title: 'Statistik per kommun och kön varje kvartal',
        body: 'Jourerna redovisar antal stödsökande per kommun, kön, ålder och brottstyp senast 15 dagar efter kvartalets slut. Samverkansgruppen sammanställer.',
        decided_on: daysAgo(ws, 80),
        background: 'Socialnämnden vill kunna följa upp partnerskapet per kvartal.',
      });
      for (const m of reps(steering)) await clickLatest(ws, m.user, [steering.channel], 'decision_consent').catch(() => false);
    }
    const [first, second] = reps(collab);
    if (collab && first) {
      await record(first.user, collab.channel, {
        title: 'Gemensam broschyr om stöd till brottsutsatta',
        body: 'Vi tar fram en gemensam broschyr på svenska, engelska och arabiska till vårdcentraler och bibliotek.',
        decided_on: daysAgo(ws, 45),
        follow_up: daysAhead(ws, 20),
      });
    }
    if (collab && second) {
      await record(second.user, collab.channel, {
        title: 'Utbildningsdag för nya volontärer i mars',
        body: 'Jourerna håller en gemensam utbildningsdag; Socialförvaltningen står för lokal och fika.',
        decided_on: daysAgo(ws, 12),
      });
    }
  },
};

const statistics: SeedStep = {
  name: 'statistics',
  command: '/statistik',
  async run(ws) {
    const { collab, reporter } = roles(ws);
    if (!collab || !reporter) throw new Error('no coordinator of a non-profit party in a collaboration group');
    await ws.command(reporter.user, collab.channel, '/statistik');
    await fillModal(ws, reporter.user, {}, 'statistics_choose');
    const form = await ws.fake.waitFor(() => ws.topModal(reporter.user)?.view.callback_id === 'statistics_form' && ws.topModal(reporter.user));
    const crimes = (form.view.blocks as any[]).map((b) => String(b.block_id ?? '')).filter((id) => id.startsWith('crime_'));
    await fillModal(ws, reporter.user, {
      total: '14', genderFemale: '9', genderMale: '5', genderOther: '0',
      age0to17: '0', age18to20: '0', age21to64: '12', age65plus: '2',
      roleVictim: '11', roleWitness: '1', roleVictimRelative: '2', rolePerpetratorRelative: '0',
      meetings: '31', referrals: '3', volunteerHours: '46', comment: 'Två informationsträffar på biblioteket.',
      ...Object.fromEntries(crimes.map((id, i) => [id, i === 0 ? '14' : '0'])),
    }, 'statistics_form');
  },
};

const rotation: SeedStep = {
  name: 'rotation',
  command: '/rotation',
  async run(ws) {
    const { steering, collab, reps, chair } = await cast(ws);
    const [proposer] = reps(collab);
    if (collab && proposer) {
      await ws.command(proposer.user, collab.channel, '/rotation protokoll <https://docs.example.org/samverkansgruppen/protokoll>');
      // Offer a swap to each other party in turn until one is allowed (turns must stay balanced).
      for (const other of reps(collab).filter((m) => m.party !== proposer.party)) {
        await ws.command(proposer.user, collab.channel, `/rotation byt ${other.party}`);
        const dms = [other.user, ...[...ws.fake.channels.values()].filter((c) => c.is_im && c.user === other.user).map((c) => c.id)];
        if (await clickLatest(ws, other.user, dms, 'rotation_swap_accept')) break;
      }
    }
    if (steering && chair) await ws.command(chair.user, steering.channel, `/rotation extramöte ${daysAhead(ws, 10)} 10:00`);
  },
};

export const demoSteps: SeedStep[] = [decisions, statistics, rotation];
