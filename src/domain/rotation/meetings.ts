import { audit } from '../audit.ts';
import type { DomainContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { enqueue } from '../outbox.ts';
import { listGroups } from '../partnership/directory.ts';
import { inTransaction } from '../transaction.ts';
import { requireGroupMember } from './access.ts';
import { requireChair } from './chair.ts';
import { lockGroup } from './changes.ts';
import { HORIZON_MS, loadPlan } from './plan.ts';
import { validCron, WEEKDAYS, type MeetingSpec } from './schedule.ts';
import { isoDate, localParts, parseIsoDate, parseTime, zonedToUtc } from './time.ts';

const WEEKDAY_WORDS: Record<string, (typeof WEEKDAYS)[number]> = {
  måndag: 'monday', mandag: 'monday', monday: 'monday',
  tisdag: 'tuesday', tuesday: 'tuesday',
  onsdag: 'wednesday', wednesday: 'wednesday',
  torsdag: 'thursday', thursday: 'thursday',
  fredag: 'friday', friday: 'friday',
  lördag: 'saturday', lordag: 'saturday', saturday: 'saturday',
  söndag: 'sunday', sondag: 'sunday', sunday: 'sunday',
};

/**
 * `<weeks> <weekday> <HH:MM> [first date]` or `cron "<expression>"`, as typed after `/rotation möte`.
 * Without a first date the schedule starts with the next such weekday.
 */
export function parseScheduleArgs(args: string[], ctx: DomainContext): MeetingSpec {
  if (args.length === 0) throw new DomainError('rotation.error.scheduleUsage');
  if (args[0]!.toLowerCase() === 'cron') {
    const expression = args.slice(1).join(' ').trim();
    if (!expression || !validCron(expression)) throw new DomainError('rotation.error.badCron', { value: expression });
    return { cron: expression, duration_minutes: 120 };
  }
  const [weeksText = '', dayText = '', timeText = '', startText] = args;
  const weeks = Number(weeksText);
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 52) throw new DomainError('rotation.error.badWeeks', { value: weeksText });
  const weekday = WEEKDAY_WORDS[dayText.toLowerCase()];
  if (!weekday) throw new DomainError('rotation.error.badWeekday', { value: dayText });
  const time = parseTime(timeText);
  if (!time) throw new DomainError('rotation.error.badTime', { value: timeText });
  let starting: string;
  if (startText !== undefined) {
    const d = parseIsoDate(startText);
    if (!d) throw new DomainError('rotation.error.badDate', { value: startText });
    starting = isoDate(d);
  } else starting = isoDate(localParts(ctx.clock.now(), ctx.timezone));
  const hhmm = `${String(time.hh).padStart(2, '0')}:${String(time.mm).padStart(2, '0')}`;
  return { every_weeks: weeks, weekday, time: hhmm, starting, duration_minutes: 120 };
}

/** Sets the group's recurring schedule from now on; meetings already held keep their turns. */
export async function setSchedule(ctx: DomainContext, chatUserId: string, channelId: string, args: string[]) {
  const { group, actor } = await requireGroupMember(ctx, chatUserId, channelId);
  const spec = parseScheduleArgs(args, ctx);
  const now = ctx.clock.now();
  return inTransaction(ctx, async (tx) => {
    const row = await tx.rotationSchedule.create({ data: { groupId: group.id, effectiveFrom: now, meetings: spec as object, createdById: actor.memberId, createdAt: now } });
    await audit(tx, actor, { action: 'set-schedule', entityType: 'RotationSchedule', entityId: row.id, before: group.meetings, after: spec }, now);
    const plan = await loadPlan(ctx, group, new Date(now.getTime() + HORIZON_MS), [], tx);
    const next = plan.meetings.find((m) => m.at >= now);
    const data = { groupName: group.name, spec, next: next?.at.toISOString() ?? '', nextParty: next ? plan.partyName(next.holder) : '', duty: plan.duty, by: actor.label };
    await enqueue(tx, `rotation:schedule:${row.id}`, { to: { group: group.id }, template: 'rotation.scheduleChanged', data });
    return data;
  });
}

/** The steering-group chair calls a single meeting outside the schedule. */
export async function addExtraMeeting(ctx: DomainContext, chatUserId: string, channelId: string, dateText: string | undefined, timeText: string | undefined) {
  const { group, member, actor } = await requireGroupMember(ctx, chatUserId, channelId);
  if (!dateText || !timeText) throw new DomainError('rotation.error.extraUsage');
  const date = parseIsoDate(dateText);
  if (!date) throw new DomainError('rotation.error.badDate', { value: dateText });
  const time = parseTime(timeText);
  if (!time) throw new DomainError('rotation.error.badTime', { value: timeText });
  const at = zonedToUtc(date, time.hh, time.mm, ctx.timezone);
  const now = ctx.clock.now();
  if (at <= now) throw new DomainError('rotation.error.extraInPast', { date: dateText });
  const horizon = new Date(now.getTime() + HORIZON_MS);
  // The steering group's chair calls it (in a rotation, a representative of the party whose term it is).
  const steering = (await listGroups(ctx)).find((g) => g.kind === 'STEERING');
  if (!steering) throw new DomainError('rotation.error.extraNoSteering');
  await requireChair(ctx, member, steering);
  return inTransaction(ctx, async (tx) => {
    // Serialised with the group's other rotation changes: the same meeting called twice at once is told it exists.
    await lockGroup(tx, group.id);
    const before = await loadPlan(ctx, group, horizon, [], tx);
    if (before.meetings.some((m) => m.at.getTime() === at.getTime())) throw new DomainError('rotation.error.extraExists', { date: dateText, time: timeText });
    const row = await tx.rotationExtraMeeting.create({ data: { groupId: group.id, startsAt: at, createdById: actor.memberId, createdAt: now } });
    await audit(tx, actor, { action: 'add-extra-meeting', entityType: 'RotationExtraMeeting', entityId: row.id, after: row }, now);
    const plan = await loadPlan(ctx, group, horizon, [], tx);
    const m = plan.meetings.find((x) => x.at.getTime() === at.getTime())!;
    const data = { groupName: group.name, at: at.toISOString(), party: plan.partyName(m.holder), duty: plan.duty, by: actor.label };
    await enqueue(tx, `rotation:extra:${row.id}`, { to: { group: group.id }, template: 'rotation.extraMeeting', data });
    return data;
  });
}
