import type { WebClient } from '@slack/web-api';
import { t, type Locale, type MessageKey } from '../i18n/index.ts';
import { describeError, type SlackDeps } from './support.ts';

/**
 * The *Back* button of a form in steps: `redraw` puts the earlier step in the view. A view closed
 * meanwhile has nothing left to go back in; any other failure leaves the form as it is, with
 * everything typed, and — a button in a modal has no reply of its own — a DM says why
 * (`failedKey` takes the reason as `{reason}`).
 */
export async function goBack(deps: SlackDeps, client: WebClient, o: { userId: string; viewId: string; locale: Locale; feature: string; failedKey: MessageKey }, redraw: () => Promise<unknown>): Promise<void> {
  try {
    await redraw();
  } catch (err) {
    if ((err as { data?: { error?: string } })?.data?.error === 'not_found') return void deps.logger.warn(`${o.feature}: the form ${o.viewId} is gone`);
    const text = t(o.locale, o.failedKey, { reason: describeError(deps, o.locale, err) });
    await client.chat.postMessage({ channel: o.userId, text }).catch((e: unknown) => deps.logger.warn(`${o.feature}: could not tell ${o.userId} that going back failed: ${(e as Error)?.message ?? e}`));
  }
}
