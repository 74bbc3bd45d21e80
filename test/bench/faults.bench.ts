// Reply latency with mempool (the primary for every datum) accepting connections and never
// answering, measured on the command right after the cached values expire, beside the no-fault
// figure. Before stale-while-revalidate that command waited the whole HTTP timeout (2.5 s).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dispatch } from '../../commands/index.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { createRuntime } from '../../bot/runtime.js';
import type { LiveMarketData } from '../../bot/market-data.js';
import type { FakeUpstream } from '../fakes/upstream.js';
import { percentile, type Row } from './bench.js';

const MEMPOOL = [
  '/mempool/api/v1/mining/hashrate/3d',
  '/mempool/api/blocks/tip/height',
  '/mempool/api/v1/prices',
  '/mempool/api/v1/mining/reward-stats/144',
];

export async function faultsBench(up: FakeUpstream, trials = 20): Promise<Row[]> {
  const ctx = { lang: 'en' as const, platform: 'test' as const };
  const measure = async (after: number, hang: boolean): Promise<number[]> => {
    const lat: number[] = [];
    for (let k = 0; k < trials; k++) {
      up.reset();
      let now = Date.now();
      const clock = { now: () => now };
      const rt = await createRuntime(
        loadConfig({ ...up.env, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'hashdesk-fault-')) }),
        createLogger({ level: 'silent', secrets: [] }),
        clock,
      );
      await dispatch('yield', { text: 's21xp 0.05' }, ctx, rt.deps);
      if (hang) for (const p of MEMPOOL) up.fault(p, { hang: true });
      now += after;
      const t0 = performance.now();
      await dispatch('yield', { text: 's21xp 0.05' }, ctx, rt.deps);
      lat.push(performance.now() - t0);
      await (rt.deps.market as LiveMarketData).settled();
      await rt.close();
      up.reset();
    }
    return lat.sort((a, b) => a - b);
  };
  const row = (name: string, lat: number[]): Row => ({
    name,
    values: { 'p50 ms': percentile(lat, 50).toFixed(2), 'max ms': lat[lat.length - 1]!.toFixed(2) },
  });
  return [
    row('no fault, warm cache', await measure(0, false)),
    row('mempool hung, 61 s later (height past its TTL)', await measure(61_000, true)),
    row('mempool hung, 11 min later (past the revalidation window)', await measure(11 * 60_000, true)),
  ];
}
