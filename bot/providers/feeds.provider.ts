// News feeds (RSS 2.0, RSS 1.0/RDF and Atom) for the digest. Each feed is fetched through the cache
// (5 min fresh, so a feed is polled at most every 5 minutes); a broken or slow feed is skipped and
// named in the log, never failing the digest.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Headline, Logger, News } from '../../commands/core/ports.js';
import type { CachedFetcher } from '../cache/cached-fetcher.js';
import { HttpClient } from './http.js';
import { ProviderSchemaError } from './errors.js';

/** Default feeds: mining-focused and general outlets, English and Chinese (data-sources.md §11). */
export const DEFAULT_FEEDS = [
  'https://www.coindesk.com/arc/outboundfeeds/rss/',
  'https://www.theminermag.com/feed/',
  'https://bitcoinmagazine.com/.rss/full/',
  'https://cointelegraph.com/rss',
  'https://rss.odaily.news/rss/newsflash',
  'https://www.panewslab.com/rss.xml?lang=zh&type=NEWS',
] as const;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  processEntities: true,
  htmlEntities: true,
  // Feeds are untrusted: no entity expansion tricks, bounded depth.
  allowBooleanAttributes: true,
});

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && '#text' in v) return text((v as Record<string, unknown>)['#text']);
  return '';
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

function cleanTitle(s: string): string {
  return (
    s
      .replace(/<[^>]*>/g, '')
      // eslint-disable-next-line no-control-regex -- control characters in feed titles are dropped on purpose
      .replace(/[\u0000-\u001f\u007f]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 300)
  );
}

function atomLink(v: unknown): string {
  for (const l of list(v)) {
    if (typeof l === 'string') return l;
    const o = l as Record<string, unknown>;
    if (!o['@_rel'] || o['@_rel'] === 'alternate') return text(o['@_href']);
  }
  return '';
}

/** Items of an RSS 2.0, RSS 1.0 or Atom document; throws ProviderSchemaError on anything else. */
export function parseFeed(xml: string, source: string): Headline[] {
  if (XMLValidator.validate(xml) !== true) throw new ProviderSchemaError(source, source, 'malformed XML');
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch {
    throw new ProviderSchemaError(source, source, 'malformed XML');
  }
  const rss = doc.rss as Record<string, unknown> | undefined;
  const rdf = doc['rdf:RDF'] as Record<string, unknown> | undefined;
  const atom = doc.feed as Record<string, unknown> | undefined;
  let raw: Array<{ title: string; url: string; date: string }>;
  if (rss?.channel) {
    raw = list((rss.channel as Record<string, unknown>).item).map((i) => {
      const o = i as Record<string, unknown>;
      return { title: text(o.title), url: text(o.link) || text(o.guid), date: text(o.pubDate) || text(o['dc:date']) };
    });
  } else if (rdf) {
    raw = list(rdf.item).map((i) => {
      const o = i as Record<string, unknown>;
      return { title: text(o.title), url: text(o.link), date: text(o['dc:date']) };
    });
  } else if (atom) {
    raw = list(atom.entry).map((i) => {
      const o = i as Record<string, unknown>;
      return { title: text(o.title), url: atomLink(o.link), date: text(o.published) || text(o.updated) };
    });
  } else {
    throw new ProviderSchemaError(source, source, 'not RSS or Atom');
  }
  return raw
    .map((r) => ({ title: cleanTitle(r.title), url: r.url.trim(), source, publishedAt: Date.parse(r.date.trim()) }))
    .filter((h) => h.title && /^https?:\/\//i.test(h.url) && Number.isFinite(h.publishedAt));
}

/** A display name for a feed: its host without www. */
export function feedName(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url.slice(0, 40);
  }
}

export class FeedNews implements News {
  private readonly feeds: Array<{ url: string; name: string; client: HttpClient; path: string }>;

  constructor(
    urls: readonly string[],
    private readonly fetcher: CachedFetcher,
    private readonly logger: Logger,
    private readonly timeoutMs: number,
    userAgent: string,
    onRequest?: (source: string) => void,
  ) {
    this.feeds = urls.map((url) => {
      const u = new URL(url);
      const name = feedName(url);
      return {
        url,
        name,
        path: `${u.pathname}${u.search}`,
        client: new HttpClient({
          source: `feed:${name}`,
          baseUrl: u.origin,
          userAgent,
          headers: { Accept: 'application/rss+xml, application/atom+xml, application/xml, text/xml' },
          ...(onRequest ? { onRequest } : {}),
        }),
      };
    });
  }

  async headlines(): Promise<Headline[]> {
    const results = await Promise.all(
      this.feeds.map(async (f) => {
        try {
          const entry = await this.fetcher.fresh({
            key: `feed:${f.url}`,
            source: `feed:${f.url}`,
            policy: { ttlMs: 5 * 60_000, maxStaleMs: 6 * 60 * 60_000 },
            load: async () => parseFeed(await f.client.text(f.path, { timeoutMs: this.timeoutMs }), f.name),
          });
          return entry.value;
        } catch (err) {
          const stale = await this.fetcher.stale<Headline[]>({
            key: `feed:${f.url}`,
            source: `feed:${f.url}`,
            policy: { ttlMs: 5 * 60_000, maxStaleMs: 6 * 60 * 60_000 },
            load: () => Promise.resolve([]),
          });
          this.logger.warn('feed skipped', {
            feed: f.name,
            error: err instanceof Error ? err.message : String(err),
            servedStale: Boolean(stale),
          });
          return stale?.value ?? [];
        }
      }),
    );
    return results.flat();
  }
}
