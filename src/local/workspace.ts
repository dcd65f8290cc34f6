import { EventEmitter } from 'node:events';
import type { OffsetClock } from '../domain/clock.ts';
import { isLocale, type Locale } from '../i18n/index.ts';
import type { Running } from '../runtime.ts';
import type { FakeSlack, FakeView, RecordedCall } from '../slack/fake/server.ts';
import { SignedDriver, type InputValue } from '../slack/fake/signed-driver.ts';
import { sendBlockAction, type ActionInput, type Where } from './interactions.ts';
import { checkAccepted, LocalError } from './errors.ts';
import { readManifest } from './manifest.ts';

export interface SubmitResult {
  /** block_id → message, when the bot refused the form; the page keeps the person's input. */
  errors?: Record<string, string>;
}

/**
 * The local workspace: plays Slack's client for one person at a time on top of the fake Slack.
 * Everything goes to the bot as signed Slack requests (the same ones the tests send); what the
 * bot does comes back through the fake's recorded messages and views.
 */
export class LocalWorkspace {
  readonly driver: SignedDriver;
  readonly fake: FakeSlack;
  readonly manifest = readManifest();
  /** Modals the person has closed or submitted; the fake keeps every view it was ever given. */
  readonly closed = new Set<string>();
  private readonly emitter = new EventEmitter();
  private pending?: NodeJS.Timeout;

  constructor(
    readonly bot: Running,
    fake: FakeSlack,
    signingSecret: string,
    readonly clock: OffsetClock,
  ) {
    if (!bot.url) throw new Error('the local workspace needs the bot listening over HTTP');
    this.fake = fake;
    this.driver = new SignedDriver({ url: bot.url, signingSecret, fake });
    this.emitter.setMaxListeners(100);
    // Messages carry the bot's time, also after time travel (Slack stamps them with "now").
    this.fake.useClock(() => clock.now().getTime());
    this.fake.on('call', (c) => this.onCall(c));
    this.fake.on('response', () => this.changed());
  }

  onChange(listener: () => void): () => void {
    this.emitter.on('changed', listener);
    return () => this.emitter.off('changed', listener);
  }

  /** Ends the pages' event streams, so the HTTP server can stop. */
  close(): void {
    this.emitter.emit('close');
  }

  onClose(listener: () => void): () => void {
    this.emitter.on('close', listener);
    return () => this.emitter.off('close', listener);
  }

  /** Coalesces a burst of Slack calls into one "changed" signal to the open pages. */
  changed(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.emitter.emit('changed');
    }, 25);
  }

  private onCall(c: RecordedCall): void {
    // A new modal from views.open replaces whatever modal that person had open, as in Slack.
    if (c.method === 'views.open' && c.ok) {
      const modals = [...this.fake.views.values()].filter((v) => v.kind === 'modal');
      const opened = modals.at(-1);
      for (const v of modals) if (v !== opened && v.user === opened?.user) this.closed.add(v.id);
    }
    this.changed();
  }

  /** The modal on top of the person's stack, if any. */
  topModal(user: string): FakeView | undefined {
    return [...this.fake.views.values()].filter((v) => v.kind === 'modal' && v.user === user && !this.closed.has(v.id)).at(-1);
  }

  isMember(user: string): boolean {
    return this.fake.users.has(user) && user !== 'U0BOT';
  }

  /** Members' own language choices (`/samverkan språk`), as last read from the database. */
  private chosenLocales = new Map<string, Locale>();

  /** Reads the members' own language choices, so the page speaks to each as the bot does. */
  async readLanguages(): Promise<void> {
    const rows = await this.bot.db.prisma.member.findMany({
      where: { partnershipId: this.bot.ctx.partnershipId, chosenLocale: { not: null } },
      select: { chatUserId: true, chosenLocale: true },
    });
    this.chosenLocales = new Map(rows.flatMap((r) => (isLocale(r.chosenLocale) ? [[r.chatUserId, r.chosenLocale] as const] : [])));
  }

  /** The language the page speaks to a person: their own choice, else theirs in the partnership file, else the bot's. */
  localeOf(user: string | undefined): Locale {
    const chosen = user ? this.chosenLocales.get(user) : undefined;
    if (chosen) return chosen;
    const own = this.bot.partnership?.members.find((m) => m.user === user)?.locale;
    return isLocale(own) ? own : this.bot.config.locale;
  }

  /** Runs a slash command; resolves with the bot's first reply, if it answered with one. */
  async command(user: string, channel: string, line: string): Promise<{ reply?: any }> {
    const text = line.trim();
    if (!text.startsWith('/')) throw new LocalError('local.error.notCommand');
    const name = text.split(/\s+/)[0]!;
    if (!this.manifest.commands.some((c) => c.command === name)) {
      throw new LocalError('local.error.unknownCommand', { command: name, commands: this.manifest.commands.map((c) => c.command).join(', ') });
    }
    const modalBefore = this.topModal(user)?.id;
    const r = await this.driver.command(user, channel, text);
    checkAccepted(r.status);
    // The bot acks first and answers after; wait for its answer (a reply or a modal) so a caller
    // sees the outcome, but not forever: some commands only post later, through the outbox.
    await this.fake.waitFor(() => r.replies().length > 0 || this.topModal(user)?.id !== modalBefore, 3000).catch(() => undefined);
    await this.settle();
    return { reply: r.replies()[0]?.body };
  }

  /**
   * A person writes an ordinary message (or, with `thread`, a reply in a thread): the fake Slack
   * stores it, and the bot gets the signed `message` event Slack would send, so message
   * shortcuts and threads can be tried on what people actually wrote.
   */
  async say(user: string, channel: string, text: string, thread?: string): Promise<{ ts: string }> {
    const body = text.trim();
    if (!body) throw new LocalError('local.error.emptyMessage');
    if (thread && !this.fake.messages.some((m) => m.ts === thread && this.fake.channelMessages(channel).includes(m))) throw new LocalError('local.error.messageGone');
    const m = this.fake.postAsUser(user, channel, body, thread);
    const im = this.fake.channels.get(m.channel)?.is_im || /^[UW]/.test(m.channel);
    const r = await this.driver.event({
      type: 'message', channel: m.channel, channel_type: im ? 'im' : 'channel', user, text: body, ts: m.ts,
      ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
    });
    checkAccepted(r.status);
    this.changed();
    await this.settle();
    return { ts: m.ts };
  }

  /** The person closes an ephemeral reply ("Stäng"), as in Slack; it was only ever on their screen. */
  dismiss(user: string, channel: string, ts: string): void {
    if (this.fake.dismissEphemeral(user, channel, ts)) this.changed();
  }

  /**
   * Ephemeral replies do not outlive a reload in Slack; here they go when the clock moves on
   * (a demo's "next day"), so they do not pile up in the channel forever.
   */
  expireEphemeral(): void {
    for (const m of this.fake.messages.filter((x) => x.ephemeral_to !== undefined)) this.fake.dismissEphemeral(m.ephemeral_to!, m.channel, m.ts);
  }

  async act(user: string, where: Where, input: ActionInput): Promise<void> {
    await sendBlockAction(this.driver, user, where, input);
    await this.settle();
  }

  async shortcut(user: string, callbackId: string, channel: string, ts: string): Promise<void> {
    if (!this.manifest.shortcuts.some((s) => s.callbackId === callbackId)) throw new LocalError('local.error.unknownShortcut', { shortcut: callbackId });
    const m = this.fake.messages.find((x) => x.channel === channel && x.ts === ts);
    if (!m) throw new LocalError('local.error.messageGone');
    const r = await this.driver.messageShortcut(user, callbackId, channel, { ts, text: m.text, user: m.user, thread_ts: m.thread_ts });
    checkAccepted(r.status);
    await this.settle();
  }

  /** Submits a modal and does what Slack does with the bot's response_action. */
  async submit(user: string, viewId: string, values: Record<string, InputValue>): Promise<SubmitResult> {
    const v = this.fake.views.get(viewId);
    if (!v || v.kind !== 'modal' || this.closed.has(viewId)) throw new LocalError('local.error.formClosed');
    const r = await this.driver.submitView(user, viewId, values);
    checkAccepted(r.status);
    const body = typeof r.body === 'object' && r.body ? r.body : {};
    // The driver has applied update and push to the fake's views; the page follows what closed.
    switch (body.response_action) {
      case 'errors':
        return { errors: body.errors ?? {} };
      case 'update':
      case 'push':
        break;
      case 'clear':
        for (let x: FakeView | undefined = v; x; x = x.view.previous_view_id ? this.fake.views.get(x.view.previous_view_id) : undefined) this.closed.add(x.id);
        break;
      default:
        this.closed.add(viewId);
    }
    this.changed();
    await this.settle();
    return {};
  }

  async closeModal(user: string, viewId: string, values: Record<string, InputValue> = {}): Promise<void> {
    const v = this.fake.views.get(viewId);
    if (!v || this.closed.has(viewId)) return;
    this.closed.add(viewId);
    if (v.view.notify_on_close) await this.driver.closeView(user, viewId, values);
    this.changed();
  }

  async openHome(user: string): Promise<void> {
    await this.driver.event({ type: 'app_home_opened', user, channel: user, tab: 'home' });
    await this.settle();
  }

  /** Waits until the bot has delivered what it queued (cards, notices) so the page shows it. */
  async settle(): Promise<void> {
    await this.bot.outbox.idle();
    await this.bot.outbox.drain();
  }
}
