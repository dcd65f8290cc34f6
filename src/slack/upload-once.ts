import type { FilesUploadV2Arguments, WebClient } from '@slack/web-api';
import { claimOnce, completeOnce, releaseOnce } from '../domain/once.ts';
import { crashPoint } from '../crash-points.ts';
import type { SlackDeps } from './support.ts';

type Upload = { channel_id: string; initial_comment?: string; file_uploads: Array<{ file: Buffer | string; filename: string; title?: string }> };

/**
 * Uploads the files of one delivery of a command once. Slack gives each invocation its own
 * trigger_id and sends it again with every retried or repeated delivery of that invocation, so
 * the upload is keyed on it: a second delivery uploads nothing ('already'). A failed upload gives
 * the key back, so a later delivery may try again. A claim whose process died before it recorded
 * the upload is taken over after a while (domain/once.ts); the new owner first looks in the
 * channel for the files (the process may have died just after uploading them), and uploads only
 * if they are not there.
 */
export async function uploadOnce(deps: SlackDeps, client: WebClient, triggerId: unknown, what: string, upload: Upload): Promise<'uploaded' | 'already'> {
  const key = typeof triggerId === 'string' && triggerId ? `upload:${what}:${triggerId}` : undefined;
  const claim = key ? await claimOnce(deps.ctx.prisma, key, deps.ctx.clock.now()) : { kind: 'claimed' as const };
  if (claim.kind === 'already') return 'already';
  try {
    await crashPoint('after-once-claim');
    if (claim.kind === 'takenOver' && (await postedSince(client, upload, claim.since))) {
      deps.logger.info(`upload ${key}: its process died after uploading; found the files in the channel`);
    } else {
      await client.filesUploadV2(upload as FilesUploadV2Arguments);
    }
    if (key) await completeOnce(deps.ctx.prisma, key, deps.ctx.clock.now());
    return 'uploaded';
  } catch (err) {
    if (key) await releaseOnce(deps.ctx.prisma, key).catch(() => {});
    throw err;
  }
}

/** Whether the bot shared these files in the channel since `since` (from the channel's recent history). */
async function postedSince(client: WebClient, upload: Upload, since: Date): Promise<boolean> {
  const wanted = upload.file_uploads.map((f) => f.filename);
  try {
    const r = await client.conversations.history({ channel: upload.channel_id, oldest: String(Math.floor(since.getTime() / 1000) - 60), limit: 200 });
    return (r.messages ?? []).some((m) => {
      const names = new Set((m.files ?? []).map((f) => f.name));
      return !!m.bot_id && wanted.every((n) => names.has(n));
    });
  } catch {
    // History unreadable: uploading again risks a second copy, never a missing file.
    return false;
  }
}
