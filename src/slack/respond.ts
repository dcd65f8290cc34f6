import { z } from 'zod';
import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Form, Receipt } from '../conversation/form.ts';
import { markup, type Markup } from '../conversation/markup.ts';
import { NOT_ABOUT_A_PERSON } from '../conversation/privacy.ts';
import { requireActor } from '../domain/partnership/directory.ts';
import type { Actor } from '../domain/actor.ts';
import type { MemberView } from '../domain/partnership/directory.ts';
import type { Locale, MessageKey } from '../i18n/index.ts';
import { describeError, localeForUser, localeOf, type SlackDeps } from './support.ts';
import { modalErrors } from './modal-errors.ts';
import { mrkdwn, readAction, readState, renderForm, renderReceipt, type Fields, type RenderEnv } from './render/index.ts';

export interface Who {
  member: MemberView;
  actor: Actor;
  locale: Locale;
}

const envOf = (deps: SlackDeps, locale: Locale): RenderEnv => ({ locale, timezone: deps.ctx.timezone });

/** A catalogue message in Slack's words, for the person it answers. */
export const said = (deps: SlackDeps, locale: Locale, key: MessageKey, params?: Parameters<typeof markup>[2]): string => mrkdwn(markup(locale, key, params), envOf(deps, locale));

/** Opens a form of the model as a Slack modal. */
export async function openForm(client: WebClient, deps: SlackDeps, triggerId: string, form: Form, locale: Locale): Promise<void> {
  await client.views.open({ trigger_id: triggerId, view: renderForm(form, envOf(deps, locale)) as never });
}

/** The answer to a submission: its receipt replaces the form. */
export const receiptAnswer = (deps: SlackDeps, locale: Locale, r: Receipt) => ({ response_action: 'update' as const, view: renderReceipt(r, envOf(deps, locale)) });

type ButtonArgs = { body: BlockAction; payload: string; client: App['client'] };

/** A button: ack at once, then the work; a refusal or result comes back as an ephemeral note. */
export function onButton(app: App, deps: SlackDeps, intent: string, run: (a: ButtonArgs, who: Who) => Promise<Markup | undefined>): void {
  app.action<BlockAction<ButtonAction>>(intent, async ({ ack, body, client, respond }) => {
    await ack();
    let locale = await localeForUser(deps, body.user.id);
    const say = (text: string) => (respond as RespondFn)({ response_type: 'ephemeral', replace_original: false, text });
    try {
      const { member, actor } = await requireActor(deps.ctx, body.user.id);
      locale = localeOf(deps, member);
      const answer = await run({ body, payload: readAction(body).payload, client }, { member, actor, locale });
      if (answer) await say(mrkdwn(answer, envOf(deps, locale)));
    } catch (err) {
      const text = describeError(deps, locale, err);
      // A direct message from the bot has no response_url for everyone: fall back to a plain reply.
      await say(text).catch(() => client.chat.postMessage({ channel: body.user.id, text }));
    }
  });
}

/**
 * A form's submission: the answer to Slack is its receipt (or field errors), so it must come
 * within 3 s; no receipt closes the form. Errors name their field in `catalogue`'s words.
 */
export function onSubmit(
  app: App,
  deps: SlackDeps,
  formId: string,
  fallbackField: string,
  run: (v: { fields: Fields; meta: string; viewId: string; userId: string }, who: Who) => Promise<Receipt | undefined>,
  catalogue = 'escalations',
): void {
  app.view(formId, async ({ ack, body, view }) => {
    let locale = deps.ctx.locale;
    try {
      const { member, actor } = await requireActor(deps.ctx, body.user.id);
      locale = localeOf(deps, member);
      const receipt = await run({ fields: readState(view.state.values), meta: view.private_metadata, viewId: view.id, userId: body.user.id }, { member, actor, locale });
      await ack(receipt ? (receiptAnswer(deps, locale, receipt) as never) : undefined);
    } catch (err) {
      await ack({ response_action: 'errors', errors: modalErrors(deps, locale, err, fallbackField, catalogue) });
    }
  });
}

/** A field of a submitted form, as the listener's schema names it: one value (or none), or a list. */
export const one = z.string().optional();
export const many = z.array(z.string()).default([]);

/** Whether the form's "not about a person supported" box is ticked (the domain's `notAboutAPerson`). */
export const confirmedNotAboutAPerson = (fields: Fields): boolean => [fields[NOT_ABOUT_A_PERSON] ?? []].flat().includes('yes');
