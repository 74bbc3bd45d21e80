import { request } from 'node:http';
import { createServer } from 'node:net';
import { startOpsServer, type OpsServer } from '../../bot/ops-server.js';
import { startFakeUpstream, type FakeUpstream } from '../fakes/upstream.js';
import { manualClock, memoryLogger, testRuntime } from '../helpers.js';
import type { Runtime } from '../../bot/runtime.js';

let up: FakeUpstream;
let rt: Runtime;
let ops: OpsServer;
let connected = true;

beforeAll(async () => {
  up = await startFakeUpstream();
  rt = await testRuntime(up, { clock: manualClock(), logger: memoryLogger() });
  ops = await startOpsServer(0, rt, { platforms: () => ({ discord: connected, telegram: true }) }, '127.0.0.1');
});
afterAll(async () => {
  await ops.close();
  await rt.close();
  await up.close();
});

function get(path: string, method = 'GET'): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: ops.port, path, method }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type']) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('/metrics counts commands by outcome, latency, cache events and upstream requests', async () => {
  await rt.run('yield', { text: '100TH' }, { lang: 'en', platform: 'test' });
  await rt.run('yield', { text: '100TH' }, { lang: 'en', platform: 'test' });
  await rt.run('yield', { text: 'hashrate=bad' }, { lang: 'en', platform: 'test' });
  const m = await get('/metrics');
  expect(m.status).toBe(200);
  expect(m.type).toMatch(/^text\/plain/);
  expect(m.body).toMatch(/hashdesk_commands_total\{command="yield",outcome="ok"\} 2/);
  expect(m.body).toMatch(/hashdesk_commands_total\{command="yield",outcome="user-error"\} 1/);
  expect(m.body).toMatch(/hashdesk_command_seconds_count\{command="yield"\} 3/);
  expect(m.body).toMatch(/hashdesk_upstream_requests_total\{source="mempool"\} 4/);
  expect(m.body).toMatch(/hashdesk_cache_events_total\{event="miss"\} \d+/);
  expect(m.body).toMatch(/hashdesk_cache_events_total\{event="hit"\} \d+/);
});

test('/healthz reports platforms, cache, store and the last successful fetch per source', async () => {
  const h = await get('/healthz');
  expect(h.status).toBe(200);
  const body = JSON.parse(h.body) as {
    status: string;
    platforms: Record<string, boolean>;
    store: { status: string };
    cache: string;
    upstream: Record<string, { lastSuccessAt: string }>;
  };
  expect(body).toMatchObject({
    status: 'ok',
    cache: 'memory',
    store: { backend: 'sqlite', status: 'ok' },
    platforms: { discord: true, telegram: true },
  });
  expect(body.upstream.mempool?.lastSuccessAt).toMatch(/^2026-09-19T/);
  connected = false;
  const degraded = await get('/healthz');
  expect(degraded.status).toBe(503);
  expect(JSON.parse(degraded.body)).toMatchObject({ status: 'degraded', platforms: { discord: false } });
  connected = true;
});

test('mounted handlers (the Telegram webhook) share the port; unknown paths are 404', async () => {
  ops.mount('/tg/hook', (_req, res) => {
    res.statusCode = 200;
    res.end('hooked');
  });
  expect((await get('/tg/hook', 'POST')).body).toBe('hooked');
  expect((await get('/nope')).status).toBe(404);
  expect((await get('/metrics', 'POST')).status).toBe(405);
});

test('/healthz names the cache backend as it is (redis unreachable → in-process) and the scheduler engine', async () => {
  // A port nothing listens on: the Redis cache cannot connect and serves from memory.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const rt2 = await testRuntime(up, {
    clock: manualClock(),
    logger: memoryLogger(),
    env: { REDIS_URL: `redis://127.0.0.1:${port}` },
  });
  const ops2 = await startOpsServer(
    0,
    rt2,
    { platforms: () => ({ telegram: true }), scheduler: () => Promise.resolve('bullmq (redis unavailable)') },
    '127.0.0.1',
  );
  try {
    for (let i = 0; i < 100 && rt2.cacheStatus() !== 'memory (redis unavailable)'; i++)
      await new Promise((r) => setTimeout(r, 50));
    const body = await new Promise<string>((resolve, reject) => {
      request({ host: '127.0.0.1', port: ops2.port, path: '/healthz' }, (res) => {
        let b = '';
        res.on('data', (d: Buffer) => (b += d.toString()));
        res.on('end', () => resolve(b));
      })
        .on('error', reject)
        .end();
    });
    expect(JSON.parse(body)).toMatchObject({
      cache: 'memory (redis unavailable)',
      scheduler: 'bullmq (redis unavailable)',
    });
  } finally {
    await ops2.close();
    await rt2.close();
  }
});
