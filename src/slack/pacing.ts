import type { App } from '@slack/bolt';

/**
 * Keeps acknowledgements fast under load. Bolt answers Slack when a listener calls `ack()`; the
 * work after it then competes with the next requests for the event loop (embedded PGlite runs its
 * queries synchronously on it). This middleware makes the work after `ack()` wait for a slot, and
 * every slot is handed over only after yielding to I/O, so waiting requests are acknowledged first.
 */
export function installPacing(app: App, slots: number): void {
  const pacer = new Pacer(slots);
  app.use(async (args) => {
    const a = args as unknown as { ack?: (...x: unknown[]) => Promise<void>; next: () => Promise<void> };
    const original = a.ack;
    if (!original) return a.next();
    let release: (() => void) | undefined;
    a.ack = async (...x: unknown[]) => {
      await original(...x);
      release ??= await pacer.acquire();
    };
    try {
      await a.next();
    } finally {
      release?.();
    }
  });
}

export class Pacer {
  private readonly waiting: Array<() => void> = [];
  constructor(private free: number) {}

  async acquire(): Promise<() => void> {
    await new Promise((r) => setImmediate(r));
    if (this.free > 0) this.free--;
    else await new Promise<void>((r) => this.waiting.push(r));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, after the loop has polled for I/O.
      if (next) setImmediate(next);
      else this.free++;
    };
  }
}
