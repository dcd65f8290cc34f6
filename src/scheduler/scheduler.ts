import crypto from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger.ts';
import type { DomainContext } from '../domain/context.ts';

/**
 * A periodic job. It must be idempotent and state-based: it looks at what is due by `now` and
 * queues notices with dedupe keys, so a run after downtime catches up and a repeated run (restart,
 * second process) sends nothing twice.
 */
export interface Job {
  name: string;
  run(ctx: DomainContext, now: Date): Promise<void>;
}

const LEASE = 'scheduler';
const LEASE_MS = 90_000;

/** Runs all jobs every minute in the process that holds the database lease. */
export class Scheduler {
  private task?: ScheduledTask;
  private ticking?: Promise<void>;
  readonly holder = `${process.pid}-${crypto.randomUUID()}`;

  constructor(
    private readonly ctx: DomainContext,
    private readonly jobs: Job[],
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.task = cron.schedule('* * * * *', () => void this.tick(), { timezone: this.ctx.timezone, noOverlap: true });
    void this.tick(); // catch up at once on start
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    await this.ticking;
    await this.release();
  }

  /** One round: take or renew the lease, then run every job. Returns false if another process leads. */
  async tick(): Promise<boolean> {
    if (this.ticking) {
      await this.ticking;
    }
    let led = false;
    this.ticking = (async () => {
      if (!(await this.acquire())) return;
      led = true;
      const now = this.ctx.clock.now();
      for (const job of this.jobs) {
        try {
          await job.run(this.ctx, now);
        } catch (err) {
          this.logger.error(`scheduler: job ${job.name} failed: ${(err as Error).stack ?? err}`);
        }
      }
      this.ctx.onNotices?.();
    })();
    try {
      await this.ticking;
    } finally {
      this.ticking = undefined;
    }
    return led;
  }

  /** Takes the lease when it is free or expired, or renews our own; one statement, so it is atomic. */
  async acquire(): Promise<boolean> {
    const now = this.ctx.clock.now();
    const rows = await this.ctx.prisma.$queryRaw<Array<{ holder: string }>>`
      INSERT INTO "Lease" ("name", "holder", "expiresAt") VALUES (${LEASE}, ${this.holder}, ${new Date(now.getTime() + LEASE_MS)})
      ON CONFLICT ("name") DO UPDATE SET "holder" = EXCLUDED."holder", "expiresAt" = EXCLUDED."expiresAt"
      WHERE "Lease"."expiresAt" < ${now} OR "Lease"."holder" = EXCLUDED."holder"
      RETURNING "holder"`;
    return rows.length === 1 && rows[0]!.holder === this.holder;
  }

  private async release(): Promise<void> {
    await this.ctx.prisma.lease.deleteMany({ where: { name: LEASE, holder: this.holder } }).catch(() => {});
  }
}
