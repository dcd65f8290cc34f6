import type { Logger } from '../logger.ts';
import type { DomainContext } from '../domain/context.ts';
import type { Notice } from '../domain/notice.ts';
import { claimDue, markFailed, markSent, type OutboxItem } from '../domain/outbox.ts';
import { DeliveryError } from '../domain/delivery.ts';
import { actingFor } from '../domain/cause.ts';
import { outsideRequestScope } from '../domain/request-scope.ts';

/** `key` is the outbox key (carried by the post); `uncertain`: an earlier attempt may have posted it. */
export type Deliver = (notice: Notice, item: { key: string; uncertain: boolean }) => Promise<void>;
/** Tells the people concerned when a post becomes undeliverable, and when it is delivered after all. */
export interface DeliveryWatcher {
  /** Called once when a post becomes undeliverable. */
  undeliverable(item: OutboxItem, reason: string): Promise<void>;
  /** Called when a post that was undeliverable has been delivered. */
  recovered(item: OutboxItem): Promise<void>;
}

/** Where a notice lands: a group's channel, a person's direct messages, or a given conversation. */
export function laneOf(notice: Notice): string {
  const to = notice.to;
  if ('group' in to) return `group:${to.group}`;
  if ('member' in to) return `member:${to.member}`;
  return `conversation:${to.conversation.platform}:${to.conversation.id}`;
}

/**
 * Drains the outbox: right after a commit (kick) and on a timer for retries. Delivery runs
 * outside every user transaction, so a slow or rate-limited chat API never holds the database.
 */
export class OutboxWorker {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  /** The delivery last started per destination (see `laneOf`); shared by every drain. */
  private readonly lanes = new Map<string, Promise<void>>();

  constructor(
    private readonly ctx: DomainContext,
    private readonly deliver: Deliver,
    private readonly logger: Logger,
    private readonly intervalMs = 1000,
    /** Deliveries claimed at once; a slow one holds back only its own channel (see `inLane`). */
    private readonly concurrency = 4,
    private readonly watcher?: DeliveryWatcher,
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
    // Not on behalf of whoever's request kicked it (what delivery queues was caused by no one),
    // and outside that request's scope: the drain outlives the request.
    this.running = actingFor(undefined, () => outsideRequestScope(() => this.drain()))
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
   * Delivers everything due. Deliveries to different destinations run side by side (the claim
   * hands out at most one open notice per card), and a finished one makes room for the next claim
   * at once, so a hung call delays only its own channel, for at most the call's timeout.
   */
  async drain(): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    for (;;) {
      const room = this.concurrency - inFlight.size;
      const batch = room > 0 && !this.stopped ? await claimDue(this.ctx.prisma, this.ctx.clock.now(), room) : [];
      for (const item of batch) {
        const p: Promise<void> = this.inLane(item).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      if (inFlight.size === 0) return;
      if (batch.length === 0 || inFlight.size >= this.concurrency) await Promise.race(inFlight);
    }
  }

  /**
   * Posts to one channel (or one person) go one after another, in the order claimed, so a
   * channel reads in the order things happened; other destinations do not wait. A hung call
   * holds its own channel at most for the client's timeout (then its outcome is checked later,
   * as uncertain), and a failed post goes back to the queue without holding anyone but its card.
   * A notice waiting in its lane keeps its claim: `concurrency` × the call timeout is far inside
   * the claim's lease (CLAIM_FOR_MS).
   */
  private inLane(item: OutboxItem): Promise<void> {
    const lane = laneOf(item.notice);
    const p = (this.lanes.get(lane) ?? Promise.resolve()).then(() => this.deliverOne(item));
    this.lanes.set(lane, p);
    void p.finally(() => {
      if (this.lanes.get(lane) === p) this.lanes.delete(lane);
    });
    return p;
  }

  private async deliverOne(item: OutboxItem): Promise<void> {
    try {
      try {
        await this.deliver(item.notice, { key: item.dedupeKey, uncertain: item.uncertain });
      } catch (err) {
        const d = err instanceof DeliveryError ? err : new DeliveryError((err as Error).message, false);
        this.logger.warn(`outbox: delivery of ${item.dedupeKey} failed (attempt ${item.attempts}): ${d.message}`);
        const news = await markFailed(this.ctx.prisma, item, this.ctx.clock.now(), { error: d.message, retryAfterMs: d.retryAfterMs, permanent: d.permanent, uncertain: d.uncertain });
        if (news) await this.watcher?.undeliverable(item, d.message);
        return;
      }
      await markSent(this.ctx.prisma, item.id, this.ctx.clock.now());
      if (item.wasUndeliverable) await this.watcher?.recovered(item);
    } catch (err) {
      // The database is away: the claim lapses and the notice is tried again (as uncertain).
      this.logger.error(`outbox: ${item.dedupeKey}: ${(err as Error).message}`);
    }
  }
}
