import type { AnnualStatus } from '../../domain/followup/status.ts';
import { formatDate, t, type Locale } from '../../i18n/index.ts';
import { OPEN_REPORT_ACTION } from '../followup/ids.ts';
import { missingText, receiptLines } from './followup-report-form.ts';
import { actions, button, context, escapeMrkdwn, header, section, type RenderedMessage } from './kit.ts';
import type { Renderers } from './renderers.ts';

const dayOf = (locale: Locale, iso: string) => formatDate(locale, new Date(`${iso}T12:00:00Z`), 'UTC');

export const followupRenderers: Renderers = {
  'followup.receipt': (d: { party: string; year: number; version: number; changes: string[] }, env) => {
    const lines = receiptLines(env.locale, d);
    return { text: lines.join('\n'), blocks: [section(lines.join('\n'))] };
  },
  'followup.submitted': (d: { party: string; year: number; version: number }, env) => ({
    text: t(env.locale, d.version > 1 ? 'followup.submitted.corrected' : 'followup.submitted.new', { party: escapeMrkdwn(d.party), year: d.year, version: d.version }),
  }),
  'followup.draftDropped': (d: { year: number; fields: string[] }, env) => ({
    text: t(env.locale, 'followup.draftDropped', { year: d.year, count: d.fields.length }),
  }),
  'followup.reminder': (d: { stage: 'early' | 'deadline'; year: number; party: string; deadline: string; draft: boolean; late?: boolean }, env) => {
    const params = { year: d.year, party: escapeMrkdwn(d.party), deadline: dayOf(env.locale, d.deadline) };
    const main = t(env.locale, d.late ? 'followup.reminder.late' : `followup.reminder.${d.stage}`, params);
    const text = d.draft ? `${main} ${t(env.locale, 'followup.reminder.draft')}` : main;
    return { text, blocks: [section(text), actions('followup_reminder', [button(t(env.locale, 'followup.reminder.button'), OPEN_REPORT_ACTION, String(d.year), 'primary')])] };
  },
};

/** `/uppfoljning status`: a line per association, what it lacks, and the deadline. */
export function annualStatusMessage(locale: Locale, s: AnnualStatus, timezone: string): RenderedMessage {
  const title = t(locale, 'followup.status.title', { year: s.year });
  const lines = s.associations.map((a) => {
    const p = { party: escapeMrkdwn(a.name) };
    const missing = a.missing.map((m) => `    • ${missingText(locale, m)}`);
    if (a.submitted) {
      const done = t(locale, 'followup.status.submitted', { ...p, version: a.submitted.version, date: formatDate(locale, a.submitted.submittedAt, timezone) });
      return [a.draft ? `${done} ${t(locale, 'followup.status.correcting')}` : done, ...(a.draft ? missing : [])].join('\n');
    }
    if (a.draft) {
      const date = formatDate(locale, a.draft.updatedAt, timezone);
      if (!missing.length) return t(locale, s.overdue ? 'followup.status.draftReadyLate' : 'followup.status.draftReady', { ...p, date });
      return [t(locale, s.overdue ? 'followup.status.draftLate' : 'followup.status.draft', { ...p, date }), ...missing].join('\n');
    }
    return [t(locale, s.overdue ? 'followup.status.noneLate' : 'followup.status.none', p), ...missing].join('\n');
  });
  const body = lines.length ? lines.join('\n') : t(locale, 'followup.status.noAssociations');
  const deadline = t(locale, s.overdue ? 'followup.status.deadlinePassed' : 'followup.status.deadline', { deadline: dayOf(locale, s.deadline) });
  const notes = [deadline, ...(s.ownOnly ? [t(locale, 'followup.status.ownOnly')] : [])];
  return { text: `${title}\n${body}`, blocks: [header(title), section(body), context(...notes)] };
}
