// mempool.space (or a self-hosted instance): MEMPOOL_API_URL, default https://mempool.space/api.
// Shapes and units: shared/reference/data-sources.md §2.
import { z } from 'zod';
import type { HttpClient, GetOptions } from './http.js';
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
