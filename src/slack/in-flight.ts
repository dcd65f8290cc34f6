import type { App } from '@slack/bolt';

/** The listener work still running, so that a stop can wait for it instead of cutting it off. */
export interface InFlight {
  readonly count: number;
  /** Resolves once every piece of work running now (and any it started meanwhile) has ended. */
  idle(): Promise<void>;
}

/**
 * Counts each request's work from the moment Bolt hands it over until its listener returns,
 * well after the acknowledgement. Stopping waits for it: work cut off mid-way would call a Slack
 * (or a database) that is already gone, and a test that closes its fake Slack would see the
 * bot's last request refused.
 */
export function trackInFlight(app: App): InFlight {
  const running = new RunningWork();
  app.use(({ next }) => running.track(next()));
  return running;
}

/** Pieces of work under way, so that a stop can wait until every one (and any started meanwhile) has ended. */
export class RunningWork implements InFlight {
  private readonly running = new Set<Promise<unknown>>();

  get count(): number {
    return this.running.size;
  }

  async track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    try {
      return await work;
    } finally {
      this.running.delete(work);
    }
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
