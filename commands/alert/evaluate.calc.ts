// Alert evaluation: one chain snapshot in, for each alert its events and its next state. Pure.
// Identities make each event post at most once (the store claims them): a retarget by its epoch's start
// height, a block by its hash, a threshold crossing by the alert's crossing count.
import { EPOCH_BLOCKS, K_TH_DAY, computeYield, subsidyBtc } from '../mining/mining.calc.js';
import type { Alert, AlertRule, AlertState, RecentBlock, RetargetInfo } from '../core/ports.js';

export type { RecentBlock };

/** The chain and the market at one poll. */
export interface ChainSnapshot {
  at: number;
  height: number;
  difficulty: number | null;
  retarget: RetargetInfo | null;
  feesPerBlockBtc: number | null;
  /** Newest blocks, ascending height. */
  blocks: readonly RecentBlock[];
  /** BTC price by lower-case currency, for the currencies alerts use. */
  prices: Readonly<Record<string, number>>;
}

export type AlertEvent =
  | {
      kind: 'retarget';
      key: string;
      at: number;
      /** The new epoch's first height. */
      height: number;
      difficulty: number;
      changePct: number;
      /** Mean block time of the epoch that ended (s), from the change (600 s × previous / new). */
      meanBlockSeconds: number;
      nextEstimatePct: number | null;
      /** What the change does to hashprice, all else equal (%). */
      hashpriceChangePct: number;
    }
  | {
      kind: 'hashprice' | 'price' | 'margin';
      key: string;
      at: number;
      value: number;
      threshold: number;
      direction: 'below' | 'above';
    }
  | {
      kind: 'retargetSoon';
      key: string;
      at: number;
      /** The retarget's height and estimated time (ms), and the estimated change (%). */
      height: number;
      eta: number;
      estimatePct: number;
    }
  | {
      kind: 'block';
      key: string;
      at: number;
      height: number;
      hash: string;
      rewardBtc: number;
      feesBtc: number;
      /** Since the pool's previous block, when known (ms). */
      sinceLastMs: number | null;
    };

/** Whether judging the rule needs a BTC price (price and margin alerts, hashprice in fiat). */
export function needsPrice(rule: AlertRule): boolean {
  return (
    rule.kind === 'price' ||
    rule.kind === 'margin' ||
    (rule.kind === 'hashprice' && !!rule.unit && rule.unit !== 'sats')
  );
}

/** Hashprice now in the rule's unit: sats per TH/s per day, or fiat per TH or PH per day (gross). */
export function hashpriceNow(snap: ChainSnapshot, rule: AlertRule, currency: string): number | null {
  if (snap.difficulty === null || !(snap.difficulty > 0)) return null;
  const btc = (K_TH_DAY * (subsidyBtc(snap.height + 1) + (snap.feesPerBlockBtc ?? 0))) / snap.difficulty;
  if (!rule.unit || rule.unit === 'sats') return btc * 1e8;
  const price = snap.prices[currency];
  if (price === undefined) return null;
  return btc * price * (rule.unit === 'ph' ? 1000 : 1);
}

/** A saved rig's profit per day now, in its currency (mining-math.md §2–§6, as yield computes it). */
export function marginNow(snap: ChainSnapshot, rule: AlertRule, currency: string): number | null {
  const price = snap.prices[currency];
  if (!rule.rig || snap.difficulty === null || !(snap.difficulty > 0) || price === undefined) return null;
  return computeYield({
    hashrateThs: rule.rig.hashrateThs,
    powerW: rule.rig.powerW,
    difficulty: snap.difficulty,
    subsidyBtc: subsidyBtc(snap.height + 1),
    feesPerBlockBtc: snap.feesPerBlockBtc ?? 0,
    poolFee: rule.rig.poolFee,
    uptime: rule.rig.uptime,
    price,
    electricity: rule.rig.electricity,
  }).profitPerDay;
}

/** The value a threshold alert watches, or null when the snapshot does not have it. */
export function watchedValue(alert: Pick<Alert, 'rule' | 'currency'>, snap: ChainSnapshot): number | null {
  if (alert.rule.kind === 'hashprice') return hashpriceNow(snap, alert.rule, alert.currency);
  if (alert.rule.kind === 'margin') return marginNow(snap, alert.rule, alert.currency);
  if (alert.rule.kind === 'price') return snap.prices[alert.currency] ?? null;
  return null;
}

const epochOf = (height: number): number => Math.floor(height / EPOCH_BLOCKS) * EPOCH_BLOCKS;

function poolMatches(rule: AlertRule, b: RecentBlock): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return !!rule.pool && (b.pool === rule.pool || norm(b.poolName) === norm(rule.poolName ?? rule.pool));
}

/**
 * The state an alert starts from: what is true now is the baseline, never an event (an alert made while
 * hashprice is already below its threshold waits for a recovery first).
 */
export function baselineState(alert: Pick<Alert, 'rule' | 'currency'>, snap: ChainSnapshot): AlertState {
  const { rule } = alert;
  if (rule.kind === 'difficulty')
    return {
      armed: true,
      lastFiredAt: null,
      epoch: epochOf(snap.height),
      ...(snap.difficulty ? { difficulty: snap.difficulty } : {}),
    };
  if (rule.kind === 'blocks') {
    const own = snap.blocks.filter((b) => poolMatches(rule, b));
    return {
      armed: true,
      lastFiredAt: null,
      seenHeight: Math.max(snap.height, ...snap.blocks.map((b) => b.height)),
      ...(own.length ? { poolLastBlockAt: own[own.length - 1]!.time } : {}),
    };
  }
  const v = watchedValue(alert, snap);
  const firing = v !== null && (rule.below !== undefined ? v < rule.below : rule.above !== undefined && v > rule.above);
  return { armed: !firing, lastFiredAt: null, fired: 0 };
}

/** `before=24h`: the retarget estimate, once, when the estimated retarget is that close. */
function headsUp(rule: AlertRule, s: AlertState, snap: ChainSnapshot): AlertEvent | null {
  const r = snap.retarget;
  if (!rule.beforeMs || !r || s.warnedFor === r.nextRetargetHeight) return null;
  const left = r.estimatedRetargetAt - snap.at;
  if (left < 0 || left > rule.beforeMs) return null;
  return {
    kind: 'retargetSoon',
    key: `soon:${r.nextRetargetHeight}`,
    at: snap.at,
    height: r.nextRetargetHeight,
    eta: r.estimatedRetargetAt,
    estimatePct: r.estimatedChangePct,
  };
}

/** Events for one alert at this snapshot (at most one: the latest), and the state to store. */
export function evaluate(alert: Alert, snap: ChainSnapshot): { events: AlertEvent[]; state: AlertState } {
  const { rule } = alert;
  const s = alert.state;
  if (rule.kind === 'difficulty') {
    const soon = headsUp(rule, s, snap);
    if (soon?.kind === 'retargetSoon') return { events: [soon], state: { ...s, warnedFor: soon.height } };
    if (snap.difficulty === null) return { events: [], state: s };
    const epoch = epochOf(snap.height);
    const changed = s.difficulty !== undefined && Math.abs(snap.difficulty / s.difficulty - 1) > 1e-9;
    if (s.epoch === undefined || s.difficulty === undefined)
      return { events: [], state: { ...s, epoch, difficulty: snap.difficulty } };
    // A new epoch with its new difficulty (a tip past the boundary with the old difficulty still in
    // the answer waits for the next poll, so the post never shows stale figures).
    if (!changed) return { events: [], state: epoch > s.epoch ? s : { ...s, epoch } };
    const ratio = snap.difficulty / s.difficulty;
    const event: AlertEvent = {
      kind: 'retarget',
      key: `retarget:${Math.max(epoch, s.epoch)}`,
      at: snap.at,
      height: Math.max(epoch, s.epoch),
      difficulty: snap.difficulty,
      changePct: (ratio - 1) * 100,
      meanBlockSeconds: 600 / ratio,
      nextEstimatePct: snap.retarget?.estimatedChangePct ?? null,
      hashpriceChangePct: (1 / ratio - 1) * 100,
    };
    return {
      events: [event],
      state: { ...s, epoch: Math.max(epoch, s.epoch), difficulty: snap.difficulty, lastFiredAt: snap.at },
    };
  }
  if (rule.kind === 'blocks') {
    const seen = s.seenHeight ?? snap.height;
    const fresh = snap.blocks.filter((b) => b.height > seen && poolMatches(rule, b));
    const top = Math.max(seen, snap.height, ...snap.blocks.map((b) => b.height));
    if (!fresh.length) return { events: [], state: { ...s, seenHeight: top } };
    // Several of the pool's blocks since the last poll (a restart): only the latest is posted.
    const latest = fresh[fresh.length - 1]!;
    const previous = fresh.length > 1 ? fresh[fresh.length - 2]!.time : s.poolLastBlockAt;
    const event: AlertEvent = {
      kind: 'block',
      key: `block:${latest.hash}`,
      at: latest.time,
      height: latest.height,
      hash: latest.hash,
      rewardBtc: latest.rewardBtc,
      feesBtc: latest.feesBtc,
      sinceLastMs: previous !== undefined ? latest.time - previous : null,
    };
    return { events: [event], state: { ...s, seenHeight: top, poolLastBlockAt: latest.time, lastFiredAt: snap.at } };
  }
  // Thresholds, with hysteresis (re-arm after recovering past the threshold by `rearm`) and a cooldown.
  const v = watchedValue(alert, snap);
  if (v === null) return { events: [], state: s };
  const direction = rule.below !== undefined ? 'below' : 'above';
  const threshold = (rule.below ?? rule.above)!;
  const firing = direction === 'below' ? v < threshold : v > threshold;
  const recovered = direction === 'below' ? v >= threshold * (1 + rule.rearm) : v <= threshold * (1 - rule.rearm);
  if (!s.armed) return { events: [], state: recovered ? { ...s, armed: true } : s };
  const cooling = s.lastFiredAt !== null && rule.cooldownMs > 0 && snap.at - s.lastFiredAt < rule.cooldownMs;
  if (!firing || cooling) return { events: [], state: s };
  const fired = (s.fired ?? 0) + 1;
  return {
    events: [
      {
        kind: rule.kind === 'price' || rule.kind === 'margin' ? rule.kind : 'hashprice',
        key: `cross:${fired}`,
        at: snap.at,
        value: v,
        threshold,
        direction,
      },
    ],
    state: { ...s, armed: false, lastFiredAt: snap.at, fired },
  };
}
