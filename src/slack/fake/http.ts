/** Minimal HTTP helpers for the fake Slack server: body reading and parsing, replies. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './types.ts';

/** Fields that Slack accepts as JSON-encoded strings in form bodies. */
const JSON_FIELDS = ['blocks', 'attachments', 'view', 'metadata', 'files', 'unfurls', 'user_auth_blocks'];

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return [];
  const delim = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delim);
  while (pos !== -1) {
    const start = pos + delim.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delim, start);
    if (next === -1) break;
    const raw = body.subarray(start + 2, next - 2); // drop CRLF after the delimiter and before the next
    const sep = raw.indexOf('\r\n\r\n');
    if (sep !== -1) {
      const head = raw.subarray(0, sep).toString('utf8');
      const disposition = /content-disposition:[^\r\n]*/i.exec(head)?.[0] ?? '';
      const part: MultipartPart = {
        name: /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '',
        data: Buffer.from(raw.subarray(sep + 4)),
      };
      const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
      const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1];
      if (filename !== undefined) part.filename = filename;
      if (type !== undefined) part.contentType = type.trim();
      parts.push(part);
    }
    pos = next;
  }
  return parts;
}

/** Web API arguments from query string and a form, JSON or multipart body; JSON-valued fields parsed. */
export function parseArgs(contentType: string, body: Buffer, query: URLSearchParams): Record<string, any> {
  const args: Record<string, any> = Object.fromEntries(query);
  const ct = contentType.toLowerCase();
  if (ct.includes('application/json')) {
    let parsed: unknown = {};
    try {
      if (body.length > 0) parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new ApiError('invalid_json');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ApiError('invalid_json');
    Object.assign(args, parsed);
  } else if (ct.includes('multipart/form-data')) {
    for (const p of parseMultipart(body, contentType)) {
      args[p.name] = p.filename !== undefined ? p.data : p.data.toString('utf8');
    }
  } else if (body.length > 0) {
    Object.assign(args, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  }
  for (const key of JSON_FIELDS) {
    const v = args[key];
    if (typeof v === 'string' && /^\s*[[{]/.test(v)) {
      try {
        args[key] = JSON.parse(v);
      } catch {
        // leave the string: the method's validation reports it
      }
    }
  }
  return args;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(data), ...headers });
  res.end(data);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
