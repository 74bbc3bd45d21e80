// Fetch-through cache: fresh hits, in-flight coalescing (any number of concurrent misses → one
// upstream request), a parking period after failures and 429s (never hammer), and stale reads.
import type { Cache, CacheEntry, CachePolicy } from './cache.js';
import type { Clock, Logger } from '../../commands/core/ports.js';
import {
  ProviderError,
  ProviderHttpError,
  ProviderNetworkError,
  ProviderParkedError,
  ProviderTimeoutError,
} from '../providers/errors.js';

/** How long a source is left alone after a failure without Retry-After. */
export const DEFAULT_PARK_MS = 15_000;
/** How long one instance may hold the right to fill a shared key (a request's timeout and then some). */
const LOCK_MS = 3000;
/** Longest Retry-After we honour before trying again anyway. */
const MAX_PARK_MS = 10 * 60_000;

export interface Loader<T> {
  /** Cache key: one per upstream endpoint, so every datum served by it shares one request. */
  key: string;
  /**
   * Checks a value read back from disk (last-good.json) with the bounds live data has: a restored
   * value that fails is never served. Loaders without one serve no restored value.
   */
  check?: { safeParse(v: unknown): { success: boolean } };
  /** Provider id, for parking and origin labels. */
  source: string;
  policy: CachePolicy;
  load(): Promise<T>;
}

/** Hooks for metrics; every member optional. */
export interface FetchObserver {
  cache?(event: 'hit' | 'miss' | 'stale'): void;
  loaded?(source: string, at: number): void;
  failed?(source: string): void;
}

export class CachedFetcher {
  private readonly inflight = new Map<string, Promise<CacheEntry>>();
  private readonly parked = new Map<string, { until: number; reason: string }>();
  private readonly rejected = new Set<string>();

  constructor(
    private readonly cache: Cache,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Called after each successful load (persists the last good values). */
    private readonly onStored: () => void = () => {},
    /** Observes cache events and upstream outcomes (metrics). */
    private readonly observe: FetchObserver = {},
  ) {}

  /** The cached value if it is within its TTL; never loads. */
  async cached<T>(l: Loader<T>): Promise<CacheEntry<T> | undefined> {
    const hit = await this.cache.get<T>(l.key);
    if (hit && !hit.restored && this.clock.now() - hit.fetchedAt < l.policy.ttlMs) {
      this.observe.cache?.('hit');
      return hit;
    }
    return undefined;
  }

  /** A fresh value: from the cache within its TTL, else loaded now. Throws ProviderError on failure. */
  async fresh<T>(l: Loader<T>): Promise<CacheEntry<T>> {
    const hit = await this.cached(l);
    if (hit) return hit;
    this.observe.cache?.('miss');
    return this.once(l, () => this.load(l));
  }

  /**
   * Loaded now, whatever the TTL says (the alert watcher, on a new block): coalesced with loads in
   * flight and refused while the source is parked, like `fresh`. The cache gets the new value.
   */
  reload<T>(l: Loader<T>): Promise<CacheEntry<T>> {
    return this.once(l, () => this.loadNow(l));
  }

  /** One load per key at a time (callers share the one in flight), none while its source is parked. */
  private async once<T>(l: Loader<T>, load: () => Promise<CacheEntry<T>>): Promise<CacheEntry<T>> {
    const pending = this.inflight.get(l.key);
    if (pending) return pending as Promise<CacheEntry<T>>;
    const now = this.clock.now();
    const park = [this.parked.get(l.source), this.parked.get(l.key)].find((p) => p && p.until > now);
    if (park) throw new ProviderParkedError(l.source, park.until, park.reason);
    const p = load();
    this.inflight.set(l.key, p);
    try {
      return await p;
    } finally {
      this.inflight.delete(l.key);
    }
  }

  /** The last good value within its maximum stale age, or undefined. Sends nothing upstream. */
  async stale<T>(l: Loader<T>): Promise<CacheEntry<T> | undefined> {
    const hit = await this.cache.get<T>(l.key);
    if (hit?.restored && !l.check?.safeParse(hit.value).success) {
      if (!this.rejected.has(l.key)) {
        this.rejected.add(l.key);
        this.logger.warn('restored value fails its bounds; not served', { key: l.key });
      }
      return undefined;
    }
    if (hit && this.clock.now() - hit.fetchedAt <= l.policy.maxStaleMs) {
      this.observe.cache?.('stale');
      return hit;
    }
    return undefined;
  }

  /** With a shared cache, waits while another instance fills the key; returns its entry if it came. */
  private async waitForOther<T>(l: Loader<T>): Promise<CacheEntry<T> | undefined> {
    const lockMs = LOCK_MS;
    if (!this.cache.tryLock || (await this.cache.tryLock(l.key, lockMs))) return undefined;
    const deadline = performance.now() + lockMs;
    while (performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      const hit = await this.cache.get<T>(l.key);
      if (hit && !hit.restored && this.clock.now() - hit.fetchedAt < l.policy.ttlMs) return hit;
    }
    return undefined;
  }

  private async load<T>(l: Loader<T>): Promise<CacheEntry<T>> {
    const filled = await this.waitForOther(l);
    if (filled) return filled;
    return this.loadNow(l);
  }

  private async loadNow<T>(l: Loader<T>): Promise<CacheEntry<T>> {
    try {
      const value = await l.load();
      const entry: CacheEntry<T> = { value, fetchedAt: this.clock.now() };
      await this.cache.set(l.key, entry, l.policy.maxStaleMs);
      this.parked.delete(l.key);
      await this.cache.unlock?.(l.key);
      this.onStored();
      this.observe.loaded?.(l.source, entry.fetchedAt);
      return entry;
    } catch (err) {
      const retryAfter = err instanceof ProviderHttpError ? err.retryAfterMs : null;
      const parkMs = Math.min(MAX_PARK_MS, retryAfter ?? DEFAULT_PARK_MS);
      await this.cache.unlock?.(l.key);
      const reason = err instanceof ProviderError ? err.reason : 'error';
      this.observe.failed?.(l.source);
      // Rate limits and dead hosts park the whole source; a bad answer from one endpoint parks that endpoint.
      const hostWide =
        err instanceof ProviderTimeoutError ||
        err instanceof ProviderNetworkError ||
        (err instanceof ProviderHttpError && (err.status === 429 || err.status === 418));
      this.parked.set(hostWide ? l.source : l.key, { until: this.clock.now() + parkMs, reason });
      this.logger.warn('upstream failed', {
        source: l.source,
        key: l.key,
        error: err instanceof Error ? err.message : String(err),
        parkedMs: parkMs,
      });
      throw err;
    }
  }
}
