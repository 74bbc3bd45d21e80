import { computeContract, projectSegments, simulatePayback } from '../../../commands/mining/payback.calc.js';

const D = 132_757_073_449_487.5;
const FEES = 270_908_142 / 144 / 1e8;
const P = 81_445;
const rig = {
  hashrateThs: 270,
  tipHeight: 967_731,
  difficulty: D,
  feesPerBlockBtc: FEES,
  poolFee: 0.02,
  uptime: 0.98,
  price: P,
  hardwareCost: 3500,
  horizonBlocks: 262_944,
};
const power = (c: number): number => 3.645 * 24 * c;

describe('payback simulated by epochs (mining-math.md §7)', () => {
  test('segments split at epoch boundaries and at the halving height 1,050,000', () => {
    const segs = projectSegments({ ...rig, growthPerMonth: 0.02, costPerDay: power(0.03) });
    expect(segs[0]).toMatchObject({ startHeight: 967_732, blocks: 1964 });
    expect(segs[1]).toMatchObject({ startHeight: 969_696, blocks: 2016 });
    expect(segs[1]!.difficulty / 1e12).toBeCloseTo(133.972, 2);
    const a = segs.find((s) => s.startHeight === 1_048_320)!;
    const b = segs.find((s) => s.startHeight === 1_050_000)!;
    expect(a.blocks).toBe(1680);
    expect(a.subsidyBtc).toBe(3.125);
    expect(b.blocks).toBe(336);
    expect(b.subsidyBtc).toBe(1.5625);
    expect(a.difficulty / 1e12).toBeCloseTo(191.111, 2);
    expect(segs[0]!.profit).toBeCloseTo(101.42, 1);
    expect(a.profit).toBeCloseTo(50.92, 1);
    expect(b.profit).toBeCloseTo(2.08, 1);
  });

  test('0.03/kWh, 2 %/month: payback day 919.3', () => {
    const r = simulatePayback({ ...rig, growthPerMonth: 0.02, costPerDay: power(0.03) });
    expect(r.paybackDay).toBeCloseTo(919.3, 0);
    expect(r.halving!.profitPerDayBefore).toBeGreaterThan(r.halving!.profitPerDayAfter);
  });

  test.each([
    [0.03, 0, 470.7],
    [0.03, 0.01, 527.4],
    [0.04, 0, 533.4],
    [0.05, 0, 937.1],
  ])('electricity %f, growth %f: payback day %f', (c, g, day) => {
    const r = simulatePayback({ ...rig, growthPerMonth: g, costPerDay: power(c) });
    expect(r.paybackDay).not.toBeNull();
    expect(Math.abs(r.paybackDay! - day)).toBeLessThan(0.6);
  });

  test.each([
    [0.04, 0.01, 1_130_976, 1133.6, 3449],
    [0.04, 0.02, 1_050_336, 573.6, 2822],
    [0.05, 0.01, 1_050_000, 571.3, 2755],
    [0.05, 0.02, 1_050_000, 571.3, 2322],
  ])('electricity %f, growth %f: never pays back, unprofitable from %i', (c, g, height, day, cum) => {
    const r = simulatePayback({ ...rig, growthPerMonth: g, costPerDay: power(c) });
    expect(r.paybackDay).toBeNull();
    expect(r.unprofitableFromHeight).toBe(height);
    expect(r.unprofitableFromDay!).toBeCloseTo(day, 0);
    expect(Math.abs(r.cumulativeProfit - cum)).toBeLessThan(2);
  });

  test('horizon reached without payback or loss', () => {
    const r = simulatePayback({ ...rig, hardwareCost: 1e9, growthPerMonth: 0, costPerDay: 0, horizonBlocks: 144 * 30 });
    expect(r.paybackDay).toBeNull();
    expect(r.unprofitableFromHeight).toBeNull();
    expect(r.simulatedDays).toBeCloseTo(30, 6);
  });
});

describe('cloud contract (mining-math.md §8: 100 TH, 365 days, 600 upfront, 0.018/TH/day, 2 % pool fee)', () => {
  const base = {
    hashrateThs: 100,
    days: 365,
    pricePerTh: 6,
    maintenancePerThDay: 0.018,
    tipHeight: 967_731,
    difficulty: D,
    feesPerBlockBtc: FEES,
    poolFee: 0.02,
    uptime: 1,
    price: P,
  };
  test.each([
    [0, 0.01704, 1.22, 73_767],
    [0.02, 0.015233, 0.97, 82_516],
    [0.035, 0.014067, 0.81, 89_355],
  ])('growth %f: B %f BTC, VR %f, cost per BTC %f', (g, btc, vr, perBtc) => {
    const r = computeContract({ ...base, growthPerMonth: g });
    expect(Math.abs(r.btcMined - btc) / btc).toBeLessThan(2e-3);
    expect(r.valueRatio!).toBeCloseTo(vr, 2);
    expect(Math.abs(r.breakEvenPrice! - perBtc) / perBtc).toBeLessThan(2e-3);
    expect(r.totalCost).toBeCloseTo(1257, 6);
    // ROI from its definition, recomputed independently
    expect(r.roiPct).toBeCloseTo(((r.btcMined * P - 1257) / 1257) * 100, 9);
  });
  test('break-even day 299.7 with flat difficulty', () => {
    const r = computeContract({ ...base, growthPerMonth: 0 });
    expect(r.breakEvenDay!).toBeCloseTo(299.7, 0);
    expect(r.allInCostPerThDay).toBeCloseTo(0.03444, 4);
    expect(r.crossesHalving).toBe(false);
  });
  test('a 3-year contract crosses the halving', () => {
    const r = computeContract({
      ...base,
      days: 1095,
      pricePerTh: 0,
      maintenancePerThDay: 0,
      hashrateThs: 1,
      poolFee: 0,
      growthPerMonth: 0,
    });
    expect(r.crossesHalving).toBe(true);
    expect(r.projectedRevenue).toBeCloseTo(32.39, 1);
  });
});
