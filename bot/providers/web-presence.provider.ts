// Public records about a provider's website (provider-check.md §7.3): when the domain was registered
// (RDAP), its first certificate (crt.sh), its first Wayback capture, and whether a community phishing
// list names it. Only our configured hosts are called, with the domain as a parameter; the provider's
// own site is never fetched. Every source is optional: one that fails is reported as not answering.
import { z } from 'zod';
import type { Clock, DomainEvidence, Logger, PhishingListing, WebPresence } from '../../commands/core/ports.js';
import type { CachedFetcher } from '../cache/cached-fetcher.js';
import type { HttpClient } from './http.js';

const rdap = z
  .object({
    events: z.array(z.object({ eventAction: z.string(), eventDate: z.string() }).passthrough()).optional(),
  })
  .passthrough();
const crtsh = z.array(z.object({ not_before: z.string() }).passthrough());
const cdx = z.array(z.array(z.string()));
const metamask = z.object({ blacklist: z.array(z.string()) }).passthrough();
const plainList = z.array(z.string());

/** A hostname as the lists and registries spell it: lower case, ASCII (punycode), no trailing dot. */
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/** Epoch ms of an ISO-ish date, or undefined. crt.sh dates have no zone: they are UTC. */
function utc(s: string): number | undefined {
  const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Wayback timestamps: YYYYMMDDhhmmss (UTC). */
function waybackTime(ts: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?$/.exec(ts);
  if (!m) return undefined;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  return Number.isFinite(ms) ? ms : undefined;
}

/** "https://evil.example/path" or "evil.example" → "evil.example". */
function listHost(entry: string): string {
  return entry
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[/:?#].*$/, '')
    .replace(/\.$/, '');
}

export interface PhishingList {
  /** Shown to users, e.g. "MetaMask eth-phishing-detect". */
  name: string;
  /** Where people can read about the list. */
  about: string;
  client: HttpClient;
  format: 'metamask' | 'plain';
}

interface LoadedList {
  hosts: Set<string>;
  at: number;
}

export class WebRecords implements WebPresence {
  private readonly lists = new Map<string, LoadedList>();
  private readonly loading = new Map<string, Promise<LoadedList>>();
  private readonly failedAt = new Map<string, number>();

  constructor(
    private readonly fetcher: CachedFetcher,
    private readonly clients: { rdap: HttpClient; crtsh: HttpClient; wayback: HttpClient },
    private readonly phishingLists: readonly PhishingList[],
    private readonly clock: Clock,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
    /** Lists are downloaded again after this long (default 6 h); a failed download is retried after 15 min. */
    private readonly listTtlMs = 6 * 3_600_000,
  ) {}

  async domain(domain: string): Promise<DomainEvidence> {
    const name = domain.toLowerCase();
    if (!HOSTNAME.test(name)) return { domain, unavailable: [] };
    const o = { timeoutMs: this.timeoutMs };
    const policy = { ttlMs: 24 * 3_600_000, maxStaleMs: 7 * 86_400_000 };
    const one = async (label: string, key: string, load: () => Promise<number | null>) => {
      try {
        const entry = await this.fetcher.fresh({ key: `web:${key}:${name}`, source: key, policy, load });
        return { label, value: entry.value };
      } catch (err) {
        this.logger.info('domain record unavailable', {
          source: key,
          domain: name,
          error: err instanceof Error ? err.message : String(err),
        });
        return { label, value: undefined };
      }
    };
    const [registered, cert, capture] = await Promise.all([
      one('RDAP', 'rdap', async () => {
        const body = await this.clients.rdap.json(`/domain/${encodeURIComponent(name)}`, rdap, o);
        const event = body.events?.find((e) => e.eventAction.toLowerCase() === 'registration');
        return event ? (utc(event.eventDate) ?? null) : null;
      }),
      one('crt.sh', 'crtsh', async () => {
        const body = await this.clients.crtsh.json('/', crtsh, { ...o, params: { q: name, output: 'json' } });
        const times = body.map((c) => utc(c.not_before)).filter((x): x is number => x !== undefined);
        return times.length ? Math.min(...times) : null;
      }),
      one('Wayback Machine', 'wayback', async () => {
        const body = await this.clients.wayback.json('/cdx/search/cdx', cdx, {
          ...o,
          params: { url: name, output: 'json', limit: '1', fl: 'timestamp' },
        });
        // First row is the header ["timestamp"]; captures come oldest first.
        const first = body.find((row) => row[0] !== 'timestamp')?.[0];
        return first ? (waybackTime(first) ?? null) : null;
      }),
    ]);
    return {
      domain: name,
      ...(registered.value != null ? { registeredAt: registered.value } : {}),
      ...(cert.value != null ? { firstCertAt: cert.value } : {}),
      ...(capture.value != null ? { firstCaptureAt: capture.value } : {}),
      unavailable: [registered, cert, capture].filter((r) => r.value === undefined).map((r) => r.label),
    };
  }

  async phishing(host: string, registrable: string): Promise<PhishingListing | null | 'unavailable'> {
    const names = [...new Set([host.toLowerCase(), registrable.toLowerCase()])];
    const loaded = await Promise.all(this.phishingLists.map((l) => this.load(l)));
    if (loaded.length === 0 || loaded.every((l) => l === null)) return 'unavailable';
    for (const [i, list] of loaded.entries()) {
      if (list && names.some((n) => list.hosts.has(n))) {
        const l = this.phishingLists[i]!;
        return { list: l.name, url: l.about };
      }
    }
    return null;
  }

  /** The list's hosts, downloaded at most once per TTL (concurrent callers share one download). */
  private async load(l: PhishingList): Promise<LoadedList | null> {
    const now = this.clock.now();
    const have = this.lists.get(l.name);
    if (have && now - have.at < this.listTtlMs) return have;
    const failed = this.failedAt.get(l.name);
    if (failed !== undefined && now - failed < 15 * 60_000) return have ?? null;
    let p = this.loading.get(l.name);
    if (!p) {
      p = (async () => {
        const entries =
          l.format === 'metamask'
            ? (await l.client.json('', metamask, { timeoutMs: 4 * this.timeoutMs })).blacklist
            : await l.client.json('', plainList, { timeoutMs: 4 * this.timeoutMs });
        return { hosts: new Set(entries.map(listHost).filter((h) => h.includes('.'))), at: this.clock.now() };
      })();
      this.loading.set(l.name, p);
      void p.then(
        () => this.loading.delete(l.name),
        () => this.loading.delete(l.name),
      );
    }
    try {
      const fresh = await p;
      this.lists.set(l.name, fresh);
      this.failedAt.delete(l.name);
      return fresh;
    } catch (err) {
      this.failedAt.set(l.name, now);
      this.logger.warn('phishing list unavailable', {
        list: l.name,
        error: err instanceof Error ? err.message : String(err),
      });
      return have ?? null; // an older copy is better than none
    }
  }
}
