import { registerAppendixHooks } from './agreement/appendices.ts';
import { registerDecisionHooks } from './escalations/answer.ts';

/**
 * Hooks the features that start a steering decision themselves into the decision log: an
 * escalation closes when its answer is adopted, an appendix version takes effect when its change
 * is. Called by the composition root (Core.open) before any request; idempotent.
 */
export function wireDecisionOrigins(): void {
  registerDecisionHooks();
  registerAppendixHooks();
}
