import type { WebClient } from '@slack/web-api';
import { compileFollowup, type CompiledFollowup } from '../../domain/followup/compile.ts';
import { followupDocument } from '../../domain/followup/document.ts';
import { annualReportSettings, deadlineOf } from '../../domain/followup/settings.ts';
import { reportOverdue } from '../../domain/followup/status.ts';
import type { DomainContext } from '../../domain/context.ts';
import { localParts } from '../../domain/statistics/quarter.ts';
import { requireActor } from '../../domain/partnership/directory.ts';
import { renderDocx } from '../../documents/docx.ts';
import { renderPdf } from '../../documents/pdf.ts';
import { formatList, t, type Locale } from '../../i18n/index.ts';
import { describeError, localeOf, type SlackDeps } from '../support.ts';
import { describeUploadError } from '../upload-errors.ts';
import { uploadOnce } from '../upload-once.ts';
import type { FollowupSubcommand } from './command.ts';
import { parseYear } from './report.ts';

/** Days after the annual report's deadline during which the compiled follow-up is still of the year before. */
export const COMPILE_MARGIN_DAYS = 30;

/**
 * The year `/uppfoljning sammanställ` compiles unless one is named: the year just ended until
 * COMPILE_MARGIN_DAYS after that year's annual report deadline (15 February by default, so until
 * 17 March), the current year after that.
 */
export async function defaultCompileYear(ctx: DomainContext): Promise<number> {
  const now = ctx.clock.now();
  const year = localParts(now, ctx.timezone).year;
  const deadline = new Date(`${deadlineOf(year - 1, await annualReportSettings(ctx))}T00:00:00Z`);
  deadline.setUTCDate(deadline.getUTCDate() + COMPILE_MARGIN_DAYS);
  return reportOverdue(deadline.toISOString().slice(0, 10), now, ctx.timezone) ? year : year - 1;
}

/** The short summary the requester reads: people supported, reports submitted, what is missing. */
export function compileSummary(l: Locale, c: CompiledFollowup): string {
  const value = (x: { value: number; suppressed?: string; missing?: true } | undefined) => (!x || x.missing ? '–' : x.suppressed ? (x.suppressed === 'primary' ? `<${c.threshold}` : '..') : String(x.value));
  const people = c.total.cells.total!;
  const lines = [
    t(l, 'followup.compile.summary', {
      year: c.year,
      partnership: c.partnership,
      people: people.missing || people.suppressed ? t(l, 'followup.compile.peopleHidden', { mark: value(people) }) : t(l, 'followup.compile.people', { n: people.value }),
      previousYear: c.previousYear,
      previousPeople: value(c.total.previous?.cells.total),
      submitted: c.submitted,
      expected: c.expected,
    }),
  ];
  const quarters = c.missing.statistics.reduce((s, m) => s + m.quarters.length, 0);
  const missing = [
    ...(c.missing.reports.length ? [t(l, 'followup.compile.missingReports', { names: formatList(l, c.missing.reports) })] : []),
    ...(quarters ? [t(l, 'followup.compile.missingQuarters', { n: quarters })] : []),
  ];
  lines.push(missing.length ? t(l, 'followup.compile.summaryMissing', { missing: missing.join('; ') }) : t(l, 'followup.compile.summaryComplete'));
  return lines.join('\n');
}

/**
 * `/uppfoljning sammanställ [år]` (`compile`): the compiled follow-up for the municipality's
 * members and the steering group. The summary is the requester's; the PDF and the Word file go
 * to them alone, in a direct message, once per invocation however often Slack delivers it.
 */
export const compileSubcommand: FollowupSubcommand = {
  words: ['sammanställ', 'sammanstall', 'compile'],
  help: (locale) => t(locale, 'followup.compile.help'),
  async run({ deps, client, command, args, reply }) {
    const who = await requireActor(deps.ctx, command.user_id);
    const locale = localeOf(deps, who.member);
    const year = parseYear(args[0], await defaultCompileYear(deps.ctx));
    const compiled = await compileFollowup(deps.ctx, who, year);
    const note = await sendFiles(deps, client, locale, command.user_id, command.trigger_id, compiled);
    await reply({ text: `${compileSummary(locale, compiled)}\n${note}` });
  },
};

async function sendFiles(deps: SlackDeps, client: WebClient, l: Locale, userId: string, triggerId: string, c: CompiledFollowup): Promise<string> {
  let pdf: Buffer;
  let docx: Buffer;
  try {
    const doc = followupDocument(l, c, deps.ctx.timezone);
    [pdf, docx] = await Promise.all([renderPdf(doc), renderDocx(doc)]);
  } catch (err) {
    return t(l, 'followup.compile.filesFailed', { reason: describeError(deps, l, err) });
  }
  try {
    // To the requester alone: the document holds every association's report.
    const channel = (await client.conversations.open({ users: userId })).channel?.id ?? userId;
    const base = `${t(l, 'followup.compile.filename')}-${c.year}`;
    const done = await uploadOnce(deps, client, triggerId, 'followup-compile', {
      channel_id: channel,
      initial_comment: t(l, 'followup.compile.filesComment', { year: c.year }),
      file_uploads: [
        { file: pdf, filename: `${base}.pdf`, title: `${base}.pdf` },
        { file: docx, filename: `${base}.docx`, title: `${base}.docx` },
      ],
    });
    return t(l, done === 'already' ? 'followup.compile.filesAlready' : 'followup.compile.files');
  } catch (err) {
    return t(l, 'followup.compile.filesFailed', { reason: describeUploadError(deps, l, err) });
  }
}
