import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one request has already read, so that the member behind it is loaded once however many
 * layers ask (the locale for the words, the actor for the rights, the form for the choices).
 * Only reads outside a transaction are kept; anything that changes what was read forgets it.
 */
const scope = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

/** Runs one request's work (its acknowledgement and everything after it) with its own memory. */
export function inRequestScope<T>(fn: () => T): T {
  return scope.run(new Map(), fn);
}

/** Runs work that outlives the request (a queue drain) without the request's memory. */
export function outsideRequestScope<T>(fn: () => T): T {
  return scope.exit(fn);
}

/** The value under `key` read once per request; outside a request, read every time. */
export function oncePerRequest<T>(key: string, load: () => Promise<T>): Promise<T> {
  const memo = scope.getStore();
  if (!memo) return load();
  let value = memo.get(key) as Promise<T> | undefined;
  if (!value) {
    value = load();
    memo.set(key, value);
    // A failed read is not remembered: the next ask tries again.
    value.catch(() => memo.get(key) === value && memo.delete(key));
  }
  return value;
}

/** Forgets what this request has read (after it changed members, roles or the partnership). */
export function forgetRequestReads(): void {
  scope.getStore()?.clear();
}
