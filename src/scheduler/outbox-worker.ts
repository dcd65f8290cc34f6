import type { Logger } from '@slack/bolt';
import type { DomainContext } from '../domain/context.ts';
import type { Notice } from '../domain/notice.ts';
import { claimDue, markFailed, markSent, type OutboxItem } from '../domain/outbox.ts';
import { DeliveryError } from '../domain/delivery.ts';
import { outsideRequestScope } from '../domain/request-scope.ts';

/** `key` is the outbox key (carried by the post); `uncertain`: an earlier attempt may have posted it. */
export type Deliver = (notice: Notice, item: { key: string; uncertain: boolean }) => Promise<void>;
/** Called once when a post becomes undeliverable (to tell the people concerned). */
export type OnUndeliverable = (item: OutboxItem, reason: string) => Promise<void>;

/**
 * Drains the outbox: right after a commit (kick) and on a timer for retries. Delivery runs
 * outside every user transaction, so a slow or rate-limited chat API never holds the database.
 */
export class OutboxWorker {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly ctx: DomainContext,
    private readonly deliver: Deliver,
    private readonly logger: Logger,
    private readonly intervalMs = 1000,
    /** Deliveries in flight at once; a slow one holds back only later notices of its own card. */
    private readonly concurrency = 4,
    private readonly onUndeliverable?: OnUndeliverable,
  ) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.intervalMs);
    this.timer.unref();
    this.kick();
  }

  /** Starts a drain now, or once more after the one in progress. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    // A kick from a request's commit starts a drain that outlives the request: not in its scope.
    this.running = outsideRequestScope(() => this.drain())
      .catch((err) => this.logger.error(`outbox: ${(err as Error).message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when the queue has nothing due (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }

  /**
   * Delivers everything due. Deliveries run side by side (the claim hands out at most one open
   * notice per card), and a finished one makes room for the next claim at once, so a hung call
   * delays only the notices queued after it for the same card.
   */
  async drain(): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    for (;;) {
      const room = this.concurrency - inFlight.size;
      const batch = room > 0 && !this.stopped ? await claimDue(this.ctx.prisma, this.ctx.clock.now(), room) : [];
      for (const item of batch) {
        const p: Promise<void> = this.deliverOne(item).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      if (inFlight.size === 0) return;
      if (batch.length === 0 || inFlight.size >= this.concurrency) await Promise.race(inFlight);
    }
  }

  private async deliverOne(item: OutboxItem): Promise<void> {
    try {
      try {
        await this.deliver(item.notice, { key: item.dedupeKey, uncertain: item.uncertain });
      } catch (err) {
        const d = err instanceof DeliveryError ? err : new DeliveryError((err as Error).message, false);
        this.logger.warn(`outbox: delivery of ${item.dedupeKey} failed (attempt ${item.attempts}): ${d.message}`);
        const news = await markFailed(this.ctx.prisma, item, this.ctx.clock.now(), { error: d.message, retryAfterMs: d.retryAfterMs, permanent: d.permanent, uncertain: d.uncertain });
        if (news) await this.onUndeliverable?.(item, d.message);
        return;
      }
      await markSent(this.ctx.prisma, item.id, this.ctx.clock.now());
    } catch (err) {
      // The database is away: the claim lapses and the notice is tried again (as uncertain).
      this.logger.error(`outbox: ${item.dedupeKey}: ${(err as Error).message}`);
    }
  }
}
