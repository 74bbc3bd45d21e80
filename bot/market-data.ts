// The MarketData port over the providers: per-datum fallback chains through the cached fetcher.
// Chains and cache policies: shared/reference/data-sources.md §1.
import type {
  Clock,
  HistoryPeriod,
  MarketData,
  MiningHistory,
  NetworkSnapshot,
  PoolStats,
  RecentBlock,
  RetargetInfo,
  RewardPoint,
  Sourced,
} from '../commands/core/ports.js';
import { DataUnavailableError } from '../commands/core/errors.js';
import type { DatumId } from '../commands/core/format.js';
import { CURRENCIES } from '../commands/core/options.js';
import type { CacheEntry, CachePolicy } from './cache/cache.js';
import type { CachedFetcher, Loader } from './cache/cached-fetcher.js';
import { ProviderError, ProviderSchemaError } from './providers/errors.js';
import { storedValue } from './providers/bounds.js';
import type { HttpClient } from './providers/http.js';
import {
  MEMPOOL_CURRENCIES,
  mempoolDifficultyAdjustment,
  mempoolFees144,
  mempoolFees24h,
  mempoolHashrate3d,
  mempoolPrices,
  mempoolTipHeight,
  mempoolPools1w,
  mempoolHashrateHistory,
  mempoolPriceHistory,
  mempoolRewardHistory,
  mempoolRecentBlocks,
} from './providers/mempool.provider.js';
import {
  blockchainInfoDifficulty,
  blockchainInfoHeight,
  blockchainInfoTicker,
} from './providers/blockchain-info.provider.js';
import { coingeckoPrices } from './providers/coingecko.provider.js';
import { KRAKEN_CURRENCIES, coinbaseSpot, krakenPrices } from './providers/exchanges.provider.js';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
/** The chain as the alert watcher sees it after a poll. */
export interface ChainNow {
  difficulty: number | null;
  retarget: RetargetInfo | null;
  blocks: RecentBlock[];
  feesPerBlockBtc: number | null;
  /** Some part came from the cache because its source failed. */
  stale: boolean;
}

/** Fresh TTL and max stale age per datum (data-sources.md §1). */
export const POLICIES = {
  height: { ttlMs: 60 * S, maxStaleMs: 1 * H },
  difficulty: { ttlMs: 5 * MIN, maxStaleMs: 24 * H },
  fees: { ttlMs: 5 * MIN, maxStaleMs: 6 * H },
  priceMempool: { ttlMs: 5 * MIN, maxStaleMs: 1 * H },
  priceAggregator: { ttlMs: 2 * MIN, maxStaleMs: 1 * H },
  priceExchange: { ttlMs: 1 * MIN, maxStaleMs: 1 * H },
  retarget: { ttlMs: 2 * MIN, maxStaleMs: 1 * H },
  pools: { ttlMs: 10 * MIN, maxStaleMs: 24 * H },
  // History changes once a day (daily points, one new adjustment every two weeks).
  history: { ttlMs: 6 * H, maxStaleMs: 7 * 24 * H },
  blocks: { ttlMs: 30 * S, maxStaleMs: 1 * H },
} satisfies Record<string, CachePolicy>;

export interface Upstreams {
  mempool: HttpClient;
  coingecko: HttpClient;
  blockchainInfo: HttpClient;
  kraken: HttpClient;
  coinbase: HttpClient;
}

export interface MarketDataOptions {
  /** Per-request timeout (ms). */
  timeoutMs: number;
  /** Time budget for a whole fallback chain (ms), so a reply never waits on every source in turn. */
  chainBudgetMs: number;
}

/** Resolves to `undefined` after `ms`; the timer does not keep the process alive. */
function after(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}

/**
 * A value past its TTL is still served as current (not labelled stale) for as long again, while a
 * background refresh runs: stale-while-revalidate.
 */
export function revalidateWindow(policy: CachePolicy): number {
  return 2 * policy.ttlMs;
}

/** One way to get a datum: a cached endpoint plus how to read the datum out of its value. */
interface Attempt<T> {
  loader: Loader<unknown>;
  pick(value: unknown): T;
  /** The time the upstream says its value is from (epoch ms), where it says. */
  asOf?(value: unknown): number | undefined;
}

function attempt<V, T>(loader: Loader<V>, pick: (value: V) => T, asOf?: (value: V) => number): Attempt<T> {
  return { loader: loader, pick: (v) => pick(v as V), ...(asOf ? { asOf: (v: unknown) => asOf(v as V) } : {}) };
}

function reasonOf(err: unknown): string {
  return err instanceof ProviderError ? err.reason : 'error';
}

export class LiveMarketData implements MarketData {
  private readonly loaders;

  constructor(
    private readonly fetcher: CachedFetcher,
    private readonly clock: Clock,
    private readonly up: Upstreams,
    private readonly opts: MarketDataOptions,
  ) {
    const o = { timeoutMs: opts.timeoutMs };
    this.loaders = {
      tip: {
        key: 'mempool:tip-height',
        check: storedValue.height,
        source: 'mempool',
        policy: POLICIES.height,
        load: () => mempoolTipHeight(up.mempool, o),
      },
      hashrate3d: {
        key: 'mempool:hashrate-3d',
        check: storedValue.hashrate3d,
        source: 'mempool',
        policy: POLICIES.difficulty,
        load: () => mempoolHashrate3d(up.mempool, o),
      },
      fees144: {
        key: 'mempool:reward-stats-144',
        check: storedValue.fees,
        source: 'mempool',
        policy: POLICIES.fees,
        load: () => mempoolFees144(up.mempool, o),
      },
      fees24h: {
        key: 'mempool:block-fees-24h',
        check: storedValue.fees,
        source: 'mempool',
        policy: POLICIES.fees,
        load: () => mempoolFees24h(up.mempool, o),
      },
      prices: {
        key: 'mempool:prices',
        check: storedValue.mempoolPrices,
        source: 'mempool',
        policy: POLICIES.priceMempool,
        load: () => mempoolPrices(up.mempool, o),
      },
      pools1w: {
        key: 'mempool:pools-1w',
        check: storedValue.pools,
        source: 'mempool',
        policy: POLICIES.pools,
        load: () => mempoolPools1w(up.mempool, o),
      },
      blocks: {
        key: 'mempool:blocks',
        check: storedValue.recentBlocks,
        source: 'mempool',
        policy: POLICIES.blocks,
        load: () => mempoolRecentBlocks(up.mempool, o),
      },
      adjustment: {
        key: 'mempool:difficulty-adjustment',
        check: storedValue.retarget,
        source: 'mempool',
        policy: POLICIES.retarget,
        load: () => mempoolDifficultyAdjustment(up.mempool, o),
      },
      bcDifficulty: {
        key: 'blockchain-info:difficulty',
        check: storedValue.difficulty,
        source: 'blockchain-info',
        policy: POLICIES.difficulty,
        load: () => blockchainInfoDifficulty(up.blockchainInfo, o),
      },
      bcHeight: {
        key: 'blockchain-info:height',
        check: storedValue.height,
        source: 'blockchain-info',
        policy: POLICIES.height,
        load: () => blockchainInfoHeight(up.blockchainInfo, o),
      },
      bcTicker: {
        key: 'blockchain-info:ticker',
        check: storedValue.prices,
        source: 'blockchain-info',
        policy: POLICIES.priceExchange,
        load: () => blockchainInfoTicker(up.blockchainInfo, o),
      },
      coingecko: {
        key: 'coingecko:simple-price',
        check: storedValue.prices,
        source: 'coingecko',
        policy: POLICIES.priceAggregator,
        load: () => coingeckoPrices(up.coingecko, CURRENCIES, o),
      },
      kraken: {
        key: 'kraken:ticker',
        check: storedValue.prices,
        source: 'kraken',
        policy: POLICIES.priceExchange,
        load: () => krakenPrices(up.kraken, o),
      },
    } satisfies Record<string, Loader<unknown>>;
    this.coinbase = (cur: string) => ({
      key: `coinbase:spot:${cur}`,
      check: storedValue.price,
      source: 'coinbase',
      policy: POLICIES.priceExchange,
      load: () => coinbaseSpot(up.coinbase, cur, o),
    });
  }

  private readonly coinbase: (cur: string) => Loader<number>;
  private readonly historyLoaders = new Map<string, Loader<unknown>>();

  /** One loader (one cache key, one coalesced request) per endpoint and period or currency. */
  private historyLoader<T>(key: string, check: NonNullable<Loader<T>['check']>, load: () => Promise<T>): Loader<T> {
    const known = this.historyLoaders.get(key) as Loader<T> | undefined;
    if (known) return known;
    const l: Loader<T> = { key, check, source: 'mempool', policy: POLICIES.history, load };
    this.historyLoaders.set(key, l);
    return l;
  }

  /** Background refreshes in flight, by datum (one per datum whatever the number of callers). */
  private readonly refreshing = new Map<string, Promise<unknown>>();

  /**
   * Stale-while-revalidate over a fallback chain. Nobody waits when the cache can answer: a fresh
   * value from any source in the chain, or one past its TTL but within the revalidation window, is
   * returned at once while one background refresh walks the chain (a hung primary costs the refresh
   * its timeout, never a user); so is an older copy within its max stale age, labelled stale. Only
   * with nothing cached does a caller walk the chain itself; else DataUnavailableError.
   */
  private async chain<T>(
    datum: DatumId,
    attempts: ReadonlyArray<Attempt<T>>,
    /** One background refresh per key: the datum, or the datum per currency for prices. */
    key: string = datum,
  ): Promise<Sourced<T>> {
    // Warm path: the first source's value is fresh in the cache (no timers, no allocation of a race).
    const first = attempts[0];
    const hit = first ? await this.fetcher.cached(first.loader) : undefined;
    if (first && hit) {
      try {
        return this.sourced(first, hit, false);
      } catch {
        // the cached value lacks this datum: fall through to the chain
      }
    }
    const cachedAnswer = await this.fromCache(attempts);
    if (cachedAnswer) {
      this.revalidate(key, attempts);
      return cachedAnswer;
    }
    const walked = await this.walk(attempts);
    if ('value' in walked) return walked;
    // A load that outran the budget may have filled the cache meanwhile.
    const late = await this.fromCache(attempts);
    if (late) return late;
    throw new DataUnavailableError(datum, walked.tried);
  }

  /**
   * A value the cache can answer with now: fresh from any source, else a live (not restored) copy
   * within its revalidation window, else any copy within its max stale age (labelled stale).
   */
  private async fromCache<T>(attempts: ReadonlyArray<Attempt<T>>): Promise<Sourced<T> | undefined> {
    const entries = await Promise.all(attempts.map((a) => this.fetcher.stale(a.loader)));
    const now = this.clock.now();
    const pick = (ok: (e: CacheEntry<unknown>, a: Attempt<T>) => boolean, stale: boolean): Sourced<T> | undefined => {
      for (let i = 0; i < attempts.length; i++) {
        const e = entries[i];
        const a = attempts[i]!;
        if (!e || !ok(e, a)) continue;
        try {
          return this.sourced(a, e, stale);
        } catch {
          // lacks this datum
        }
      }
      return undefined;
    };
    return (
      pick((e, a) => !e.restored && now - e.fetchedAt < a.loader.policy.ttlMs, false) ??
      pick((e, a) => !e.restored && now - e.fetchedAt < revalidateWindow(a.loader.policy), false) ??
      // Older, within its max stale age: served (labelled stale) rather than making the user wait on
      // a source that may hang; the background walk brings a fresh value for the next caller.
      pick(() => true, true)
    );
  }

  /** Walks the chain: the first source that answers within the time budget. */
  private async walk<T>(attempts: ReadonlyArray<Attempt<T>>): Promise<Sourced<T> | { tried: string[] }> {
    const tried: string[] = [];
    const deadline = performance.now() + this.opts.chainBudgetMs;
    for (const a of attempts) {
      const remaining = deadline - performance.now();
      if (remaining <= 0) {
        tried.push(`${a.loader.source}: skipped (time budget spent)`);
        continue;
      }
      try {
        // A load still running past the budget keeps going and fills the cache for the next caller.
        const entry = await Promise.race([this.fetcher.fresh(a.loader), after(remaining)]);
        if (!entry) {
          tried.push(`${a.loader.source}: timeout`);
          continue;
        }
        return this.sourced(a, entry, false);
      } catch (err) {
        tried.push(`${a.loader.source}: ${reasonOf(err)}`);
      }
    }
    return { tried };
  }

  /** One background walk of the chain per key; its outcome only fills the cache. */
  private revalidate<T>(key: string, attempts: ReadonlyArray<Attempt<T>>): void {
    if (this.refreshing.has(key)) return;
    const p = this.walk(attempts)
      .catch(() => undefined)
      .finally(() => this.refreshing.delete(key));
    this.refreshing.set(key, p);
  }

  /** Waits for the background refreshes in flight (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.refreshing.values()]);
  }

  /**
   * The datum with its age: `fetchedAt` is when the data is from, the upstream's own timestamp where
   * it gives one and it is older than our fetch (a frozen feed answers quickly with old data).
   */
  private sourced<T>(a: Attempt<T>, entry: CacheEntry<unknown>, stale: boolean): Sourced<T> {
    const own = a.asOf?.(entry.value);
    const from = own !== undefined && Number.isFinite(own) ? Math.min(own, entry.fetchedAt) : entry.fetchedAt;
    const now = this.clock.now();
    return {
      value: a.pick(entry.value),
      source: a.loader.source,
      fetchedAt: from,
      // Stale: our copy is past its revalidation window, or the upstream's own data is frozen (older
      // than half the datum's max stale age, however recently we asked).
      stale:
        stale ||
        entry.fetchedAt + revalidateWindow(a.loader.policy) < now ||
        now - from > a.loader.policy.maxStaleMs / 2,
    };
  }

  private difficulty(): Promise<Sourced<number>> {
    return this.chain<number>('difficulty', [
      attempt(this.loaders.hashrate3d, (v) => v.difficulty),
      attempt(this.loaders.bcDifficulty, (v) => v),
    ]);
  }

  private height(): Promise<Sourced<number>> {
    return this.chain<number>('height', [
      attempt(this.loaders.tip, (v) => v),
      attempt(this.loaders.bcHeight, (v) => v),
    ]);
  }

  private async fees(): Promise<Sourced<number> | null> {
    try {
      return await this.chain<number>('fees', [
        attempt(this.loaders.fees144, (v) => v),
        attempt(this.loaders.fees24h, (v) => v),
      ]);
    } catch (err) {
      if (err instanceof DataUnavailableError) return null; // answer from the subsidy alone
      throw err;
    }
  }

  private async hashrate(): Promise<Sourced<number> | null> {
    try {
      return await this.chain<number>('hashrate', [
        attempt(this.loaders.hashrate3d, (v) => {
          if (v.hashrateHs === null) throw new ProviderSchemaError('mempool', '/v1/mining/hashrate/3d', 'no hashrate');
          return v.hashrateHs;
        }),
      ]);
    } catch {
      return null; // display only
    }
  }

  private async hashrate3d(): Promise<Sourced<number> | null> {
    try {
      return await this.chain<number>('hashrate', [
        attempt(this.loaders.hashrate3d, (v) => {
          if (v.avg3dHs === null) throw new ProviderSchemaError('mempool', '/v1/mining/hashrate/3d', 'no daily points');
          return v.avg3dHs;
        }),
      ]);
    } catch {
      return null; // display only
    }
  }

  async network(): Promise<NetworkSnapshot> {
    const [difficulty, height, feesPerBlockBtc, hashrateHs, hashrate3dHs] = await Promise.all([
      this.difficulty(),
      this.height(),
      this.fees(),
      this.hashrate(),
      this.hashrate3d(),
    ]);
    return { difficulty, height, feesPerBlockBtc, hashrateHs, hashrate3dHs };
  }

  pools(): Promise<Sourced<PoolStats>> {
    return this.chain<PoolStats>('pools', [attempt(this.loaders.pools1w, (v) => v)]);
  }

  /**
   * The chain tip now, for the alert watcher: loaded whatever the cache's TTL (mempool, then
   * blockchain.info). Rejects with DataUnavailableError when neither answers.
   */
  async tipNow(): Promise<number> {
    const tried: string[] = [];
    for (const l of [this.loaders.tip, this.loaders.bcHeight]) {
      try {
        return (await this.fetcher.reload(l)).value;
      } catch (err) {
        tried.push(`${l.source}: ${reasonOf(err)}`);
      }
    }
    throw new DataUnavailableError('height', tried);
  }

  /**
   * What alerts are judged on, loaded now (the cache gets it too): on a new tip (`full`) the difficulty
   * in force, the retarget estimate and the newest blocks; every call the fee mean; between tips the
   * difficulty and blocks as cached and the estimate within its TTL. Each part that fails is taken
   * from the cache (labelled by `stale`) or left out.
   */
  async chainNow(full: boolean): Promise<ChainNow> {
    // 'reload': past the TTL; 'fresh': within its TTL (the retarget estimate moves with time); 'kept':
    // what the cache has (the difficulty and the newest blocks change only with a new tip).
    const now = async <T>(
      l: Loader<T>,
      how: 'reload' | 'fresh' | 'kept',
    ): Promise<{ value: T; stale: boolean } | null> => {
      if (how === 'kept') {
        const kept = await this.fetcher.stale(l);
        if (kept) return { value: kept.value, stale: false };
      }
      try {
        return {
          value: (how === 'reload' ? await this.fetcher.reload(l) : await this.fetcher.fresh(l)).value,
          stale: false,
        };
      } catch {
        const old = await this.fetcher.stale(l);
        return old ? { value: old.value, stale: true } : null;
      }
    };
    const onTip = full ? 'reload' : 'kept';
    const [hashrate, adjustment, blocks, fees] = await Promise.all([
      now(this.loaders.hashrate3d, onTip),
      now(this.loaders.adjustment, full ? 'reload' : 'fresh'),
      now(this.loaders.blocks, onTip),
      now(this.loaders.fees144, 'reload'),
    ]);
    return {
      difficulty: hashrate?.value.difficulty ?? null,
      retarget: adjustment?.value ?? null,
      blocks: blocks?.value ?? [],
      feesPerBlockBtc: fees?.value ?? null,
      stale: [hashrate, adjustment, blocks, fees].some((x) => x?.stale),
    };
  }

  miningHistory(period: HistoryPeriod): Promise<Sourced<MiningHistory>> {
    const o = { timeoutMs: this.opts.timeoutMs };
    const l = this.historyLoader(`mempool:hashrate-${period}`, storedValue.miningHistory, () =>
      mempoolHashrateHistory(this.up.mempool, period, o),
    );
    return this.chain<MiningHistory>('history', [attempt(l, (v) => v)], l.key);
  }

  rewardHistory(period: HistoryPeriod): Promise<Sourced<RewardPoint[]>> {
    const o = { timeoutMs: this.opts.timeoutMs };
    const l = this.historyLoader(`mempool:rewards-${period}`, storedValue.rewardHistory, () =>
      mempoolRewardHistory(this.up.mempool, period, o),
    );
    return this.chain<RewardPoint[]>('history', [attempt(l, (v) => v)], l.key);
  }

  async priceHistory(currency: string): Promise<Sourced<Array<[number, number]>> | null> {
    const cur = currency.toLowerCase();
    if (!(MEMPOOL_CURRENCIES as readonly string[]).includes(cur)) return null;
    const o = { timeoutMs: this.opts.timeoutMs };
    const l = this.historyLoader(`mempool:historical-price-${cur}`, storedValue.priceHistory, () =>
      mempoolPriceHistory(this.up.mempool, cur, o),
    );
    return this.chain<Array<[number, number]>>('history', [attempt(l, (v) => v)], l.key);
  }

  price(currency: string): Promise<Sourced<number>> {
    const cur = currency.toLowerCase();
    const fromMap = (v: Record<string, number>): number => {
      const p = v[cur];
      if (p === undefined) throw new ProviderSchemaError('price', cur, `no ${cur} price`);
      return p;
    };
    const attempts: Array<Attempt<number>> = [];
    if ((MEMPOOL_CURRENCIES as readonly string[]).includes(cur)) {
      attempts.push(
        attempt(
          this.loaders.prices,
          (v) => fromMap(v.prices),
          (v) => v.asOf,
        ),
      );
    }
    attempts.push(attempt(this.loaders.coingecko, fromMap));
    if ((KRAKEN_CURRENCIES as readonly string[]).includes(cur)) {
      attempts.push(attempt(this.loaders.kraken, fromMap));
    }
    attempts.push(attempt(this.coinbase(cur), (v: number) => v));
    attempts.push(attempt(this.loaders.bcTicker, fromMap));
    return this.chain<number>('price', attempts, `price:${cur}`);
  }

  async retarget(): Promise<Sourced<RetargetInfo> | null> {
    try {
      return await this.chain<RetargetInfo>('retarget', [attempt(this.loaders.adjustment, (v) => v)]);
    } catch {
      return null;
    }
  }
}
