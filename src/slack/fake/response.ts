/** response_url POSTs (what Bolt's respond() sends). */
import { validateMessageBlocks } from './blocks.ts';
import type { FakeState } from './state.ts';
import { ApiError, isObj, str, type FakeMessage, type ResponseUrlPost } from './types.ts';

const truthy = (v: unknown) => v === true || v === 'true';

/**
 * Records the post, then applies it when the response URL knows its channel:
 * delete_original / replace_original act on the original message (when its ts was given; else
 * they are only recorded), otherwise a new message is appended (ephemeral unless response_type is 'in_channel').
 * Returns the recorded post; its `error` is set when the body was rejected.
 */
export function handleResponsePost(s: FakeState, id: string, body: unknown): ResponseUrlPost {
  const post: ResponseUrlPost = { id, body, at: Date.now() };
  s.responseUrlPosts.push(post);
  if (!isObj(body)) {
    post.error = 'invalid_payload';
    return post;
  }
  try {
    if (body.blocks !== undefined) validateMessageBlocks(body.blocks);
  } catch (err) {
    post.error = err instanceof ApiError ? err.code : 'invalid_blocks';
    return post;
  }
  const target = s.responseTargets.get(id);
  const channel = target?.channel;
  if (!channel) return post;
  const original = target.message_ts ? s.findMessage(channel, target.message_ts, true) : undefined;
  if (truthy(body.delete_original)) {
    if (original) s.removeMessage(original);
    return post;
  }
  if (truthy(body.replace_original)) {
    if (!original) return post; // the original is unknown (no message_ts given): only recorded
    original.text = body.text === undefined ? '' : String(body.text);
    if (Array.isArray(body.blocks)) original.blocks = body.blocks;
    else delete original.blocks;
    original.edited = true;
    return post;
  }
  const m: FakeMessage = { channel, ts: s.nextTs(), user: s.botUserId, bot_id: s.botId };
  if (body.text !== undefined) m.text = String(body.text);
  if (Array.isArray(body.blocks)) m.blocks = body.blocks;
  const thread = str(body.thread_ts);
  if (thread) m.thread_ts = thread;
  if (body.response_type !== 'in_channel') m.ephemeral_to = target.user ?? 'unknown';
  s.addMessage(m);
  return post;
}
