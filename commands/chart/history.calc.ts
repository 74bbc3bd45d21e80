// History series for the charts, from mempool's daily hashrates, difficulty adjustments, block-reward
// averages and price history. Pure: arrays in, arrays out (epoch ms on x).
import { HALVING_INTERVAL, K_TH_DAY } from '../mining/mining.calc.js';
import type { MiningHistory, RewardPoint } from '../core/ports.js';

export type Point = [number, number];

/** The difficulty in force at `t`: the last adjustment at or before it (`before` before the first). */
function difficultyAt(adjustments: MiningHistory['adjustments'], t: number, before: number): number {
  let d = before;
  for (const a of adjustments) {
    if (a.time > t) break;
    d = a.difficulty;
  }
  return d;
}

/** Mean reward per block (BTC) of the reward rows within a day of `t`, else the nearest row. */
function rewardAt(rewards: readonly RewardPoint[], t: number): RewardPoint | undefined {
  if (!rewards.length) return undefined;
  const DAY = 86_400_000;
  const near = rewards.filter((r) => r.time >= t && r.time < t + DAY);
  if (near.length) {
    const n = near.length;
    return {
      time: t,
      height: near[n - 1]!.height,
      rewardBtc: near.reduce((a, r) => a + r.rewardBtc, 0) / n,
      usd: near.reduce((a, r) => a + r.usd, 0) / n,
    };
  }
  let best = rewards[0]!;
  for (const r of rewards) if (Math.abs(r.time - t) < Math.abs(best.time - t)) best = r;
  return best;
}

/** The value of a stepwise series at `t` (the last point at or before it; the first one before it). */
export function valueAt(points: readonly Point[], t: number): number | undefined {
  if (!points.length) return undefined;
  let v = points[0]![1];
  for (const [x, y] of points) {
    if (x > t) break;
    v = y;
  }
  return v;
}

export interface HashpriceSeries {
  /** sats per TH/s per day (gross: before pool fee and power). */
  sats: Point[];
  /** Fiat per TH/s per day; empty when no price history in that currency. */
  fiat: Point[];
}

/**
 * Daily hashprice: a day's mean block reward (subsidy + fees) × what 1 TH/s mines in blocks at that
 * day's difficulty (mining-math.md §2: K / D blocks-equivalent per TH/s per day, K = 86,400 × 10¹² / 2³²).
 * Fiat from the price history in the currency (`prices`), else, for USD, the price at the blocks.
 */
export function hashpriceSeries(
  history: MiningHistory,
  rewards: readonly RewardPoint[],
  prices: readonly Point[] | null,
  currency: string,
): HashpriceSeries {
  const adj = history.adjustments;
  const firstBefore = adj[0] ? adj[0].difficulty / adj[0].adjustment : (history.currentDifficulty ?? NaN);
  const sats: Point[] = [];
  const fiat: Point[] = [];
  for (const [t] of history.hashrates) {
    const d = difficultyAt(adj, t, firstBefore);
    const r = rewardAt(rewards, t);
    if (!r || !(d > 0)) continue;
    const btc = (K_TH_DAY * r.rewardBtc) / d;
    sats.push([t, btc * 1e8]);
    const price = prices ? valueAt(prices, t) : currency === 'usd' ? r.usd : undefined;
    if (price !== undefined && price > 0) fiat.push([t, btc * price]);
  }
  return { sats, fiat };
}

/** Difficulty as steps (each adjustment holds until the next; the last to the end of the data). */
export function difficultySteps(history: MiningHistory): Point[] {
  const steps: Point[] = history.adjustments.map((a) => [a.time, a.difficulty]);
  const from = history.hashrates[0]?.[0];
  // The difficulty in force at the start of the period (the first adjustment's previous one), so the
  // steps cover the whole x range.
  if (from !== undefined && steps.length && steps[0]![0] > from) {
    const first = history.adjustments[0]!;
    steps.unshift([from, first.difficulty / first.adjustment]);
  }
  const last = history.currentDifficulty ?? steps[steps.length - 1]?.[1];
  const end = Math.max(history.hashrates[history.hashrates.length - 1]?.[0] ?? 0, steps[steps.length - 1]?.[0] ?? 0);
  if (last !== undefined && end > 0) steps.push([end, last]);
  return steps;
}

/** When each halving inside the history happened, interpolated between the adjustments around it. */
export function halvingsIn(history: MiningHistory): Array<{ height: number; time: number }> {
  const adj = history.adjustments;
  const out: Array<{ height: number; time: number }> = [];
  for (let i = 1; i < adj.length; i++) {
    const a = adj[i - 1]!;
    const b = adj[i]!;
    for (let h = Math.ceil(a.height / HALVING_INTERVAL) * HALVING_INTERVAL; h <= b.height; h += HALVING_INTERVAL) {
      if (h <= 0 || h < a.height || (out.length && out[out.length - 1]!.height === h)) continue;
      const time =
        b.height === a.height ? a.time : a.time + ((h - a.height) / (b.height - a.height)) * (b.time - a.time);
      out.push({ height: h, time });
    }
  }
  return out;
}

export interface SeriesStats {
  now: number;
  min: number;
  max: number;
  /** Change from the first to the last point, in percent. */
  changePct: number;
  /** Where the last value sits between min (0) and max (100). */
  positionPct: number;
}

/** Now, min, max, change over the period and where today sits in the range. */
export function seriesStats(points: readonly Point[]): SeriesStats | null {
  const values = points.map(([, y]) => y).filter(Number.isFinite);
  if (values.length < 2) return null;
  const now = values[values.length - 1]!;
  const first = values[0]!;
  const min = Math.min(...values);
  const max = Math.max(...values);
  return {
    now,
    min,
    max,
    changePct: first !== 0 ? (now / first - 1) * 100 : NaN,
    positionPct: max > min ? ((now - min) / (max - min)) * 100 : 50,
  };
}
