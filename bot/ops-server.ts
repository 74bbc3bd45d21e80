// The operations HTTP server on PORT: /healthz (per-dependency status), /metrics (Prometheus), and
// any mounted handler (the Telegram webhook shares this port). Every request is handled inside a
// try: a malformed request line or a failing handler answers 400/500, never takes the process down.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Runtime } from './runtime.js';
import { requestPath } from '../commands/core/text.calc.js';

export interface OpsServer {
  server: Server;
  port: number;
  /** Routes requests for `path` to a handler (e.g. the Telegram webhook). */
  mount(path: string, handler: RequestListener): void;
  close(): Promise<void>;
}

/** A platform's state for /healthz: `up` is the only healthy one. */
export type PlatformState = 'starting' | 'up' | 'reconnecting' | 'stopped';

export interface HealthSources {
  /** Platform name → state (or connected as a boolean). */
  platforms(): Record<string, PlatformState | boolean>;
  /** The digest scheduler's engine and state (`in-process`, `bullmq`, `bullmq (redis unavailable)`). */
  scheduler?(): Promise<string>;
  /** False until every configured part has started (readiness). */
  ready?(): boolean;
}

async function health(runtime: Runtime, sources: HealthSources) {
  const store = (await runtime.store.ping()) ? 'ok' : 'error';
  const states = Object.fromEntries(
    Object.entries(sources.platforms()).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 'up' : 'stopped') : v]),
  );
  const platforms = Object.fromEntries(Object.entries(states).map(([k, v]) => [k, v === 'up']));
  const scheduler = sources.scheduler ? await sources.scheduler() : undefined;
  const upstream = Object.fromEntries(
    [...runtime.metrics.lastSuccess].map(([source, at]) => [source, { lastSuccessAt: new Date(at).toISOString() }]),
  );
  const ready = sources.ready ? sources.ready() : true;
  const ok = ready && store === 'ok' && Object.values(platforms).every(Boolean);
  return {
    status: ok ? 'ok' : ready ? 'degraded' : 'starting',
    ready,
    platforms,
    states,
    cache: runtime.cacheStatus(),
    ...(scheduler ? { scheduler } : {}),
    store: { backend: runtime.store.dialect, status: store },
    upstream,
  };
}

export async function startOpsServer(
  port: number,
  runtime: Runtime,
  sources: HealthSources,
  host = '0.0.0.0',
): Promise<OpsServer> {
  const mounts = new Map<string, RequestListener>();
  const send = (res: ServerResponse, status: number, type: string, body: string): void => {
    if (res.headersSent) {
      res.end();
      return;
    }
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  const failed = (res: ServerResponse, err: unknown): void => {
    runtime.deps.logger.error('ops request failed', { error: err instanceof Error ? err.message : String(err) });
    send(res, 500, 'text/plain', 'internal error\n');
  };
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    try {
      const path = requestPath(req.url);
      if (path === null) return send(res, 400, 'text/plain', 'bad request\n');
      const mounted = mounts.get(path);
      if (mounted) {
        mounted(req, res);
        return;
      }
      if (req.method !== 'GET') return send(res, 405, 'text/plain', 'method not allowed\n');
      if (path === '/healthz') {
        health(runtime, sources).then(
          (h) => send(res, h.status === 'ok' ? 200 : 503, 'application/json', JSON.stringify(h)),
          (err: unknown) => failed(res, err),
        );
        return;
      }
      if (path === '/metrics') {
        runtime.metrics.registry.metrics().then(
          (text) => send(res, 200, runtime.metrics.registry.contentType, text),
          (err: unknown) => failed(res, err),
        );
        return;
      }
      send(res, 404, 'text/plain', 'not found\n');
    } catch (err) {
      failed(res, err);
    }
  };
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, handler);
  // A client that sends garbage gets 400 from Node and its socket closed; never an exception here.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return {
    server,
    port: typeof address === 'object' && address ? address.port : port,
    mount: (path, h) => mounts.set(path, h),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
