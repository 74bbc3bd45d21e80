// Pool observer APIs (provider-check.md §7.1), read only for links the core recognised on an official
// pool host. The request goes to our configured base for that pool, never to the user's URL, and no
// redirect is followed, so no request can reach a host outside the allowlist. Access keys are never
// logged (errors carry the path without its query string). Undocumented shapes: any mismatch → null.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Logger, ObserverReading, ObserverRef, Observers } from '../../commands/core/ports.js';
import type { CachedFetcher } from '../cache/cached-fetcher.js';
import type { HttpClient } from './http.js';
import { ProviderSchemaError } from './errors.js';

const UNITS: Record<string, number> = { h: 1e-12, kh: 1e-9, mh: 1e-6, gh: 1e-3, th: 1, ph: 1e3, eh: 1e6 };

/** "123.4" with unit "PH/s" → TH/s. */
function toThs(value: string | number, unit: string): number | null {
  const n = Number(value);
  const u =
    UNITS[
      unit
        .toLowerCase()
        .replace(/\/s$/, '')
        .replace(/^([kmgtpe])$/, '$1h')
    ];
  return Number.isFinite(n) && n >= 0 && u !== undefined ? n * u : null;
}

const antpool = z
  .object({
    data: z.object({ hsLast1D: z.union([z.string(), z.number()]), hsLast1DUnit: z.string() }).passthrough(),
  })
  .passthrough();
const viabtc = z
  .object({ data: z.object({ hashrate_1day: z.union([z.string(), z.number()]) }).passthrough() })
  .passthrough();
const ocean = z.object({ result: z.record(z.string(), z.unknown()) }).passthrough();

export interface ObserverClients {
  antpool: HttpClient;
  viabtc: HttpClient;
  ocean: HttpClient;
}

export class PoolObservers implements Observers {
  constructor(
    private readonly fetcher: CachedFetcher,
    private readonly clients: ObserverClients,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {}

  private async load(ref: ObserverRef): Promise<number> {
    const o = { timeoutMs: this.timeoutMs };
    switch (ref.pool) {
      case 'antpool': {
        const body = await this.clients.antpool.json('/auth/v3/observer/api/hash/query', antpool, {
          ...o,
          params: {
            accessKey: ref.accessKey ?? '',
            coinType: 'BTC',
            ...(ref.userId ? { observerUserId: ref.userId } : {}),
          },
        });
        const ths = toThs(body.data.hsLast1D, body.data.hsLast1DUnit);
        if (ths === null) throw new ProviderSchemaError('observer-antpool', '/auth/v3/observer/api/hash/query', 'unit');
        return ths;
      }
      case 'viabtc': {
        const body = await this.clients.viabtc.json('/res/observer/home', viabtc, {
          ...o,
          params: { access_key: ref.accessKey ?? '', coin: 'BTC' },
        });
        const ths = toThs(body.data.hashrate_1day, 'h');
        if (ths === null) throw new ProviderSchemaError('observer-viabtc', '/res/observer/home', 'hashrate');
        return ths;
      }
      case 'ocean': {
        const path = `/v1/user_hashrate/${encodeURIComponent(ref.address ?? '')}`;
        const body = await this.clients.ocean.json(path, ocean, o);
        const v = body.result.hashrate_86400 ?? body.result.hashrate_86400s;
        const ths = typeof v === 'number' || typeof v === 'string' ? toThs(v, 'h') : null;
        if (ths === null) throw new ProviderSchemaError('observer-ocean', '/v1/user_hashrate', 'hashrate');
        return ths;
      }
    }
  }

  async read(ref: ObserverRef): Promise<ObserverReading | null> {
    // Keys are secrets: the cache key holds a hash, never the key itself.
    const id = createHash('sha256')
      .update(`${ref.accessKey ?? ''}|${ref.userId ?? ''}|${ref.address ?? ''}`)
      .digest('hex')
      .slice(0, 24);
    try {
      const entry = await this.fetcher.fresh({
        key: `observer:${ref.pool}:${id}`,
        source: `observer-${ref.pool}`,
        policy: { ttlMs: 10 * 60_000, maxStaleMs: 60 * 60_000 },
        load: () => this.load(ref),
      });
      return { hashrateThs: entry.value, fetchedAt: entry.fetchedAt };
    } catch (err) {
      this.logger.info('observer could not be read', {
        pool: ref.pool,
        error: err instanceof Error ? err.message : String(err),
      });
      return null;
    }
  }
}
