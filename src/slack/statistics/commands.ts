import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { requireActor } from '../../domain/partnership/directory.ts';
import { DomainError } from '../../domain/errors.ts';
import { compileReports, type CompiledReport, type ReportQuery } from '../../domain/statistics/compile.ts';
import { reportCsv } from '../../domain/statistics/export/csv.ts';
import { reportPng } from '../../domain/statistics/export/chart.ts';
import { parseQuarter, quarterJustEnded } from '../../domain/statistics/quarter.ts';
import { requireReporter } from '../../domain/statistics/reporter.ts';
import { reportingStatus } from '../../domain/statistics/status.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { columnLabels, periodLabel, reportMessage, statusMessage } from '../blocks/statistics-messages.ts';
import { channelLocale, describeError, localeForUser, localeOf, words, type SlackDeps, ephemeralReply, type Reply } from '../support.ts';
import { describeUploadError } from '../upload-errors.ts';
import { uploadOnce } from '../upload-once.ts';
import { chooseFor } from './form.ts';
import { COMMAND } from './ids.ts';

export function registerCommands(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ command, ack, respond, client }) => {
    await ack();
    const locale = await localeForUser(deps, command.user_id);
    const reply = ephemeralReply(respond);
    try {
      const [sub = '', ...rest] = words(command.text.trim());
      switch (sub.toLowerCase()) {
        case 'hjälp':
        case 'hjalp':
        case 'help':
          return void (await reply({ text: t(locale, 'statistics.help') }));
        case 'status':
          return void (await status(deps, locale, command.user_id, rest, reply));
        case 'rapport':
        case 'report':
          return void (await report(deps, client, locale, command.user_id, command.channel_id, command.trigger_id, rest, reply));
        default: {
          const period = sub ? parseQuarter(sub) : undefined;
          if (sub && !period) return void (await reply({ text: t(locale, 'statistics.unknown', { sub }) }));
          const reporter = await requireReporter(deps.ctx, command.user_id);
          await client.views.open({ trigger_id: command.trigger_id, view: chooseFor(deps, localeOf(deps, reporter.member), reporter, period) as never });
        }
      }
    } catch (err) {
      await reply({ text: describeError(deps, locale, err) });
    }
  });
}

async function status(deps: SlackDeps, locale: Locale, userId: string, args: string[], reply: Reply) {
  await requireActor(deps.ctx, userId);
  const q = args[0] ? parseQuarter(args[0]) : quarterJustEnded(deps.ctx.clock.now(), deps.ctx.timezone);
  if (!q) throw new DomainError('statistics.error.badPeriod', { text: args[0]! });
  await reply(statusMessage(locale, await reportingStatus(deps.ctx, q)));
}

/** `rapport [år | år-kvartal] [kommun]`: the table for the reader, and suppressed CSV and chart in the channel. */
export function parseReportArgs(args: string[], fallbackYear: number): ReportQuery {
  const query: ReportQuery = { year: fallbackYear };
  const rest: string[] = [];
  for (const a of args) {
    const q = parseQuarter(a);
    if (/^\d{4}$/.test(a)) query.year = Number(a);
    else if (q) Object.assign(query, { year: q.year, quarter: q.quarter });
    else if (/^\d/.test(a)) throw new DomainError('statistics.error.badPeriod', { text: a });
    else rest.push(a);
  }
  if (rest.length) query.municipality = rest.join(' ');
  return query;
}

async function report(deps: SlackDeps, client: WebClient, locale: Locale, userId: string, channelId: string, triggerId: string, args: string[], reply: Reply) {
  const { member } = await requireActor(deps.ctx, userId);
  const query = parseReportArgs(args, quarterJustEnded(deps.ctx.clock.now(), deps.ctx.timezone).year);
  // One compilation serves both: the member's own view and the channel's files.
  const [own, shared] = (await compileReports(deps.ctx, query, [{ partyId: member.partyId }, { forChannel: true }])) as [CompiledReport, CompiledReport];
  // Nothing reported for the period: a plain sentence, no table of zeros and no files.
  if (shared.reports === 0) return void (await reply({ text: t(locale, 'statistics.report.noData', { period: periodLabel(locale, shared) }) }));
  const name = `statistik-${shared.year}${shared.quarter ? `-k${shared.quarter}` : ''}${query.municipality ? `-${shared.rows[0]!.key}` : ''}`;
  const note = await shareFiles(deps, client, locale, channelId, triggerId, name, shared);
  await reply(reportMessage(locale, own, [note]));
}

/**
 * Uploads the channel's CSV and chart; the words for the reply. A failure to build the files is
 * ours (an apology with an error code), a refused upload is Slack's (what the member can do).
 */
async function shareFiles(deps: SlackDeps, client: WebClient, locale: Locale, channelId: string, triggerId: string, name: string, shared: CompiledReport): Promise<string> {
  // The files and their comment are for the whole channel: in the channel's language; the reply is the member's.
  const l = channelLocale(deps, channelId, locale);
  const period = periodLabel(l, shared);
  let csv: Buffer;
  let png: Buffer;
  try {
    const missing = t(l, 'statistics.report.notReported');
    csv = reportCsv(shared, { municipality: t(l, 'statistics.report.municipality'), total: t(l, 'statistics.report.totalRow'), columns: columnLabels(l, shared), missing });
    png = reportPng(shared, {
      title: t(l, 'statistics.report.chartTitle', { period }),
      footnote: t(l, 'statistics.report.chartNote', { threshold: shared.threshold, max: shared.threshold - 1 }),
      missing,
      incomplete: t(l, 'statistics.report.chartIncomplete'),
    });
  } catch (err) {
    return t(locale, 'statistics.report.filesNotBuilt', { reason: describeError(deps, locale, err) });
  }
  try {
    // A retried or repeated delivery of this command finds its files already there.
    const done = await uploadOnce(deps, client, triggerId, 'statistics-report', {
      channel_id: channelId,
      initial_comment: t(l, 'statistics.report.filesComment', { period }),
      file_uploads: [
        { file: csv, filename: `${name}.csv`, title: `${name}.csv` },
        { file: png, filename: `${name}.png`, title: `${name}.png` },
      ],
    });
    return t(locale, done === 'already' ? 'statistics.report.filesAlready' : 'statistics.report.files');
  } catch (err) {
    return t(locale, 'statistics.report.filesFailed', { reason: describeUploadError(deps, locale, err) });
  }
}
