/** In-memory workspace state of the fake Slack, shared by the method handlers. */
import { randomBytes } from 'node:crypto';
import type { FakeChannel, FakeFile, FakeMessage, FakeUser, FakeView, RecordedCall, ResponseUrlPost, ScheduledMessage } from './types.ts';
import { ApiError } from './types.ts';

export interface PendingUpload { id: string; filename: string; length: number; content?: Buffer }
export interface ResponseTarget { channel?: string; message_ts?: string; user?: string }
export type Handler = (s: FakeState, args: Record<string, any>) => Record<string, unknown>;

/** A family of Web API methods by their names after the family's prefix (`chat` + `postMessage`). */
export const methods = (family: string, handlers: Record<string, Handler>): Record<string, Handler> =>
  Object.fromEntries(Object.entries(handlers).map(([name, h]) => [`${family}.${name}`, h]));

export class FakeState {
  baseUrl = '';
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, FakeChannel>();
  readonly calls: RecordedCall[] = [];
  readonly messages: FakeMessage[] = [];
  readonly views = new Map<string, FakeView>();
  readonly files: FakeFile[] = [];
  readonly responseUrlPosts: ResponseUrlPost[] = [];
  readonly scheduled: ScheduledMessage[] = [];
  readonly uploads = new Map<string, PendingUpload>();
  /** Unused trigger ids → the user they belong to. */
  readonly triggers = new Map<string, string | undefined>();
  readonly responseTargets = new Map<string, ResponseTarget>();
  /** The clock message timestamps come from (the local workspace gives the bot's, which can travel). */
  now: () => number = () => Date.now();
  private lastMicros = 0;
  private seq = 0;

  constructor(readonly teamId: string, readonly botUserId: string, readonly botId: string) {}

  /** Unique, increasing message timestamp like "1700000000.000100". */
  nextTs(): string {
    this.lastMicros = Math.max(Math.floor(this.now() * 1000), this.lastMicros + 1);
    const micros = String(this.lastMicros % 1_000_000).padStart(6, '0');
    return `${Math.floor(this.lastMicros / 1_000_000)}.${micros}`;
  }

  nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}0${this.seq.toString(36).toUpperCase().padStart(7, '0')}`;
  }

  randomHex(bytes = 4): string {
    return randomBytes(bytes).toString('hex');
  }

  /** A channel id, a channel name ('#general' or 'general') or a user id (DM). */
  resolveChannel(raw: unknown): string {
    if (typeof raw !== 'string' || raw === '') throw new ApiError('channel_not_found');
    if (this.channels.has(raw)) return raw;
    const name = raw.replace(/^#/, '');
    for (const c of this.channels.values()) if (c.name === name && !c.is_im) return c.id;
    if (/^[UW][A-Z0-9]+$/.test(raw)) return raw;
    throw new ApiError('channel_not_found');
  }

  /** A registered channel (not a bare user id), else channel_not_found. */
  channel(raw: unknown): FakeChannel {
    const c = this.channels.get(this.resolveChannel(raw));
    if (!c) throw new ApiError('channel_not_found');
    return c;
  }

  /** True when a and b denote the same conversation (a DM channel and its user id are aliases). */
  sameChannel(a: string, b: string): boolean {
    if (a === b) return true;
    const ca = this.channels.get(a);
    const cb = this.channels.get(b);
    return (ca?.is_im === true && ca.user === b) || (cb?.is_im === true && cb.user === a);
  }

  findMessage(channel: string, ts: unknown, includeEphemeral = false): FakeMessage | undefined {
    return this.messages.find(
      (m) => m.ts === ts && this.sameChannel(m.channel, channel) && (includeEphemeral || m.ephemeral_to === undefined),
    );
  }

  /** Appends a message; a reply to a reply is threaded under the root, whose reply_count grows. */
  addMessage(m: FakeMessage): FakeMessage {
    if (m.thread_ts !== undefined && m.ephemeral_to === undefined) {
      const parent = this.findMessage(m.channel, m.thread_ts);
      if (parent?.thread_ts && parent.thread_ts !== parent.ts) m.thread_ts = parent.thread_ts;
      const root = parent?.thread_ts && parent.thread_ts !== parent.ts ? this.findMessage(m.channel, parent.thread_ts) : parent;
      if (root) root.reply_count = (root.reply_count ?? 0) + 1;
    }
    this.messages.push(m);
    return m;
  }

  removeMessage(m: FakeMessage): void {
    const i = this.messages.indexOf(m);
    if (i !== -1) this.messages.splice(i, 1);
  }

  fileJson(f: FakeFile): Record<string, unknown> {
    return {
      id: f.id, name: f.filename, title: f.title ?? f.filename, mimetype: f.mimetype, size: f.content.length,
      url_private: `${this.baseUrl}/files/${f.id}`, permalink: `${this.baseUrl}/files/${f.id}`, channels: f.channels,
    };
  }

  messageJson(m: FakeMessage): Record<string, unknown> {
    return {
      type: 'message', subtype: m.subtype, text: m.text ?? '', user: m.user, bot_id: m.bot_id, team: this.teamId,
      ts: m.ts, thread_ts: m.thread_ts ?? (m.reply_count ? m.ts : undefined), reply_count: m.reply_count,
      blocks: m.blocks, attachments: m.attachments, metadata: m.metadata,
      edited: m.edited ? { user: m.user, ts: m.ts } : undefined,
      files: m.files?.map((id) => {
        const f = this.files.find((x) => x.id === id);
        return f ? this.fileJson(f) : { id };
      }),
    };
  }
}

/** Cursor pagination over an array: `cursor` is an opaque offset, `limit` the page size. */
export function paginate<T>(items: T[], args: Record<string, any>): { page: T[]; response_metadata: { next_cursor: string } } {
  const limit = Math.max(1, Number(args.limit) || 1000);
  const start = typeof args.cursor === 'string' && args.cursor !== '' ? Number(Buffer.from(args.cursor, 'base64').toString().slice(7)) || 0 : 0;
  const end = start + limit;
  const next_cursor = end < items.length ? Buffer.from(`offset:${end}`).toString('base64') : '';
  return { page: items.slice(start, end), response_metadata: { next_cursor } };
}
