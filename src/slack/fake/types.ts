/** Public data shapes of the fake Slack Web API server (see server.ts). */

export interface FakeUser {
  id: string;
  name: string;
  real_name?: string;
  tz?: string;
  locale?: string;
  is_bot?: boolean;
  email?: string;
}

export interface FakeChannel {
  id: string;
  name: string;
  is_private?: boolean;
  members?: string[];
  /** Set on DM channels created by conversations.open. */
  is_im?: boolean;
  is_mpim?: boolean;
  /** The other party of a DM channel. */
  user?: string;
}

export interface RecordedCall {
  method: string;
  args: Record<string, any>;
  at: number;
  ok: boolean;
  error?: string;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: any[];
  attachments?: any[];
  user: string;
  bot_id?: string;
  ephemeral_to?: string;
  edited?: boolean;
  files?: string[];
  metadata?: any;
  subtype?: string;
  reply_count?: number;
}

export interface FakeView {
  id: string;
  user?: string;
  trigger_id?: string;
  view: any;
  hash: string;
  kind: 'modal' | 'home';
  /** Set when the modal was closed by a submission (no response_action, or `clear`). */
  closed?: boolean;
}

export interface FakeFile {
  id: string;
  filename: string;
  title?: string;
  content: Buffer;
  channels: string[];
  thread_ts?: string;
  initial_comment?: string;
  mimetype?: string;
}

export interface ResponseUrlPost {
  id: string;
  body: any;
  at: number;
  /** Set when the fake rejected the post (e.g. invalid_blocks); Bolt's respond() then throws. */
  error?: string;
}

export interface ScheduledMessage {
  id: string;
  channel: string;
  post_at: number;
  text?: string;
  blocks?: any[];
  thread_ts?: string;
}

/** Thrown by method handlers; becomes `{ ok: false, error: code, ...extra }`. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

/** `{ response_metadata: { messages } }`, the way Slack explains invalid arguments. */
export function withMessages(messages: string[]): Record<string, unknown> {
  return { response_metadata: { messages } };
}

export function isObj(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A non-empty string argument, or undefined. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v !== '' ? v : undefined;
}
