import { AsyncLocalStorage } from 'node:async_hooks';

const acting = new AsyncLocalStorage<string | undefined>();

/**
 * Runs `fn` on behalf of a chat user: notices it queues remember who caused them, so that person
 * can be told if one cannot be delivered. The chat adapter wraps each request's work in this.
 */
export function actingFor<T>(chatUserId: string | undefined, fn: () => T): T {
  return acting.run(chatUserId, fn);
}

/** The chat user on whose behalf the current work runs (undefined for the scheduler). */
export function currentCause(): string | undefined {
  return acting.getStore();
}
