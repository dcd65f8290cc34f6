/** chat.* methods. */
import { validateMessageBlocks } from './blocks.ts';
import { methods, type FakeState, type Handler } from './state.ts';
import { ApiError, str, type FakeMessage } from './types.ts';

function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
}

/** Checks text/blocks/attachments like Slack: no_text, msg_too_long, invalid_blocks. */
function checkContent(args: Record<string, any>): void {
  if (!present(args.text) && !present(args.blocks) && !present(args.attachments)) throw new ApiError('no_text');
  if (args.text !== undefined && String(args.text).length > 40000) throw new ApiError('msg_too_long');
  if (args.blocks !== undefined) validateMessageBlocks(args.blocks);
  if (args.attachments !== undefined && !Array.isArray(args.attachments)) throw new ApiError('invalid_attachments');
}

function newMessage(s: FakeState, channel: string, args: Record<string, any>): FakeMessage {
  const m: FakeMessage = { channel, ts: s.nextTs(), user: s.botUserId, bot_id: s.botId };
  if (args.text !== undefined) m.text = String(args.text);
  if (Array.isArray(args.blocks)) m.blocks = args.blocks;
  if (Array.isArray(args.attachments)) m.attachments = args.attachments;
  if (args.metadata !== undefined) m.metadata = args.metadata;
  const thread = str(args.thread_ts);
  if (thread) m.thread_ts = thread;
  return m;
}

const postMessage: Handler = (s, args) => {
  const channel = s.resolveChannel(args.channel);
  // A channel with a member list the bot is not on: Slack refuses (a private one it cannot even see).
  const c = s.channels.get(channel);
  if (c?.members && !c.is_im && !c.is_mpim && !c.members.includes(s.botUserId)) throw new ApiError(c.is_private ? 'channel_not_found' : 'not_in_channel');
  checkContent(args);
  const m = s.addMessage(newMessage(s, channel, args));
  return { channel, ts: m.ts, message: s.messageJson(m) };
};

const postEphemeral: Handler = (s, args) => {
  const channel = s.resolveChannel(args.channel);
  const user = str(args.user);
  if (!user) throw new ApiError('user_not_found');
  const members = s.channels.get(channel)?.members;
  if (members && !members.includes(user)) throw new ApiError('user_not_in_channel');
  checkContent(args);
  const m = newMessage(s, channel, args);
  m.ephemeral_to = user;
  s.addMessage(m);
  return { message_ts: m.ts };
};

const update: Handler = (s, args) => {
  const channel = s.resolveChannel(args.channel);
  const m = s.findMessage(channel, args.ts);
  if (!m) throw new ApiError('message_not_found');
  if (m.user !== s.botUserId) throw new ApiError('cant_update_message');
  checkContent(args);
  if (args.text !== undefined) m.text = String(args.text);
  if (Array.isArray(args.blocks)) m.blocks = args.blocks;
  if (Array.isArray(args.attachments)) m.attachments = args.attachments;
  if (args.metadata !== undefined) m.metadata = args.metadata;
  m.edited = true;
  return { channel: m.channel, ts: m.ts, text: m.text ?? '', message: s.messageJson(m) };
};

const del: Handler = (s, args) => {
  const channel = s.resolveChannel(args.channel);
  const m = s.findMessage(channel, args.ts);
  if (!m) throw new ApiError('message_not_found');
  s.removeMessage(m);
  return { channel: m.channel, ts: m.ts };
};

const getPermalink: Handler = (s, args) => {
  const channel = s.resolveChannel(args.channel);
  const m = s.findMessage(channel, args.message_ts);
  if (!m) throw new ApiError('message_not_found');
  let permalink = `${s.baseUrl}/archives/${m.channel}/p${m.ts.replace('.', '')}`;
  if (m.thread_ts && m.thread_ts !== m.ts) permalink += `?thread_ts=${m.thread_ts}&cid=${m.channel}`;
  return { channel: m.channel, permalink };
};

const scheduleMessage: Handler = (s, args) => {
  const channel = s.resolveChannel(args.channel);
  const postAt = Number(args.post_at);
  if (!Number.isFinite(postAt)) throw new ApiError('invalid_time');
  if (postAt * 1000 < Date.now()) throw new ApiError('time_in_past');
  checkContent(args);
  const m = newMessage(s, channel, args);
  const id = s.nextId('Q');
  s.scheduled.push({ id, channel, post_at: postAt, text: m.text, blocks: m.blocks, thread_ts: m.thread_ts });
  return { channel, scheduled_message_id: id, post_at: postAt, message: s.messageJson(m) };
};

export const chatMethods = methods('chat', { postMessage, postEphemeral, update, delete: del, getPermalink, scheduleMessage });
