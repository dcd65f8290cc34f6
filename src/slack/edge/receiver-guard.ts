import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, isValidSlackRequest, type HTTPReceiver, type Logger } from '@slack/bolt';
import { envelopeProblem } from './envelope.ts';

/** Slack's own rule, applied both ways: a request signed more than 5 minutes from now is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

function refuse(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}

/**
 * Stands in front of Bolt's HTTP receiver for POSTs to the events endpoint. Bolt only refuses
 * signatures from the past, and trusts that a signed body is an object of the shape it expects
 * (a signed `payload=null` took the process down). Here a request must be signed within five
 * minutes of now in either direction, and its body must be an envelope Slack could have sent;
 * anything else is refused with 401 or 400 before Bolt sees it. Whatever still goes wrong
 * while handling one request is logged, never thrown out of the server.
 */
export function guardReceiver(receiver: HTTPReceiver, o: { signingSecret: string; endpoint: string; logger: Logger; now?: () => number }): void {
  const inner: Listener = receiver.requestListener.bind(receiver);
  const now = o.now ?? Date.now;
  const guarded: Listener = (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || path !== o.endpoint) return inner(req, res);
    void (async () => {
      let buffered;
      try {
        // Bolt reuses the buffered body when it reads the request again.
        buffered = await HTTPModuleFunctions.bufferIncomingMessage(req);
      } catch (err) {
        const status = HTTPModuleFunctions.isRawBodyError(err) ? (err as { statusCode: number }).statusCode : 400;
        return refuse(res, status);
      }
      const raw = buffered.rawBody.toString();
      const sslCheck = req.headers['content-type'] === 'application/x-www-form-urlencoded' && new URLSearchParams(raw).get('ssl_check') === '1';
      if (!sslCheck) {
        const ts = Number(req.headers['x-slack-request-timestamp']);
        const signature = req.headers['x-slack-signature'];
        const fresh = Number.isFinite(ts) && Math.abs(Math.floor(now() / 1000) - ts) <= MAX_CLOCK_SKEW_SECONDS;
        if (!fresh || typeof signature !== 'string' || !isValidSlackRequest({ signingSecret: o.signingSecret, body: raw, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': ts }, nowMilliseconds: now() })) {
          o.logger.warn(`refused a request: ${fresh ? 'bad signature' : 'timestamp more than 5 minutes from now'}`);
          return refuse(res, 401);
        }
        let body: unknown;
        try {
          body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
        } catch {
          return refuse(res, 400);
        }
        const problem = envelopeProblem(body);
        if (problem) {
          o.logger.warn(`refused a malformed request: ${problem}`);
          return refuse(res, 400);
        }
      }
      inner(buffered, res);
    })().catch((err) => {
      o.logger.error(`request failed before Bolt: ${(err as Error)?.stack ?? err}`);
      refuse(res, 400);
    });
  };
  receiver.requestListener = guarded;
}
