import { TargetGoneError, type InputValue, type SignedDriver } from '../slack/fake/signed-driver.ts';
import { checkAccepted, LocalError } from './errors.ts';

/** Where an interactive element sits: a message (channel + ts) or a view (modal or App Home). */
export type Where = { channel: string; ts: string } | { viewId: string };

/** What the page sends when a person clicks or picks: the element and the value chosen. */
export interface ActionInput {
  actionId: string;
  blockId?: string;
  value?: InputValue;
  /** Current inputs of the modal the element is in, so the bot sees what the person typed. */
  values?: Record<string, InputValue>;
}

const GONE = { message: 'local.error.messageGone', view: 'local.error.formClosed', element: 'local.error.elementGone' } as const;

/** Sends Slack's block_actions payload for a click or pick, with the modal's current inputs. */
export async function sendBlockAction(driver: SignedDriver, user: string, where: Where, input: ActionInput): Promise<void> {
  try {
    const r = await driver.click(user, where, input.actionId, { value: input.value, blockId: input.blockId, values: input.values });
    checkAccepted(r.status);
  } catch (err) {
    if (err instanceof TargetGoneError) throw new LocalError(GONE[err.target]);
    throw err;
  }
}
