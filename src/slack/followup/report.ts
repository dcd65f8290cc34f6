import crypto from 'node:crypto';
import { z } from 'zod';
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { DomainError, ValidationErrors } from '../../domain/errors.ts';
import { checkStep, savableOf, stepFields, type Step } from '../../domain/followup/fields.ts';
import { defaultYear, layoutOf, reportForm, saveDraft, submitAnnualReport } from '../../domain/followup/report.ts';
import { requireWriter, type Writer } from '../../domain/followup/writer.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { checkView, financeView, narrativeView, submittedView, type ReportFormState } from '../blocks/followup-report-form.ts';
import { NOT_ABOUT_A_PERSON } from '../core/ids.ts';
import { cannotBeSaved, parseMetadata } from '../edge/parse.ts';
import { goBack } from '../modal-back.ts';
import { modalErrors } from '../modal-errors.ts';
import { describeError, localeForUser, localeOf, type SlackDeps } from '../support.ts';
import { readState, ticked, type StateValues } from '../view-state.ts';
import type { FollowupSubcommand } from './command.ts';
import { CHECK_VIEW, CONFIRM_FIELD, FINANCE_VIEW, NARRATIVE_VIEW, OPEN_REPORT_ACTION, REPORT_BACK_ACTION } from './ids.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const FORM_STATE = z.object({ y: z.number().int(), b: z.number().int().nonnegative() });
const readMeta = (raw: string | undefined): ReportFormState => parseMetadata(FORM_STATE, raw);

/** `rapport [år]` (`report [year]`), and a typed year anywhere else: four digits, or refused in words. */
export function parseYear(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d{4}$/.test(text)) throw new DomainError('followup.error.badYear', { text, year: fallback + 1 });
  return Number(text);
}

const STEP_OF: Record<string, Step> = { [NARRATIVE_VIEW]: 'narrative', [FINANCE_VIEW]: 'finance' };

/** A step of the form for the writer's association, drawn from what is saved now. */
async function stepView(deps: SlackDeps, locale: Locale, writer: Writer, year: number, callbackId: string) {
  const v = { party: writer.party.name, form: await reportForm(deps.ctx, writer, year), timezone: deps.ctx.timezone };
  return callbackId === NARRATIVE_VIEW ? narrativeView(locale, v) : callbackId === FINANCE_VIEW ? financeView(locale, v) : checkView(locale, v);
}

async function openReport(deps: SlackDeps, client: WebClient, userId: string, triggerId: string, yearText: string | undefined) {
  const writer = await requireWriter(deps.ctx, userId);
  const year = parseYear(yearText, defaultYear(deps.ctx));
  await client.views.open({ trigger_id: triggerId, view: (await stepView(deps, localeOf(deps, writer.member), writer, year, NARRATIVE_VIEW)) as any });
}

/** `/uppfoljning rapport [år]`: the association's annual report, continued where its draft left off. */
export const reportSubcommand: FollowupSubcommand = {
  words: ['rapport', 'report'],
  help: (locale) => t(locale, 'followup.report.help'),
  run: (c) => openReport(c.deps, c.client, c.command.user_id, c.command.trigger_id, c.args[0]),
};

/** Keeps what a step holds when it is left without going on (closed, or Back): never a personnummer or what cannot be stored. */
async function keepStep(deps: SlackDeps, writer: Writer, view: any) {
  const step = STEP_OF[view?.callback_id];
  if (!step) return;
  const meta = readMeta(view.private_metadata);
  const state = (view.state?.values ?? {}) as StateValues;
  // Only the fields the view's state carries: a close without state (an older client) blanks nothing.
  const all = stepFields(step, await layoutOf(deps.ctx, writer.municipalities)).filter((f) => f in state);
  const raw = readState(state);
  const unsavable = all.filter((f) => cannotBeSaved(raw[f] ?? ''));
  const confirmed = ticked(view.state?.values, NOT_ABOUT_A_PERSON);
  const { kept, dropped } = savableOf(raw, all.filter((f) => !unsavable.includes(f)), confirmed);
  await saveDraft(deps.ctx, writer, { year: meta.y, baseVersion: meta.b, values: kept, dropped: [...dropped, ...unsavable], notAboutAPerson: confirmed, leaving: true });
}

/** A failure that is not a refusal: logged with a code the writer can quote. */
function apology(deps: SlackDeps, locale: Locale, err: unknown, block: string): Record<string, string> {
  const code = crypto.randomBytes(3).toString('hex');
  deps.logger.error(`[${code}] followup: saving the annual report failed: ${(err as Error)?.stack ?? String(err)}`);
  return { [block]: t(locale, 'followup.error.saveFailed', { code }) };
}

const blockIds = (view: { blocks: Array<{ block_id?: string }> }) => view.blocks.map((b) => b.block_id);

export function registerReportForm(app: App, deps: SlackDeps): void {
  // The reminder's button: opens the report of the year it is about.
  app.action(OPEN_REPORT_ACTION, async ({ ack, body, client, respond }) => {
    await ack();
    const b = body as any;
    try {
      await openReport(deps, client, b.user.id, b.trigger_id, b.actions?.[0]?.value);
    } catch (err) {
      const locale = await localeForUser(deps, b.user.id);
      await respond({ response_type: 'ephemeral', replace_original: false, text: describeError(deps, locale, err) });
    }
  });

  // Going on from a step saves it as the draft (blanks allowed) and shows the next one.
  for (const [callbackId, next] of [[NARRATIVE_VIEW, FINANCE_VIEW], [FINANCE_VIEW, CHECK_VIEW]] as const) {
    app.view(callbackId, async ({ ack, body, view }) => {
      const writer = await requireWriter(deps.ctx, body.user.id).catch((err: unknown) => err as Error);
      const locale = localeOf(deps, writer instanceof Error ? undefined : writer.member);
      const fields = view.blocks.filter((b: any) => b.type === 'input' && b.block_id !== NOT_ABOUT_A_PERSON).map((b: any) => b.block_id as string);
      const first = fields[0]!;
      if (writer instanceof Error) return void (await ack({ response_action: 'errors', errors: { [first]: describeError(deps, locale, writer) } }));
      try {
        const meta = readMeta(view.private_metadata);
        const values = checkStep(readState(view.state.values as StateValues), fields);
        await saveDraft(deps.ctx, writer, { year: meta.y, baseVersion: meta.b, values, notAboutAPerson: ticked(view.state.values as StateValues, NOT_ABOUT_A_PERSON) });
        await ack({ response_action: 'update', view: (await stepView(deps, locale, writer, meta.y, next)) as any });
      } catch (err) {
        const errors = err instanceof ValidationErrors || err instanceof DomainError ? modalErrors(deps, locale, err, first, 'followup', blockIds(view)) : apology(deps, locale, err, first);
        await ack({ response_action: 'errors', errors });
      }
    });
    // Closing the form keeps what was typed in the step on show.
    // Saved before the acknowledgement, so what was typed is kept by the time Slack hears back.
    app.view({ callback_id: callbackId, type: 'view_closed' }, async ({ ack, body, view }) => {
      try {
        await keepStep(deps, await requireWriter(deps.ctx, body.user.id), view);
      } catch (err) {
        deps.logger.warn(`followup: could not keep the draft of ${body.user.id} on closing: ${(err as Error)?.message ?? err}`);
      } finally {
        await ack();
      }
    });
  }

  app.action(REPORT_BACK_ACTION, async ({ ack, body, client }) => {
    await ack();
    const b = body as any;
    const locale = await localeForUser(deps, b.user.id);
    // What the step holds is kept first, so the step gone back to (and any later visit) shows it.
    await goBack(deps, client, { userId: b.user.id, viewId: b.view?.id, locale, feature: 'followup', failedKey: 'followup.error.backFailed' }, async () => {
      const writer = await requireWriter(deps.ctx, b.user.id);
      await keepStep(deps, writer, b.view);
      const back = b.view?.callback_id === CHECK_VIEW ? FINANCE_VIEW : NARRATIVE_VIEW;
      await client.views.update({ view_id: b.view.id, hash: b.view.hash, view: (await stepView(deps, locale, writer, readMeta(b.view?.private_metadata).y, back)) as any });
    });
  });

  // The last step: submitted once complete, each missing part named on the box.
  app.view(CHECK_VIEW, async ({ ack, body, view }) => {
    const writer = await requireWriter(deps.ctx, body.user.id).catch((err: unknown) => err as Error);
    const locale = localeOf(deps, writer instanceof Error ? undefined : writer.member);
    if (writer instanceof Error) return void (await ack({ response_action: 'errors', errors: { [CONFIRM_FIELD]: describeError(deps, locale, writer) } }));
    try {
      const meta = readMeta(view.private_metadata);
      if (!ticked(view.state.values as StateValues, CONFIRM_FIELD)) {
        const { missing } = await reportForm(deps.ctx, writer, meta.y);
        throw new ValidationErrors([{ field: CONFIRM_FIELD, key: missing.length ? 'followup.error.incomplete' : 'followup.error.confirm' }, ...missing]);
      }
      const r = await submitAnnualReport(deps.ctx, writer, meta.y, meta.b).catch((err: unknown) => {
        // Nothing to submit yet: the box says so first, then each part.
        if (err instanceof ValidationErrors && err.errors.some((e) => e.key.startsWith('followup.missing.'))) throw new ValidationErrors([{ field: CONFIRM_FIELD, key: 'followup.error.incomplete' }, ...err.errors]);
        throw err;
      });
      await ack({ response_action: 'update', view: submittedView(locale, writer.party.name, meta.y, r) as any });
    } catch (err) {
      const errors = err instanceof ValidationErrors || err instanceof DomainError ? modalErrors(deps, locale, err, CONFIRM_FIELD, 'followup', blockIds(view)) : apology(deps, locale, err, CONFIRM_FIELD);
      await ack({ response_action: 'errors', errors });
    }
  });
}
