// Shared cache across instances on a real Redis (REDIS_URL); skipped, and said so, without it.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { dispatch } from '../../commands/index.js';
import { startFakeUpstream, type FakeUpstream } from '../fakes/upstream.js';
import { manualClock, memoryLogger, testRuntime } from '../helpers.js';
import type { Runtime } from '../../bot/runtime.js';
import { RedisCache } from '../../bot/cache/redis-cache.js';

const REDIS_URL = process.env.REDIS_URL;
const suite = REDIS_URL ? describe : describe.skip;
if (!REDIS_URL)
  process.stdout.write('redis suite skipped: REDIS_URL is not set (.ci/run sets it when a Redis server answers)\n');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

suite('shared cache in Redis', () => {
  let up: FakeUpstream;
  beforeAll(async () => {
    up = await startFakeUpstream();
  });
  afterAll(() => up.close());
  beforeEach(() => up.reset());

  const instance = (prefix: string): Promise<Runtime> =>
    testRuntime(up, {
      clock: manualClock(),
      logger: memoryLogger(),
      env: { REDIS_URL: REDIS_URL!, REDIS_KEY_PREFIX: prefix },
    });
  const ask = (rt: Runtime) =>
    dispatch('yield', { text: '100TH 3000W 0.05' }, { lang: 'en', platform: 'test' }, rt.deps);

  test('concurrent cold requests on two instances cause one upstream request per endpoint', async () => {
    const prefix = `test:${randomUUID()}:`;
    const [a, b] = await Promise.all([instance(prefix), instance(prefix)]);
    // Both connected before the burst (a count-based wait, not a timing assertion).
    for (let i = 0; i < 100 && (a.cacheStatus() !== 'redis' || b.cacheStatus() !== 'redis'); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const replies = await Promise.all([
      ...Array.from({ length: 50 }, () => ask(a)),
      ...Array.from({ length: 50 }, () => ask(b)),
    ]);
    expect(replies.every((r) => r.kind === 'ok')).toBe(true);
    expect(up.counts.get('/mempool/api/v1/mining/hashrate/3d')).toBe(1);
    expect(up.counts.get('/mempool/api/v1/prices')).toBe(1);
    expect(up.counts.get('/mempool/api/blocks/tip/height')).toBe(1);
    expect(up.counts.get('/mempool/api/v1/mining/reward-stats/144')).toBe(1);
    expect(a.cacheStatus()).toBe('redis');
    await a.close();
    await b.close();
  });

  test('Redis stopped mid-run: commands are still answered from the in-process cache, and health says so', async () => {
    const port = await freePort();
    const server: ChildProcess = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const logger = memoryLogger();
    const rt = await testRuntime(up, {
      clock: manualClock(),
      logger,
      env: { REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_KEY_PREFIX: `t:${randomUUID()}:` },
    });
    for (let i = 0; i < 100 && rt.cacheStatus() !== 'redis'; i++) await new Promise((r) => setTimeout(r, 50));
    expect(rt.cacheStatus()).toBe('redis');
    expect((await ask(rt)).kind).toBe('ok');
    server.kill('SIGKILL');
    for (let i = 0; i < 100 && rt.cacheStatus() !== 'memory (redis unavailable)'; i++)
      await new Promise((r) => setTimeout(r, 50));
    const after = await ask(rt);
    expect(after.kind).toBe('ok');
    expect(rt.cacheStatus()).toBe('memory (redis unavailable)');
    expect(logger.records.some((r) => r.msg === 'redis unavailable: using the in-process cache')).toBe(true);
    await rt.close();
  });

  test('a value read from Redis is reused in process for l1Ms: hot keys cost one Redis read a second, misses always ask', async () => {
    const prefix = `l1:${randomUUID()}:`;
    const a = new RedisCache(REDIS_URL!, memoryLogger(), prefix, 300);
    const b = new RedisCache(REDIS_URL!, memoryLogger(), prefix, 300);
    try {
      for (let i = 0; i < 100 && (a.status !== 'redis' || b.status !== 'redis'); i++)
        await new Promise((r) => setTimeout(r, 20));
      const reads = jest.spyOn(
        (a as unknown as { redis: { get: (k: string) => Promise<string | null> } }).redis,
        'get',
      );
      // A miss is never kept: b's fill is seen by a at once.
      expect(await a.get('k')).toBeUndefined();
      await b.set('k', { value: 1, fetchedAt: 1 }, 60_000);
      expect((await a.get('k'))?.value).toBe(1);
      const before = reads.mock.calls.length;
      for (let i = 0; i < 1000; i++) await a.get('k');
      expect(reads.mock.calls.length).toBe(before); // 1,000 warm reads, no Redis round trip
      // Another instance's refresh shows up once l1Ms has passed.
      await b.set('k', { value: 2, fetchedAt: 2 }, 60_000);
      expect((await a.get('k'))?.value).toBe(1);
      await new Promise((r) => setTimeout(r, 350));
      expect((await a.get('k'))?.value).toBe(2);
      expect(reads.mock.calls.length).toBe(before + 1);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
