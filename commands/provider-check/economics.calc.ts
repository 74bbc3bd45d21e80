// The economics of a cloud-hashrate offer (provider-check.md §5, §8): what the buyer gets against what
// a TH mines, with the usual stop clause (the contract ends when the fee exceeds the output, so a value
// ratio is never negative). Plain numbers in, plain numbers out; no rounding.
import { computeContract, type ContractResult } from '../mining/payback.calc.js';
import type { Economics } from './checks.calc.js';

/** Per TH: every money figure is for one TH/s. */
export interface OfferTerms {
  /** Days valued (a lifetime contract is valued over a fixed horizon). */
  horizonDays: number | null;
  pricePerTh: number | null;
  maintenancePerThDay: number | null;
  /** Payout per TH per day the offer promises or estimates; null for pool output or unknown. */
  promisedPerThDay: number | null;
}

export interface MarketNumbers {
  tipHeight: number;
  difficulty: number;
  feesPerBlockBtc: number;
  price: number;
  /** Gross hashprice in the offer currency per TH per day. */
  hashpricePerThDay: number;
  /** Physical cost floor per TH-day in the offer currency. */
  costFloorPerThDay: number;
  /** Difficulty growth per month assumed for the contract's life. */
  growthPerMonth: number;
}

export interface OfferEconomics extends Economics {
  contract: ContractResult | null;
}

/**
 * Net annual return to the buyer, in %: (expected payouts − price − maintenance) ÷ (price +
 * maintenance), annualised (simple, × 365 ÷ days) over the contract. Null without a price and a term.
 */
export function netAnnualReturnPct(payouts: number, price: number, maintenance: number, days: number): number | null {
  const outlay = price + maintenance;
  if (!(outlay > 0) || !(days > 0)) return null;
  return ((payouts - outlay) / outlay) * (365 / days) * 100;
}

export function offerEconomics(t: OfferTerms, m: MarketNumbers): OfferEconomics {
  const days = t.horizonDays;
  const contract =
    days !== null
      ? computeContract({
          hashrateThs: 1,
          days,
          pricePerTh: t.pricePerTh ?? 0,
          maintenancePerThDay: t.maintenancePerThDay ?? 0,
          tipHeight: m.tipHeight,
          difficulty: m.difficulty,
          feesPerBlockBtc: m.feesPerBlockBtc,
          poolFee: 0,
          uptime: 1,
          price: m.price,
          growthPerMonth: m.growthPerMonth,
          stopWhenUnprofitable: true,
        })
      : null;
  const price = t.pricePerTh;
  const allIn = price !== null && days !== null && days > 0 ? price / days + (t.maintenancePerThDay ?? 0) : null;
  const promised = t.promisedPerThDay;
  let net: number | null = null;
  if (promised !== null && price !== null && days !== null)
    net = netAnnualReturnPct(promised * days, price, (t.maintenancePerThDay ?? 0) * days, days);
  else if (contract && price !== null && days !== null)
    // pool output: what the modelled mining pays until the contract ends (stop clause included)
    net = netAnnualReturnPct(contract.projectedRevenue, price, contract.totalFees, days);
  return {
    hashpricePerThDay: m.hashpricePerThDay,
    promisedPerThDay: promised,
    payoutRatio: promised !== null ? promised / m.hashpricePerThDay : null,
    valueRatio: contract && price ? Math.max(0, contract.valueRatio ?? 0) : null,
    impliedAprPct: promised !== null && price ? ((promised * 365) / price) * 100 : null,
    netAnnualReturnPct: net,
    allInCostPerThDay: allIn,
    marketRatio: allIn !== null ? allIn / m.hashpricePerThDay : null,
    costFloorPerThDay: m.costFloorPerThDay,
    stopsAtDay: contract?.stopsAtDay ?? null,
    contract,
  };
}
