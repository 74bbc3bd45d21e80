// The operations HTTP server on PORT: /healthz (per-dependency status), /metrics (Prometheus), and
// any mounted handler (the Telegram webhook shares this port).
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Runtime } from './runtime.js';

export interface OpsServer {
  server: Server;
  port: number;
  /** Routes requests for `path` to a handler (e.g. the Telegram webhook). */
  mount(path: string, handler: RequestListener): void;
  close(): Promise<void>;
}

export interface HealthSources {
  /** Platform name → connected. */
  platforms(): Record<string, boolean>;
  /** The digest scheduler's engine and state (`in-process`, `bullmq`, `bullmq (redis unavailable)`). */
  scheduler?(): Promise<string>;
}

async function health(runtime: Runtime, sources: HealthSources) {
  const store = (await runtime.store.ping()) ? 'ok' : 'error';
  const platforms = sources.platforms();
  const scheduler = sources.scheduler ? await sources.scheduler() : undefined;
  const upstream = Object.fromEntries(
    [...runtime.metrics.lastSuccess].map(([source, at]) => [source, { lastSuccessAt: new Date(at).toISOString() }]),
  );
  const ok = store === 'ok' && Object.values(platforms).every(Boolean);
  return {
    status: ok ? 'ok' : 'degraded',
    platforms,
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
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const mounted = mounts.get(path);
    if (mounted) {
      mounted(req, res);
      return;
    }
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'method not allowed\n');
    if (path === '/healthz') {
      void health(runtime, sources).then((h) =>
        send(res, h.status === 'ok' ? 200 : 503, 'application/json', JSON.stringify(h)),
      );
      return;
    }
    if (path === '/metrics') {
      void runtime.metrics.registry
        .metrics()
        .then((text) => send(res, 200, runtime.metrics.registry.contentType, text));
      return;
    }
    send(res, 404, 'text/plain', 'not found\n');
  };
  const server = createServer(handler);
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
