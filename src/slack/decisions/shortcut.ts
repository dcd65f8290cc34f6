import type { App } from '@slack/bolt';
import { draftFromMessage } from '../../domain/decisions/index.ts';
import { describeError, localeForUser, type SlackDeps } from '../support.ts';
import { openDecisionForm } from './form.ts';
import { SHORTCUT_REGISTER } from './ids.ts';

/** "Registrera som beslut" on a message: the form, titled by its first line, with the whole message and its permalink. */
export function registerShortcut(app: App, deps: SlackDeps): void {
  app.shortcut({ callback_id: SHORTCUT_REGISTER, type: 'message_action' }, async ({ ack, shortcut, client, respond }) => {
    await ack();
    const channelId = shortcut.channel.id;
    const text = shortcut.message.text ?? '';
    try {
      // A missing permalink only leaves the link field empty; the form must still open in time.
      const link = await client.chat
        .getPermalink({ channel: channelId, message_ts: shortcut.message.ts })
        .then((r) => r.permalink, () => undefined);
      await openDecisionForm(client, deps, { triggerId: shortcut.trigger_id, userId: shortcut.user.id, channelId, prefill: { ...draftFromMessage(text), link } });
    } catch (err) {
      await respond({ response_type: 'ephemeral', text: describeError(deps, await localeForUser(deps, shortcut.user.id), err) });
    }
  });
}
