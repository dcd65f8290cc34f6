import type { DomainContext } from '../context.ts';
import type { MemberView } from '../partnership/directory.ts';
import { addExtraMeeting } from '../rotation/meetings.ts';
import { DAY_MS, localDate } from './guard.ts';
import { requireChair, requireSteeringMember, steeringGroup } from './groups.ts';
import { requireInformant } from './information.ts';
import { requireActive } from './lifecycle.ts';
import { escalationLabel } from './types.ts';

/*
 * What a form needs before it opens. Each makes the check its submission will make, so nobody
 * fills in a form only to be refused, and the adapter opens the form without rules of its own.
 */

/** The escalation behind a card's button, refused when it is closed. */
async function activeEscalation(ctx: DomainContext, id: string) {
  const e = requireActive(ctx, await ctx.prisma.escalation.findUnique({ where: { id } }));
  return { id: e.id, label: escalationLabel(e.number), question: e.question };
}

/** "Besvara": a steering-group member proposes the group's answer. */
export async function answerForm(ctx: DomainContext, member: MemberView, id: string) {
  requireSteeringMember(member, await steeringGroup(ctx));
  return activeEscalation(ctx, id);
}

/** "Återremittera": the chair sends the question back. */
export async function sendBackForm(ctx: DomainContext, member: MemberView, id: string) {
  await requireChair(ctx, member, await steeringGroup(ctx));
  return activeEscalation(ctx, id);
}

/** The urgent alert's "call an extra meeting": the chair picks a day, today by default. */
export async function extraMeetingForm(ctx: DomainContext, member: MemberView, id: string) {
  await requireChair(ctx, member, await steeringGroup(ctx));
  return { ...(await activeEscalation(ctx, id)), today: localDate(ctx.clock.now(), ctx.timezone) };
}

/** How long a party is given for an action plan unless the chair picks another date. */
const DEFAULT_PLAN_DAYS = 30;

/** `/eskalera åtgärdsplan`: the chair chooses the party; the due date defaults to a month ahead. */
export async function actionPlanForm(ctx: DomainContext, member: MemberView) {
  const steering = await steeringGroup(ctx);
  await requireChair(ctx, member, steering);
  return { parties: steering.parties, dueOn: localDate(new Date(ctx.clock.now().getTime() + DEFAULT_PLAN_DAYS * DAY_MS), ctx.timezone) };
}

/** `/anmal`: a party's representative or coordinator tells the steering group something. */
export function informationForm(member: MemberView) {
  requireInformant(member);
  return { party: member.partyName };
}

/**
 * The extra meeting the chair calls from an urgent escalation is the steering group's: the
 * rotation's rules for extra meetings (the chair, a future time, no clash) decide it.
 */
export async function callExtraMeeting(ctx: DomainContext, member: MemberView, date: string | undefined, time: string | undefined) {
  const steering = await steeringGroup(ctx);
  const meeting = await addExtraMeeting(ctx, member.chatUserId, steering.channelId, date, time);
  return { ...meeting, steeringChannelId: steering.channelId };
}
