import crypto from 'node:crypto';
import type { FakeSlack, ResponseUrlPost } from './server.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** A simple value for one input of a modal; shaped into Slack's state format by the element type. */
export type InputValue = string | string[] | number | null;

export interface DriverOptions {
  /** Base URL of the bot, e.g. http://127.0.0.1:3000 (events go to /slack/events). */
  url: string;
  signingSecret: string;
  fake: FakeSlack;
  teamId?: string;
  appId?: string;
}

export interface HttpResult {
  status: number;
  text: string;
  body: any;
}

export interface CommandResult extends HttpResult {
  responseUrlId: string;
  /** Everything the bot has sent to this command's response_url so far. */
  replies(): ResponseUrlPost[];
  /** Waits for the n-th reply (default the first) and returns its body. */
  reply(n?: number, timeoutMs?: number): Promise<any>;
  /** Delivers the same signed request once more, as a retry of Slack's (commands only); `to`: to another bot process (a restarted one). */
  redeliver(to?: SignedDriver): Promise<HttpResult>;
}

/**
 * Plays Slack's part towards the bot: builds the payloads Slack sends for commands, shortcuts,
 * buttons, modal submissions and events, signs them with the app's signing secret and POSTs them.
 * Used by the tests, the benchmark and the local workspace.
 */
export class SignedDriver {
  readonly teamId: string;
  readonly appId: string;
  constructor(readonly o: DriverOptions) {
    this.teamId = o.teamId ?? 'T0SAMVERK';
    this.appId = o.appId ?? 'A0SAMVERK';
  }

  sign(body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
    const signature = `v0=${crypto.createHmac('sha256', this.o.signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
  }

  /** POSTs a raw body; `headers` override the signature (to test that bad ones are refused). */
  async post(body: string, contentType: string, headers: Record<string, string> = {}): Promise<HttpResult> {
    const res = await fetch(`${this.o.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...this.sign(body), ...headers },
      body,
    });
    const text = await res.text();
    let parsed: any = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: res.status, text, body: parsed };
  }

  private user(id: string) {
    const u = this.o.fake.users.get(id);
    return { id, username: u?.name ?? id.toLowerCase(), name: u?.name ?? id.toLowerCase(), team_id: this.teamId };
  }

  private form(fields: Record<string, string>) {
    return new URLSearchParams(fields).toString();
  }

  private interactive(payload: Record<string, unknown>) {
    return this.post(this.form({ payload: JSON.stringify({ token: 'legacy', api_app_id: this.appId, team: { id: this.teamId, domain: 'samverkan' }, is_enterprise_install: false, ...payload }) }), 'application/x-www-form-urlencoded');
  }

  private commandResult(r: HttpResult, responseUrlId: string, body?: string): CommandResult {
    let retries = 0;
    const fake = this.o.fake;
    const replies = () => fake.responseUrlPosts.filter((p) => p.id === responseUrlId);
    return {
      ...r,
      responseUrlId,
      replies,
      // A bound on waiting, not a timing check: a report that renders its chart on a busy 2-core CI machine may take seconds.
      reply: (n = 0, timeoutMs = 20_000) => fake.waitFor(() => replies()[n]?.body, timeoutMs),
      redeliver: async (to?: SignedDriver) => {
        if (body === undefined) throw new Error('only a command can be delivered again');
        return (to ?? this).post(body, 'application/x-www-form-urlencoded', { 'x-slack-retry-num': String(++retries), 'x-slack-retry-reason': 'http_timeout' });
      },
    };
  }

  /**
   * Runs a slash command line such as "/beslut lista 2026" as `user` in `channel`. With
   * `deliveries` > 1 the same signed body (same trigger_id and response_url) is delivered again,
   * as Slack does when it retries (X-Slack-Retry-Num) or a request is repeated on the way.
   */
  async command(user: string, channel: string, line: string, opts: { deliveries?: number } = {}): Promise<CommandResult> {
    const [command = '', ...rest] = line.trim().split(/\s+/);
    const responseUrlId = crypto.randomUUID();
    const body = this.form({
      token: 'legacy',
      team_id: this.teamId,
      team_domain: 'samverkan',
      channel_id: channel,
      channel_name: channel.toLowerCase(),
      user_id: user,
      user_name: this.user(user).username,
      command,
      text: rest.join(' '),
      api_app_id: this.appId,
      is_enterprise_install: 'false',
      response_url: this.o.fake.responseUrl(responseUrlId, channel, { user }),
      trigger_id: this.o.fake.triggerId(user),
    });
    const r = await this.post(body, 'application/x-www-form-urlencoded');
    const result = this.commandResult(r, responseUrlId, body);
    for (let n = 1; n < (opts.deliveries ?? 1); n++) await result.redeliver();
    // An acknowledgement with a message is shown to the user like an ephemeral reply: record it
    // the same way, so callers see one kind of reply whichever way the bot answered.
    if (r.status === 200 && r.body && typeof r.body === 'object' && (r.body.text || r.body.blocks)) {
      await fetch(this.o.fake.responseUrl(responseUrlId, channel, { user }), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(r.body) });
    }
    return result;
  }

  /** The message shortcut (callback_id) on a message in a channel. */
  async messageShortcut(user: string, callbackId: string, channel: string, message: { ts: string; text?: string; user?: string; thread_ts?: string }): Promise<CommandResult> {
    const responseUrlId = crypto.randomUUID();
    const r = await this.interactive({
      type: 'message_action',
      callback_id: callbackId,
      trigger_id: this.o.fake.triggerId(user),
      action_ts: `${Date.now() / 1000}`,
      message_ts: message.ts,
      response_url: this.o.fake.responseUrl(responseUrlId, channel, { user }),
      message: { type: 'message', ts: message.ts, text: message.text ?? '', user: message.user ?? user, ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}) },
      channel: { id: channel, name: channel.toLowerCase() },
      user: this.user(user),
    });
    return this.commandResult(r, responseUrlId);
  }

  /** A global shortcut. */
  async globalShortcut(user: string, callbackId: string): Promise<HttpResult> {
    return this.interactive({ type: 'shortcut', callback_id: callbackId, trigger_id: this.o.fake.triggerId(user), action_ts: `${Date.now() / 1000}`, user: this.user(user) });
  }

  /**
   * Clicks a button (or picks from a select, date picker, checkbox …) in a posted message, an
   * ephemeral reply, a modal or the App Home (by view id or its `home:<user>` key). The element is
   * found by action_id in what the fake recorded; `values` are the inputs the person has typed in
   * that view or message (action_id → value), sent as its state like Slack does.
   * Throws TargetGoneError when the message, view or element is not there (any more).
   */
  async click(
    user: string,
    where: { channel: string; ts: string } | { viewId: string },
    actionId: string,
    opts: { value?: InputValue; blockId?: string; values?: Record<string, InputValue> } = {},
  ): Promise<CommandResult> {
    const fake = this.o.fake;
    const responseUrlId = crypto.randomUUID();
    let blocks: any[];
    const extra: Record<string, unknown> = {};
    if ('viewId' in where) {
      const v = fake.views.get(where.viewId) ?? [...fake.views.values()].find((x) => x.id === where.viewId);
      if (!v) throw new TargetGoneError('view', `no view ${where.viewId}`);
      blocks = v.view.blocks ?? [];
      extra.container = { type: 'view', view_id: v.id };
      extra.view = { ...v.view, id: v.id, hash: v.hash, state: { values: this.stateValues(v.view, opts.values ?? {}) } };
    } else {
      const m = fake.messages.find((x) => x.channel === where.channel && x.ts === where.ts);
      if (!m) throw new TargetGoneError('message', `no message ${where.ts} in ${where.channel}`);
      blocks = m.blocks ?? [];
      extra.container = { type: 'message', message_ts: m.ts, channel_id: m.channel, is_ephemeral: !!m.ephemeral_to };
      extra.channel = { id: m.channel, name: m.channel.toLowerCase() };
      extra.message = { type: 'message', ts: m.ts, text: m.text, blocks: m.blocks, ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}) };
      extra.state = { values: this.stateValues({ blocks }, opts.values ?? {}) };
      extra.response_url = fake.responseUrl(responseUrlId, m.channel, { message_ts: m.ts, user });
    }
    const found = findElement(blocks, actionId, opts.blockId);
    if (!found) throw new TargetGoneError('element', `no element with action_id ${actionId}`);
    const action = actionPayload(found.element, found.blockId, opts.value);
    const r = await this.interactive({ type: 'block_actions', user: this.user(user), trigger_id: fake.triggerId(user), actions: [action], ...extra });
    return this.commandResult(r, responseUrlId);
  }

  /**
   * Submits an open modal. `values` maps action_id → value; inputs not named keep their initial
   * value, as in Slack. Returns the bot's HTTP answer (e.g. response_action: errors) after applying
   * it to the fake's views (update, push, clear or close).
   */
  async submitView(user: string, viewId: string, values: Record<string, InputValue>): Promise<HttpResult> {
    const v = this.o.fake.views.get(viewId);
    if (!v) throw new Error(`no view ${viewId}`);
    const r = await this.interactive({
      type: 'view_submission',
      user: this.user(user),
      trigger_id: this.o.fake.triggerId(user),
      view: { id: viewId, ...v.view, hash: v.hash, state: { values: this.stateValues(v.view, values) } },
      response_urls: [],
    });
    // As in Slack, the answer decides what the person sees next (an invalid view throws here).
    if (r.status === 200) this.o.fake.applyViewResponse(viewId, r.body);
    return r;
  }

  /** Closes an open modal (Slack tells the bot when the view asks `notify_on_close`), with what was typed in it, as for submitView. */
  async closeView(user: string, viewId: string, values: Record<string, InputValue> = {}): Promise<HttpResult> {
    const v = this.o.fake.views.get(viewId);
    if (!v) throw new Error(`no view ${viewId}`);
    return this.interactive({ type: 'view_closed', user: this.user(user), view: { id: viewId, ...v.view, hash: v.hash, state: { values: this.stateValues(v.view, values) } }, is_cleared: false });
  }

  /** Delivers an Events API event (e.g. { type: 'app_home_opened', user, tab: 'home' }). */
  async event(event: Record<string, unknown>): Promise<HttpResult> {
    const body = JSON.stringify({
      token: 'legacy',
      team_id: this.teamId,
      api_app_id: this.appId,
      type: 'event_callback',
      event_id: `Ev${crypto.randomBytes(6).toString('hex').toUpperCase()}`,
      event_time: Math.floor(Date.now() / 1000),
      event: { event_ts: `${Date.now() / 1000}`, ...event },
      authorizations: [{ team_id: this.teamId, user_id: 'U0BOT', is_bot: true }],
    });
    return this.post(body, 'application/json');
  }

  /** Builds Slack's view.state.values for the input blocks of a view. */
  stateValues(view: any, values: Record<string, InputValue>): Record<string, Record<string, any>> {
    const state: Record<string, Record<string, any>> = {};
    for (const block of view.blocks ?? []) {
      const elements: any[] = block.type === 'input' ? [block.element] : block.type === 'actions' || block.type === 'section' ? (block.elements ?? (block.accessory ? [block.accessory] : [])) : [];
      for (const el of elements) {
        if (!el?.action_id || el.type === 'button') continue;
        const given = Object.prototype.hasOwnProperty.call(values, el.action_id);
        const value = given ? values[el.action_id] : undefined;
        (state[block.block_id] ??= {})[el.action_id] = shape(el, given, value ?? null);
      }
    }
    return state;
  }
}

/** The message, view or element a click was aimed at is not there (any more). */
export class TargetGoneError extends Error {
  constructor(
    readonly target: 'message' | 'view' | 'element',
    message: string,
  ) {
    super(message);
  }
}

/** The `actions[0]` Slack sends for a click or pick on an element of each type. */
function actionPayload(el: any, blockId: string, value: InputValue | undefined): Record<string, unknown> {
  const a: Record<string, unknown> = { action_id: el.action_id, block_id: blockId, type: el.type, action_ts: `${Date.now() / 1000}` };
  const list = Array.isArray(value) ? value.map(String) : value === null || value === undefined ? [] : [String(value)];
  switch (el.type) {
    case 'button':
      a.value = value ?? el.value;
      break;
    case 'static_select':
    case 'overflow':
    case 'radio_buttons': {
      const opt = allOptions(el).find((o: any) => o.value === String(value));
      if (!opt) throw new Error(`no option ${String(value)} in ${el.action_id}`);
      a.selected_option = opt;
      break;
    }
    case 'multi_static_select':
    case 'checkboxes':
      a.selected_options = allOptions(el).filter((o: any) => list.includes(o.value));
      break;
    default:
      a[SELECTED[el.type as string] ?? 'value'] = value ?? null;
  }
  return a;
}

/** Where an action of a picker of one value carries it. */
const SELECTED: Record<string, string> = {
  users_select: 'selected_user',
  conversations_select: 'selected_conversation',
  channels_select: 'selected_channel',
  datepicker: 'selected_date',
  timepicker: 'selected_time',
};

function shape(el: any, given: boolean, value: InputValue): Record<string, unknown> {
  const v = value === null ? null : value;
  switch (el.type) {
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
      return { type: el.type, value: given ? (v === null ? null : String(v)) : (el.initial_value ?? null) };
    case 'datepicker':
      return { type: el.type, selected_date: given ? v : (el.initial_date ?? null) };
    case 'timepicker':
      return { type: el.type, selected_time: given ? v : (el.initial_time ?? null) };
    case 'static_select':
    case 'radio_buttons': {
      const opt = given ? allOptions(el).find((o: any) => o.value === v) : el.initial_option;
      if (given && v !== null && !opt) throw new Error(`no option ${String(v)} in ${el.action_id}`);
      return { type: el.type, selected_option: opt ?? null };
    }
    case 'multi_static_select':
    case 'checkboxes': {
      const wanted = given ? (Array.isArray(v) ? v : v === null ? [] : [String(v)]) : undefined;
      const opts = wanted ? allOptions(el).filter((o: any) => wanted.includes(o.value)) : (el.initial_options ?? []);
      return { type: el.type, selected_options: opts };
    }
    case 'users_select':
      return { type: el.type, selected_user: given ? v : (el.initial_user ?? null) };
    case 'multi_users_select':
      return { type: el.type, selected_users: given ? v : (el.initial_users ?? []) };
    case 'conversations_select':
    case 'channels_select':
      return { type: el.type, [el.type === 'channels_select' ? 'selected_channel' : 'selected_conversation']: given ? v : (el.initial_conversation ?? el.initial_channel ?? null) };
    default:
      return { type: el.type, value: given ? v : null };
  }
}

function allOptions(el: any): any[] {
  return [...(el.options ?? []), ...(el.option_groups ?? []).flatMap((g: any) => g.options ?? [])];
}

function findElement(blocks: any[], actionId: string, blockId?: string): { element: any; blockId: string } | undefined {
  for (const b of blocks) {
    if (blockId && b.block_id !== blockId) continue;
    const els: any[] = [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : []), ...(b.element ? [b.element] : [])];
    const el = els.find((e) => e?.action_id === actionId);
    if (el) return { element: el, blockId: b.block_id ?? '' };
  }
  return undefined;
}
