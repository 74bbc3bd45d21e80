// Shared cache in Redis (REDIS_URL) behind the same Cache port, so several instances share upstream
// quota. A short lock (SET NX PX) lets one instance fill a missing entry while the others wait for
// it. If Redis is down, every call falls back to the in-process cache and the failure is logged and
// reported in /healthz; no command fails for it.
//
// A read of Redis is kept in process for `l1Ms` (default 1 s): a busy instance asks Redis about a hot key
// at most once a second instead of on every command, and sees another instance's refresh at most that
// much later (the freshness TTLs are 30 s and more).
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../../commands/core/ports.js';
import type { Cache, CacheEntry } from './cache.js';
import { MemoryCache } from './memory-cache.js';

export class RedisCache implements Cache {
  private readonly redis: Redis;
  private readonly fallback = new MemoryCache();
  private readonly l1 = new Map<string, { entry: CacheEntry | undefined; until: number }>();
  private readonly owner = randomUUID();
  private down = false;
  private closed = false;
  private connectedOnce = false;

  private readonly data: string;
  private readonly lock: string;

  constructor(
    url: string,
    private readonly logger: Logger,
    /** Namespace of every key (REDIS_KEY_PREFIX), so deployments and tests can share a server. */
    prefix = 'hashdesk:',
    /** How long a value read from Redis is reused in process (0: every read goes to Redis). */
    private readonly l1Ms = 1000,
  ) {
    this.data = `${prefix}cache:`;
    this.lock = `${prefix}lock:`;
    this.redis = new Redis(url, {
      // Fail fast when Redis is unreachable: commands use the in-process cache instead of queueing.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 1000,
      // ioredis waits this long for a 'close' that never comes when the socket was refused (2 s default).
      disconnectTimeout: 200,
      retryStrategy: (times) => (this.closed ? null : Math.min(times * 200, 2000)),
      lazyConnect: false,
    });
    this.redis.on('error', () => this.mark(true));
    this.redis.on('ready', () => {
      if (!this.connectedOnce) logger.info('redis connected');
      this.connectedOnce = true;
      this.mark(false);
    });
  }

  /** "redis" while Redis answers, "memory (redis unavailable)" while it does not. */
  get status(): string {
    if (this.redis.status === 'ready') return 'redis';
    return this.down ? 'memory (redis unavailable)' : 'redis (connecting)';
  }

  private mark(down: boolean): void {
    if (down === this.down) return;
    this.down = down;
    if (down) this.logger.warn('redis unavailable: using the in-process cache');
    else this.logger.info('redis available: using the shared cache');
  }

  private async attempt<T>(fn: () => Promise<T>, orElse: () => Promise<T>): Promise<T> {
    if (this.redis.status !== 'ready') {
      this.mark(true);
      return orElse();
    }
    try {
      return await fn();
    } catch {
      this.mark(true);
      return orElse();
    }
  }

  get<T>(key: string): Promise<CacheEntry<T> | undefined> {
    const near = this.l1.get(key);
    if (near && near.until > Date.now() && near.entry && this.redis.status === 'ready')
      return Promise.resolve(near.entry as CacheEntry<T>);
    return this.attempt(
      async () => {
        const raw = await this.redis.get(this.data + key);
        const entry = raw === null ? undefined : (JSON.parse(raw) as CacheEntry<T>);
        if (this.l1Ms > 0) this.l1.set(key, { entry, until: Date.now() + this.l1Ms });
        return entry;
      },
      () => this.fallback.get<T>(key),
    );
  }

  async set<T>(key: string, entry: CacheEntry<T>, expireMs: number): Promise<void> {
    if (this.l1Ms > 0) this.l1.set(key, { entry, until: Date.now() + Math.min(this.l1Ms, expireMs) });
    await this.fallback.set(key, entry, expireMs); // also kept locally for when Redis goes away
    await this.attempt(
      async () => {
        await this.redis.set(this.data + key, JSON.stringify(entry), 'PX', Math.max(1, Math.ceil(expireMs)));
      },
      () => Promise.resolve(),
    );
  }

  /** One instance fills a missing key; false when another holds the lock (or Redis is down: true). */
  tryLock(key: string, ttlMs: number): Promise<boolean> {
    return this.attempt(
      async () => (await this.redis.set(this.lock + key, this.owner, 'PX', ttlMs, 'NX')) === 'OK',
      () => Promise.resolve(true),
    );
  }

  async unlock(key: string): Promise<void> {
    await this.attempt(
      async () => {
        // Delete only our own lock.
        await this.redis.eval(
          "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
          1,
          this.lock + key,
          this.owner,
        );
      },
      () => Promise.resolve(),
    );
  }

  entries(): Promise<Array<[string, CacheEntry]>> {
    return this.fallback.entries();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.fallback.close();
    this.redis.disconnect(false);
  }
}
