import type { Tx } from '../../db/client.ts';
import type { DecisionRow } from './types.ts';

/**
 * Extension points for features that start a steering decision themselves (e.g. escalations:
 * the steering group's answer to an escalation is a proposal with origin { type: 'escalation', id }).
 * Hooks run inside the transaction that adopts or closes the proposal, so the origin's own state
 * changes atomically with the decision; a hook that throws rolls the vote or withdrawal back.
 */
export type DecisionHook = (tx: Tx, decision: DecisionRow) => Promise<void>;

const adopted = new Map<string, DecisionHook[]>();
const closed = new Map<string, DecisionHook[]>();

/** Runs `hook` when a decision with `originType` is adopted (the last party consented). */
export function onDecisionAdopted(originType: string, hook: DecisionHook): void {
  adopted.set(originType, [...(adopted.get(originType) ?? []), hook]);
}

/** Runs `hook` when a proposal with `originType` is closed without adoption (withdrawn by the chair). */
export function onDecisionClosed(originType: string, hook: DecisionHook): void {
  closed.set(originType, [...(closed.get(originType) ?? []), hook]);
}

export async function runHooks(kind: 'adopted' | 'closed', tx: Tx, decision: DecisionRow): Promise<void> {
  if (!decision.originType) return;
  for (const hook of (kind === 'adopted' ? adopted : closed).get(decision.originType) ?? []) await hook(tx, decision);
}
