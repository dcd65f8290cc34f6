import crypto from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Prisma, Tx } from '../db/client.ts';
import { gatedTransaction } from '../db/gate.ts';
import type { DomainContext } from './context.ts';
import { findMemberByChatUser } from './partnership/directory.ts';
import { enqueue } from './outbox.ts';
import { DEFAULT_PLATFORM } from './message-ref.ts';
import type { Notice } from './notice.ts';

/**
 * An acknowledgement promises the actor an answer: their action is saved, or they hear that it
 * was not. A process killed between the two keeps neither, so each action is written down
 * before it is acknowledged (one short insert), marked saved by the action's own transaction
 * (so "saved" and the save commit together), and forgotten when its work ends. A row a dead
 * process left unsaved is an action nobody finished: its actor gets a direct message.
 */

/** This process: rows of another process are that process's work (alive, or dead if stale). */
export const THIS_PROCESS = crypto.randomUUID();

/**
 * How old another process's unfinished row must be before it counts as left by a dead process
 * (replicas on PostgreSQL). Work after an acknowledgement is bounded far below this: a
 * transaction by 30 s, each Slack call by 10 s.
 */
export const ABANDONED_AFTER_MS = 3 * 60_000;

/** What told the actor: the template of the direct message (the chat adapter renders it). */
export const NOT_SAVED_TEMPLATE = 'core.actionLost';

export type ActionKind = 'command' | 'click' | 'form' | 'shortcut';

export interface JournalledAction {
  chatUser: string;
  kind: ActionKind;
  /** The bot's own name for the action, never text the actor typed. */
  label: string;
}

const current = new AsyncLocalStorage<{ id: string }>();

/**
 * How long an acknowledgement waits for its journal row. Slack wants the acknowledgement within
 * 3 s; the row takes a few milliseconds (one insert), but an embedded database busy with a long
 * transaction could hold it longer: then the acknowledgement goes first and the row follows (a
 * crash in that moment is the one the journal cannot cover, and it is logged).
 */
export const JOURNAL_BUDGET_MS = 800;

/** Writes the action down (before its acknowledgement) and runs its work with the row in scope. */
export async function journalAction<T>(ctx: DomainContext, action: JournalledAction, work: () => Promise<T>, onLate?: () => void): Promise<T> {
  const id = crypto.randomUUID();
  const row = { id, process: THIS_PROCESS, chatUser: action.chatUser, kind: action.kind, label: action.label.slice(0, 120), startedAt: ctx.clock.now() };
  // A database that cannot take the row cannot take the action either: the action's own error answers.
  const written = ctx.prisma.ackJournal.create({ data: row }).then(() => true, () => false);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), JOURNAL_BUDGET_MS)));
  const first = await Promise.race([written, late]);
  clearTimeout(timer);
  if (first === 'late') onLate?.();
  try {
    return await current.run({ id }, work);
  } finally {
    if (await written) await ctx.prisma.ackJournal.deleteMany({ where: { id } }).catch(() => undefined);
  }
}

/** Inside an action's transaction: the action is saved when (and only if) this commits. */
export async function markActionSaved(tx: Tx, now: Date): Promise<void> {
  const entry = current.getStore();
  if (entry) await tx.$executeRaw`UPDATE "AckJournal" SET "savedAt" = ${now} WHERE "id" = ${entry.id} AND "savedAt" IS NULL`;
}

/**
 * Tells the actor of every action a dead process left unsaved that it was not saved (one direct
 * message each, through the outbox, never twice however many processes look), and forgets the
 * rows. `onlyProcessAlive`: the database is this process's alone (embedded), so every other
 * process's row is a dead one's at once; otherwise only rows older than ABANDONED_AFTER_MS.
 */
export async function recoverAbandonedActions(ctx: DomainContext, o: { onlyProcessAlive: boolean }): Promise<number> {
  const now = ctx.clock.now();
  const before = o.onlyProcessAlive ? undefined : new Date(now.getTime() - ABANDONED_AFTER_MS);
  const rows = await ctx.prisma.ackJournal.findMany({
    where: { process: { not: THIS_PROCESS }, ...(before ? { startedAt: { lt: before } } : {}) },
    orderBy: { startedAt: 'asc' },
    take: 500,
  });
  let told = 0;
  for (const row of rows) {
    if (row.savedAt) {
      await forget(ctx.prisma, row.id);
      continue;
    }
    const member = await findMemberByChatUser(ctx, row.chatUser).catch(() => undefined);
    const notice: Notice = {
      to: member ? { member: member.id } : { conversation: { platform: DEFAULT_PLATFORM, id: row.chatUser } },
      template: NOT_SAVED_TEMPLATE,
      data: { kind: row.kind, label: row.label, at: row.startedAt.toISOString() },
    };
    const queued = await gatedTransaction(ctx.prisma, async (tx) => {
      const gone = await tx.ackJournal.deleteMany({ where: { id: row.id, savedAt: null } });
      return gone.count > 0 && (await enqueue(tx, `action-lost:${row.id}`, notice));
    });
    if (queued) told++;
  }
  if (told > 0) ctx.onNotices?.();
  return told;
}

const forget = (prisma: Prisma, id: string) => prisma.ackJournal.deleteMany({ where: { id } });
