import { appendixOrigin } from './agreement/appendices.ts';
import { onDecisionAdopted, onDecisionClosed } from './decisions/index.ts';
import { escalationOrigin } from './escalations/answer.ts';

let wired = false;

/**
 * Hooks the features that start a steering decision themselves into the decision log: an
 * escalation closes when its answer is adopted, an appendix version takes effect when its change
 * is. Called by the composition root (Core.open) before any request; idempotent, so several bots
 * in one process are fine.
 */
export function wireDecisionOrigins(): void {
  if (wired) return;
  wired = true;
  for (const origin of [escalationOrigin, appendixOrigin]) {
    onDecisionAdopted(origin.type, origin.adopted);
    onDecisionClosed(origin.type, origin.closed);
  }
}
