import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import { requireActor } from '../../domain/partnership/directory.ts';
import type { Actor } from '../../domain/actor.ts';
import type { MemberView } from '../../domain/partnership/directory.ts';
import type { Locale } from '../../i18n/index.ts';
import { describeError, localeForUser, localeOf, type SlackDeps } from '../support.ts';
import { type State } from './inputs.ts';
import { modalErrors } from '../modal-errors.ts';

export interface Who {
  member: MemberView;
  actor: Actor;
  locale: Locale;
}

type ButtonArgs = { body: BlockAction; action: ButtonAction; client: App['client'] };

/** A button: ack at once, then the work; a refusal or result comes back as an ephemeral note. */
export function onButton(app: App, deps: SlackDeps, actionId: string, run: (a: ButtonArgs, who: Who) => Promise<string | undefined>): void {
  app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client, respond }) => {
    await ack();
    let locale = await localeForUser(deps, body.user.id);
    const say = (text: string) => (respond as RespondFn)({ response_type: 'ephemeral', replace_original: false, text });
    try {
      const { member, actor } = await requireActor(deps.ctx, body.user.id);
      locale = localeOf(deps, member);
      const text = await run({ body, action, client }, { member, actor, locale });
      if (text) await say(text);
    } catch (err) {
      const text = describeError(deps, locale, err);
      // A direct message from the bot has no response_url for everyone: fall back to a plain reply.
      await say(text).catch(() => client.chat.postMessage({ channel: body.user.id, text }));
    }
  });
}

/** A modal submission: the answer to Slack is the update (or field errors), so it must come within 3 s. */
export function onSubmit(app: App, deps: SlackDeps, callbackId: string, fallbackField: string, run: (v: { state: State; meta: string; viewId: string; userId: string }, who: Who) => Promise<unknown>): void {
  app.view(callbackId, async ({ ack, body, view }) => {
    let locale = deps.ctx.locale;
    try {
      const { member, actor } = await requireActor(deps.ctx, body.user.id);
      locale = localeOf(deps, member);
      const response = await run({ state: view.state.values as State, meta: view.private_metadata, viewId: view.id, userId: body.user.id }, { member, actor, locale });
      await ack(response as never);
    } catch (err) {
      await ack({ response_action: 'errors', errors: modalErrors(deps, locale, err, fallbackField, 'escalations') });
    }
  });
}
