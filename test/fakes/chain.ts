// A chain that moves, on the fake upstream: tip height, difficulty (hashrate/3d and the retarget
// estimate), the 144-block fee mean and the newest blocks with who found them, all served in mempool's
// shapes (the recorded samples with the moved fields). Used by the alert tests and the alert bench.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FakeUpstream } from './upstream.js';

const sample = <T>(f: string): T =>
  JSON.parse(readFileSync(path.resolve('test', 'fixtures', 'api-samples', f), 'utf8')) as T;

export interface ChainState {
  height: number;
  difficulty: number;
  /** Mean fees per block over 144 blocks, BTC. */
  feesBtc: number;
  /** Newest blocks (any order): height, pool slug and name, time (s). */
  blocks: Array<{ height: number; pool: string; poolName: string; time: number; feesBtc?: number }>;
  /** The retarget estimate shown by /v1/difficulty-adjustment (percent). */
  nextEstimatePct?: number;
}

export const START: ChainState = {
  height: 967_731,
  difficulty: 132_757_073_449_487.5,
  feesBtc: 0.0188,
  blocks: [{ height: 967_731, pool: 'foundryusa', poolName: 'Foundry USA', time: 1_789_842_486 }],
};

const hash = (height: number): string => height.toString(16).padStart(64, '0');

/** Serves `s` from now on (every route the watcher and the commands read). */
export function setChain(up: FakeUpstream, s: ChainState): void {
  const base = '/mempool/api';
  up.fault(`${base}/blocks/tip/height`, { status: 200, body: String(s.height) });
  up.fault('/blockchain/q/getblockcount', { status: 200, body: String(s.height) });
  const h3d = sample<Record<string, unknown>>('mempool-mining-hashrate-3d.json');
  up.fault(`${base}/v1/mining/hashrate/3d`, {
    status: 200,
    body: JSON.stringify({ ...h3d, currentDifficulty: s.difficulty }),
  });
  up.fault('/blockchain/q/getdifficulty', { status: 200, body: String(s.difficulty) });
  const adj = sample<Record<string, unknown>>('mempool-difficulty-adjustment.json');
  const next = Math.ceil((s.height + 1) / 2016) * 2016;
  up.fault(`${base}/v1/difficulty-adjustment`, {
    status: 200,
    body: JSON.stringify({
      ...adj,
      nextRetargetHeight: next,
      remainingBlocks: next - s.height,
      difficultyChange: s.nextEstimatePct ?? adj.difficultyChange,
    }),
  });
  up.fault(`${base}/v1/mining/reward-stats/144`, {
    status: 200,
    body: JSON.stringify({
      startBlock: s.height - 143,
      endBlock: s.height,
      totalReward: String(Math.round((3.125 + s.feesBtc) * 144 * 1e8)),
      totalFee: String(Math.round(s.feesBtc * 144 * 1e8)),
      totalTx: '688065',
    }),
  });
  up.fault(`${base}/v1/blocks`, {
    status: 200,
    body: JSON.stringify(
      [...s.blocks]
        .sort((a, b) => b.height - a.height)
        .map((b) => ({
          id: hash(b.height),
          height: b.height,
          timestamp: b.time,
          extras: {
            reward: Math.round((3.125 + (b.feesBtc ?? s.feesBtc)) * 1e8),
            totalFees: Math.round((b.feesBtc ?? s.feesBtc) * 1e8),
            pool: { id: 1, name: b.poolName, slug: b.pool },
          },
        })),
    ),
  });
}
