import NodeCache from 'node-cache';
import type { Cache, CacheEntry } from './cache.js';

/** In-process cache on node-cache; entries expire at their maximum stale age. */
export class MemoryCache implements Cache {
  private readonly store = new NodeCache({ useClones: false, checkperiod: 600 });

  get<T>(key: string): Promise<CacheEntry<T> | undefined> {
    return Promise.resolve(this.store.get<CacheEntry<T>>(key));
  }

  /** Synchronous read for the hot path (no promise when the value is already here). */
  peek<T>(key: string): CacheEntry<T> | undefined {
    return this.store.get<CacheEntry<T>>(key);
  }

  set<T>(key: string, entry: CacheEntry<T>, expireMs: number): Promise<void> {
    this.store.set(key, entry, Math.max(1, Math.ceil(expireMs / 1000)));
    return Promise.resolve();
  }

  entries(): Promise<Array<[string, CacheEntry]>> {
    return Promise.resolve(
      this.store.keys().flatMap((k) => {
        const e = this.store.get<CacheEntry>(k);
        return e ? [[k, e] as [string, CacheEntry]] : [];
      }),
    );
  }

  close(): Promise<void> {
    this.store.close();
    return Promise.resolve();
  }
}
