import { z } from 'zod';
import { parseMetadata } from '../edge/parse.ts';
import crypto from 'node:crypto';
import type { App } from '@slack/bolt';
import { DomainError, ValidationErrors } from '../../domain/errors.ts';
import { COMMENT_FIELD, COUNT_FIELDS, crimeField, parseFigures } from '../../domain/statistics/figures.ts';
import { compareQuarters, parseQuarter, quarterJustEnded, quarterKey, quarterOf, type Quarter } from '../../domain/statistics/quarter.ts';
import { requireReporter, type Reporter } from '../../domain/statistics/reporter.ts';
import { currentReport, figuresOf } from '../../domain/statistics/reports.ts';
import { statisticsSettings } from '../../domain/statistics/settings.ts';
import { checkPeriod, submitReport } from '../../domain/statistics/submit.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { chooseView, formView, savedView, type FormState } from '../blocks/statistics-form.ts';
import { modalErrors } from '../modal-errors.ts';
import { notAboutAPerson } from '../edge/personal.ts';
import { readState, type StateValues } from '../view-state.ts';
import { goBack } from '../modal-back.ts';
import { describeError, localeForUser, localeOf, type SlackDeps } from '../support.ts';
import { BACK_ACTION, CHOOSE_VIEW, FORM_VIEW, MUNICIPALITY_FIELD, OPEN_FORM_ACTION, PERIOD_FIELD } from './ids.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
// The bot's own metadata on its forms; anything else is an altered form and reads as empty.
const FORM_STATE = z.object({
  p: z.string().optional(),
  m: z.string().optional(),
  b: z.number().int().nonnegative().optional(),
  c: z.array(z.string()).optional(),
  d: z.record(z.string(), z.string()).optional(),
});

const readMeta = (raw: string | undefined): FormState => {
  try {
    return parseMetadata(FORM_STATE, raw);
  } catch {
    return {};
  }
};

/** The quarters offered: those of this year that have begun, and last year's (a quarter that has not started could only be refused). */
function periodChoices(now: Date, timeZone: string): Quarter[] {
  const cur = quarterOf(now, timeZone);
  return Array.from({ length: 8 }, (_, i) => ({ year: cur.year - Math.floor(i / 4), quarter: (4 - (i % 4)) as Quarter['quarter'] })).filter((q) => compareQuarters(q, cur) <= 0);
}

/** Step one of the form, for the member's organisation; `period` defaults to the quarter just ended. */
export function chooseFor(deps: SlackDeps, locale: Locale, reporter: Reporter, period?: Quarter, municipalityId?: string, draft?: Record<string, string>) {
  const now = deps.ctx.clock.now();
  const p = period ?? quarterJustEnded(now, deps.ctx.timezone);
  const state: FormState = { p: quarterKey(p), ...(municipalityId ? { m: municipalityId } : {}), ...(draft ? { d: draft } : {}) };
  return chooseView(locale, { party: reporter.party.name, municipalities: reporter.municipalities, periods: periodChoices(now, deps.ctx.timezone), period: p, municipalityId, state });
}

/** The block ids of a view, for `modalErrors` to put errors for fields of another step on a field of this one. */
const blockIds = (view: { blocks: Array<{ block_id?: string }> }) => view.blocks.map((b) => b.block_id);

export function registerForm(app: App, deps: SlackDeps): void {
  // The reminder's button: opens the form at the quarter the reminder is about.
  app.action(OPEN_FORM_ACTION, async ({ ack, body, client, respond }) => {
    await ack();
    const b = body as any;
    const locale = await localeForUser(deps, b.user.id);
    try {
      const reporter = await requireReporter(deps.ctx, b.user.id);
      await client.views.open({ trigger_id: b.trigger_id, view: chooseFor(deps, locale, reporter, parseQuarter(b.actions?.[0]?.value ?? '')) as any });
    } catch (err) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: describeError(deps, locale, err) });
    }
  });

  app.view(CHOOSE_VIEW, async ({ ack, body, view }) => {
    const reporter = await requireReporter(deps.ctx, body.user.id).catch((err: unknown) => err as Error);
    const locale = localeOf(deps, reporter instanceof Error ? undefined : reporter.member);
    if (reporter instanceof Error) return void (await ack({ response_action: 'errors', errors: { [PERIOD_FIELD]: describeError(deps, locale, reporter) } }));
    const picked = readState(view.state.values as StateValues);
    const meta = readMeta(view.private_metadata);
    const period = parseQuarter(picked[PERIOD_FIELD] ?? '');
    const municipalityId = picked[MUNICIPALITY_FIELD] ?? '';
    try {
      if (!period) throw new ValidationErrors([{ field: PERIOD_FIELD, key: 'statistics.error.badPeriod', params: { text: picked[PERIOD_FIELD] ?? '' } }]);
      checkPeriod(deps.ctx, reporter, period, municipalityId);
      const [settings, current] = await Promise.all([statisticsSettings(deps.ctx), currentReport(deps.ctx, reporter.party.id, municipalityId, period)]);
      // A draft from "Back" is kept when the same report is chosen again; otherwise the saved version is the start.
      const sameReport = meta.p === quarterKey(period) && meta.m === municipalityId;
      const values = sameReport && meta.d ? meta.d : current ? valuesOf(current, settings.crimeTypes) : {};
      const state: FormState = { p: quarterKey(period), m: municipalityId, b: current?.version ?? 0, c: settings.crimeTypes };
      const municipality = reporter.municipalities.find((m) => m.id === municipalityId)!.name;
      const next = formView(locale, { party: reporter.party.name, municipality, period, crimeTypes: settings.crimeTypes, values, current: current?.version, state });
      await ack({ response_action: 'update', view: next as any });
    } catch (err) {
      await ack({ response_action: 'errors', errors: modalErrors(deps, locale, err, PERIOD_FIELD, 'statistics', blockIds(view)) });
    }
  });

  app.action(BACK_ACTION, async ({ ack, body, client }) => {
    await ack();
    const b = body as any;
    const meta = readMeta(b.view?.private_metadata);
    const locale = await localeForUser(deps, b.user.id);
    await goBack(deps, client, { userId: b.user.id, viewId: b.view?.id, locale, feature: 'statistics', failedKey: 'statistics.error.backFailed' }, async () => {
      const reporter = await requireReporter(deps.ctx, b.user.id);
      const draft = readState(b.view?.state?.values);
      const view = chooseFor(deps, locale, reporter, parseQuarter(meta.p ?? ''), meta.m, draft);
      await client.views.update({ view_id: b.view.id, hash: b.view.hash, view: view as any });
    });
  });

  app.view(FORM_VIEW, async ({ ack, body, view }) => {
    const reporter = await requireReporter(deps.ctx, body.user.id).catch((err: unknown) => err as Error);
    const locale = localeOf(deps, reporter instanceof Error ? undefined : reporter.member);
    if (reporter instanceof Error) return void (await ack({ response_action: 'errors', errors: { total: describeError(deps, locale, reporter) } }));
    const meta = readMeta(view.private_metadata);
    const period = parseQuarter(meta.p ?? '');
    try {
      if (!period || !meta.m || !meta.c) throw new DomainError('core.error.malformed');
      const confirmed = notAboutAPerson(view.state.values as StateValues);
      const figures = parseFigures(readState(view.state.values as StateValues), meta.c, { notAboutAPerson: confirmed });
      const r = await submitReport(deps.ctx, reporter, { period, municipalityId: meta.m, baseVersion: meta.b ?? 0, figures, notAboutAPerson: confirmed });
      await ack({ response_action: 'update', view: savedView(locale, { ...r, year: period.year, quarter: period.quarter, total: figures.counts.total }) as any });
    } catch (err) {
      // Whatever went wrong, the form stays open with everything typed and the reason on a field.
      let errors: Record<string, string>;
      if (err instanceof ValidationErrors || err instanceof DomainError) errors = modalErrors(deps, locale, err, 'total', 'statistics', blockIds(view));
      else {
        const code = crypto.randomBytes(3).toString('hex');
        deps.logger.error(`[${code}] statistics: saving failed: ${(err as Error)?.stack ?? String(err)}`);
        errors = { total: t(locale, 'statistics.error.saveFailed', { code }) };
      }
      await ack({ response_action: 'errors', errors });
    }
  });
}

/** The figures of a saved version as the form's text values. */
function valuesOf(row: Parameters<typeof figuresOf>[0], crimeTypes: string[]): Record<string, string> {
  const f = figuresOf(row);
  const out: Record<string, string> = Object.fromEntries(COUNT_FIELDS.map((k) => [k, String(f.counts[k])]));
  crimeTypes.forEach((name, i) => {
    if (f.crimeTypes[name] !== undefined) out[crimeField(i)] = String(f.crimeTypes[name]);
  });
  if (f.comment) out[COMMENT_FIELD] = f.comment;
  return out;
}
