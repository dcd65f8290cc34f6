import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.ts';

/** A request with the values of its route's `:name` segments. */
export type RouteRequest = IncomingMessage & { params?: Record<string, string> };
export type RouteHandler = (req: RouteRequest, res: ServerResponse) => void | Promise<void>;

/** One route of the bot's HTTP server: an exact path whose `:name` segments match any one segment. */
export interface Route {
  path: string;
  method: string[];
  handler: RouteHandler;
}

function match(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, w] of want.entries()) {
    const g = got[i]!;
    if (w.startsWith(':')) {
      if (!g) return undefined;
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return undefined;
      }
    } else if (w !== g) return undefined;
  }
  return params;
}

/**
 * The bot's one HTTP server, owned by the core: `/healthz`, the calendar feeds, and whatever the
 * adapters mount (Slack's `/slack/events`, Teams' `/api/messages`) and the local workspace's page.
 * A handler that throws answers 500 and is logged; it never takes the server down.
 */
export class HttpServer {
  private readonly routes: Route[] = [];
  private server: Server | undefined;

  constructor(private readonly logger: Logger) {}

  route(...routes: Route[]): void {
    for (const r of routes) {
      if (this.routes.some((x) => x.path === r.path && x.method.some((m) => r.method.includes(m)))) throw new Error(`route ${r.path} is mounted twice`);
      this.routes.push(r);
    }
  }

  private handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0]!;
    let allowed: string[] = [];
    for (const r of this.routes) {
      const params = match(r.path, path);
      if (!params) continue;
      if (!r.method.includes(req.method ?? 'GET')) {
        allowed = [...allowed, ...r.method];
        continue;
      }
      (req as RouteRequest).params = params;
      Promise.resolve()
        .then(() => r.handler(req as RouteRequest, res))
        .catch((err) => {
          this.logger.error(`${req.method} ${path}: ${(err as Error)?.stack ?? err}`);
          if (!res.headersSent) res.writeHead(500);
          res.end();
        });
      return;
    }
    if (allowed.length) res.writeHead(405, { allow: [...new Set(allowed)].join(', ') });
    else res.writeHead(404, { 'content-type': 'text/plain' });
    res.end(allowed.length ? undefined : 'Not Found');
  };

  /** Starts listening; returns the loopback address it can be reached at. */
  async listen(port: number, host?: string): Promise<string> {
    const server = http.createServer(this.handle);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Stops taking connections and waits for the open requests to end. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await closed;
  }
}
