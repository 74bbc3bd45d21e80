// Builds the runtime services (HTTP clients, cache, market data) from the config. Used by main.ts,
// the CLI, the benchmark and the end-to-end tests, so all of them run the same wiring.
import type { Clock, Deps, Logger } from '../commands/core/ports.js';
import type { Config } from './config.js';
import { HttpClient, type HttpClientOptions } from './providers/http.js';
import { MemoryCache } from './cache/memory-cache.js';
import type { Cache } from './cache/cache.js';
import { CachedFetcher } from './cache/cached-fetcher.js';
import { LastGoodStore } from './cache/last-good.js';
import { LiveMarketData } from './market-data.js';
import { PoolObservers } from './providers/observer.provider.js';
import { WebRecords, type PhishingList } from './providers/web-presence.provider.js';
import { DEFAULT_FEEDS, FeedNews } from './providers/feeds.provider.js';
import { SqliteStore } from './store/sqlite-store.js';
import { loadPoolRegions } from './pool-regions.js';
import { Metrics } from './metrics.js';
import { commands, dispatch, type Context, type RawInput, type Reply } from '../commands/index.js';
import { findCommand } from '../commands/core/dispatch.js';
import { t } from '../commands/core/messages.js';
import type { WebPresence } from '../commands/core/ports.js';
import { WindowLimiter } from './rate-limit.js';

/** Saved values older than this are not restored at start-up. */
const RESTORE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export interface Runtime {
  deps: Deps;
  /** Cache backend and state for /healthz ("memory", "redis", "memory (redis unavailable)"). */
  cacheStatus(): string;
  store: SqliteStore;
  /** The market data behind deps.market, with what the alert watcher needs besides (tip, chain now). */
  market: LiveMarketData;
  metrics: Metrics;
  /** dispatch() with the runtime's deps, counted and timed. */
  run(name: string, input: RawInput, ctx: Context): Promise<Reply>;
  /** Upstream requests sent, by source. */
  requestCounts: Map<string, number>;
  /**
   * Runs each command once in the background so the first user's command finds compiled code and
   * a filled cache (the network figures and the USD price: what nearly every reply needs).
   */
  warm(): Promise<void>;
  close(): Promise<void>;
}

/** Registry RDAP servers rdap.org redirects to (rdap.verisign.com, rdap.nic.io, …). */
const isRdapHost = (host: string): boolean => /^rdap\.|\.rdap\.|^rdap-/.test(host) || host.endsWith('.rdap.org');

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

export const systemClock: Clock = { now: () => Date.now() };

export async function createRuntime(config: Config, logger: Logger, clock: Clock = systemClock): Promise<Runtime> {
  const requestCounts = new Map<string, number>();
  const metrics = new Metrics();
  const onRequest = (source: string): void => {
    requestCounts.set(source, (requestCounts.get(source) ?? 0) + 1);
    metrics.upstreamRequests.inc({ source });
  };
  /** One HTTP client per upstream; `extra`: headers, redirect and size limits where a source needs them. */
  const client = (
    source: string,
    baseUrl: string,
    extra: Pick<HttpClientOptions, 'headers' | 'maxRedirects' | 'maxContentLength' | 'redirectTo'> = {},
  ): HttpClient => new HttpClient({ source, baseUrl, userAgent: config.USER_AGENT, onRequest, ...extra });
  // ioredis is loaded only with REDIS_URL.
  const cache: Cache = config.REDIS_URL
    ? new (await import('./cache/redis-cache.js')).RedisCache(config.REDIS_URL, logger, config.REDIS_KEY_PREFIX)
    : new MemoryCache();
  const lastGood = new LastGoodStore(config.DATA_DIR, cache, logger);
  const restored = await lastGood.restore(RESTORE_MAX_AGE_MS, clock.now());
  if (restored > 0) logger.info('restored last good values', { entries: restored });
  const fetcher = new CachedFetcher(cache, clock, logger, () => lastGood.schedule(), {
    cache: (event) => metrics.cache.inc({ event }),
    loaded: (source, at) => metrics.lastSuccess.set(source, at),
    failed: (source) => metrics.upstreamErrors.inc({ source }),
  });
  const market = new LiveMarketData(
    fetcher,
    clock,
    {
      mempool: client('mempool', config.MEMPOOL_API_URL),
      coingecko: client(
        'coingecko',
        config.COINGECKO_API_URL,
        config.COINGECKO_API_KEY ? { headers: { 'x-cg-demo-api-key': config.COINGECKO_API_KEY } } : {},
      ),
      blockchainInfo: client('blockchain-info', config.BLOCKCHAIN_INFO_URL),
      kraken: client('kraken', config.KRAKEN_API_URL),
      coinbase: client('coinbase', config.COINBASE_API_URL),
    },
    { timeoutMs: config.HTTP_TIMEOUT_MS, chainBudgetMs: 2 * config.HTTP_TIMEOUT_MS },
  );
  // Observer hosts: our configured bases only, no redirects (SSRF-safe by construction).
  const observers = new PoolObservers(
    fetcher,
    {
      antpool: client('observer-antpool', config.OBSERVER_ANTPOOL_URL, { maxRedirects: 0 }),
      viabtc: client('observer-viabtc', config.OBSERVER_VIABTC_URL, { maxRedirects: 0 }),
      ocean: client('observer-ocean', config.OBSERVER_OCEAN_URL, { maxRedirects: 0 }),
    },
    config.HTTP_TIMEOUT_MS,
    logger,
  );
  // Records about offers' websites (provider-check W1/W2): registries, CT logs, the Wayback Machine and
  // two community phishing lists; the offer's own site is never contacted.
  const LIST_LIMITS = { maxRedirects: 1, maxContentLength: 50_000_000 }; // one file, tens of MB at most
  const phishingLists: PhishingList[] = [];
  if (config.PHISHING_METAMASK_URL)
    phishingLists.push({
      name: 'MetaMask eth-phishing-detect',
      about: 'https://github.com/MetaMask/eth-phishing-detect',
      client: client('phishing-metamask', config.PHISHING_METAMASK_URL, LIST_LIMITS),
      format: 'metamask',
    });
  if (config.PHISHING_SCAMSNIFFER_URL)
    phishingLists.push({
      name: 'ScamSniffer scam-database',
      about: 'https://github.com/scamsniffer/scam-database',
      client: client('phishing-scamsniffer', config.PHISHING_SCAMSNIFFER_URL, LIST_LIMITS),
      format: 'plain',
    });
  const web = config.WEB_CHECKS
    ? new WebRecords(
        fetcher,
        {
          // rdap.org redirects to the registry's own RDAP server: those hosts only (rdap.*, *.rdap.*)
          rdap: client('rdap', config.RDAP_URL, { redirectTo: isRdapHost }),
          crtsh: client('crtsh', config.CRTSH_URL, { maxRedirects: 0 }),
          wayback: client('wayback', config.WAYBACK_CDX_URL, { maxRedirects: 0 }),
        },
        phishingLists,
        clock,
        2 * config.HTTP_TIMEOUT_MS, // crt.sh and the Wayback Machine are slow
        logger,
      )
    : undefined;
  const news = new FeedNews(
    config.NEWS_FEEDS ?? DEFAULT_FEEDS,
    fetcher,
    logger,
    config.HTTP_TIMEOUT_MS,
    config.USER_AGENT,
    onRequest,
  );
  const store = config.DATABASE_URL
    ? await SqliteStore.openPostgres(config.DATABASE_URL, config.DATABASE_SCHEMA, (err) =>
        logger.warn('database connection lost; the next query reconnects', { error: err.message }),
      )
    : await SqliteStore.open(config.DATA_DIR);
  const poolRegions = config.POOL_REGIONS_FILE ? await loadPoolRegions(config.POOL_REGIONS_FILE) : undefined;
  const deps: Deps = {
    market,
    clock,
    logger,
    observers,
    ...(web ? { web } : {}),
    news,
    notes: store,
    subscriptions: store,
    alerts: store,
    rigs: store,
    digestMinIntervalMinutes: config.DIGEST_MIN_INTERVAL_MINUTES,
    ...(poolRegions ? { poolRegions } : {}),
  };
  const perUser = new WindowLimiter(config.RATE_LIMIT_USER_PER_MINUTE, 60_000, clock);
  const perChat = new WindowLimiter(config.RATE_LIMIT_CHAT_PER_MINUTE, 60_000, clock);
  const webPerUser = new WindowLimiter(config.WEB_CHECKS_PER_USER_PER_HOUR, 3_600_000, clock);
  const seenDomains = new Set<string>();
  /** The web records port for one user: a domain not asked about before counts against their hour. */
  const webFor = (web: WebPresence, user: string): WebPresence => ({
    phishing: (host, registrable) => web.phishing(host, registrable),
    domain: async (domain) => {
      const key = `${user}\u0000${domain}`;
      if (!seenDomains.has(key)) {
        if (!webPerUser.take(user).ok)
          return { domain, unavailable: [], limited: { max: config.WEB_CHECKS_PER_USER_PER_HOUR } };
        seenDomains.add(key);
        if (seenDomains.size > 50_000) seenDomains.clear();
      }
      return web.domain(domain);
    },
  });
  /** The limits of one command from this user in this chat; a refusal reply, or null to go on. */
  const limited = (ctx: Context): Reply | null => {
    const checks: Array<[WindowLimiter, string]> = [];
    if (ctx.userId) checks.push([perUser, `${ctx.platform}:${ctx.userId}`]);
    if (ctx.scope && ctx.channelId && ctx.channelId !== ctx.userId) checks.push([perChat, ctx.scope]);
    for (const [limiter, key] of checks) {
      const r = limiter.take(key);
      if (r.ok) continue;
      metrics.commands.inc({ command: 'rate-limited', outcome: 'user-error' });
      const title = t(ctx.lang, 'error.rateLimited', { seconds: Math.max(1, Math.ceil(r.retryInMs / 1000)) });
      return {
        kind: 'user-error',
        title,
        tone: 'error',
        fields: [],
        lines: [],
        errorCode: 'rate-limited',
        json: { error: { code: 'rate-limited', message: title } },
        // Tell once per window; after that a surface that can stay quiet does.
        ...(r.firstRefusal ? {} : { silent: true }),
      };
    }
    return null;
  };
  return {
    metrics,
    cacheStatus: () => cache.status ?? 'memory',
    market,
    async run(name, input, ctx) {
      const refused = limited(ctx);
      if (refused) return refused;
      const t0 = performance.now();
      const callDeps =
        deps.web && ctx.userId ? { ...deps, web: webFor(deps.web, `${ctx.platform}:${ctx.userId}`) } : deps;
      const reply = await dispatch(name, input, ctx, callDeps);
      const command = findCommand(commands, name)?.name ?? 'unknown';
      metrics.commands.inc({ command, outcome: reply.kind });
      metrics.latency.observe({ command }, (performance.now() - t0) / 1000);
      return reply;
    },
    deps,
    requestCounts,
    store,
    async warm() {
      // dispatch never throws: an outage at start-up just leaves the cache cold
      const warmDeps = { ...deps, logger: quiet };
      for (const [name, text, lang] of [
        ['help', '', 'en'],
        ['yield', 's21xp 0.05', 'en'],
        ['break-even', 's21xp 0.05 hardware_cost=3500', 'en'],
        ['provider-check', 'contract_price=6 hashrate=100TH days=365 maintenance=0.018 payout=pool', 'en'],
        ['yield', '100TH', 'zh-Hans'],
        ['yield', '100TH', 'zh-Hant'],
      ] as const)
        await dispatch(name, { text }, { lang, platform: 'cli' }, warmDeps);
    },
    async close() {
      await market.settled();
      await lastGood.flush();
      await cache.close();
      await store.close();
    },
  };
}
