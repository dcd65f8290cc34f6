/** conversations.* methods. */
import { methods, paginate, type FakeState, type Handler } from './state.ts';
import { ApiError, str, type FakeChannel, type FakeMessage } from './types.ts';

export function channelJson(s: FakeState, c: FakeChannel): Record<string, unknown> {
  const isIm = c.is_im === true;
  return {
    id: c.id, name: isIm ? undefined : c.name, is_channel: !isIm && !c.is_private, is_group: !isIm && !!c.is_private,
    is_im: isIm, is_mpim: !!c.is_mpim, is_private: isIm || !!c.is_private, is_archived: false, is_general: c.name === 'general',
    is_member: c.members ? c.members.includes(s.botUserId) : true, num_members: c.members?.length, user: c.user,
    context_team_id: s.teamId, created: 1700000000,
  };
}

const visible = (m: FakeMessage) => m.ephemeral_to === undefined;
const isTopLevel = (m: FakeMessage) => !m.thread_ts || m.thread_ts === m.ts;

const info: Handler = (s, args) => ({ channel: channelJson(s, s.channel(args.channel)) });

const members: Handler = (s, args) => {
  const { page, response_metadata } = paginate(s.channel(args.channel).members ?? [], args);
  return { members: page, response_metadata };
};

const list: Handler = (s, args) => {
  const types = String(args.types ?? 'public_channel').split(',').map((t) => t.trim());
  const kind = (c: FakeChannel) => (c.is_im ? 'im' : c.is_mpim ? 'mpim' : c.is_private ? 'private_channel' : 'public_channel');
  const all = [...s.channels.values()].filter((c) => types.includes(kind(c)));
  const { page, response_metadata } = paginate(all, args);
  return { channels: page.map((c) => channelJson(s, c)), response_metadata };
};

const history: Handler = (s, args) => {
  const c = s.channel(args.channel);
  const inclusive = args.inclusive === true || args.inclusive === 'true' || args.inclusive === '1';
  const after = (ts: string, bound: unknown) => bound === undefined || (inclusive ? Number(ts) >= Number(bound) : Number(ts) > Number(bound));
  const before = (ts: string, bound: unknown) => bound === undefined || (inclusive ? Number(ts) <= Number(bound) : Number(ts) < Number(bound));
  const all = s.messages
    .filter((m) => visible(m) && isTopLevel(m) && s.sameChannel(m.channel, c.id) && after(m.ts, args.oldest) && before(m.ts, args.latest))
    .reverse();
  const limit = Math.max(1, Number(args.limit) || 100);
  return { messages: all.slice(0, limit).map((m) => s.messageJson(m)), has_more: all.length > limit };
};

const replies: Handler = (s, args) => {
  const channel = s.resolveChannel(args.channel);
  const ts = str(args.ts);
  if (!ts) throw new ApiError('thread_not_found');
  const parent = s.findMessage(channel, ts);
  const rest = s.messages.filter((m) => visible(m) && m.thread_ts === ts && m.ts !== ts && s.sameChannel(m.channel, channel));
  if (!parent && rest.length === 0) throw new ApiError('thread_not_found');
  const all = parent ? [parent, ...rest] : rest;
  return { messages: all.map((m) => s.messageJson(m)), has_more: false };
};

const join: Handler = (s, args) => {
  const c = s.channel(args.channel);
  if (c.members && !c.members.includes(s.botUserId)) c.members.push(s.botUserId);
  return { channel: channelJson(s, c) };
};

const open: Handler = (s, args) => {
  if (args.channel !== undefined) return { channel: channelJson(s, s.channel(args.channel)), already_open: true };
  const users = (Array.isArray(args.users) ? args.users : String(args.users ?? '').split(','))
    .map((u: unknown) => String(u).trim())
    .filter((u: string) => u !== '');
  if (users.length === 0) throw new ApiError('users_list_not_supplied');
  const found = [...s.channels.values()].find((c) =>
    users.length === 1 ? c.is_im && c.user === users[0] : c.is_mpim && [...(c.members ?? [])].sort().join() === [...users, s.botUserId].sort().join(),
  );
  if (found) return { channel: channelJson(s, found), already_open: true };
  let c: FakeChannel;
  if (users.length === 1) {
    const user = users[0] as string;
    const stable = `D${user.replace(/^[UW]/, '')}`;
    c = { id: s.channels.has(stable) ? s.nextId('D') : stable, name: user, is_im: true, user, members: [user, s.botUserId] };
  } else {
    c = { id: s.nextId('G'), name: `mpdm-${users.join('--')}`, is_mpim: true, is_private: true, members: [...users, s.botUserId] };
  }
  s.channels.set(c.id, c);
  return { channel: channelJson(s, c) };
};

export const conversationMethods = methods('conversations', { info, members, list, history, replies, join, open });
