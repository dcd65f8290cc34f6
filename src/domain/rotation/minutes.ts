import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import type { DomainContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { enqueue } from '../outbox.ts';
import { getGroup, requireActor, type GroupView, type MemberView } from '../partnership/directory.ts';
import { isMemberOf } from '../partnership/permissions.ts';
import type { Notice } from '../notice.ts';
import { textErrors } from '../personal-details.ts';
import { inTransaction } from '../transaction.ts';
import { requireGroupMember } from './access.ts';
import { HORIZON_MS, loadPlan, meetingOn, type Plan, type PlannedMeeting } from './plan.ts';
import { parseIsoDate } from './time.ts';

export interface MinutesResult {
  groupName: string;
  at: string;
  link: string | null;
  replaced: boolean;
  /** Minutes were already registered and nothing was given to change them. */
  already: boolean;
}

/** How the outbox keys of one meeting's minutes reminders begin (see reminders.ts). */
export const minutesReminderKeyPrefix = (groupId: string, meetingAt: Date) => `rotation:minutes:${groupId}:${meetingAt.toISOString()}:`;

/** The ref of the minutes reminder sent to one person: registering the minutes updates it in place. */
export const minutesReminderRef = (groupId: string, meetingAt: Date, memberId: string) => `rotation:minutes:${groupId}:${meetingAt.toISOString()}:${memberId}`;

/**
 * The meetings held so far, with their holders as the reminders saw them: the plan is derived up
 * to the horizon, so a swap whose second turn is still ahead stays in force for the first.
 */
async function heldMeetings(ctx: DomainContext, group: GroupView): Promise<Plan> {
  const now = ctx.clock.now();
  const plan = await loadPlan(ctx, group, new Date(now.getTime() + HORIZON_MS));
  return { ...plan, meetings: plan.meetings.filter((m) => m.at < now) };
}

/** `<link>` as Slack sends it (`<https://…|label>`), checked; the key says what is wrong. */
function checkLink(text: string): { link: string } | { error: 'rotation.error.badLink' | 'rotation.error.linkPersonnummer' } {
  const link = text.trim().replace(/^<([^|>]+)(\|[^>]*)?>$/, '$1');
  if (!/^https?:\/\/\S+$/i.test(link) || link.length > 1000) return { error: 'rotation.error.badLink' };
  // A link typed into a command cannot be confirmed: it is checked for a personnummer only.
  if (textErrors([{ field: 'link', value: link, personal: false }]).length) return { error: 'rotation.error.linkPersonnummer' };
  return { link };
}

/** `/rotation protokoll <länk> [datum]`: registers the minutes of the latest meeting held, or of the one on a date. */
export async function registerMinutes(ctx: DomainContext, chatUserId: string, channelId: string, linkText: string | undefined, dateText?: string): Promise<MinutesResult> {
  const { group, actor } = await requireGroupMember(ctx, chatUserId, channelId);
  // No link at all is its own mistake: quoting the empty text would print a broken `` in chat.
  if (!linkText?.trim()) throw new DomainError('rotation.error.minutesNeedsLink');
  const checked = checkLink(linkText);
  if ('error' in checked) throw new DomainError(checked.error, { value: linkText });
  const plan = await heldMeetings(ctx, group);
  let meeting: PlannedMeeting | undefined;
  if (dateText) {
    const date = parseIsoDate(dateText);
    if (!date) throw new DomainError('rotation.error.badDate', { value: dateText });
    meeting = meetingOn(plan, ctx.timezone, date);
    if (!meeting) throw new DomainError('rotation.error.noHeldMeetingOn', { date: dateText });
  } else {
    meeting = plan.meetings.at(-1);
    if (!meeting) throw new DomainError('rotation.error.noHeldMeeting');
  }
  return saveMinutes(ctx, actor, group, meeting, checked.link);
}

/**
 * Who may register the minutes of a held meeting from its reminder: the group's members and the
 * members of the party that had the duty (the reminder went to them). Returns the meeting.
 */
export async function checkMinutesFromReminder(ctx: DomainContext, chatUserId: string, groupId: string, meetingIso: string) {
  const { member, actor } = await requireActor(ctx, chatUserId);
  const group = await getGroup(ctx, groupId);
  const at = new Date(meetingIso);
  if (!group || Number.isNaN(at.getTime())) throw new DomainError('rotation.error.minutesMeetingGone');
  const meeting = (await heldMeetings(ctx, group)).meetings.find((m) => m.at.getTime() === at.getTime());
  if (!meeting) throw new DomainError('rotation.error.minutesMeetingGone');
  if (!mayRegister(member, group, meeting)) {
    throw new DomainError('rotation.error.minutesNotYours', { group: group.name, party: group.parties.find((p) => p.id === meeting.holder)?.name ?? '' });
  }
  const existing = await ctx.prisma.rotationMinutes.findUnique({ where: { groupId_meetingAt: { groupId, meetingAt: at } } });
  return { member, actor, group, meeting, existing };
}

const mayRegister = (member: MemberView, group: GroupView, meeting: PlannedMeeting) => isMemberOf(member, group.id) || member.partyId === meeting.holder;

/** The button on the minutes reminder (and its small form): registers the minutes, a link optional. */
export async function registerMinutesFromReminder(ctx: DomainContext, chatUserId: string, groupId: string, meetingIso: string, linkText?: string): Promise<MinutesResult> {
  let link: string | null = null;
  if (linkText?.trim()) {
    const checked = checkLink(linkText);
    if ('error' in checked) throw new DomainError(checked.error === 'rotation.error.badLink' ? 'rotation.error.badLinkField' : checked.error, { value: linkText }, 'link');
    link = checked.link;
  }
  const { actor, group, meeting, existing } = await checkMinutesFromReminder(ctx, chatUserId, groupId, meetingIso);
  if (existing && !link) return { groupName: group.name, at: meeting.at.toISOString(), link: existing.link, replaced: false, already: true };
  return saveMinutes(ctx, actor, group, meeting, link);
}

/** One transaction: the minutes, their audit row, and the reminder cards updated to say so. */
async function saveMinutes(ctx: DomainContext, actor: Actor, group: GroupView, meeting: PlannedMeeting, link: string | null): Promise<MinutesResult> {
  const now = ctx.clock.now();
  return inTransaction(ctx, async (tx) => {
    const key = { groupId: group.id, meetingAt: meeting.at };
    const existing = await tx.rotationMinutes.findUnique({ where: { groupId_meetingAt: key } });
    const row = await tx.rotationMinutes.upsert({ where: { groupId_meetingAt: key }, create: { ...key, link, registeredById: actor.memberId, createdAt: now }, update: { link, registeredById: actor.memberId } });
    await audit(tx, actor, { action: existing ? 'update-minutes' : 'register-minutes', entityType: 'RotationMinutes', entityId: `${group.id}:${meeting.at.toISOString()}`, before: existing ?? undefined, after: row }, now);
    // Every minutes reminder queued for this meeting (posted, or still on its way: the update then
    // follows it), whoever it went to: the card says the minutes are registered, without its button.
    const reminders = await tx.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `${minutesReminderKeyPrefix(group.id, meeting.at)}member:` } }, orderBy: { id: 'asc' } });
    const data = { registered: true, groupName: group.name, at: meeting.at.toISOString(), link, by: actor.label };
    for (const r of reminders) {
      const notice = (typeof r.notice === 'string' ? JSON.parse(r.notice) : r.notice) as Notice;
      if (!notice.ref || !('member' in notice.to)) continue;
      await enqueue(tx, `${notice.ref}:registered:${now.getTime()}`, { to: notice.to, template: 'rotation.minutesReminder', data, ref: notice.ref });
    }
    return { groupName: group.name, at: meeting.at.toISOString(), link, replaced: !!existing, already: false };
  });
}
