/**
 * A fake Slack Web API server for local mode and end-to-end tests.
 * Point Bolt / WebClient at `fake.apiUrl` (clientOptions.slackApiUrl); inspect what the bot did via
 * `messages`, `views`, `files`, `calls`; inject failures with `failNext`.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatMethods } from './chat.ts';
import { conversationMethods } from './conversations.ts';
import { fileMethods, receiveUpload, serveFile } from './files.ts';
import { parseArgs, readBody, sendJson, sendText } from './http.ts';
import { handleResponsePost } from './response.ts';
import { FakeState, type Handler, type ResponseTarget } from './state.ts';
import { ApiError, type FakeChannel, type FakeFile, type FakeMessage, type FakeUser, type FakeView, type RecordedCall, type ResponseUrlPost, type ScheduledMessage } from './types.ts';
import { userMethods } from './users.ts';
import { applyViewResponse, viewMethods } from './views.ts';

export type { FakeChannel, FakeFile, FakeMessage, FakeUser, FakeView, RecordedCall, ResponseUrlPost, ScheduledMessage } from './types.ts';

export interface FakeSlackOptions {
  port?: number;
  host?: string;
  token?: string;
  teamId?: string;
  botUserId?: string;
  botId?: string;
  users?: FakeUser[];
  channels?: FakeChannel[];
}

/**
 * A fault for the next call(s) of a method. By default Slack answers with `error` (or HTTP `status`).
 * `lost: true` carries the call out (a post is posted) and then cuts the connection without an
 * answer, like a crash or a network fault between Slack acting and the bot hearing of it;
 * `hang: true` carries it out and never answers (until the fake closes), like a hung Slack.
 * `until` makes a slow Slack: the call waits for the promise, then is carried out and answered
 * (`held` counts the calls waiting).
 */
export interface InjectedFailure { error?: string; status?: number; retryAfter?: number; times?: number; lost?: boolean; hang?: boolean; until?: Promise<unknown> }

const METHODS: Record<string, Handler> = { ...userMethods, ...chatMethods, ...conversationMethods, ...viewMethods, ...fileMethods };

export class FakeSlack {
  readonly apiUrl: string;
  readonly baseUrl: string;
  readonly calls: RecordedCall[];
  readonly messages: FakeMessage[];
  readonly views: Map<string, FakeView>;
  readonly files: FakeFile[];
  readonly responseUrlPosts: ResponseUrlPost[];
  readonly scheduled: ScheduledMessage[];
  readonly users: Map<string, FakeUser>;
  readonly channels: Map<string, FakeChannel>;
  private readonly failures = new Map<string, Required<Omit<InjectedFailure, 'until'>> & Pick<InjectedFailure, 'until'>>();
  /** Calls held back by an `until` fault, not yet carried out. */
  held = 0;
  /** Answers held back by a `hang` fault; cut when the fake closes. */
  private readonly hung: ServerResponse[] = [];
  private readonly emitter = new EventEmitter();

  private constructor(
    private readonly server: Server,
    private readonly state: FakeState,
    private readonly token: string,
    baseUrl: string,
  ) {
    this.baseUrl = baseUrl;
    this.apiUrl = `${baseUrl}/api/`;
    state.baseUrl = baseUrl;
    ({ calls: this.calls, messages: this.messages, views: this.views, files: this.files } = state);
    ({ responseUrlPosts: this.responseUrlPosts, scheduled: this.scheduled, users: this.users, channels: this.channels } = state);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'fake_server_error', detail: String(err) });
        else res.destroy();
      });
    });
  }

  static async start(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
    const state = new FakeState(opts.teamId ?? 'T0SAMVERK', opts.botUserId ?? 'U0BOT', opts.botId ?? 'B0BOT');
    state.users.set(state.botUserId, { id: state.botUserId, name: 'samverkan', real_name: 'Samverkan', is_bot: true });
    for (const u of opts.users ?? []) state.users.set(u.id, { ...u });
    for (const c of opts.channels ?? []) state.channels.set(c.id, { ...c, members: c.members && [...c.members] });
    const host = opts.host ?? '127.0.0.1';
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    return new FakeSlack(server, state, opts.token ?? 'xoxb-fake', `http://${urlHost}:${port}`);
  }

  /**
   * Message timestamps from this clock instead of the system's: the local workspace passes the
   * bot's clock, so a message posted after time travel carries the bot's "now", as in Slack.
   */
  useClock(now: () => number): void {
    this.state.now = now;
  }

  /**
   * A person posts a message (as Slack's client would): it is stored like any message, and the
   * caller delivers the matching `message` event to the app. `thread_ts` makes it a reply.
   */
  postAsUser(user: string, channel: string, text: string, thread_ts?: string): FakeMessage {
    const id = this.state.resolveChannel(channel);
    const m: FakeMessage = { channel: id, ts: this.state.nextTs(), user, text };
    if (thread_ts) m.thread_ts = thread_ts;
    return this.state.addMessage(m);
  }

  /** Removes an ephemeral message (dismissed by its reader, or expired): it was never stored in Slack. */
  dismissEphemeral(user: string, channel: string, ts: string): boolean {
    const m = this.state.messages.find((x) => x.ts === ts && x.ephemeral_to === user && this.state.sameChannel(x.channel, channel));
    if (!m) return false;
    this.state.removeMessage(m);
    return true;
  }

  addUser(u: FakeUser): void {
    this.state.users.set(u.id, { ...u });
  }

  /** Takes the bot out of a channel (its posts there are then refused with not_in_channel). */
  removeBot(channel: string): void {
    const c = this.state.channel(channel);
    c.members = (c.members ?? []).filter((u) => u !== this.state.botUserId);
  }

  /** Invites the bot into a channel, as `/invite @Samverkan` does. */
  inviteBot(channel: string): void {
    const c = this.state.channel(channel);
    if (c.members && !c.members.includes(this.state.botUserId)) c.members.push(this.state.botUserId);
  }

  addChannel(c: FakeChannel): void {
    this.state.channels.set(c.id, { ...c, members: c.members && [...c.members] });
  }

  /**
   * A response_url. Posts to it are recorded in `responseUrlPosts`; when `channel` is given they also
   * act on `messages` (in_channel → new message; ephemeral → message with ephemeral_to = opts.user
   * or 'unknown'; replace_original / delete_original → the message `opts.message_ts`, if given).
   */
  responseUrl(id: string = this.state.nextId('R'), channel?: string, opts: { message_ts?: string; user?: string } = {}): string {
    const target: ResponseTarget = { ...opts };
    if (channel !== undefined) target.channel = channel;
    this.state.responseTargets.set(id, target);
    return `${this.baseUrl}/response/${encodeURIComponent(id)}`;
  }

  /** A fresh single-use trigger_id for views.open / views.push (optionally tied to a user). */
  triggerId(userId?: string): string {
    const id = `${Date.now() % 1e7}.${this.state.nextId('').slice(1)}.${this.state.randomHex(8)}`;
    this.state.triggers.set(id, userId);
    return id;
  }

  /** Plays Slack's part after a view_submission answer (see views.ts); returns the modal now on top. */
  applyViewResponse(viewId: string, body: unknown): FakeView | undefined {
    return applyViewResponse(this.state, viewId, body);
  }

  failNext(method: string, failure: InjectedFailure): void {
    this.failures.set(method, {
      error: failure.error ?? (failure.status === 429 ? 'ratelimited' : 'internal_error'),
      status: failure.status ?? 200,
      retryAfter: failure.retryAfter ?? 1,
      times: failure.times ?? 1,
      lost: failure.lost ?? false,
      hang: failure.hang ?? false,
      until: failure.until,
    });
  }

  /** Ends injected faults: of one method, or of all. */
  clearFailures(method?: string): void {
    if (method) this.failures.delete(method);
    else this.failures.clear();
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Top-level messages of a channel, or with `thread_ts` the replies in that thread (not the parent). */
  channelMessages(channel: string, opts: { thread_ts?: string; includeEphemeral?: boolean } = {}): FakeMessage[] {
    return this.messages.filter((m) => {
      if (!this.state.sameChannel(m.channel, channel)) return false;
      if (!opts.includeEphemeral && m.ephemeral_to !== undefined) return false;
      if (opts.thread_ts !== undefined) return m.thread_ts === opts.thread_ts && m.ts !== opts.thread_ts;
      return !m.thread_ts || m.thread_ts === m.ts;
    });
  }

  /** Polls `probe` every 10 ms until it returns a truthy value (thrown errors count as "not yet"). */
  async waitFor<T>(probe: () => T | undefined | false | null, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    for (;;) {
      try {
        const value = probe();
        if (value) return value;
      } catch (err) {
        lastError = err;
      }
      if (Date.now() >= deadline) {
        const why = lastError ? ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)})` : '';
        const recent = this.calls.slice(-5).map((c) => `${c.method}:${c.ok ? 'ok' : c.error}`).join(', ');
        throw new Error(`FakeSlack.waitFor timed out after ${timeoutMs} ms${why}; probe: ${probe.toString().slice(0, 200)}; last calls: [${recent}]`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Clears recorded calls, messages, views, files, response posts, triggers and failures; keeps users/channels. */
  reset(): void {
    const s = this.state;
    for (const arr of [s.calls, s.messages, s.files, s.responseUrlPosts, s.scheduled] as unknown[][]) arr.length = 0;
    for (const map of [s.views, s.uploads, s.triggers, s.responseTargets] as Map<string, unknown>[]) map.clear();
    this.failures.clear();
  }

  on(event: 'call', listener: (c: RecordedCall) => void): this;
  on(event: 'response', listener: (p: ResponseUrlPost) => void): this;
  on(event: 'call' | 'response', listener: (arg: any) => void): this {
    this.emitter.on(event, listener);
    return this;
  }

  off(event: 'call' | 'response', listener: (arg: any) => void): this {
    this.emitter.off(event, listener);
    return this;
  }

  async close(): Promise<void> {
    for (const res of this.hung.splice(0)) res.socket?.destroy();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const body = await readBody(req);
    const [, root = '', rest = ''] = /^\/([^/]+)\/?(.*)$/.exec(url.pathname) ?? [];
    const id = decodeURIComponent(rest);
    const contentType = req.headers['content-type'] ?? '';
    if (root === 'api') {
      const slow = this.takeFailure(id, true)?.until;
      if (slow) {
        this.held++;
        await slow.finally(() => this.held--);
      }
      return this.handleApi(id, req, body, url, res);
    }
    if (root === 'upload' && req.method === 'POST') return receiveUpload(this.state, id, contentType, body, res);
    if (root === 'files' && req.method === 'GET') return serveFile(this.state, id, res);
    if (root === 'response' && req.method === 'POST') return this.handleResponse(id, contentType, body, res);
    sendText(res, 404, 'Not Found');
  }

  private handleResponse(id: string, contentType: string, body: Buffer, res: ServerResponse): void {
    // failNext('response_url', …) refuses the next post to any response_url (an expired one: 404).
    const refused = this.takeFailure('response_url');
    if (refused) return sendJson(res, refused.status === 200 ? 404 : refused.status, { ok: false, error: refused.error });
    let payload: unknown;
    try {
      const text = body.toString('utf8');
      payload = contentType.includes('json') ? JSON.parse(text) : JSON.parse(new URLSearchParams(text).get('payload') ?? text);
    } catch {
      payload = body.toString('utf8');
    }
    const post = handleResponsePost(this.state, id, payload);
    this.emitter.emit('response', post);
    if (post.error) sendJson(res, 400, { ok: false, error: post.error });
    else sendJson(res, 200, { ok: true });
  }

  private handleApi(method: string, req: IncomingMessage, body: Buffer, url: URL, res: ServerResponse): void {
    let args: Record<string, any> = {};
    let result: Record<string, unknown>;
    let status = 200;
    let silence: 'hang' | 'drop' | undefined;
    const headers: Record<string, string> = {};
    try {
      args = parseArgs(req.headers['content-type'] ?? '', body, url.searchParams);
      const bearer = /^Bearer\s+(\S+)/i.exec(req.headers.authorization ?? '')?.[1];
      const token = bearer ?? (typeof args.token === 'string' ? args.token : undefined);
      delete args.token;
      if (!token) throw new ApiError('not_authed');
      if (token !== this.token) throw new ApiError('invalid_auth');
      const failure = this.takeFailure(method);
      if (failure && (failure.lost || failure.hang)) silence = failure.hang ? 'hang' : 'drop';
      else if (failure) {
        status = failure.status;
        if (status === 429) headers['Retry-After'] = String(failure.retryAfter);
        throw new ApiError(status === 429 ? 'ratelimited' : failure.error);
      }
      const handler = METHODS[method];
      if (!handler) throw new ApiError('unknown_method');
      result = { ok: true, ...handler(this.state, args) };
    } catch (err) {
      result = err instanceof ApiError
        ? { ok: false, error: err.code, ...err.extra }
        : { ok: false, error: 'fake_internal_error', detail: err instanceof Error ? err.message : String(err) };
    }
    const call: RecordedCall = { method, args, at: Date.now(), ok: result.ok === true };
    if (typeof result.error === 'string') call.error = result.error;
    this.state.calls.push(call);
    this.emitter.emit('call', call);
    if (silence === 'drop') res.socket?.destroy();
    else if (silence === 'hang') this.hung.push(res);
    else sendJson(res, status, result, headers);
  }

  /** The next fault for `method`: a slow one (`until`) only when `slow`, every other kind otherwise. */
  private takeFailure(method: string, slow = false) {
    const f = this.failures.get(method);
    if (!f || (f.until !== undefined) !== slow) return undefined;
    f.times -= 1;
    if (f.times <= 0) this.failures.delete(method);
    return { ...f };
  }
}
