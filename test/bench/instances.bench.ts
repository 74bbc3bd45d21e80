// Upstream requests and throughput with 1, 2 and 4 instances sharing Redis (instances are separate
// runtimes — caches, fetchers, Redis connections — in one process; each instance gets 200 concurrent
// cold requests, then a 3-second warm run; Redis GETs counted from the server's INFO commandstats).
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dispatch } from '../../commands/index.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { createRuntime, type Runtime } from '../../bot/runtime.js';
import type { FakeUpstream } from '../fakes/upstream.js';
import type { Row } from './bench.js';

export async function instancesBench(up: FakeUpstream, redisUrl: string): Promise<Row[]> {
  const rows: Row[] = [];
  const admin = new Redis(redisUrl);
  const redisGets = async (): Promise<number> =>
    Number(/cmdstat_get:calls=(\d+)/.exec(await admin.info('commandstats'))?.[1] ?? 0);
  const ctx = { lang: 'en' as const, platform: 'test' as const };
  for (const n of [1, 2, 4]) {
    up.reset();
    const prefix = `bench:${randomUUID()}:`;
    const instances: Runtime[] = [];
    for (let i = 0; i < n; i++) {
      instances.push(
        await createRuntime(
          loadConfig({
            ...up.env,
            REDIS_URL: redisUrl,
            REDIS_KEY_PREFIX: prefix,
            DATA_DIR: mkdtempSync(path.join(tmpdir(), 'hashdesk-inst-')),
          }),
          createLogger({ level: 'silent', secrets: [] }),
        ),
      );
    }
    for (let i = 0; i < 100 && instances.some((rt) => rt.cacheStatus() !== 'redis'); i++) {
      await new Promise((r) => setTimeout(r, 50)); // connections ready
    }
    await Promise.all(
      instances.flatMap((rt) =>
        Array.from({ length: 200 }, () => dispatch('yield', { text: 's21xp 0.05' }, ctx, rt.deps)),
      ),
    );
    const cold = up.total();
    const getsBefore = await redisGets();
    // A 3-second warm run, longer than the 1 s in-process reuse of Redis reads.
    const t0 = performance.now();
    const end = t0 + 3000;
    let replies = 0;
    await Promise.all(
      instances.map(async (rt) => {
        while (performance.now() < end) {
          for (let i = 0; i < 100; i++) await dispatch('yield', { text: 's21xp 0.05' }, ctx, rt.deps);
          replies += 100;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const gets = (await redisGets()) - getsBefore;
    rows.push({
      name: `${n} instance${n > 1 ? 's' : ''}`,
      values: {
        'cold requests': String(200 * n),
        'upstream requests': String(cold),
        'warm replies/s (all instances, one core)': Math.round(replies / seconds).toLocaleString('en-US'),
        'upstream during warm run': String(up.total() - cold),
        'Redis GETs during warm run': gets.toLocaleString('en-US'),
      },
    });
    for (const rt of instances) await rt.close();
  }
  admin.disconnect();
  return rows;
}
