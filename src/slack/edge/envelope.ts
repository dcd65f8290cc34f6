import { z } from 'zod';

/*
 * The outer shape of everything Slack sends to the events endpoint, checked once at the edge so
 * that Bolt and the listeners can trust ids and objects to be there. Inner values (command text,
 * view state, private metadata, action values) are parsed by each listener with its own schema.
 */

const id = z.string().min(1).max(255);
const obj = z.object({}).passthrough();

const command = z.object({
  command: z.string().regex(/^\/\S+$/),
  text: z.string().optional(),
  user_id: id,
  channel_id: id,
  team_id: id,
  trigger_id: z.string().optional(),
  response_url: z.string().url().optional(),
});

const user = z.object({ id }).passthrough();

// Slack sends every value a person typed or picked as a string (or null when left empty).
const text = z.string().max(10_000);
const option = z.object({ value: text }).passthrough();
const stateElement = z.object({
  type: z.string(),
  value: text.nullable().optional(),
  selected_option: option.nullable().optional(),
  selected_options: z.array(option).optional(),
  selected_date: text.nullable().optional(),
  selected_time: text.nullable().optional(),
  selected_user: text.nullable().optional(),
  selected_users: z.array(text).optional(),
  selected_channel: text.nullable().optional(),
  selected_conversation: text.nullable().optional(),
}).passthrough();
const stateValues = z.object({ values: z.record(z.string(), z.record(z.string(), stateElement)) }).passthrough();
const action = z.object({
  action_id: z.string(),
  block_id: z.string().optional(),
  type: z.string(),
  value: text.optional(),
  selected_option: option.nullable().optional(),
  selected_options: z.array(option).optional(),
  selected_date: text.nullable().optional(),
  selected_user: text.nullable().optional(),
}).passthrough();
const view = z.object({
  id,
  callback_id: z.string(),
  private_metadata: z.string().optional(),
  state: stateValues.optional(),
}).passthrough();

const interactive = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('block_actions'),
    user,
    actions: z.array(action).min(1),
    state: stateValues.optional(),
    view: view.optional(),
    channel: z.object({ id }).passthrough().optional(),
    message: obj.optional(),
    container: obj.optional(),
    response_url: z.string().url().optional(),
  }).passthrough(),
  z.object({ type: z.literal('view_submission'), user, view }).passthrough(),
  z.object({ type: z.literal('view_closed'), user, view }).passthrough(),
  z.object({ type: z.literal('shortcut'), user, callback_id: z.string(), trigger_id: z.string() }).passthrough(),
  z.object({
    type: z.literal('message_action'),
    user,
    callback_id: z.string(),
    trigger_id: z.string(),
    channel: z.object({ id }).passthrough(),
    message: z.object({ ts: z.string() }).passthrough(),
    response_url: z.string().url().optional(),
  }).passthrough(),
  z.object({ type: z.literal('block_suggestion'), user, action_id: z.string(), value: z.string() }).passthrough(),
]);

const eventCallback = z.object({
  type: z.literal('event_callback'),
  team_id: id.optional(),
  event: z.object({ type: z.string().min(1) }).passthrough(),
}).passthrough();

const urlVerification = z.object({ type: z.literal('url_verification'), challenge: z.string() }).passthrough();

/** Why a parsed request body cannot be from Slack, or undefined when its envelope is sound. */
export function envelopeProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body is not an object';
  const b = body as Record<string, unknown>;
  let schema: z.ZodType;
  if (typeof b.command === 'string' || 'command' in b) schema = command;
  else if (b.type === 'event_callback') schema = eventCallback;
  else if (b.type === 'url_verification') schema = urlVerification;
  else schema = interactive;
  const r = schema.safeParse(body);
  if (r.success) return undefined;
  const first = r.error.issues[0]!;
  return `${first.path.join('.') || '(body)'}: ${first.message}`;
}
