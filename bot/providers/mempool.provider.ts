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
});

/** Difficulty in force and the 1008-block hashrate estimate (H/s, null when degraded). */
export async function mempoolHashrate3d(
  http: HttpClient,
  opts: GetOptions,
): Promise<{ difficulty: number; hashrateHs: number | null }> {
  const body = await http.json('/v1/mining/hashrate/3d', hashrate3d, opts);
  const d = difficultySchema.safeParse(body.currentDifficulty);
  if (!d.success)
    throw new ProviderSchemaError(http.source, '/v1/mining/hashrate/3d', `currentDifficulty ${body.currentDifficulty}`);
  const h = hashrateHsSchema.safeParse(body.currentHashrate);
  return { difficulty: d.data, hashrateHs: h.success ? h.data : null };
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

/** BTC prices by lower-case currency; zero or negative prices are dropped. */
export async function mempoolPrices(http: HttpClient, opts: GetOptions): Promise<Record<string, number>> {
  const body = await http.json('/v1/prices', prices, opts);
  const out: Record<string, number> = {};
  for (const cur of MEMPOOL_CURRENCIES) {
    const p = priceSchema.safeParse(body[cur.toUpperCase()]);
    if (p.success) out[cur] = p.data;
  }
  if (Object.keys(out).length === 0) throw new ProviderSchemaError(http.source, '/v1/prices', 'no usable price');
  return out;
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
