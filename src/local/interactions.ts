import crypto from 'node:crypto';
import type { FakeSlack, FakeView } from '../slack/fake/server.ts';
import type { InputValue, SignedDriver } from '../slack/fake/signed-driver.ts';
import { checkAccepted, LocalError } from './errors.ts';

/** Where an interactive element sits: a message (channel + ts) or a view (modal or App Home). */
export type Where = { channel: string; ts: string } | { viewId: string };

/** What the page sends when a person clicks or picks: the element and the value chosen. */
export interface ActionInput {
  actionId: string;
  blockId?: string;
  value?: InputValue;
  /** Current inputs of the modal the element is in, so the bot sees what the person typed. */
  values?: Record<string, InputValue>;
}

/** A view by id, including App Home views (which the fake files under `home:<user>`). */
export function findView(fake: FakeSlack, viewId: string): FakeView | undefined {
  return fake.views.get(viewId) ?? [...fake.views.values()].find((v) => v.id === viewId);
}

function allOptions(el: any): any[] {
  return [...(el.options ?? []), ...(el.option_groups ?? []).flatMap((g: any) => g.options ?? [])];
}

function findElement(blocks: any[], actionId: string, blockId?: string): { element: any; blockId: string } | undefined {
  for (const b of blocks ?? []) {
    if (blockId && b.block_id !== blockId) continue;
    const els: any[] = [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : []), ...(b.element ? [b.element] : [])];
    const el = els.find((e) => e?.action_id === actionId);
    if (el) return { element: el, blockId: b.block_id ?? '' };
  }
  return undefined;
}

/** The `actions[0]` Slack sends for an element of each type. */
function actionPayload(el: any, blockId: string, value: InputValue | undefined): Record<string, unknown> {
  const a: Record<string, unknown> = { action_id: el.action_id, block_id: blockId, type: el.type, action_ts: `${Date.now() / 1000}` };
  const opts = allOptions(el);
  const list = Array.isArray(value) ? value.map(String) : value === null || value === undefined ? [] : [String(value)];
  switch (el.type) {
    case 'button':
      if (el.value !== undefined) a.value = el.value;
      break;
    case 'static_select':
    case 'overflow':
    case 'radio_buttons':
      a.selected_option = opts.find((o) => o.value === String(value)) ?? null;
      break;
    case 'multi_static_select':
    case 'checkboxes':
      a.selected_options = opts.filter((o) => list.includes(o.value));
      break;
    case 'users_select':
      a.selected_user = value ?? null;
      break;
    case 'conversations_select':
      a.selected_conversation = value ?? null;
      break;
    case 'channels_select':
      a.selected_channel = value ?? null;
      break;
    case 'datepicker':
      a.selected_date = value ?? null;
      break;
    case 'timepicker':
      a.selected_time = value ?? null;
      break;
    default:
      a.value = value ?? null;
  }
  return a;
}

/**
 * Sends Slack's block_actions payload for a click or pick, signed like Slack signs it. Unlike the
 * test driver's `click`, it carries the modal's current inputs and every element type.
 */
export async function sendBlockAction(driver: SignedDriver, fake: FakeSlack, user: string, where: Where, input: ActionInput): Promise<void> {
  const responseUrlId = crypto.randomUUID();
  let blocks: any[];
  const extra: Record<string, unknown> = {};
  if ('viewId' in where) {
    const v = findView(fake, where.viewId);
    if (!v) throw new LocalError('local.error.formClosed');
    blocks = v.view.blocks ?? [];
    extra.container = { type: 'view', view_id: v.id };
    extra.view = { ...v.view, id: v.id, hash: v.hash, state: { values: driver.stateValues(v.view, input.values ?? {}) } };
  } else {
    const m = fake.messages.find((x) => x.channel === where.channel && x.ts === where.ts);
    if (!m) throw new LocalError('local.error.messageGone');
    blocks = m.blocks ?? [];
    extra.container = { type: 'message', message_ts: m.ts, channel_id: m.channel, is_ephemeral: !!m.ephemeral_to };
    extra.channel = { id: m.channel, name: m.channel.toLowerCase() };
    extra.message = { type: 'message', ts: m.ts, text: m.text, blocks: m.blocks, ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}) };
    extra.state = { values: driver.stateValues({ blocks }, input.values ?? {}) };
    extra.response_url = fake.responseUrl(responseUrlId, m.channel, { message_ts: m.ts, user });
  }
  const found = findElement(blocks, input.actionId, input.blockId);
  if (!found) throw new LocalError('local.error.elementGone');
  const u = fake.users.get(user);
  const payload = {
    type: 'block_actions',
    token: 'legacy',
    api_app_id: driver.appId,
    team: { id: driver.teamId, domain: 'samverkan' },
    is_enterprise_install: false,
    user: { id: user, username: u?.name ?? user.toLowerCase(), name: u?.name ?? user.toLowerCase(), team_id: driver.teamId },
    trigger_id: fake.triggerId(user),
    actions: [actionPayload(found.element, found.blockId, input.value)],
    ...extra,
  };
  const r = await driver.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
  checkAccepted(r.status);
}
