// Pure mining arithmetic. Plain numbers in, plain numbers out; no rounding (formatting is separate).
// Formulas and worked examples: shared/reference/mining-math.md.

/** Blocks between halvings (Bitcoin Core consensus.nSubsidyHalvingInterval). */
export const HALVING_INTERVAL = 210_000;
/** Blocks per difficulty epoch. */
export const EPOCH_BLOCKS = 2016;
/** Average days per month used for growth rates. */
export const DAYS_PER_MONTH = 30.4375;
/** Expected blocks per day at the 600 s target. */
export const BLOCKS_PER_DAY = 144;
/** Hashes per unit of difficulty, by industry convention (bitcoin.stackexchange.com q. 79774). */
export const TWO_POW_32 = 4_294_967_296;
/** Converts R/D into BTC per TH/s per day: 86,400 × 10¹² / 2³². */
export const K_TH_DAY = (86_400 * 1e12) / TWO_POW_32;
export const SATS_PER_BTC = 100_000_000;

/** Block subsidy in sats at a height (Bitcoin Core GetBlockSubsidy: 64+ halvings pay nothing). */
export function subsidySats(height: number): number {
  const halvings = Math.floor(height / HALVING_INTERVAL);
  if (halvings >= 64) return 0;
  return Number(5_000_000_000n >> BigInt(halvings));
}

/** Block subsidy in BTC at a height. */
export function subsidyBtc(height: number): number {
  return subsidySats(height) / SATS_PER_BTC;
}

/** First height of the next halving after `height` (the block that already pays the new amount). */
export function nextHalvingHeight(height: number): number {
  return (Math.floor(height / HALVING_INTERVAL) + 1) * HALVING_INTERVAL;
}

/** Gross BTC per TH/s per day ("hash value") for difficulty D and reward per block R (BTC). */
export function btcPerThDay(difficulty: number, rewardPerBlockBtc: number): number {
  return (K_TH_DAY * rewardPerBlockBtc) / difficulty;
}

export interface YieldInput {
  hashrateThs: number;
  powerW: number;
  difficulty: number;
  /** Block subsidy at the next block, BTC. */
  subsidyBtc: number;
  /** Mean fees per block, BTC (0 when fees are left out). */
  feesPerBlockBtc: number;
  /** Fraction, 0.02 = 2 %. */
  poolFee: number;
  /** Fraction, 0.98 = 98 %. */
  uptime: number;
  price: number;
  /** Fiat per kWh. */
  electricity: number;
}

export interface YieldResult {
  rewardPerBlockBtc: number;
  /** Gross hashprice: before pool fee, uptime and power. */
  hashpriceBtcPerThDay: number;
  hashpriceFiatPerThDay: number;
  /** BTC per day after pool fee and uptime. */
  btcPerDay: number;
  revenuePerDay: number;
  energyKwhPerDay: number;
  powerCostPerDay: number;
  profitPerDay: number;
  /** profit / revenue; null when revenue is 0. */
  margin: number | null;
  efficiencyJth: number;
  /** Electricity price at which profit is zero (fiat/kWh); null without power draw. */
  breakEvenElectricity: number | null;
  /** BTC price at which profit is zero; null when nothing is mined. */
  breakEvenPrice: number | null;
  /** Expected blocks per day if mining solo. */
  soloBlocksPerDay: number;
}

/** Daily economics of a rig (mining-math.md §2–§6). Power is charged for the full 24 h; uptime reduces revenue only. */
export function computeYield(i: YieldInput): YieldResult {
  const reward = i.subsidyBtc + i.feesPerBlockBtc;
  const hashBtc = btcPerThDay(i.difficulty, reward);
  const btcPerDay = i.hashrateThs * hashBtc * (1 - i.poolFee) * i.uptime;
  const revenue = btcPerDay * i.price;
  const energy = (i.powerW / 1000) * 24;
  const powerCost = energy * i.electricity;
  const profit = revenue - powerCost;
  return {
    rewardPerBlockBtc: reward,
    hashpriceBtcPerThDay: hashBtc,
    hashpriceFiatPerThDay: hashBtc * i.price,
    btcPerDay,
    revenuePerDay: revenue,
    energyKwhPerDay: energy,
    powerCostPerDay: powerCost,
    profitPerDay: profit,
    margin: revenue > 0 ? profit / revenue : null,
    efficiencyJth: i.powerW / i.hashrateThs,
    breakEvenElectricity: energy > 0 ? revenue / energy : null,
    breakEvenPrice: btcPerDay > 0 ? powerCost / btcPerDay : null,
    soloBlocksPerDay: (i.hashrateThs * 1e12 * 86_400) / (i.difficulty * TWO_POW_32),
  };
}

/** Network hashrate implied by difficulty, H/s (mining-math.md §9). */
export function impliedHashrateHs(difficulty: number): number {
  return (difficulty * TWO_POW_32) / 600;
}
