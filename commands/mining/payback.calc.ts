// Projections stepped by 2016-block epochs with monthly difficulty growth, split at halvings.
// mining-math.md §7 (rig payback) and §8 (cloud contracts).
import { BLOCKS_PER_DAY, DAYS_PER_MONTH, EPOCH_BLOCKS, HALVING_INTERVAL, K_TH_DAY, subsidyBtc } from './mining.calc.js';

export interface ProjectionInput {
  hashrateThs: number;
  /** Current chain tip; the projection starts at tip + 1. */
  tipHeight: number;
  difficulty: number;
  feesPerBlockBtc: number;
  poolFee: number;
  uptime: number;
  price: number;
  /** Fraction per month, 0.02 = 2 %/month. */
  growthPerMonth: number;
  /** Projection length in blocks (144 blocks = 1 day). */
  horizonBlocks: number;
  /** Fiat cost per day charged regardless of output (power, or a contract's maintenance fee). */
  costPerDay: number;
}

/** One stretch of blocks with a constant difficulty and subsidy. */
export interface Segment {
  startHeight: number;
  blocks: number;
  difficulty: number;
  subsidyBtc: number;
  /** Days from the start of the projection to the segment start. */
  startDay: number;
  days: number;
  btc: number;
  revenue: number;
  cost: number;
  profit: number;
}

/** Splits the horizon into segments at every epoch boundary and every halving height (§7 steps 1–5). */
export function projectSegments(i: ProjectionInput): Segment[] {
  const segments: Segment[] = [];
  const start = i.tipHeight + 1;
  const end = start + Math.max(0, Math.floor(i.horizonBlocks));
  const currentEpoch = Math.floor(i.tipHeight / EPOCH_BLOCKS);
  const perEpochGrowth = Math.pow(1 + i.growthPerMonth, 14 / DAYS_PER_MONTH);
  let h = start;
  while (h < end) {
    const epoch = Math.floor(h / EPOCH_BLOCKS);
    const epochEnd = (epoch + 1) * EPOCH_BLOCKS;
    const halvingEnd = (Math.floor(h / HALVING_INTERVAL) + 1) * HALVING_INTERVAL;
    const segEnd = Math.min(epochEnd, halvingEnd, end);
    const blocks = segEnd - h;
    const difficulty = i.difficulty * Math.pow(perEpochGrowth, epoch - currentEpoch);
    const subsidy = subsidyBtc(h);
    const days = blocks / BLOCKS_PER_DAY;
    const btc =
      ((i.hashrateThs * K_TH_DAY * (subsidy + i.feesPerBlockBtc)) / difficulty) * (1 - i.poolFee) * i.uptime * days;
    const revenue = btc * i.price;
    const cost = i.costPerDay * days;
    segments.push({
      startHeight: h,
      blocks,
      difficulty,
      subsidyBtc: subsidy,
      startDay: (h - start) / BLOCKS_PER_DAY,
      days,
      btc,
      revenue,
      cost,
      profit: revenue - cost,
    });
    h = segEnd;
  }
  return segments;
}

export interface PaybackResult {
  /** Day on which cumulative profit reaches the hardware cost; null if it never does. */
  paybackDay: number | null;
  /** Height of the first segment whose profit is negative (the simulation stops there). */
  unprofitableFromHeight: number | null;
  unprofitableFromDay: number | null;
  /** Cumulative profit when the simulation stopped. */
  cumulativeProfit: number;
  cumulativeBtc: number;
  /** Days simulated. */
  simulatedDays: number;
  /** Profit per day just before and just after the next halving, if it falls inside the horizon. */
  halving: { height: number; day: number; profitPerDayBefore: number; profitPerDayAfter: number } | null;
}

/** Rig payback: stops at payback, at the first loss-making segment, or at the horizon (§7 step 6). */
export function simulatePayback(
  i: ProjectionInput & { hardwareCost: number },
  /** The projection of `i`, when the caller has it already (break-even draws the same one). */
  segments: readonly Segment[] = projectSegments(i),
): PaybackResult {
  let cumulative = 0;
  let cumulativeBtc = 0;
  let paybackDay: number | null = i.hardwareCost <= 0 ? 0 : null;
  let unprofitableFromHeight: number | null = null;
  let unprofitableFromDay: number | null = null;
  let simulatedDays = 0;
  let halving: PaybackResult['halving'] = null;
  for (let k = 0; k < segments.length; k++) {
    const s = segments[k]!;
    if (halving === null && k > 0 && s.startHeight % HALVING_INTERVAL === 0) {
      const prev = segments[k - 1]!;
      halving = {
        height: s.startHeight,
        day: s.startDay,
        profitPerDayBefore: prev.profit / prev.days,
        profitPerDayAfter: s.profit / s.days,
      };
    }
    if (paybackDay !== null) continue; // only scanning for the halving figures now
    if (s.profit < 0) {
      unprofitableFromHeight = s.startHeight;
      unprofitableFromDay = s.startDay;
      simulatedDays = s.startDay;
      break;
    }
    if (cumulative + s.profit >= i.hardwareCost) {
      const fraction = s.profit > 0 ? (i.hardwareCost - cumulative) / s.profit : 0;
      paybackDay = s.startDay + fraction * s.days;
      cumulativeBtc += s.btc * fraction;
      cumulative = i.hardwareCost;
      simulatedDays = paybackDay;
      continue;
    }
    cumulative += s.profit;
    cumulativeBtc += s.btc;
    simulatedDays = s.startDay + s.days;
  }
  return {
    paybackDay,
    unprofitableFromHeight,
    unprofitableFromDay,
    cumulativeProfit: cumulative,
    cumulativeBtc,
    simulatedDays,
    halving,
  };
}

export interface ContractInput {
  hashrateThs: number;
  days: number;
  /** Upfront price per TH. */
  pricePerTh: number;
  /** Maintenance / electricity fee per TH per day. */
  maintenancePerThDay: number;
  tipHeight: number;
  difficulty: number;
  feesPerBlockBtc: number;
  poolFee: number;
  uptime: number;
  price: number;
  growthPerMonth: number;
  /**
   * The usual stop clause: the contract ends when the fee exceeds the output (the provider stops it;
   * the buyer owes nothing more). Without it, fees past that point count against the value.
   */
  stopWhenUnprofitable?: boolean;
}

export interface ContractResult {
  upfront: number;
  totalFees: number;
  totalCost: number;
  /** BTC mined over the contract after pool fee and uptime. */
  btcMined: number;
  /** Gross mining revenue at today's price. */
  projectedRevenue: number;
  net: number;
  roiPct: number;
  /** Value to the buyer before the upfront price, divided by the upfront price (§8 `VR`). */
  valueRatio: number | null;
  /** BTC price at which revenue equals total cost (no stop clause: cost per BTC). */
  breakEvenPrice: number | null;
  /** All-in cost per TH-day. */
  allInCostPerThDay: number;
  /** First day on which cumulative (output − fee) covers the upfront price; null if never. */
  breakEvenDay: number | null;
  /** Whether the contract runs past the next halving height. */
  crossesHalving: boolean;
  /** With the stop clause: the day the fee first exceeds the output (the contract ends); else null. */
  stopsAtDay: number | null;
}

/** Dynamic contract economics (§8): the §7 engine over the contract's days, fees instead of power. */
export function computeContract(i: ContractInput): ContractResult {
  const segments = projectSegments({
    hashrateThs: i.hashrateThs,
    tipHeight: i.tipHeight,
    difficulty: i.difficulty,
    feesPerBlockBtc: i.feesPerBlockBtc,
    poolFee: i.poolFee,
    uptime: i.uptime,
    price: i.price,
    growthPerMonth: i.growthPerMonth,
    horizonBlocks: Math.round(i.days * BLOCKS_PER_DAY),
    costPerDay: i.maintenancePerThDay * i.hashrateThs,
  });
  const upfront = i.pricePerTh * i.hashrateThs;
  let btc = 0;
  let fees = 0;
  let cumulative = 0;
  let breakEvenDay: number | null = upfront <= 0 ? 0 : null;
  let stopsAtDay: number | null = null;
  for (const s of segments) {
    if (i.stopWhenUnprofitable && s.profit < 0) {
      stopsAtDay = s.startDay;
      break;
    }
    btc += s.btc;
    fees += s.cost;
    if (breakEvenDay === null && s.profit > 0 && cumulative + s.profit >= upfront) {
      breakEvenDay = s.startDay + ((upfront - cumulative) / s.profit) * s.days;
    }
    cumulative += s.profit;
  }
  const revenue = btc * i.price;
  const totalCost = upfront + fees;
  const value = revenue - fees;
  const lastHeight = i.tipHeight + Math.round(i.days * BLOCKS_PER_DAY);
  return {
    upfront,
    totalFees: fees,
    totalCost,
    btcMined: btc,
    projectedRevenue: revenue,
    net: revenue - totalCost,
    roiPct: totalCost > 0 ? ((revenue - totalCost) / totalCost) * 100 : 0,
    valueRatio: upfront > 0 ? value / upfront : null,
    breakEvenPrice: btc > 0 ? totalCost / btc : null,
    allInCostPerThDay: i.days > 0 && i.hashrateThs > 0 ? totalCost / (i.hashrateThs * i.days) : 0,
    breakEvenDay,
    crossesHalving: Math.floor(lastHeight / HALVING_INTERVAL) > Math.floor(i.tipHeight / HALVING_INTERVAL),
    stopsAtDay,
  };
}

/**
 * Cumulative profit month by month over the horizon, from the same segments as `simulatePayback`:
 * the rig runs while a segment is profitable and is switched off from the first loss-making one (the
 * curve stays flat from there, as the simulation stops there). Point k is [days, cumulative] at the
 * end of month k; a last point closes the horizon.
 */
export function paybackCurve(segments: readonly Segment[], horizonDays: number): Array<[number, number]> {
  const points: Array<[number, number]> = [[0, 0]];
  let cumulative = 0;
  let off = false;
  let k = 0;
  const boundaries: number[] = [];
  for (let m = 1; m * DAYS_PER_MONTH < horizonDays; m++) boundaries.push(m * DAYS_PER_MONTH);
  boundaries.push(horizonDays);
  for (const day of boundaries) {
    // Add every segment (or the part of it) that lies before `day`.
    while (k < segments.length && !off) {
      const s = segments[k]!;
      if (s.profit < 0) {
        off = true;
        break;
      }
      const end = s.startDay + s.days;
      if (end <= day) {
        cumulative += s.profit;
        k++;
        continue;
      }
      break;
    }
    const s = segments[k];
    const partial = !off && s && s.startDay < day && s.profit >= 0 ? (s.profit * (day - s.startDay)) / s.days : 0;
    points.push([day, cumulative + partial]);
  }
  return points;
}
