// Ports: what the core needs from the runtime. `bot/` implements them; tests pass fakes.
import type { Lang } from './messages.js';

/** Wall-clock time in epoch milliseconds; injected so the core never calls Date.now(). */
export interface Clock {
  now(): number;
}

/** Where a datum came from and how old it is. */
export interface DataOrigin {
  /** Provider id, e.g. `mempool`, `coingecko`. */
  source: string;
  /** When the upstream answered (epoch ms). */
  fetchedAt: number;
  /** True when served past its fresh TTL because every source failed. */
  stale: boolean;
}

/** A value plus where it came from. */
export interface Sourced<T> extends DataOrigin {
  value: T;
}

/** Network state the mining math needs, each datum with its own origin. */
export interface NetworkSnapshot {
  difficulty: Sourced<number>;
  height: Sourced<number>;
  /** Mean fees per block over the last 144 blocks, in BTC; null when no source had fee data. */
  feesPerBlockBtc: Sourced<number> | null;
  /** Network hashrate estimate in H/s, for display only (never used in the math). */
  hashrateHs: Sourced<number> | null;
  /** Mean of the daily hashrate over the last 3 days, H/s (display only). */
  hashrate3dHs?: Sourced<number> | null;
}

/** Blocks found by one pool in the window. */
export interface PoolBlocks {
  slug: string;
  name: string;
  blocks: number;
}

/** Blocks by pool over the last 7 days. */
export interface PoolStats {
  pools: PoolBlocks[];
  totalBlocks: number;
}

/** Difficulty retarget status, for display. */
export interface RetargetInfo {
  progressPercent: number;
  /** Estimated change of the next retarget in percent. */
  estimatedChangePct: number;
  previousChangePct: number;
  remainingBlocks: number;
  nextRetargetHeight: number;
  /** Estimated time of the next retarget (epoch ms). */
  estimatedRetargetAt: number;
}

/** Live market data behind a cache; implemented in bot/market-data.ts. */
export interface MarketData {
  /** Difficulty, height, fees and hashrate; rejects with DataUnavailableError when nothing is known. */
  network(): Promise<NetworkSnapshot>;
  /** BTC price in the given lower-case fiat code. */
  price(currency: string): Promise<Sourced<number>>;
  /** Next retarget estimate; null when unavailable. */
  retarget(): Promise<Sourced<RetargetInfo> | null>;
  /** Blocks by pool over 7 days; rejects with DataUnavailableError when no source answered. */
  pools(): Promise<Sourced<PoolStats>>;
  /** Daily network hashrate and the difficulty adjustments of a period (mempool). */
  miningHistory(period: HistoryPeriod): Promise<Sourced<MiningHistory>>;
  /** Mean block rewards and the USD price at those blocks over a period (mempool). */
  rewardHistory(period: HistoryPeriod): Promise<Sourced<RewardPoint[]>>;
  /** BTC price history in a fiat currency; null for a currency the history source does not have. */
  priceHistory(currency: string): Promise<Sourced<Array<[number, number]>> | null>;
}

/** The periods history charts cover. */
export type HistoryPeriod = '1m' | '3m' | '6m' | '1y' | '2y' | 'all';

export interface MiningHistory {
  /** Daily mean network hashrate: [epoch ms, H/s], ascending. */
  hashrates: Array<[number, number]>;
  /** Difficulty adjustments in the period, ascending (epoch ms); `adjustment` = new / previous difficulty. */
  adjustments: Array<{ time: number; height: number; difficulty: number; adjustment: number }>;
  /** The difficulty in force now; null when the source's node was degraded. */
  currentDifficulty: number | null;
}

/** One of the newest blocks: who found it and what it paid (mempool `/v1/blocks`). */
export interface RecentBlock {
  hash: string;
  height: number;
  /** Epoch ms. */
  time: number;
  rewardBtc: number;
  feesBtc: number;
  /** mempool's pool slug and display name. */
  pool: string;
  poolName: string;
}

/** A block-reward average: subsidy + fees in BTC, and the USD price then. */
export interface RewardPoint {
  time: number;
  height: number;
  rewardBtc: number;
  usd: number;
}

/** One headline from a feed, as parsed (filtering and dedupe are the core's job). */
export interface Headline {
  title: string;
  url: string;
  /** Feed or outlet name. */
  source: string;
  /** Epoch ms. */
  publishedAt: number;
}

/** Headlines from the configured RSS/Atom feeds; broken feeds are skipped (and logged) by the runtime. */
export interface News {
  headlines(): Promise<Headline[]>;
}

/** A dated, sourced note an admin added to a community's digest. */
export interface Note {
  id: number;
  scope: string;
  text: string;
  source: string | null;
  /** YYYY, YYYY-MM or YYYY-MM-DD: the date the note is about. */
  date: string;
  createdAt: number;
}

/** Durable notes (SQLite by default); never loses data on restart. */
export interface NotesStore {
  addNote(note: Omit<Note, 'id'>): Promise<Note>;
  listNotes(scope: string): Promise<Note[]>;
  removeNote(scope: string, id: number): Promise<boolean>;
}

/** Structured log sink; the runtime decides where lines go and redacts secrets. */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** A pool observer link the core recognised on an official pool host (no URL: the runtime builds it). */
export interface ObserverRef {
  pool: 'antpool' | 'viabtc' | 'ocean';
  accessKey?: string;
  userId?: string;
  address?: string;
}

/** What an observer showed: the 24 h average hashrate. */
export interface ObserverReading {
  hashrateThs: number;
  fetchedAt: number;
}

/** Reads public pool observer APIs on allowlisted hosts only; null = could not verify. */
export interface Observers {
  read(ref: ObserverRef): Promise<ObserverReading | null>;
}

/** When a domain first existed, from public records (provider-check.md §7.3); a field is missing when its source did not answer. */
export interface DomainEvidence {
  domain: string;
  /** RDAP `registration` event (epoch ms). */
  registeredAt?: number;
  /** Earliest `not_before` of its certificates in certificate transparency (crt.sh). */
  firstCertAt?: number;
  /** First capture in the Wayback Machine. */
  firstCaptureAt?: number;
  /** Sources asked that did not answer (for "could not check"). */
  unavailable: string[];
  /** Not looked up: the user reached the limit of new websites checked per hour. */
  limited?: { max: number };
}

/** A community phishing list that lists the host or its registrable domain. */
export interface PhishingListing {
  list: string;
  url: string;
}

/** Public records about a website, fetched from fixed third-party hosts, never from the site itself. */
export interface WebPresence {
  domain(domain: string): Promise<DomainEvidence>;
  /** A listing, null when no list names it, 'unavailable' when no list could be read. */
  phishing(host: string, registrable: string): Promise<PhishingListing | null | 'unavailable'>;
}

/** What happened to a message sent to a channel: refusals that will not go away are `permanent`. */
export type PostOutcome =
  | { ok: true }
  | {
      ok: false;
      permanent: boolean;
      reason: string;
      retryAfterMs?: number;
      /** Parts of a multi-part post delivered before the failure (a retry resumes after them). */
      partsSent?: number;
    };

/** Where a multi-part post starts (parts already delivered) and how it reports each part delivered. */
export interface PostProgress {
  fromPart?: number;
  onPart?(partsSent: number): Promise<void> | void;
}

/** A channel that receives the digest on a schedule. */
export interface Subscription {
  id: number;
  platform: 'discord' | 'telegram';
  channelId: string;
  scope: string;
  /** Cron expression (minute hour day-of-month month day-of-week). */
  schedule: string;
  /** IANA time zone the schedule is read in. */
  tz: string;
  lang: Lang;
  currency: string;
  /** Why deliveries stopped (403, chat not found…); null while active. */
  pausedReason: string | null;
  createdBy: string | null;
  createdAt: number;
}

export interface DeliveryRecord {
  slot: string;
  status: 'pending' | 'sent' | 'failed' | 'skipped';
  attemptedAt: number;
  error: string | null;
}

/** A rig someone saved: its name and the arguments it stands for (as they would type them). */
export interface SavedRig {
  name: string;
  args: string;
  createdAt: number;
}

/** Saved rigs, per user (platform-qualified id): private to them wherever they use them. */
export interface RigsStore {
  /** false when the user already has `max` rigs (a rig of the same name is replaced). */
  saveRig(user: string, rig: SavedRig, max: number): Promise<boolean>;
  listRigs(user: string): Promise<SavedRig[]>;
  getRig(user: string, name: string): Promise<SavedRig | null>;
  removeRig(user: string, name: string): Promise<boolean>;
}

/** What an alert watches. */
export type AlertKind = 'difficulty' | 'hashprice' | 'price' | 'blocks' | 'margin';

/** An alert as data: what fires it and how it re-arms. */
export interface AlertRule {
  kind: AlertKind;
  /** Thresholds (hashprice: in `unit`; price: in the alert's currency). */
  below?: number;
  above?: number;
  /** Hashprice unit: sats per TH/s per day, or fiat per TH or PH per day. */
  unit?: 'sats' | 'th' | 'ph';
  /** Margin: the saved rig as it was when the alert was made (its name and what it stands for). */
  rig?: { name: string; hashrateThs: number; powerW: number; electricity: number; poolFee: number; uptime: number };
  /** Blocks: the pool's mempool slug and display name. */
  pool?: string;
  poolName?: string;
  /** Re-arms after the value recovered past the threshold by this fraction (0.02 = 2 %). */
  rearm: number;
  /** At most one post per this many ms (0: no cooldown). */
  cooldownMs: number;
  /** Difficulty: also a heads-up this long before the estimated retarget (ms). */
  beforeMs?: number;
}

/** What an alert remembers between evaluations (the silent baseline, hysteresis, what it last saw). */
export interface AlertState {
  /** Thresholds: true while the alert may fire (false after firing, until the value recovers). */
  armed: boolean;
  lastFiredAt: number | null;
  /** Thresholds: how many times it fired (the next crossing's identity is fired + 1). */
  fired?: number;
  /** Difficulty: the epoch (start height) and difficulty last seen; the retarget height warned about. */
  epoch?: number;
  warnedFor?: number;
  difficulty?: number;
  /** Blocks: the highest height already looked at; the time of the pool's last block seen. */
  seenHeight?: number;
  poolLastBlockAt?: number;
}

export interface Alert {
  id: number;
  platform: 'discord' | 'telegram';
  channelId: string;
  scope: string;
  rule: AlertRule;
  lang: Lang;
  currency: string;
  state: AlertState;
  /** Why posting stopped (403, chat not found…); null while active. */
  pausedReason: string | null;
  /** Paused by a member (alert pause N). */
  paused: boolean;
  createdBy: string | null;
  createdAt: number;
}

/** Durable alerts and their event log keyed by (alert, event): each event posts at most once. */
export interface AlertsStore {
  /** null when the channel already has `max` alerts. */
  addAlert(a: Omit<Alert, 'id' | 'pausedReason' | 'paused'>, max: number): Promise<Alert | null>;
  listAlerts(platform: string, channelId: string): Promise<Alert[]>;
  /** Alerts that may post: not paused by anyone. */
  activeAlerts(): Promise<Alert[]>;
  removeAlert(platform: string, channelId: string, id: number): Promise<boolean>;
  /** A member's pause or resume; false when there is no such alert in the channel. */
  setAlertPaused(platform: string, channelId: string, id: number, paused: boolean): Promise<boolean>;
  /** The platform refused the channel: the alert stops until resumed. */
  pauseAlertFor(id: number, reason: string): Promise<void>;
  saveAlertState(id: number, state: AlertState): Promise<void>;
  /** Claims an event for posting; false when it was claimed before (by anyone, ever). */
  claimAlertEvent(id: number, key: string, now: number): Promise<boolean>;
  finishAlertEvent(id: number, key: string, status: 'sent' | 'failed', now: number, error?: string): Promise<void>;
}

/** Durable subscriptions and the delivery log keyed by (subscription, slot). */
export interface SubscriptionsStore {
  upsertSubscription(s: Omit<Subscription, 'id' | 'pausedReason'>): Promise<Subscription>;
  removeSubscription(platform: string, channelId: string): Promise<boolean>;
  getSubscription(platform: string, channelId: string): Promise<Subscription | null>;
  listSubscriptions(): Promise<Subscription[]>;
  pauseSubscription(id: number, reason: string): Promise<void>;
  /** Claims a slot for delivery; false when it was already claimed (the exactly-once key). */
  claimDelivery(subscriptionId: number, slot: string, now: number, staleClaimMs: number): Promise<boolean>;
  finishDelivery(
    subscriptionId: number,
    slot: string,
    status: DeliveryRecord['status'],
    now: number,
    error?: string,
  ): Promise<void>;
  lastDelivery(subscriptionId: number): Promise<DeliveryRecord | null>;
  /** Records how many parts of a slot's post are delivered, so a resumed delivery skips them. */
  progressDelivery(subscriptionId: number, slot: string, partsSent: number): Promise<void>;
  /** Parts of a slot's post delivered so far. */
  deliveryProgress(subscriptionId: number, slot: string): Promise<number>;
  /** Slots still 'pending' whose claim is older than `before` (the claimer died). */
  pendingSlots(subscriptionId: number, before: number): Promise<string[]>;
}

/** Everything a command may use besides its input. */
export interface Deps {
  market: MarketData;
  clock: Clock;
  logger: Logger;
  /** Optional: without it provider-check says "could not verify". */
  observers?: Observers;
  /** Optional: without it provider-check skips the domain-age and phishing-list checks (W1, W2). */
  web?: WebPresence;
  /** Optional: without it the digest has no headlines. */
  news?: News;
  /** Optional: without it notes cannot be added. */
  notes?: NotesStore;
  /** Optional: without it subscriptions cannot be made. */
  subscriptions?: SubscriptionsStore;
  /** Optional: without it alerts cannot be made. */
  alerts?: AlertsStore;
  /** Optional: without it rigs cannot be saved. */
  rigs?: RigsStore;
  /** Schedules more frequent than this are refused (DIGEST_MIN_INTERVAL_MINUTES). */
  digestMinIntervalMinutes?: number;
  /** Operator overrides of the pool → region map, by slug. */
  poolRegions?: Readonly<
    Record<string, { name?: string | undefined; region: 'north_america' | 'asia' | 'europe' | 'global' | 'unknown' }>
  >;
}
