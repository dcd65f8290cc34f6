import type { App, ReceiverEvent } from '@slack/bolt';

/**
 * Keeps acknowledgements fast under load. Bolt answers Slack when a listener calls `ack()`; the
 * work after it then competes with the next requests for the event loop. This makes the work
 * after `ack()` wait for a slot, and every slot is handed over only after yielding to I/O, so
 * waiting requests are acknowledged first.
 *
 * It wraps the receiver's `ack` on the event itself, before Bolt copies it into the arguments of
 * middleware and listeners: a global middleware cannot do this, because Bolt hands each one its
 * own copy of the arguments, so an `ack` replaced there never reaches a listener.
 */
export function installPacing(app: App, slots: number): Pacer {
  const pacer = new Pacer(slots);
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent): Promise<void> => {
    const original = event.ack;
    let release: (() => void) | undefined;
    const paced: ReceiverEvent = {
      ...event,
      ack: async (...x: Parameters<ReceiverEvent['ack']>) => {
        await original(...x);
        release ??= await pacer.acquire();
      },
    };
    try {
      await processEvent(paced);
    } finally {
      release?.();
    }
  };
  return pacer;
}

export class Pacer {
  private readonly waiting: Array<() => void> = [];
  /** How many times work after an acknowledgement has asked for a slot (for tests and the bench). */
  acquired = 0;
  constructor(private free: number) {}

  async acquire(): Promise<() => void> {
    this.acquired++;
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
