import { z } from 'zod';
import type { App } from '@slack/bolt';
import { DomainError } from '../../domain/errors.ts';
import { correctOutreach, outreachChoices, outreachReference, ownOutreachEntry, parseOutreachReference, recordOutreach, removeOutreach, requireOutreachRecorder, type OutreachInput } from '../../domain/followup/outreach.ts';
import { currentYear, outreachScope, outreachYear } from '../../domain/followup/outreach-year.ts';
import { requireActor } from '../../domain/partnership/directory.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { entryParams, outreachDoneView, outreachEntriesCsv, outreachFormView, outreachListMessage, outreachSummaryCsv } from '../blocks/outreach.ts';
import { parseMetadata } from '../edge/parse.ts';
import { value, type State } from '../escalations/inputs.ts';
import { modalErrors } from '../modal-errors.ts';
import { channelLocale, localeOf, type SlackDeps } from '../support.ts';
import { describeUploadError } from '../upload-errors.ts';
import { uploadOnce } from '../upload-once.ts';
import type { FollowupCall, FollowupSubcommand } from './command.ts';
import { OUTREACH_VIEW } from './ids.ts';
import { notAboutAPerson } from '../edge/personal.ts';

const META = z.object({ n: z.number().int().positive().optional() });

/** `/uppfoljning utåtriktat [lista|export [år] | ändra|ta-bort UT-n]`: the associations' outreach log. */
export const outreachSubcommand: FollowupSubcommand = {
  words: ['utåtriktat', 'utatriktat', 'outreach'],
  help: (locale) => t(locale, 'followup.outreach.help'),
  async run(call) {
    const [sub = '', ...rest] = call.args;
    switch (sub.toLowerCase()) {
      case '':
        return openForm(call);
      case 'lista':
      case 'list':
        return list(call, rest[0]);
      case 'export':
        return exportYear(call, rest[0]);
      case 'ändra':
      case 'andra':
      case 'rätta':
      case 'ratta':
      case 'correct':
        return openForm(call, reference(sub, rest[0]));
      case 'ta-bort':
      case 'tabort':
      case 'remove':
        return remove(call, reference(sub, rest[0]));
      case 'hjälp':
      case 'hjalp':
      case 'help':
        return void (await call.reply({ text: t(call.locale, 'followup.outreach.help') }));
      default:
        return void (await call.reply({ text: `${t(call.locale, 'followup.outreach.unknown', { sub })}\n${t(call.locale, 'followup.outreach.help')}` }));
    }
  },
};

function reference(verb: string, text: string | undefined): number {
  const n = parseOutreachReference(text);
  if (n === undefined) throw new DomainError('followup.outreach.error.needReference', { verb: verb.toLowerCase() });
  return n;
}

function parseYear(deps: SlackDeps, text: string | undefined): number {
  if (text === undefined) return currentYear(deps.ctx);
  if (!/^\d{4}$/.test(text)) throw new DomainError('followup.outreach.error.badYear', { text });
  return Number(text);
}

/** The form, new or (given a number) filled in from one of the association's entries. */
async function openForm({ deps, client, command }: FollowupCall, number?: number) {
  const recorder = await requireOutreachRecorder(deps.ctx, command.user_id);
  const locale = localeOf(deps, recorder.member);
  const [choices, entry] = await Promise.all([outreachChoices(deps.ctx, recorder), number ? ownOutreachEntry(deps.ctx, recorder, number) : undefined]);
  await client.views.open({ trigger_id: command.trigger_id, view: outreachFormView(locale, { party: recorder.party.name, choices, entry, privateMetadata: JSON.stringify(number ? { n: number } : {}) }) as never });
}

/** The year's outreach the member may read, and the words for its scope. */
async function readable(deps: SlackDeps, userId: string, yearText: string | undefined) {
  const { member } = await requireActor(deps.ctx, userId);
  const year = parseYear(deps, yearText);
  const scope = await outreachScope(deps.ctx, member);
  return { member, scope, data: await outreachYear(deps.ctx, year, scope), scopeName: (l: Locale) => (scope.all ? t(l, 'followup.outreach.list.scopeAll') : member.partyName) };
}

async function list({ deps, command, reply }: FollowupCall, yearText: string | undefined) {
  const r = await readable(deps, command.user_id, yearText);
  const locale = localeOf(deps, r.member);
  await reply(outreachListMessage(locale, r.data, r.scopeName(locale), r.scope.all));
}

/** The year's entries and totals as two CSV files in the channel, uploaded once per invocation. */
async function exportYear({ deps, client, command, reply }: FollowupCall, yearText: string | undefined) {
  const r = await readable(deps, command.user_id, yearText);
  const locale = localeOf(deps, r.member);
  const y = r.data;
  if (y.entries.length === 0) return void (await reply({ text: t(locale, 'followup.outreach.list.empty', { year: y.year, scope: r.scopeName(locale) }) }));
  // The files and their comment are for the whole channel: in the channel's language.
  const l = channelLocale(deps, command.channel_id, locale);
  const base = `${t(l, 'followup.outreach.csv.filename')}-${y.year}`;
  try {
    const done = await uploadOnce(deps, client, command.trigger_id, 'followup-outreach', {
      channel_id: command.channel_id,
      initial_comment: t(l, 'followup.outreach.files.comment', { year: y.year, scope: r.scopeName(l), activities: y.total.activities, participants: y.total.participants }),
      file_uploads: [
        { file: outreachEntriesCsv(l, y), filename: `${base}.csv`, title: `${base}.csv` },
        { file: outreachSummaryCsv(l, y, r.scope.all ? t(l, 'followup.outreach.csv.allAssociations') : r.member.partyName), filename: `${base}-${t(l, 'followup.outreach.csv.summaryFilename')}.csv`, title: `${base}-${t(l, 'followup.outreach.csv.summaryFilename')}.csv` },
      ],
    });
    await reply({ text: t(locale, done === 'already' ? 'followup.outreach.files.already' : 'followup.outreach.files.uploaded', { year: y.year }) });
  } catch (err) {
    await reply({ text: t(locale, 'followup.outreach.files.failed', { reason: describeUploadError(deps, locale, err) }) });
  }
}

async function remove({ deps, command, reply }: FollowupCall, number: number) {
  const recorder = await requireOutreachRecorder(deps.ctx, command.user_id);
  const locale = localeOf(deps, recorder.member);
  const e = await removeOutreach(deps.ctx, recorder, number);
  await reply({ text: t(locale, 'followup.outreach.removed', entryParams(locale, e)) });
}

/** The form's submission: a new entry, or the correction of the one its metadata names. */
export function registerOutreachForm(app: App, deps: SlackDeps): void {
  app.view(OUTREACH_VIEW, async ({ ack, body, view }) => {
    let locale: Locale = deps.ctx.locale;
    try {
      const recorder = await requireOutreachRecorder(deps.ctx, body.user.id);
      locale = localeOf(deps, recorder.member);
      const meta = parseMetadata(META, view.private_metadata);
      const s = view.state.values as State;
      const input: OutreachInput = {
        date: value(s, 'date'),
        kind: value(s, 'kind'),
        municipalityId: value(s, 'municipality'),
        audience: value(s, 'audience'),
        participants: value(s, 'participants'),
        description: value(s, 'description'),
        notAboutAPerson: notAboutAPerson(s),
        // The view id is the same on every delivery of this submission, and on a double click.
        requestKey: `view:${view.id}`,
      };
      if (meta.n) {
        const e = await correctOutreach(deps.ctx, recorder, meta.n, input);
        return void (await ack({ response_action: 'update', view: outreachDoneView(locale, t(locale, 'followup.outreach.done.corrected', entryParams(locale, e))) as never }));
      }
      const r = await recordOutreach(deps.ctx, recorder, input);
      const text = r.duplicate ? t(locale, 'followup.outreach.done.duplicate', { reference: outreachReference(r.entry.number) }) : t(locale, 'followup.outreach.done.recorded', entryParams(locale, r.entry));
      await ack({ response_action: 'update', view: outreachDoneView(locale, text) as never });
    } catch (err) {
      await ack({ response_action: 'errors', errors: modalErrors(deps, locale, err, 'description', 'followup.outreach') });
    }
  });
}
