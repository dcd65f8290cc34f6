import type { App, ReceiverEvent } from '@slack/bolt';
import { journalAction, type JournalledAction } from '../../domain/ack-journal.ts';
import { crashPoint } from '../../crash-points.ts';
import type { SlackDeps } from '../support.ts';
import { isAction, userOf } from './acting.ts';
import { RunningWork } from '../in-flight.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
/** An action as the journal keeps it: its kind and the bot's own name for it (never typed text). */
function journalled(body: any): JournalledAction | undefined {
  const chatUser = userOf(body);
  if (!chatUser || !isAction(body)) return undefined;
  const text = (x: unknown) => (typeof x === 'string' ? x : '');
  if (typeof body.command === 'string') return { chatUser, kind: 'command', label: body.command.slice(0, 40) };
  if (body.type === 'block_actions') return { chatUser, kind: 'click', label: text(body.actions?.[0]?.text?.text) };
  if (body.type === 'view_submission') return { chatUser, kind: 'form', label: text(body.view?.title?.text) };
  return { chatUser, kind: 'shortcut', label: '' };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * Writes each action down before it is acknowledged and forgets it when its work has ended
 * (domain/ack-journal.ts): a crash in between leaves the row, and the next start tells the actor
 * that the action was not saved. Installed inside the form deadline, so a slow write still
 * leaves a form its "saving…" answer in time.
 */
export function installJournal(app: App, deps: SlackDeps): { idle(): Promise<void> } {
  const processEvent = app.processEvent.bind(app);
  const running = new RunningWork();
  app.processEvent = async (event: ReceiverEvent): Promise<void> => {
    const action = journalled(event.body);
    if (!action) return processEvent(event);
    const ack = event.ack;
    const tracked: ReceiverEvent = {
      ...event,
      ack: async (...x: Parameters<ReceiverEvent['ack']>) => {
        await ack(...x);
        await crashPoint('after-ack');
      },
    };
    await running.track(journalAction(deps.ctx, action, () => processEvent(tracked), () =>
      deps.logger.warn(`the journal row of a ${action.kind} took longer than its budget: acknowledged before it was written`)));
  };
  // Resolves when every journalled action has ended and its row is gone (a stop waits for it).
  return running;
}
