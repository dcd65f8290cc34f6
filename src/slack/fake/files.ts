/** File uploads the way WebClient.filesUploadV2 does them, plus serving stored bytes. */
import type { ServerResponse } from 'node:http';
import { validateMessageBlocks } from './blocks.ts';
import { parseMultipart, sendText } from './http.ts';
import { methods, type FakeState, type Handler } from './state.ts';
import { ApiError, isObj, str, type FakeFile } from './types.ts';

const MIME: Record<string, string> = {
  csv: 'text/csv', txt: 'text/plain', json: 'application/json', pdf: 'application/pdf', png: 'image/png',
  jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', html: 'text/html', md: 'text/markdown',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ics: 'text/calendar',
};

export function mimetypeFor(filename: string): string {
  return MIME[filename.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

const getUploadURLExternal: Handler = (s, args) => {
  const filename = str(args.filename);
  const length = Number(args.length);
  if (!filename || !Number.isInteger(length) || length <= 0) {
    throw new ApiError('invalid_arguments', { response_metadata: { messages: ['[ERROR] filename and a positive length are required'] } });
  }
  const id = s.nextId('F');
  s.uploads.set(id, { id, filename, length });
  return { upload_url: `${s.baseUrl}/upload/${id}`, file_id: id };
};

const completeUploadExternal: Handler = (s, args) => {
  if (!Array.isArray(args.files) || args.files.length === 0) throw new ApiError('invalid_arguments');
  const rawChannels = str(args.channel_id) ?? str(args.channels);
  const channels = rawChannels ? rawChannels.split(',').map((c) => s.resolveChannel(c.trim())) : [];
  if (args.blocks !== undefined) validateMessageBlocks(args.blocks);
  const requested: unknown[] = args.files;
  const pending = requested.map((f) => {
    const up = isObj(f) ? s.uploads.get(String(f.id)) : undefined;
    if (!up?.content) throw new ApiError('file_not_found');
    return { up: { ...up, content: up.content }, title: isObj(f) ? str(f.title) : undefined };
  });
  const thread_ts = str(args.thread_ts);
  const initial_comment = str(args.initial_comment);
  const stored = pending.map(({ up, title }) => {
    const file: FakeFile = { id: up.id, filename: up.filename, title: title ?? up.filename, content: up.content, channels, mimetype: mimetypeFor(up.filename) };
    if (thread_ts) file.thread_ts = thread_ts;
    if (initial_comment) file.initial_comment = initial_comment;
    s.uploads.delete(up.id);
    s.files.push(file);
    return file;
  });
  for (const channel of channels) {
    const m = s.addMessage({ channel, ts: s.nextTs(), user: s.botUserId, bot_id: s.botId, subtype: 'file_share', text: initial_comment ?? '', files: stored.map((f) => f.id) });
    if (thread_ts) m.thread_ts = thread_ts;
    if (Array.isArray(args.blocks)) m.blocks = args.blocks;
  }
  return { files: stored.map((f) => s.fileJson(f)) };
};

const info: Handler = (s, args) => {
  const f = s.files.find((x) => x.id === args.file);
  if (!f) throw new ApiError('file_not_found');
  return { file: s.fileJson(f) };
};

export const fileMethods = methods('files', { getUploadURLExternal, completeUploadExternal, info });

/** POST to an upload_url: raw bytes, or multipart (WebClient sends a FormData with the bytes as a file part). */
export function receiveUpload(s: FakeState, id: string, contentType: string, body: Buffer, res: ServerResponse): void {
  const up = s.uploads.get(id);
  if (!up) return sendText(res, 404, 'Not Found');
  let content = body;
  if (contentType.toLowerCase().includes('multipart/form-data')) {
    const parts = parseMultipart(body, contentType);
    const part = parts.find((p) => p.filename !== undefined) ?? parts.find((p) => p.name === 'file' || p.name === 'body') ?? parts[0];
    if (!part) return sendText(res, 400, 'Bad Request');
    content = part.data;
  }
  up.content = content;
  sendText(res, 200, `OK - ${content.length}`);
}

/**
 * The Content-Type of a stored file. Slack serves text as UTF-8; say so, or a browser opens a
 * Markdown or CSV export with "Ã¥" for "å".
 */
export function contentType(f: FakeFile): string {
  const type = f.mimetype || mimetypeFor(f.filename);
  const textual = /^text\//.test(type) || type === 'application/json';
  return textual && !/charset=/i.test(type) ? `${type}; charset=utf-8` : type;
}

/** GET /files/<id>: a stored file's bytes. */
export function serveFile(s: FakeState, id: string, res: ServerResponse): void {
  const f = s.files.find((x) => x.id === id);
  if (!f) return sendText(res, 404, 'Not Found');
  res.writeHead(200, {
    'Content-Type': contentType(f),
    'Content-Length': f.content.length,
    'Content-Disposition': `inline; filename="${encodeURIComponent(f.filename)}"`,
  });
  res.end(f.content);
}
