import { claimOnce, releaseOnce } from '../domain/once.ts';
import type { SlackDeps } from './support.ts';

/**
 * Uploads the files of one delivery of a command once. Slack gives each invocation its own
 * trigger_id and sends it again with every retried or repeated delivery of that invocation, so
 * the upload is keyed on it: a second delivery uploads nothing ('already'). A failed upload gives
 * the key back, so a later delivery may try again.
 */
export async function uploadOnce(deps: SlackDeps, triggerId: unknown, what: string, upload: () => Promise<void>): Promise<'uploaded' | 'already'> {
  const key = typeof triggerId === 'string' && triggerId ? `upload:${what}:${triggerId}` : undefined;
  if (key && !(await claimOnce(deps.ctx.prisma, key, deps.ctx.clock.now()))) return 'already';
  try {
    await upload();
    return 'uploaded';
  } catch (err) {
    if (key) await releaseOnce(deps.ctx.prisma, key).catch(() => {});
    throw err;
  }
}
