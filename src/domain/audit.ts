import type { Tx } from '../db/client.ts';
import type { Actor } from './actor.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Writes one audit row; call it inside the transaction that makes the change. */
export async function audit(tx: Tx, actor: Actor, entry: AuditEntry, at?: Date): Promise<void> {
  await tx.auditLog.create({
    data: {
      at,
      partnershipId: actor.partnershipId,
      actorMemberId: actor.memberId ?? null,
      actorLabel: actor.label,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: toJson(entry.before),
      after: toJson(entry.after),
    },
  });
}

function toJson(v: unknown) {
  // JSON round-trip turns Dates into strings and drops undefined, as the audit log stores them.
  return v === undefined ? undefined : (JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x))) as object);
}
