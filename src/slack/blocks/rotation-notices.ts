import { formatList, t, type MessageKey } from '../../i18n/index.ts';
import { actions, button, escapeMrkdwn, section, type RenderedMessage } from './kit.ts';
import type { RenderEnv, Renderers } from './renderers.ts';
import { dutyNoun, dutyVerb, meetingTime } from './rotation-format.ts';
import { SWAP_ACCEPT, SWAP_DECLINE } from '../rotation/ids.ts';
import { minutesReminderCard } from './rotation-minutes.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const text = (s: string): RenderedMessage => ({ text: s, blocks: [section(s)] });
const when = (env: RenderEnv, iso: string) => meetingTime(env.locale, iso, env.timezone);
const esc = (v: unknown) => escapeMrkdwn(String(v ?? ''));

export function scheduleText(env: RenderEnv, spec: any): string {
  if (spec.cron) return t(env.locale, 'rotation.schedule.cron', { cron: spec.cron });
  const weekday = t(env.locale, `rotation.weekday.${spec.weekday}` as MessageKey);
  const key = spec.every_weeks === 1 ? 'rotation.schedule.everyWeek' : 'rotation.schedule.everyWeeks';
  return t(env.locale, key, { weeks: spec.every_weeks, weekday, time: spec.time, starting: spec.starting });
}

/** Renderers of the notices the rotation queues (reminders, swaps, changes). */
export const rotationRenderers: Renderers = {
  'rotation.reminder': (d: any, env) =>
    text(t(env.locale, d.duty === 'chair' ? 'rotation.reminder.chair' : 'rotation.reminder.documentation', {
      group: esc(d.groupName), when: d.today ? t(env.locale, 'rotation.reminder.today') : d.days <= 1 ? t(env.locale, 'rotation.reminder.in1') : d.days === 7 ? t(env.locale, 'rotation.reminder.in7') : t(env.locale, 'rotation.reminder.inDays', { days: d.days }), date: when(env, d.at), party: esc(d.party),
    })),
  'rotation.minutesReminder': minutesReminderCard,
  'rotation.handover': (d: any, env) => {
    const people: string[] = Array.isArray(d.people) ? d.people : [];
    const key = people.length > 0 ? 'rotation.handover' : 'rotation.handover.noOne';
    return text(t(env.locale, key, { group: esc(d.groupName), previous: esc(d.previous), party: esc(d.party), date: when(env, d.at), people: formatList(env.locale, people.map((u) => `<@${u}>`)) }));
  },
  'rotation.skipped': (d: any, env) =>
    text(t(env.locale, 'rotation.skipped', { skipped: esc(d.skipped), taker: esc(d.taker), group: esc(d.groupName), duty: dutyNoun(env.locale, d.duty), date: when(env, d.at) })),
  'rotation.swapRequest': (d: any, env) => {
    const s = t(env.locale, 'rotation.swap.request', {
      proposer: esc(d.proposer), from: esc(d.from), to: esc(d.to), group: esc(d.groupName), duty: dutyNoun(env.locale, d.duty), date: when(env, d.at), theirDate: when(env, d.theirAt),
    });
    return {
      text: s,
      blocks: [section(s), actions(`rotation_swap_${d.changeId}`, [button(t(env.locale, 'rotation.swap.accept'), SWAP_ACCEPT, d.changeId, 'primary'), button(t(env.locale, 'rotation.swap.decline'), SWAP_DECLINE, d.changeId)])],
    };
  },
  'rotation.swapDecided': (d: any, env) => text(swapDecidedText(env, d)),
  'rotation.swapYours': (d: any, env) =>
    text(t(env.locale, 'rotation.swap.yours', { group: esc(d.groupName), party: esc(d.party), duty: dutyNoun(env.locale, d.duty), date: when(env, d.at), instead: when(env, d.instead) })),
  'rotation.scheduleChanged': (d: any, env) =>
    text(d.next
      ? t(env.locale, 'rotation.schedule.changed', { by: esc(d.by), group: esc(d.groupName), schedule: scheduleText(env, d.spec), next: when(env, d.next), party: esc(d.nextParty), duty: dutyVerb(env.locale, d.duty) })
      : t(env.locale, 'rotation.schedule.changedNoNext', { by: esc(d.by), group: esc(d.groupName), schedule: scheduleText(env, d.spec) })),
  'rotation.orderChanged': (d: any, env) =>
    text(t(env.locale, 'rotation.order.changed', { by: esc(d.by), group: esc(d.groupName), order: esc(formatList(env.locale, d.order ?? [])) })
      + (d.next ? t(env.locale, 'rotation.order.next', { date: when(env, d.next), party: esc(d.party), duty: dutyVerb(env.locale, d.duty) }) : '')),
  'rotation.extraMeeting': (d: any, env) =>
    text(t(env.locale, 'rotation.extra.added', { by: esc(d.by), group: esc(d.groupName), date: when(env, d.at), party: esc(d.party), duty: dutyVerb(env.locale, d.duty) })),
};

export function swapDecidedText(env: RenderEnv, d: any): string {
  const params = { group: esc(d.groupName), duty: dutyNoun(env.locale, d.duty), date: when(env, d.at), from: esc(d.from), to: esc(d.to), decidedBy: esc(d.decidedBy) };
  if (d.status === 'ACCEPTED') return t(env.locale, 'rotation.swap.accepted', { ...params, theirDate: when(env, d.theirAt) });
  if (d.status === 'DECLINED') return t(env.locale, 'rotation.swap.declined', params);
  return t(env.locale, 'rotation.swap.lapsed', params);
}
