// The appendices form (src/slack/agreement) still reads its inputs here; the escalation feature reads through `readState`.
import { readState } from '../render/read.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type State = Record<string, Record<string, any>>;

/** The value of an input whose block id is `field`, or undefined when empty. */
export function value(s: State, field: string): string | undefined {
  const v = readState(s)[field];
  return typeof v === 'string' ? v : undefined;
}
