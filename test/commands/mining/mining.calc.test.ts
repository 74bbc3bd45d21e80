import {
  btcPerThDay,
  computeYield,
  impliedHashrateHs,
  K_TH_DAY,
  nextHalvingHeight,
  subsidyBtc,
  subsidySats,
} from '../../../commands/mining/mining.calc.js';

// Snapshot 2026-09-19 (shared/reference/mining-math.md §0): the reference's worked numbers are the vectors.
const D = 132_757_073_449_487.5;
const FEES = 270_908_142 / 144 / 1e8;
const P = 81_445;

const close = (actual: number, expected: number, rel = 1e-3): void => {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(rel);
};

describe('block subsidy by height', () => {
  test.each([
    [0, 5_000_000_000],
    [209_999, 5_000_000_000],
    [210_000, 2_500_000_000],
    [839_999, 625_000_000],
    [840_000, 312_500_000],
    [1_049_999, 312_500_000],
    [1_050_000, 156_250_000],
    [1_259_999, 156_250_000],
    [1_260_000, 78_125_000],
    [13_439_999, 0],
    [13_440_000, 0],
  ])('height %i pays %i sats', (height, sats) => {
    expect(subsidySats(height)).toBe(sats);
  });

  test('the halving block 1,050,000 already pays 1.5625 BTC', () => {
    expect(subsidyBtc(1_049_999)).toBe(3.125);
    expect(subsidyBtc(1_050_000)).toBe(1.5625);
  });

  test('sub-satoshi subsidies round down like Bitcoin Core (33rd halving pays 0)', () => {
    expect(subsidySats(32 * 210_000)).toBe(Math.floor(5e9 / 2 ** 32));
    expect(subsidySats(33 * 210_000)).toBe(0);
  });

  test('next halving height', () => {
    expect(nextHalvingHeight(967_731)).toBe(1_050_000);
    expect(nextHalvingHeight(1_050_000)).toBe(1_260_000);
  });
});

describe('hashprice and daily yield (§2–§6 worked example: s21xp, 2 % pool fee, 98 % uptime, 0.05/kWh)', () => {
  const r = computeYield({
    hashrateThs: 270,
    powerW: 3645,
    difficulty: D,
    subsidyBtc: 3.125,
    feesPerBlockBtc: FEES,
    poolFee: 0.02,
    uptime: 0.98,
    price: P,
    electricity: 0.05,
  });

  test('K constant', () => close(K_TH_DAY, 20_116_567.61, 1e-9));
  test('hash value 4.76379e-7 BTC/TH/day, 47.64 sats', () => {
    close(r.hashpriceBtcPerThDay, 4.76379e-7);
    close(btcPerThDay(D, 3.125) * 1e8, 47.35);
  });
  test('hashprice 0.038799 USD/TH/day', () => close(r.hashpriceFiatPerThDay, 0.038799));
  test('net 1.23529e-4 BTC/day, 10.06 USD', () => {
    close(r.btcPerDay, 1.23529e-4);
    close(r.revenuePerDay, 10.0608);
  });
  test('power 87.48 kWh, 4.374 USD; profit 5.687 USD', () => {
    close(r.energyKwhPerDay, 87.48);
    close(r.powerCostPerDay, 4.374);
    close(r.profitPerDay, 5.687);
  });
  test('break-even electricity 0.1150/kWh and BTC price 35,409', () => {
    close(r.breakEvenElectricity!, 0.115);
    close(r.breakEvenPrice!, 35_409);
  });
  test('efficiency and solo odds', () => {
    close(r.efficiencyJth, 13.5);
    close(r.soloBlocksPerDay, 4.09e-5, 3e-3);
  });
  test('identity: break-even price × BTC/day equals power cost (independent check)', () => {
    close(r.breakEvenPrice! * r.btcPerDay, r.powerCostPerDay, 1e-12);
  });
  test('implied network hashrate 950.3 EH/s', () => close(impliedHashrateHs(1.3275707e14) / 1e18, 950.3));
});
