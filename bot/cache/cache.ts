// The cache port. MemoryCache (node-cache) is the zero-config default; a shared cache can implement the
// same port for several instances.

/** A cached value and when its upstream answered. */
export interface CacheEntry<T = unknown> {
  value: T;
  /** Epoch ms of the upstream answer. */
  fetchedAt: number;
  /** Loaded from disk at start-up: usable only as stale data until refreshed. */
  restored?: boolean;
}

/** Key/value store with a hard expiry (the datum's maximum stale age). */
export interface Cache {
  get<T>(key: string): Promise<CacheEntry<T> | undefined>;
  /** Stores an entry; it disappears after `expireMs`. */
  set<T>(key: string, entry: CacheEntry<T>, expireMs: number): Promise<void>;
  /** Every entry, for persisting the last good values. */
  entries(): Promise<Array<[string, CacheEntry]>>;
  close(): Promise<void>;
  /** Shared caches: take the right to fill `key` for `ttlMs`; false when another instance has it. */
  tryLock?(key: string, ttlMs: number): Promise<boolean>;
  unlock?(key: string): Promise<void>;
  /** Backend and state, for /healthz. */
  readonly status?: string;
}

/** Fresh TTL and maximum stale age of one datum (data-sources.md §1). */
export interface CachePolicy {
  ttlMs: number;
  maxStaleMs: number;
}
