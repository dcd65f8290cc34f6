import type { DomainContext } from '../context.ts';
import { requireGroup } from './access.ts';
import { HORIZON_MS, loadPlan } from './plan.ts';

export interface UpcomingMeeting {
  at: string;
  party: string;
  extra: boolean;
  /** The turn starts here (a new chair's term). */
  newTerm: boolean;
  skipped: string[];
  swapped: boolean;
}

export interface Upcoming {
  group: string;
  duty: 'documentation' | 'chair';
  meetings: UpcomingMeeting[];
}

/** The next meetings of the channel's group and who documents or chairs each. */
export async function upcoming(ctx: DomainContext, channelId: string, count = 6): Promise<Upcoming> {
  const group = await requireGroup(ctx, channelId);
  const now = ctx.clock.now();
  const plan = await loadPlan(ctx, group, new Date(now.getTime() + HORIZON_MS));
  const changes = await ctx.prisma.rotationChange.findMany({ where: { groupId: group.id, status: 'ACCEPTED' } });
  const next = plan.meetings.filter((m) => m.at >= now).slice(0, count);
  return {
    group: group.name,
    duty: plan.duty,
    meetings: next.map((m) => {
      const slotAt = plan.slotStarts[m.slot]!.getTime();
      const here = changes.filter((c) => c.slotAt.getTime() === slotAt || c.otherSlotAt?.getTime() === slotAt);
      return {
        at: m.at.toISOString(),
        party: plan.partyName(m.holder),
        extra: m.extra,
        newTerm: plan.duty === 'chair' && slotAt === m.at.getTime(),
        skipped: here.filter((c) => c.kind === 'SKIP').map((c) => plan.partyName(c.partyId)),
        swapped: here.some((c) => c.kind === 'SWAP'),
      };
    }),
  };
}
