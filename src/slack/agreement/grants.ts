import type { WebClient } from '@slack/web-api';
import { grantSplits, markPaid, setPkv } from '../../domain/agreement/grants.ts';
import { DomainError } from '../../domain/errors.ts';
import { requireActor } from '../../domain/partnership/directory.ts';
import { localParts } from '../../domain/statistics/quarter.ts';
import { formatList, t, type Locale } from '../../i18n/index.ts';
import { grantsCsv, grantsMessage, kronor, percent } from '../blocks/grants-messages.ts';
import { channelLocale, localeOf, type Reply, type SlackDeps } from '../support.ts';
import { describeUploadError } from '../upload-errors.ts';
import { uploadOnce } from '../upload-once.ts';

export const GRANTS_WORDS = new Set(['bidrag', 'grants']);
const PKV_WORDS = new Set(['pkv']);
const PAID_WORDS = new Set(['betalt', 'paid']);

function parseYear(text: string | undefined): number {
  if (!text || !/^\d{4}$/.test(text) || Number(text) < 2000 || Number(text) > 2100) throw new DomainError('grants.error.badYear', { text: text ?? '' });
  return Number(text);
}

/**
 * `/samverkan bidrag [år]`: the split for the reader, and its CSV in the channel.
 * `/samverkan bidrag pkv <år> <procent>` and `/samverkan bidrag betalt <år> <bidrag eller kommun>`: admins.
 */
export async function grantsCommand(
  deps: SlackDeps,
  client: WebClient,
  command: { user_id: string; channel_id: string; trigger_id: string },
  args: string[],
  reply: Reply,
): Promise<void> {
  const { member, actor } = await requireActor(deps.ctx, command.user_id);
  const locale = localeOf(deps, member);
  const [sub = '', ...rest] = args;
  const verb = sub.toLowerCase();
  if (PKV_WORDS.has(verb)) {
    if (rest.length !== 2) throw new DomainError('grants.error.pkvUsage');
    const r = await setPkv(deps.ctx, member, actor, parseYear(rest[0]), rest[1]!);
    const p = { year: r.year, percent: percent(locale, r.hundredths), next: r.year + 1 };
    return void (await reply({ text: r.previous === null ? t(locale, 'grants.pkv.set', p) : t(locale, 'grants.pkv.changed', { ...p, previous: percent(locale, r.previous) }) }));
  }
  if (PAID_WORDS.has(verb)) {
    if (rest.length < 2) throw new DomainError('grants.error.paidUsage');
    const r = await markPaid(deps.ctx, member, actor, parseYear(rest[0]), rest.slice(1).join(' '));
    const item = (x: { grant: string; payer: string; amount?: number | null }) =>
      `${x.payer} (${x.grant}${x.amount !== undefined && x.amount !== null ? `, ${kronor(locale, x.amount)} kr` : ''})`;
    const lines: string[] = [];
    if (r.marked.length) lines.push(t(locale, 'grants.paid.marked', { year: r.year, list: formatList(locale, r.marked.map(item)) }));
    if (r.already.length) lines.push(t(locale, 'grants.paid.already', { year: r.year, list: formatList(locale, r.already.map(item)) }));
    return void (await reply({ text: lines.join('\n') }));
  }
  if (sub && !/^\d{4}$/.test(sub)) return void (await reply({ text: t(locale, 'grants.unknown', { sub }) }));
  const year = sub ? parseYear(sub) : localParts(deps.ctx.clock.now(), deps.ctx.timezone).year;
  const splits = await grantSplits(deps.ctx, year);
  const note = await shareCsv(deps, client, locale, command.channel_id, command.trigger_id, year, splits);
  await reply(grantsMessage(locale, splits, [note]));
}

/** Uploads the split as CSV in the channel once per invocation; the words for the reply. */
async function shareCsv(deps: SlackDeps, client: WebClient, locale: Locale, channelId: string, triggerId: string, year: number, splits: Awaited<ReturnType<typeof grantSplits>>): Promise<string> {
  // The file is for the whole channel: in the channel's language; the reply is the member's.
  const l = channelLocale(deps, channelId, locale);
  const csv = grantsCsv(l, splits);
  const name = `bidrag-${year}.csv`;
  try {
    const done = await uploadOnce(deps, client, triggerId, 'grants-split', { channel_id: channelId, initial_comment: t(l, 'grants.files.comment', { year }), file_uploads: [{ file: csv, filename: name, title: name }] });
    return t(locale, done === 'already' ? 'grants.files.already' : 'grants.files.uploaded');
  } catch (err) {
    return t(locale, 'grants.files.failed', { reason: describeUploadError(deps, locale, err) });
  }
}


