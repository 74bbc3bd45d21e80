// History math against independent computations from the recorded fixtures.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  difficultySteps,
  halvingsIn,
  hashpriceSeries,
  seriesStats,
  valueAt,
} from '../../../commands/chart/history.calc.js';
import { paybackCurve, projectSegments, simulatePayback } from '../../../commands/mining/payback.calc.js';
import { niceTicks, timeTicks } from '../../../bot/chart.js';
import type { MiningHistory, RewardPoint } from '../../../commands/core/ports.js';

const fx = <T>(f: string): T => JSON.parse(readFileSync(path.resolve('test/fixtures/history', f), 'utf8')) as T;

function history(period: string): MiningHistory {
  const raw = fx<{
    hashrates: Array<{ timestamp: number; avgHashrate: number }>;
    difficulty: Array<{ time: number; height: number; difficulty: number; adjustment: number }>;
    currentDifficulty: number;
  }>(`mempool-mining-hashrate-${period}.json`);
  return {
    hashrates: raw.hashrates.map((h) => [h.timestamp * 1000, h.avgHashrate]),
    adjustments: raw.difficulty.map((d) => ({
      time: d.time * 1000,
      height: d.height,
      difficulty: d.difficulty,
      adjustment: d.adjustment,
    })),
    currentDifficulty: raw.currentDifficulty,
  };
}
function rewards(period: string): RewardPoint[] {
  return fx<Array<{ avgHeight: number; timestamp: number; avgRewards: number; USD: number }>>(
    `mempool-mining-blocks-rewards-${period}.json`,
  ).map((r) => ({ time: r.timestamp * 1000, height: r.avgHeight, rewardBtc: r.avgRewards / 1e8, usd: r.USD }));
}

test('hashprice on a day = that day’s mean reward × 86,400 × 10¹² / (difficulty in force × 2³²), in sats and USD', () => {
  const h = history('1y');
  const r = rewards('1y');
  const s = hashpriceSeries(h, r, null, 'usd');
  expect(s.sats).toHaveLength(h.hashrates.length);
  // Independently: 2026-03-01, the reward row of that day, the last adjustment on or before it.
  const day = Date.UTC(2026, 2, 1);
  const row = r.find((x) => x.time === day)!;
  const d = [...h.adjustments].reverse().find((a) => a.time <= day)!.difficulty;
  // and before the first adjustment of the period, the difficulty it replaced
  const first = h.adjustments[0]!;
  const day0 = h.hashrates[0]![0];
  const r0 = r.find((x) => x.time === day0)!;
  expect(s.sats[0]![1]).toBeCloseTo(
    ((r0.rewardBtc * 86_400 * 1e12) / ((first.difficulty / first.adjustment) * 4_294_967_296)) * 1e8,
    9,
  );
  const btc = (row.rewardBtc * 86_400 * 1e12) / (d * 4_294_967_296);
  expect(s.sats.find(([t]) => t === day)![1]).toBeCloseTo(btc * 1e8, 9);
  expect(s.fiat.find(([t]) => t === day)![1]).toBeCloseTo(btc * row.usd, 12);
});

test('fiat in another currency comes from the price history at that day', () => {
  const h = history('3m');
  const eur: Array<[number, number]> = fx<{ prices: Array<{ time: number; EUR: number }> }>(
    'mempool-historical-price.json',
  ).prices.map((p) => [p.time * 1000, p.EUR]);
  const s = hashpriceSeries(h, rewards('3m'), eur, 'eur');
  const [t, sats] = s.sats[10]!;
  expect(s.fiat[10]![1]).toBeCloseTo((sats / 1e8) * valueAt(eur, t)!, 12);
  // A currency without history and not USD: sats only.
  expect(hashpriceSeries(h, rewards('3m'), null, 'cny').fiat).toEqual([]);
});

test('difficulty steps cover the whole period and end on the current difficulty', () => {
  const h = history('6m');
  const steps = difficultySteps(h);
  const first = h.adjustments[0]!;
  const last = h.adjustments[h.adjustments.length - 1]!;
  // from the first day, at the difficulty the first adjustment replaced
  expect(steps[0]).toEqual([h.hashrates[0]![0], first.difficulty / first.adjustment]);
  // to the end of the data (the last daily point or the last adjustment), at the current difficulty
  const end = Math.max(h.hashrates[h.hashrates.length - 1]![0], last.time);
  expect(steps[steps.length - 1]).toEqual([end, h.currentDifficulty]);
  for (let i = 1; i < steps.length; i++) expect(steps[i]![0]).toBeGreaterThanOrEqual(steps[i - 1]![0]);
});

test('the halving inside the history is placed between the adjustments around height 840,000', () => {
  const h = history('all');
  const [halving, ...rest] = halvingsIn(h);
  expect(rest).toEqual([]);
  expect(halving!.height).toBe(840_000);
  const a = [...h.adjustments].reverse().find((x) => x.height <= 840_000)!;
  const b = h.adjustments.find((x) => x.height > 840_000)!;
  expect(halving!.time).toBeCloseTo(a.time + ((840_000 - a.height) / (b.height - a.height)) * (b.time - a.time), 3);
  expect(halvingsIn(history('1y'))).toEqual([]);
});

test('stats: now, low, high, change and where today sits in the range', () => {
  const s = seriesStats([
    [1, 40],
    [2, 60],
    [3, 50],
  ])!;
  expect(s).toEqual({ now: 50, min: 40, max: 60, changePct: 25, positionPct: 50 });
  expect(seriesStats([[1, 40]])).toBeNull();
});

test('axis ticks: round values covering the data; time ticks at month starts for a year', () => {
  expect(niceTicks(40.5, 50.73)).toEqual([40, 42, 44, 46, 48, 50, 52]);
  expect(niceTicks(0, 3765)).toEqual([0, 1000, 2000, 3000, 4000]);
  const year = timeTicks(Date.UTC(2025, 8, 19), Date.UTC(2026, 8, 19));
  expect(year.unit).toBe('month');
  expect(year.at[0]).toBe(Date.UTC(2025, 9, 1));
  expect(year.at).toHaveLength(12);
  expect(timeTicks(Date.UTC(2026, 7, 19), Date.UTC(2026, 8, 19)).unit).toBe('day');
  expect(timeTicks(Date.UTC(2015, 0, 1), Date.UTC(2026, 0, 1)).unit).toBe('year');
});

describe('payback curve', () => {
  const base = {
    hashrateThs: 270,
    tipHeight: 967_731,
    difficulty: 132_757_073_449_487.5,
    feesPerBlockBtc: 0.0188,
    poolFee: 0,
    uptime: 1,
    price: 81_445,
    growthPerMonth: 0.02,
    horizonBlocks: Math.round(36 * 30.4375 * 144),
  };
  test('it reaches the hardware cost on the simulated payback day', () => {
    const i = { ...base, costPerDay: 2.62 };
    const p = simulatePayback({ ...i, hardwareCost: 3500 });
    expect(p.paybackDay).not.toBeNull();
    const curve = paybackCurve(projectSegments(i), 36 * 30.4375);
    const before = [...curve].reverse().find(([d]) => d <= p.paybackDay!)!;
    const after = curve.find(([d]) => d >= p.paybackDay!)!;
    expect(before[1]).toBeLessThanOrEqual(3500);
    expect(after[1]).toBeGreaterThanOrEqual(3500);
    expect(curve[0]).toEqual([0, 0]);
    expect(curve[curve.length - 1]![0]).toBeCloseTo(36 * 30.4375, 6);
  });
  test('after the rig turns unprofitable the curve is flat at what was earned by then', () => {
    const i = { ...base, costPerDay: 4.37 };
    const p = simulatePayback({ ...i, hardwareCost: 3500 });
    expect(p.unprofitableFromDay).not.toBeNull();
    const curve = paybackCurve(projectSegments(i), 36 * 30.4375);
    const tail = curve.filter(([d]) => d >= p.unprofitableFromDay!);
    expect(tail.length).toBeGreaterThan(3);
    for (const [, v] of tail) expect(v).toBeCloseTo(p.cumulativeProfit, 6);
  });
});
