// The provider-check signals (provider-check.md §3, §5): each a pure function with named thresholds
// and a code. Inputs are plain numbers; the command formats the messages.
import type { MessageKey } from '../core/messages.js';

export type Severity = 'critical' | 'high' | 'medium' | 'info' | 'positive';

/** One finding; `values` carries the numbers the message shows. */
/** The `pc.flag.*` messages, by their suffix. */
export type FlagMessage = MessageKey extends infer K ? (K extends `pc.flag.${infer M}` ? M : never) : never;

export interface Finding {
  code: string;
  severity: Severity;
  /** Which message describes it (`pc.flag.<message>` in the catalog). */
  message: FlagMessage;
  values: Record<string, number | string>;
  /** Score points for positive findings. */
  points?: number;
}

export const THRESHOLDS = {
  /** Payout ratio above which the offer pays more than the hashrate mines (E1). */
  payoutRatioRed: 1.05,
  /** …widened when the market data is more than a day old. */
  payoutRatioRedStale: 1.15,
  valueRatioHigh: 1.5,
  valueRatioMedium: 1.15,
  valueRatioLow: 0.6,
  valueRatioVeryLow: 0.3,
  /** All-in cost below this share of the market price is suspicious while the payout is near hashprice (E4). */
  marketRatioLow: 0.7,
  payoutRatioForCostChecks: 0.8,
  aprHighPct: 50,
  aprCriticalPct: 100,
  /** E7: a machine whose gross break-even power price is below this cannot run without a fee. */
  noFeeBreakEvenUsdPerKwh: 0.03,
  withdrawalFeeMediumPct: 5,
  observerOk: 0.9,
  observerBad: 0.5,
  /** Below a fifth of what was sold the observer contradicts the sale outright (our addition to §3). */
  observerCritical: 0.2,
  referralHighLevels: 2,
  /** E9: claimed power below this (USD/kWh) is far under any hosting rate (§6.3: 0.045–0.08). */
  powerPriceLowUsd: 0.03,
  /** E10: machines × TH per machine off from the claimed total by more than this share. */
  capacityMismatch: 0.2,
  /** E10: a claimed total at or above this (TH/s) is an industrial farm: 1 EH/s ≈ 0.1 % of the network. */
  capacityLargeThs: 1e6,
  capacityHugeThs: 1e7,
  /** W1: a domain younger than this many days is high risk, … */
  domainYoungDays: 30,
  /** … younger than this, medium … */
  domainNewDays: 180,
  /** … older than this many years counts in its favour. */
  domainOldYears: 3,
} as const;

/** Physical cost floor per TH-day in USD (§5): best efficiency at cheap power plus capex over 3 years. */
export const COST_FLOOR = { kwhUsd: 0.03, capexUsdPerTh: 12, lifeDays: 1095 } as const;

export function costFloorUsdPerThDay(bestEfficiencyJth: number): number {
  return (bestEfficiencyJth * 24 * COST_FLOOR.kwhUsd) / 1000 + COST_FLOOR.capexUsdPerTh / COST_FLOOR.lifeDays;
}

/** Everything the checks look at, already normalised (money in the offer currency). */
export interface OfferFacts {
  hashrateThs: number;
  /** null for a lifetime contract. */
  days: number | null;
  pricePerTh: number | null;
  maintenancePerThDay: number | null;
  /** An explicit guarantee (`guaranteed=yes`, guarantee wording, a daily % of the price). */
  guaranteed: boolean;
  payoutAsset: 'btc' | 'usdt' | 'token' | null;
  referralLevels: number | null;
  withdrawalFeePct: number | null;
  stopClause: boolean;
  machineEfficiencyJth: number | null;
}

export interface Market {
  /** Gross hashprice in the currency per TH per day. */
  hashpricePerThDay: number;
  /** USD per unit of the currency (1 for USD). */
  usdPerUnit: number;
  /** Age of the market snapshot in ms. */
  dataAgeMs: number;
}

export interface Economics {
  hashpricePerThDay: number;
  promisedPerThDay: number | null;
  payoutRatio: number | null;
  /** Modelled value to the buyer (stop clause included) ÷ price; never negative. */
  valueRatio: number | null;
  /** Gross payouts a year ÷ price, in % (informative: counts the price coming back as yield). */
  impliedAprPct: number | null;
  /** (payouts − price − maintenance) ÷ (price + maintenance), annualised, in % (economics.calc.ts). */
  netAnnualReturnPct: number | null;
  /** The day the contract stops under the stop clause (fee above output), or null. */
  stopsAtDay: number | null;
  allInCostPerThDay: number | null;
  marketRatio: number | null;
  costFloorPerThDay: number;
}

/** E1: the offer pays more per TH than a TH mines (before any fee). */
export function checkPayoutRatio(e: Economics, stale: boolean): Finding | null {
  if (e.payoutRatio === null) return null;
  const red = stale ? THRESHOLDS.payoutRatioRedStale : THRESHOLDS.payoutRatioRed;
  if (e.payoutRatio <= red) return null;
  return {
    code: 'E1',
    severity: 'critical',
    message: 'E1',
    values: { pr: e.payoutRatio, promised: e.promisedPerThDay ?? 0, hashprice: e.hashpricePerThDay },
  };
}

/**
 * E2: an explicit fixed or guaranteed return (mining output moves with price and difficulty): the
 * offer says so (`guaranteed=yes`, 保本/保息/稳赚/固定收益, "guaranteed", "fixed daily…"). A number alone
 * is an estimate, judged by E1 against hashprice.
 */
export function checkFixedReturn(f: OfferFacts, keyword: string | null): Finding | null {
  if (!f.guaranteed && !keyword) return null;
  return {
    code: 'E2',
    severity: 'critical',
    message: f.guaranteed && !keyword ? 'E2' : 'E2kw',
    values: { phrase: keyword ?? '' },
  };
}

/** E3: modelled value to the buyer over the price. */
export function checkValueRatio(e: Economics): Finding | null {
  const vr = e.valueRatio;
  if (vr === null) return null;
  if (vr >= THRESHOLDS.valueRatioHigh) return { code: 'E3', severity: 'high', message: 'E3high', values: { vr } };
  if (vr >= THRESHOLDS.valueRatioMedium) return { code: 'E3', severity: 'medium', message: 'E3high', values: { vr } };
  // Poor value is not fraud, but a buyer should hear it: under a third back is a high warning.
  if (vr < THRESHOLDS.valueRatioVeryLow) return { code: 'E3', severity: 'high', message: 'E3low', values: { vr } };
  if (vr < THRESHOLDS.valueRatioLow) return { code: 'E3', severity: 'medium', message: 'E3low', values: { vr } };
  return null;
}

/** E4: all-in cost far below what hashrate sells for, while promising about hashprice. */
export function checkMarketRatio(e: Economics): Finding | null {
  if (e.marketRatio === null || e.payoutRatio === null) return null;
  if (e.marketRatio < THRESHOLDS.marketRatioLow && e.payoutRatio >= THRESHOLDS.payoutRatioForCostChecks) {
    return {
      code: 'E4',
      severity: 'high',
      message: 'E4',
      values: { mr: e.marketRatio, cost: e.allInCostPerThDay ?? 0, hashprice: e.hashpricePerThDay },
    };
  }
  return null;
}

/** E5: all-in cost below what any operator pays for power and machines. */
export function checkCostFloor(e: Economics): Finding | null {
  if (e.allInCostPerThDay === null || e.payoutRatio === null) return null;
  if (e.allInCostPerThDay < e.costFloorPerThDay && e.payoutRatio >= THRESHOLDS.payoutRatioForCostChecks) {
    return {
      code: 'E5',
      severity: 'high',
      message: 'E5',
      values: { cost: e.allInCostPerThDay, floor: e.costFloorPerThDay },
    };
  }
  return null;
}

/** E6: the net annual return the promised payouts give the buyer (price and fees back first). */
export function checkApr(e: Economics): Finding | null {
  const net = e.promisedPerThDay !== null ? e.netAnnualReturnPct : null;
  if (net === null) return null;
  if (net > THRESHOLDS.aprCriticalPct) return { code: 'E6', severity: 'critical', message: 'E6', values: { apr: net } };
  if (net > THRESHOLDS.aprHighPct) return { code: 'E6', severity: 'high', message: 'E6', values: { apr: net } };
  return null;
}

/** E7: "no electricity fee" on a machine whose output cannot cover cheap power. */
export function checkNoFee(f: OfferFacts, m: Market): Finding | null {
  if (f.maintenancePerThDay !== 0 || f.machineEfficiencyJth === null) return null;
  const breakEvenUsd = (m.hashpricePerThDay * m.usdPerUnit * 1000) / (24 * f.machineEfficiencyJth);
  if (breakEvenUsd >= THRESHOLDS.noFeeBreakEvenUsdPerKwh) return null;
  return { code: 'E7', severity: 'high', message: 'E7', values: { breakEvenUsd } };
}

/** E8: lifetime contracts; H when combined with a fixed return. */
export function checkLifetime(f: OfferFacts, fixed: boolean): Finding | null {
  if (f.days !== null || f.stopClause) return null;
  return { code: 'E8', severity: fixed ? 'high' : 'medium', message: 'E8', values: {} };
}

/** E8 (info): a contract that runs past the halving without saying so. */
export function checkHalving(crossesHalving: boolean): Finding | null {
  return crossesHalving ? { code: 'E8', severity: 'info', message: 'E8halving', values: {} } : null;
}

export function checkReferral(f: OfferFacts, phrase: string | null): Finding | null {
  const levels = f.referralLevels;
  if (!levels && !phrase) return null;
  const n = levels ?? 1;
  return {
    code: 'P1',
    severity: n >= THRESHOLDS.referralHighLevels ? 'high' : 'medium',
    message: 'P1',
    values: { levels: n },
  };
}

export function checkTokenPayout(f: OfferFacts): Finding | null {
  return f.payoutAsset === 'token' ? { code: 'P2', severity: 'high', message: 'P2', values: {} } : null;
}

export function checkWithdrawal(f: OfferFacts, payToWithdraw: string | null): Finding | null {
  if (payToWithdraw) return { code: 'P3', severity: 'critical', message: 'P3pay', values: { phrase: payToWithdraw } };
  if (f.withdrawalFeePct !== null && f.withdrawalFeePct > THRESHOLDS.withdrawalFeeMediumPct) {
    return { code: 'P3', severity: 'medium', message: 'P3fee', values: { pct: f.withdrawalFeePct } };
  }
  return null;
}

export function checkPrincipalGuaranteed(phrase: string | null): Finding | null {
  return phrase ? { code: 'P4', severity: 'high', message: 'P4', values: { phrase } } : null;
}

export function checkConnectWallet(phrase: string | null): Finding | null {
  return phrase ? { code: 'C2', severity: 'critical', message: 'C2', values: { phrase } } : null;
}

/** V1/V4 from an observed 24 h hashrate against the hashrate sold. */
export function checkObserved(observedThs: number, soldThs: number): Finding {
  const ratio = observedThs / soldThs;
  if (ratio >= THRESHOLDS.observerOk)
    return {
      code: 'V1',
      severity: 'positive',
      points: 10,
      message: 'V1',
      values: { observed: observedThs, sold: soldThs },
    };
  if (ratio < THRESHOLDS.observerCritical)
    return { code: 'V4', severity: 'critical', message: 'V4', values: { observed: observedThs, sold: soldThs } };
  if (ratio < THRESHOLDS.observerBad)
    return { code: 'V4', severity: 'high', message: 'V4', values: { observed: observedThs, sold: soldThs } };
  return { code: 'V4', severity: 'medium', message: 'V4', values: { observed: observedThs, sold: soldThs } };
}

/** R4: farms claimed in mainland China, where mining is banned (2021) and such contracts were held void. */
export function checkChinaFarm(location: string | undefined, phrase: string | null): Finding | null {
  const loc = location?.normalize('NFKC').toLowerCase() ?? '';
  const named =
    /china|中国|大陆|四川|sichuan|新疆|xinjiang|内蒙|inner mongolia|云南|yunnan|贵州|guizhou|青海|qinghai|甘肃|gansu|宁夏|ningxia/.test(
      loc,
    ) && !/hong ?kong|香港|taiwan|台湾|macau|macao|澳门/.test(loc);
  if (!named && !phrase) return null;
  return {
    code: 'R4',
    severity: 'medium',
    message: 'R4',
    values: { where: named ? location!.trim().slice(0, 60) : phrase! },
  };
}

/** C1: how the offer reached the buyer (unsolicited DM, dating contact, "teacher" group) or pressure words. */
export function checkContact(contact: string | undefined, phrase: string | null): Finding | null {
  if (contact === 'dm' || contact === 'dating' || contact === 'group')
    return { code: 'C1', severity: 'medium', message: `C1${contact}`, values: {} };
  return phrase ? { code: 'C1', severity: 'medium', message: 'C1phrase', values: { phrase } } : null;
}

/** E9: a claimed power price far below what hosting costs anywhere (compared in USD). */
export function checkPowerPrice(perKwh: number | undefined, usdPerUnit: number): Finding | null {
  if (perKwh === undefined) return null;
  const usd = perKwh * usdPerUnit;
  return usd < THRESHOLDS.powerPriceLowUsd
    ? { code: 'E9', severity: 'medium', message: 'E9', values: { power: usd, low: THRESHOLDS.powerPriceLowUsd } }
    : null;
}

/**
 * E10: physically inconsistent capacity claims. Machines × TH per machine against the claimed total, and
 * what a claimed total means in machines and megawatts (with the named or the most efficient preset)
 * and as a share of the network.
 */
export function checkCapacity(c: {
  claimedThs?: number;
  machines?: number;
  machineThs: number;
  machineW: number;
  networkThs?: number;
}): Finding | null {
  const { claimedThs, machines } = c;
  if (claimedThs !== undefined && machines !== undefined) {
    const implied = machines * c.machineThs;
    if (Math.abs(implied - claimedThs) / claimedThs > THRESHOLDS.capacityMismatch)
      return {
        code: 'E10',
        severity: 'medium',
        message: 'E10mismatch',
        values: { machines, implied, claimed: claimedThs },
      };
  }
  if (claimedThs !== undefined && claimedThs >= THRESHOLDS.capacityLargeThs) {
    const count = Math.ceil(claimedThs / c.machineThs);
    return {
      code: 'E10',
      severity: claimedThs >= THRESHOLDS.capacityHugeThs ? 'high' : 'medium',
      message: 'E10large',
      values: {
        claimed: claimedThs,
        count,
        mw: (count * c.machineW) / 1e6,
        share: c.networkThs ? (claimedThs / c.networkThs) * 100 : '?',
      },
    };
  }
  return null;
}

/**
 * W1 (provider-check.md §3): how long the website has existed. The RDAP registration date decides when
 * known (a dropped domain bought by someone new gets a new registration, whatever its old captures
 * say); otherwise the earliest certificate or capture is a lower bound ("first seen"). `foundedYear`:
 * the year the provider claims to have started; a site first seen more than a year later contradicts it.
 */
export function checkDomainAge(
  evidence: { registeredAt?: number; firstCertAt?: number; firstCaptureAt?: number },
  now: number,
  foundedYear?: number,
): Finding | null {
  const firstSeen = [evidence.firstCertAt, evidence.firstCaptureAt].filter((x): x is number => x !== undefined);
  const basis = evidence.registeredAt ?? (firstSeen.length ? Math.min(...firstSeen) : undefined);
  if (basis === undefined) return null;
  const days = Math.max(0, (now - basis) / 86_400_000);
  const since = new Date(basis).toISOString().slice(0, 10);
  const how = evidence.registeredAt !== undefined ? 'registered' : 'seen';
  const basisYear = new Date(basis).getUTCFullYear();
  const contradicted = foundedYear !== undefined && basisYear > foundedYear + 1;
  const values = { days: Math.floor(days), since, how, founded: foundedYear ?? '' };
  if (days < THRESHOLDS.domainYoungDays)
    return { code: 'W1', severity: 'high', message: contradicted ? 'W1youngFounded' : 'W1young', values };
  if (days < THRESHOLDS.domainNewDays)
    return { code: 'W1', severity: 'medium', message: contradicted ? 'W1newFounded' : 'W1new', values };
  if (contradicted) return { code: 'W1', severity: 'medium', message: 'W1founded', values };
  // Only a registration date proves age: captures of an older owner's site do not.
  if (evidence.registeredAt !== undefined && days > THRESHOLDS.domainOldYears * 365.25)
    return { code: 'W1', severity: 'positive', points: 5, message: 'W1old', values };
  return null;
}

export type Band = 'consistent' | 'unclear' | 'high-risk' | 'implausible';

/** Score per §8: C −60 and cap 10, H −25, M −10, positives add; never above 95. */
export function score(findings: readonly Finding[]): { score: number; band: Band } {
  let s = 100;
  let cap = 95;
  for (const f of findings) {
    if (f.severity === 'critical') {
      s -= 60;
      cap = Math.min(cap, 10);
    } else if (f.severity === 'high') s -= 25;
    else if (f.severity === 'medium') s -= 10;
    else if (f.severity === 'positive') s += f.points ?? 0;
  }
  const value = Math.max(0, Math.min(s, cap, 95));
  return { score: value, band: bandOf(value) };
}

/** What the verdict can rest on. */
export interface Evidence {
  /** Price, term and payout (a number or pool output) of a Bitcoin offer, with fresh enough data. */
  judgeable: boolean;
  /** An observer link was given. */
  observerGiven: boolean;
}

export type VerdictBand = Band | 'insufficient';

/** Findings that count against an offer; V3 (no observer given) is a gap, not a sign. */
function negative(f: Finding): boolean {
  return (f.severity === 'critical' || f.severity === 'high' || f.severity === 'medium') && f.code !== 'V3';
}

/** Tokenized hashrate from an issuer nobody can verify: at best unclear (§ "hashrate NFTs"). */
const TOKEN_CAP = 74;

/**
 * The verdict, with no verdict without evidence: with neither the economics nor an observer link, only
 * warning signs may produce a low score (positives do not count), and a score that would not be low
 * is `insufficient` (score null): knowing a name is not evidence. Positive findings (observer
 * verified, an old domain) raise a score only where the economics are known.
 */
export function verdict(findings: readonly Finding[], e: Evidence): { score: number | null; band: VerdictBand } {
  const counted = e.judgeable ? findings : findings.filter((f) => f.severity !== 'positive');
  const { score: raw } = score(counted);
  const value = findings.some((f) => f.code === 'T1') ? Math.min(raw, TOKEN_CAP) : raw;
  if (!e.judgeable && !e.observerGiven && (!findings.some(negative) || value >= 50))
    return { score: null, band: 'insufficient' };
  return { score: value, band: bandOf(value) };
}

function bandOf(value: number): Band {
  return value >= 75 ? 'consistent' : value >= 50 ? 'unclear' : value >= 25 ? 'high-risk' : 'implausible';
}

const ORDER: Record<Severity, number> = { critical: 0, high: 1, medium: 2, positive: 3, info: 4 };

export function bySeverity(a: Finding, b: Finding): number {
  return ORDER[a.severity] - ORDER[b.severity];
}
