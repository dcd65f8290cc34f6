import { ErrorCode } from '@slack/web-api';
import { t, type Locale, type MessageKey } from '../i18n/index.ts';
import { describeError, type SlackDeps } from './support.ts';

/** Slack's refusals of a file upload that the member can act on, in plain words; the codes are Slack's. */
const KNOWN: Record<string, MessageKey> = {
  not_in_channel: 'upload.error.notInChannel',
  channel_not_found: 'upload.error.channelNotFound',
  is_archived: 'upload.error.archived',
  file_uploads_disabled: 'upload.error.uploadsDisabled',
  file_upload_disabled: 'upload.error.uploadsDisabled',
  restricted_action: 'upload.error.restricted',
  restricted_action_read_only_channel: 'upload.error.restricted',
  restricted_action_non_threadable_channel: 'upload.error.restricted',
  ratelimited: 'upload.error.rateLimited',
  rate_limited: 'upload.error.rateLimited',
};

/** The Slack error code of a failed Web API call; a 429 (rejected, not retried, by our client) counts as `ratelimited`. */
export function slackErrorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; data?: { error?: unknown } } | undefined;
  if (e?.code === ErrorCode.RateLimitedError) return 'ratelimited';
  return typeof e?.data?.error === 'string' ? e.data.error : undefined;
}

/**
 * Why a file upload failed, for the member: what to do about a known refusal, otherwise the
 * generic apology with an error code that matches the log (never Slack's raw code).
 */
export function describeUploadError(deps: SlackDeps, locale: Locale, err: unknown): string {
  const code = slackErrorCode(err);
  const key = code ? KNOWN[code] : undefined;
  if (!key) return describeError(deps, locale, err);
  deps.logger.warn(`upload refused by Slack: ${code}`);
  return t(locale, key);
}
