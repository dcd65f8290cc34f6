import type { Emoji, Markup } from '../../conversation/markup.ts';
import { formatDate, formatDateTime } from '../../i18n/index.ts';
import { escapeMrkdwn as escapeText } from '../blocks/kit.ts';
import type { RenderEnv } from '../blocks/renderers.ts';

export type { RenderEnv };
export { escapeText };

/** How Slack spells each of the product's emoji. */
export const SLACK_EMOJI: Record<Emoji, string> = {
  urgent: 'rotating_light',
  done: 'white_check_mark',
  escalated: 'outbox_tray',
  sentBack: 'leftwards_arrow_with_hook',
  proposed: 'hourglass_flowing_sand',
  withdrawn: 'no_entry_sign',
  warning: 'warning',
  pending: 'white_circle',
  consent: 'large_green_circle',
  objection: 'red_circle',
  supersedes: 'leftwards_arrow_with_hook',
  supersededBy: 'arrow_right',
  followUp: 'calendar',
};

/** A day `yyyy-mm-dd` is read at noon, so every time zone keeps it on its own date. */
export const dateText = (iso: string, env: RenderEnv): string =>
  formatDate(env.locale, new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso), env.timezone);

/** The neutral markup in Slack's mrkdwn. */
export function mrkdwn(m: Markup, env: RenderEnv): string {
  return m
    .map((i) => {
      if (typeof i === 'string') return escapeText(i);
      if ('strong' in i) return `*${mrkdwn(i.strong, env)}*`;
      if ('em' in i) return `_${mrkdwn(i.em, env)}_`;
      if ('code' in i) return `\`${escapeText(i.code)}\``;
      if ('mention' in i) return `<@${i.mention}>`;
      if ('channel' in i) return `<#${i.channel}>`;
      if ('link' in i) return `<${escapeText(i.link).replace(/\|/g, '%7C')}|${mrkdwn(i.label, env)}>`;
      if ('emoji' in i) return `:${SLACK_EMOJI[i.emoji]}:`;
      return i.withTime ? formatDateTime(env.locale, new Date(i.date), env.timezone) : dateText(i.date, env);
    })
    .join('');
}
