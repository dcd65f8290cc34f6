/**
 * Named points where a test stops a real bot process (its child process sets a hook that never
 * returns, then the test kills it with SIGKILL), so a crash lands at exactly that point instead
 * of wherever a timer happens to be. With no hook set, a point costs one lookup.
 */
export type CrashPoint = 'after-ack' | 'before-commit' | 'after-once-claim';

export const crashHooks: Partial<Record<CrashPoint, () => Promise<void>>> = {};

export async function crashPoint(name: CrashPoint): Promise<void> {
  const hook = crashHooks[name];
  if (hook) await hook();
}
