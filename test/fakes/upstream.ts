// A fake of every upstream HTTP API on 127.0.0.1, serving the recorded samples in
// test/fixtures/api-samples. Tests change behaviour per route (status, delay, hang, body) and read
// how many requests each path received. Real axios talks to it over real sockets.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

// Resolved from the project root (jest and the benchmark both run there).
const SAMPLES = path.resolve('test', 'fixtures', 'api-samples');
const sample = (file: string): string => readFileSync(path.join(SAMPLES, file), 'utf8');

/** Route table: path (without query) → sample file. Prefixes stand for the providers' base URLs. */
export const ROUTES: Record<string, string> = {
  '/mempool/api/blocks/tip/height': 'mempool-blocks-tip-height.json',
  '/mempool/api/v1/mining/hashrate/3d': 'mempool-mining-hashrate-3d.json',
  '/mempool/api/v1/mining/reward-stats/144': 'mempool-mining-reward-stats-144.json',
  '/mempool/api/v1/mining/blocks/fees/24h': 'mempool-mining-blocks-fees-24h.json',
  '/mempool/api/v1/prices': 'mempool-prices.json',
  '/mempool/api/v1/difficulty-adjustment': 'mempool-difficulty-adjustment.json',
  '/mempool/api/v1/mining/pools/1w': 'mempool-mining-pools-1w.json',
  '/mempool/api/v1/mining/hashrate/pools/1w': 'mempool-mining-hashrate-pools-1w.json',
  '/mempool/api/v1/blocks': 'mempool-v1-blocks.json',
  '/coingecko/api/v3/simple/price': 'coingecko-simple-price-usd-eur-cny.json',
  '/blockchain/q/getdifficulty': 'blockchain-info-q-getdifficulty.json',
  '/blockchain/q/getblockcount': 'mempool-blocks-tip-height.json',
  '/blockchain/ticker': 'blockchain-info-ticker.json',
  '/kraken/0/public/Ticker': 'kraken-ticker-xbtusd.json',
  '/coinbase/v2/prices/BTC-USD/spot': 'coinbase-v2-spot-btc-usd.json',
  '/feeds/rss.xml': '../feeds/rss.xml',
  '/feeds/atom.xml': '../feeds/atom.xml',
  '/feeds/zh.xml': '../feeds/zh.xml',
  '/feeds/malformed.xml': '../feeds/malformed.xml',
  '/phishing/metamask.json': '../phishing/metamask-config.json',
  '/phishing/scamsniffer.json': '../phishing/scamsniffer-domains.json',
  // History for the charts (test/fixtures/history: recorded 3m hashrate and 1y adjustments, the rest
  // reconstructed around them; see generate.ts there).
  ...Object.fromEntries(
    ['1m', '3m', '6m', '1y', '2y', 'all'].flatMap((p) => [
      [`/mempool/api/v1/mining/hashrate/${p}`, `../history/mempool-mining-hashrate-${p}.json`],
      [`/mempool/api/v1/mining/blocks/rewards/${p}`, `../history/mempool-mining-blocks-rewards-${p}.json`],
    ]),
  ),
  '/mempool/api/v1/historical-price': '../history/mempool-historical-price.json',
};

/** How one route misbehaves. */
export interface Fault {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** Answer after this many ms. */
  delayMs?: number;
  /** Never answer (until the server closes). */
  hang?: boolean;
}

export interface FakeUpstream {
  url: string;
  /** Environment pointing every provider at this server. */
  env: Record<string, string>;
  /** Requests received per path (query stripped). */
  counts: Map<string, number>;
  /** Every request line received, with query. */
  log: string[];
  total(prefix?: string): number;
  fault(pathname: string, fault: Fault | null): void;
  /** Make every route fail with this fault (e.g. a dead network). */
  faultAll(fault: Fault | null): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeUpstream(): Promise<FakeUpstream> {
  const counts = new Map<string, number>();
  const log: string[] = [];
  const faults = new Map<string, Fault>();
  let all: Fault | null = null;
  const hanging = new Set<ServerResponse>();

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    counts.set(u.pathname, (counts.get(u.pathname) ?? 0) + 1);
    log.push(req.url ?? '/');
    const fault = faults.get(u.pathname) ?? all;
    const respond = (): void => {
      if (fault?.hang) {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      const file = ROUTES[u.pathname];
      const status = fault?.status ?? (file ? 200 : 404);
      const body = fault?.body ?? (file && status === 200 ? sample(file) : JSON.stringify({ error: 'not found' }));
      const type = u.pathname.endsWith('.xml') ? 'application/rss+xml; charset=utf-8' : 'application/json';
      res.writeHead(status, { 'content-type': type, ...fault?.headers });
      res.end(body);
    };
    if (fault?.delayMs) setTimeout(respond, fault.delayMs).unref();
    else respond();
  };

  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    env: {
      MEMPOOL_API_URL: `${url}/mempool/api`,
      COINGECKO_API_URL: `${url}/coingecko/api/v3`,
      BLOCKCHAIN_INFO_URL: `${url}/blockchain`,
      KRAKEN_API_URL: `${url}/kraken`,
      COINBASE_API_URL: `${url}/coinbase`,
      NEWS_FEEDS: ['rss', 'atom', 'zh', 'malformed'].map((f) => `${url}/feeds/${f}.xml`).join(','),
      OBSERVER_ANTPOOL_URL: `${url}/antpool`,
      OBSERVER_VIABTC_URL: `${url}/viabtc`,
      OBSERVER_OCEAN_URL: `${url}/ocean`,
      // Domain records answer 404 (no record) unless a test sets a body for the path.
      RDAP_URL: `${url}/rdap`,
      CRTSH_URL: `${url}/crtsh`,
      WAYBACK_CDX_URL: `${url}/wayback`,
      PHISHING_METAMASK_URL: `${url}/phishing/metamask.json`,
      PHISHING_SCAMSNIFFER_URL: `${url}/phishing/scamsniffer.json`,
    },
    counts,
    log,
    total(prefix = '') {
      let n = 0;
      for (const [p, c] of counts) if (p.startsWith(prefix)) n += c;
      return n;
    },
    fault(pathname, f) {
      if (f) faults.set(pathname, f);
      else faults.delete(pathname);
    },
    faultAll(f) {
      all = f;
    },
    reset() {
      counts.clear();
      log.length = 0;
      faults.clear();
      all = null;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
