import type { Logger } from '@slack/bolt';
import type { DomainContext } from '../domain/context.ts';
import type { Notice } from '../domain/notice.ts';
import { claimDue, markFailed, markSent } from '../domain/outbox.ts';
import { DeliveryError } from '../domain/delivery.ts';

export type Deliver = (notice: Notice) => Promise<void>;

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
    this.running = this.drain()
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

  async drain(): Promise<void> {
    for (;;) {
      const batch = await claimDue(this.ctx.prisma, this.ctx.clock.now());
      if (batch.length === 0) return;
      for (const item of batch) {
        try {
          await this.deliver(item.notice);
          await markSent(this.ctx.prisma, item.id, this.ctx.clock.now());
        } catch (err) {
          const d = err instanceof DeliveryError ? err : new DeliveryError((err as Error).message, false);
          this.logger.warn(`outbox: delivery of ${item.dedupeKey} failed (attempt ${item.attempts}): ${d.message}`);
          await markFailed(this.ctx.prisma, item, this.ctx.clock.now(), d.message, d.retryAfterMs, d.permanent);
        }
      }
    }
  }
}
