// Sanity bounds for upstream values: anything outside is treated as missing, never as data
// (data-sources.md §0: zeros when a backend is degraded, unit slips of 10³–10⁶).
import { z } from 'zod';

/** Difficulty: mainnet has been above 1e12 since 2019; 1e17 is ~750× today. */
export const difficultySchema = z.number().gt(1e9).lt(1e17);
/** Tip height: past the 2024 halving, before the subsidy ends. */
export const heightSchema = z.number().int().gt(800_000).lt(13_440_000);
/** Network hashrate in H/s (1 EH/s = 1e18). */
export const hashrateHsSchema = z.number().gt(1e18).lt(1e23);
/** Mean fees per block in BTC. */
export const feesBtcSchema = z.number().gte(0).lt(50);
/** A BTC price in any fiat (JPY and KRW are in the millions/hundred-millions). */
export const priceSchema = z.number().gt(0).lt(1e11);
/** Numbers that arrive as strings ("81412.20000"). */
export const numericString = z
  .string()
  .trim()
  .regex(/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i)
  .transform(Number);

/** Values as the loaders return them, for re-checking what was read back from disk (last-good.json). */
export const storedValue = {
  height: heightSchema,
  difficulty: difficultySchema,
  fees: feesBtcSchema,
  prices: z.record(z.string().max(10), priceSchema),
  mempoolPrices: z.object({ prices: z.record(z.string().max(10), priceSchema), asOf: z.number().positive() }),
  price: priceSchema,
  hashrate3d: z.object({
    difficulty: difficultySchema,
    hashrateHs: hashrateHsSchema.nullable(),
    avg3dHs: hashrateHsSchema.nullable(),
  }),
  pools: z.object({
    pools: z
      .array(
        z.object({ slug: z.string().max(100), name: z.string().max(200), blocks: z.number().int().min(0).max(5000) }),
      )
      .max(500),
    totalBlocks: z.number().int().min(1).max(5000),
  }),
  miningHistory: z.object({
    hashrates: z.array(z.tuple([z.number().positive(), z.number().gte(0).lt(1e23)])).max(20_000),
    adjustments: z
      .array(
        z.object({
          time: z.number().positive(),
          height: z.number().int().min(0),
          difficulty: z.number().gte(1).lt(1e17),
          adjustment: z.number().gte(0.25).lte(4),
        }),
      )
      .max(2_000),
    currentDifficulty: difficultySchema.nullable(),
  }),
  rewardHistory: z
    .array(
      z.object({
        time: z.number().positive(),
        height: z.number().int().min(0),
        rewardBtc: z.number().gte(0).lt(1000),
        usd: z.number().gte(0).lt(1e11),
      }),
    )
    .max(20_000),
  priceHistory: z.array(z.tuple([z.number().positive(), priceSchema])).max(50_000),
  recentBlocks: z
    .array(
      z.object({
        hash: z.string().regex(/^[0-9a-f]{64}$/),
        height: z.number().int().min(0),
        time: z.number().positive(),
        rewardBtc: z.number().gte(0).lt(1000),
        feesBtc: z.number().gte(0).lt(1000),
        pool: z.string().max(100),
        poolName: z.string().max(100),
      }),
    )
    .max(100),
  retarget: z.object({
    progressPercent: z.number().min(0).max(100),
    estimatedChangePct: z.number().gt(-100).lt(1000),
    previousChangePct: z.number().gt(-100).lt(1000),
    remainingBlocks: z.number().int().min(0).max(2016),
    nextRetargetHeight: heightSchema,
    estimatedRetargetAt: z.number().positive(),
  }),
} as const;
