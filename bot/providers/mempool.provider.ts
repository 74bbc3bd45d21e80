// mempool.space (or a self-hosted instance): MEMPOOL_API_URL, default https://mempool.space/api.
// Shapes and units: shared/reference/data-sources.md §2.
import { z } from 'zod';
import type { HttpClient, GetOptions } from './http.js';
import type { RecentBlock } from '../../commands/core/ports.js';
import { ProviderSchemaError } from './errors.js';
import {
  difficultySchema,
  feesBtcSchema,
  hashrateHsSchema,
  heightSchema,
  numericString,
  priceSchema,
} from './bounds.js';

/** Tip height; the body is a bare integer (text/plain). */
export async function mempoolTipHeight(http: HttpClient, opts: GetOptions): Promise<number> {
  const text = (await http.text('/blocks/tip/height', opts)).trim();
  const parsed = heightSchema.safeParse(/^\d+$/.test(text) ? Number(text) : NaN);
  if (!parsed.success) throw new ProviderSchemaError(http.source, '/blocks/tip/height', `height ${text.slice(0, 20)}`);
  return parsed.data;
}

const hashrate3d = z.object({
  // Both silently become 0 when the backend's node RPC is down: treated as missing.
  currentHashrate: z.number(),
  currentDifficulty: z.number(),
  hashrates: z.array(z.object({ avgHashrate: z.number() })).optional(),
});

/** Difficulty in force, the 1008-block hashrate estimate and the mean of the daily points (H/s; null when degraded). */
export async function mempoolHashrate3d(
  http: HttpClient,
  opts: GetOptions,
): Promise<{ difficulty: number; hashrateHs: number | null; avg3dHs: number | null }> {
  const body = await http.json('/v1/mining/hashrate/3d', hashrate3d, opts);
  const d = difficultySchema.safeParse(body.currentDifficulty);
  if (!d.success) {
    throw new ProviderSchemaError(http.source, '/v1/mining/hashrate/3d', `currentDifficulty ${body.currentDifficulty}`);
  }
  const h = hashrateHsSchema.safeParse(body.currentHashrate);
  const points = (body.hashrates ?? []).map((p) => p.avgHashrate).filter((v) => hashrateHsSchema.safeParse(v).success);
  return {
    difficulty: d.data,
    hashrateHs: h.success ? h.data : null,
    avg3dHs: points.length ? points.reduce((a, b) => a + b, 0) / points.length : null,
  };
}

const pools1w = z.object({
  pools: z.array(
    z.object({ slug: z.string().max(100), name: z.string().max(100), blockCount: z.number().int().nonnegative() }),
  ),
  blockCount: z.number().int().positive(),
});

/** Blocks by pool over the last week; `blockCount` is the total (shares are computed from it). */
export async function mempoolPools1w(
  http: HttpClient,
  opts: GetOptions,
): Promise<{ pools: Array<{ slug: string; name: string; blocks: number }>; totalBlocks: number }> {
  const body = await http.json('/v1/mining/pools/1w', pools1w, opts);
  // A week has about 1,008 blocks; far outside that is a wrong window or a broken backend.
  if (body.blockCount < 300 || body.blockCount > 3000) {
    throw new ProviderSchemaError(http.source, '/v1/mining/pools/1w', `blockCount ${body.blockCount}`);
  }
  return {
    pools: body.pools.map((p) => ({ slug: p.slug, name: p.name, blocks: p.blockCount })),
    totalBlocks: body.blockCount,
  };
}

const rewardStats = z.object({ startBlock: z.number().int(), endBlock: z.number().int(), totalFee: numericString });

/** Mean fees per block (BTC) over the last 144 blocks. totalFee is a string in sats. */
export async function mempoolFees144(http: HttpClient, opts: GetOptions): Promise<number> {
  const body = await http.json('/v1/mining/reward-stats/144', rewardStats, opts);
  const blocks = body.endBlock - body.startBlock + 1;
  const fees = feesBtcSchema.safeParse(blocks > 0 ? body.totalFee / blocks / 1e8 : NaN);
  if (!fees.success)
    throw new ProviderSchemaError(
      http.source,
      '/v1/mining/reward-stats/144',
      `totalFee ${body.totalFee} over ${blocks} blocks`,
    );
  return fees.data;
}

const blockFees = z.array(z.object({ avgFees: z.number().nonnegative() })).min(1);

/** Fallback: mean of per-block fees over 24 h (sats → BTC). */
export async function mempoolFees24h(http: HttpClient, opts: GetOptions): Promise<number> {
  const rows = await http.json('/v1/mining/blocks/fees/24h', blockFees, opts);
  const mean = rows.reduce((s, r) => s + r.avgFees, 0) / rows.length / 1e8;
  const fees = feesBtcSchema.safeParse(mean);
  if (!fees.success) throw new ProviderSchemaError(http.source, '/v1/mining/blocks/fees/24h', `mean ${mean}`);
  return fees.data;
}

/** Currencies mempool's price endpoint carries (no CNY). */
export const MEMPOOL_CURRENCIES = ['usd', 'eur', 'gbp', 'cad', 'chf', 'aud', 'jpy'] as const;

const prices = z.object({ time: z.number() }).catchall(z.unknown());

/**
 * BTC prices by lower-case currency (zero or negative prices are dropped) and `asOf`, the time mempool
 * says its prices are from (epoch ms): a frozen price feed shows its real age, not the age of our fetch.
 */
export async function mempoolPrices(
  http: HttpClient,
  opts: GetOptions,
): Promise<{ prices: Record<string, number>; asOf: number }> {
  const body = await http.json('/v1/prices', prices, opts);
  const out: Record<string, number> = {};
  for (const cur of MEMPOOL_CURRENCIES) {
    const p = priceSchema.safeParse(body[cur.toUpperCase()]);
    if (p.success) out[cur] = p.data;
  }
  if (Object.keys(out).length === 0) throw new ProviderSchemaError(http.source, '/v1/prices', 'no usable price');
  return { prices: out, asOf: body.time * 1000 };
}

const adjustment = z.object({
  progressPercent: z.number().min(0).max(100),
  difficultyChange: z.number().min(-100).max(400),
  estimatedRetargetDate: z.number().positive(),
  remainingBlocks: z.number().int().nonnegative(),
  previousRetarget: z.number(),
  nextRetargetHeight: z.number().int().positive(),
});

/** Next retarget estimate. Times in ms except previousTime (s), which we do not use. */
export async function mempoolDifficultyAdjustment(http: HttpClient, opts: GetOptions) {
  const a = await http.json('/v1/difficulty-adjustment', adjustment, opts);
  return {
    progressPercent: a.progressPercent,
    estimatedChangePct: a.difficultyChange,
    previousChangePct: a.previousRetarget,
    remainingBlocks: a.remainingBlocks,
    nextRetargetHeight: a.nextRetargetHeight,
    estimatedRetargetAt: a.estimatedRetargetDate,
  };
}

/** The history periods mempool's mining endpoints take, as hashdesk offers them. */
export const HISTORY_PERIODS = ['1m', '3m', '6m', '1y', '2y', 'all'] as const;
export type HistoryPeriod = (typeof HISTORY_PERIODS)[number];

// History reaches back to 2009: difficulty 1 and hashrates of a few MH/s are real values there, so the
// bounds are the physical ones (positive, finite, below 750× today), not today's sanity window.
const historyDifficulty = z.number().gte(1).lt(1e17);
const historyHashrate = z.number().gte(0).lt(1e23);
const historyTime = z.number().int().gt(1_230_000_000).lt(4_102_444_800); // 2009 … 2100, seconds

const hashrateHistory = z.object({
  hashrates: z.array(z.object({ timestamp: historyTime, avgHashrate: historyHashrate })).max(20_000),
  difficulty: z
    .array(
      z.object({
        time: historyTime,
        height: z.number().int().min(0).lt(13_440_000),
        difficulty: historyDifficulty,
        // new / previous difficulty (1.0416 = +4.16 %): mempool clamps to the protocol's ×4 / ÷4
        adjustment: z.number().gte(0.25).lte(4),
      }),
    )
    .max(2_000),
  currentDifficulty: z.number(),
});

/** Daily hashrates and the difficulty adjustments of a period (times in ms, ascending). */
export async function mempoolHashrateHistory(
  http: HttpClient,
  period: HistoryPeriod,
  opts: GetOptions,
): Promise<{
  hashrates: Array<[number, number]>;
  adjustments: Array<{ time: number; height: number; difficulty: number; adjustment: number }>;
  currentDifficulty: number | null;
}> {
  const path = `/v1/mining/hashrate/${period}`;
  const body = await http.json(path, hashrateHistory, opts);
  if (body.hashrates.length < 2) throw new ProviderSchemaError(http.source, path, `${body.hashrates.length} points`);
  const current = difficultySchema.safeParse(body.currentDifficulty);
  return {
    hashrates: body.hashrates
      .map((p) => [p.timestamp * 1000, p.avgHashrate] as [number, number])
      .sort((a, b) => a[0] - b[0]),
    adjustments: body.difficulty
      .map((d) => ({ time: d.time * 1000, height: d.height, difficulty: d.difficulty, adjustment: d.adjustment }))
      .sort((a, b) => a.time - b.time),
    currentDifficulty: current.success ? current.data : null,
  };
}

const rewardHistory = z
  .array(
    z.object({
      avgHeight: z.number().min(0).lt(13_440_000),
      timestamp: historyTime,
      avgRewards: z.number().gte(0).lt(1e11), // sats per block: 50 BTC = 5e9
      USD: z.number().gte(0).lt(1e11),
    }),
  )
  .min(2)
  .max(20_000);

/** Mean block rewards (subsidy + fees, BTC) and the USD price at those blocks (times in ms, ascending). */
export async function mempoolRewardHistory(
  http: HttpClient,
  period: HistoryPeriod,
  opts: GetOptions,
): Promise<Array<{ time: number; height: number; rewardBtc: number; usd: number }>> {
  const body = await http.json(`/v1/mining/blocks/rewards/${period}`, rewardHistory, opts);
  return body
    .map((r) => ({
      time: r.timestamp * 1000,
      height: Math.round(r.avgHeight),
      rewardBtc: r.avgRewards / 1e8,
      usd: r.USD,
    }))
    .sort((a, b) => a.time - b.time);
}

const priceHistory = z.object({
  prices: z
    .array(z.object({ time: historyTime }).catchall(z.unknown()))
    .min(2)
    .max(50_000),
});

/** BTC prices in `currency` (one of MEMPOOL_CURRENCIES) over mempool's whole history: [ms, price], ascending. */
export async function mempoolPriceHistory(
  http: HttpClient,
  currency: string,
  opts: GetOptions,
): Promise<Array<[number, number]>> {
  const code = currency.toUpperCase();
  const path = '/v1/historical-price';
  const body = await http.json(path, priceHistory, { ...opts, params: { currency: code } });
  const points: Array<[number, number]> = [];
  for (const p of body.prices) {
    const v = p[code];
    // A zero is mempool's "no price yet" for the earliest years; skipped, not drawn.
    if (typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 1e11) points.push([p.time * 1000, v]);
  }
  if (points.length < 2) throw new ProviderSchemaError(http.source, path, `no ${code} prices`);
  return points.sort((a, b) => a[0] - b[0]);
}

const recentBlocks = z
  .array(
    z.object({
      id: z.string().regex(/^[0-9a-f]{64}$/),
      height: z.number().int().min(0).lt(13_440_000),
      timestamp: historyTime,
      extras: z
        .object({
          reward: z.number().gte(0).lt(1e11),
          totalFees: z.number().gte(0).lt(1e11),
          pool: z.object({ slug: z.string().max(100), name: z.string().max(100) }).optional(),
        })
        .optional(),
    }),
  )
  .max(100);

/** The newest blocks (15 on mempool.space): hash, height, time (ms), reward and fees (BTC), who found it. */
export async function mempoolRecentBlocks(http: HttpClient, opts: GetOptions): Promise<RecentBlock[]> {
  const body = await http.json('/v1/blocks', recentBlocks, opts);
  return body
    .map((b) => ({
      hash: b.id,
      height: b.height,
      time: b.timestamp * 1000,
      rewardBtc: (b.extras?.reward ?? 0) / 1e8,
      feesBtc: (b.extras?.totalFees ?? 0) / 1e8,
      pool: b.extras?.pool?.slug ?? 'unknown',
      poolName: b.extras?.pool?.name ?? 'Unknown',
    }))
    .sort((a, b) => a.height - b.height);
}
