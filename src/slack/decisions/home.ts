import type { App } from '@slack/bolt';
import { homeData } from '../../domain/decisions/index.ts';
import { findMemberByChatUser } from '../../domain/partnership/directory.ts';
import { homeCard, homeFailedCard } from '../../conversation/decisions/home.ts';
import { renderHomeView } from '../render/index.ts';
import { describeError, localeForUser, localeOf, type SlackDeps } from '../support.ts';
import { openDecisionForm } from './form.ts';
import { ACTION_HOME_REGISTER } from './ids.ts';

/** Publishes the member's App Home, in their language (also when it changes while the tab is open). */
export async function publishHome(client: App['client'], deps: SlackDeps, userId: string): Promise<void> {
  let locale = deps.ctx.locale;
  try {
    const member = await findMemberByChatUser(deps.ctx, userId);
    locale = localeOf(deps, member);
    const card = homeCard(locale, member ? await homeData(deps.ctx, member) : undefined);
    await client.views.publish({ user_id: userId, view: renderHomeView(card, { locale, timezone: deps.ctx.timezone }) as never });
  } catch (err) {
    // A blank or stale tab says nothing: the tab says what went wrong, with the log's error code.
    await client.views
      .publish({ user_id: userId, view: renderHomeView(homeFailedCard(locale, [describeError(deps, locale, err)]), { locale, timezone: deps.ctx.timezone }) as never })
      .catch((e: unknown) => deps.logger.warn(`decisions: could not publish the App Home of ${userId}: ${(e as Error)?.message ?? e}`));
  }
}

export function registerHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await publishHome(client, deps, event.user);
  });

  app.action(ACTION_HOME_REGISTER, async ({ ack, body, client }) => {
    await ack();
    const b = body as { trigger_id: string; user: { id: string } };
    try {
      await openDecisionForm(client, deps, { triggerId: b.trigger_id, userId: b.user.id });
    } catch (err) {
      // The Home tab has no thread to answer in: a direct message explains the refusal.
      await client.chat.postMessage({ channel: b.user.id, text: describeError(deps, await localeForUser(deps, b.user.id), err) });
    }
  });
}
