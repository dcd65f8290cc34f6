import type { Prisma, Tx } from './client.ts';

/**
 * A first-come, first-served queue in front of the database's transactions. Prisma waits for a
 * connection for at most `maxWait` and then fails the transaction ("Unable to start a transaction
 * in the given time"): at 200 concurrent form submissions the embedded database (one connection)
 * and a PostgreSQL pool of 10 both queued transactions past it and users lost what they saved.
 * Here a transaction waits its turn in the process, without a deadline, and starts only when a
 * connection is free for it; `maxWait` then never runs out.
 */
export class Gate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly slots: number) {
    if (!(slots >= 1)) throw new Error(`a gate needs at least one slot, not ${slots}`);
  }

  /** How many callers hold a slot, and how many wait for one. */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.slots) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next in line (active stays the same), else it is freed.
      if (next) next();
      else this.active--;
    }
  }
}

const gates = new WeakMap<object, Gate>();

/** Says how many transactions the client's connections can carry at once (set where it is opened). */
export function setTransactionSlots(client: object, slots: number): void {
  gates.set(client, new Gate(slots));
}

/** The client's gate; a client opened elsewhere (no slots set) gets a gate as wide as a small pool. */
export function transactionGate(client: object): Gate {
  let gate = gates.get(client);
  if (!gate) {
    gate = new Gate(8);
    gates.set(client, gate);
  }
  return gate;
}

/** `prisma.$transaction(fn)`, in line in the client's gate. */
export function gatedTransaction<T>(prisma: Prisma, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return transactionGate(prisma).run(() => prisma.$transaction((tx) => fn(tx)));
}
