import type { LiveMarketData } from '../../bot/market-data.js';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dispatch, type Reply } from '../../commands/index.js';
import { startFakeUpstream, type FakeUpstream } from '../fakes/upstream.js';
import { manualClock, memoryLogger, tempDir, testRuntime, type MutableClock } from '../helpers.js';
import type { Runtime } from '../../bot/runtime.js';

let up: FakeUpstream;
beforeAll(async () => {
  up = await startFakeUpstream();
});
afterAll(async () => {
  await up.close();
});
beforeEach(() => up.reset());

const yieldOf = (rt: Runtime, text = '100TH 3000W 0.05'): Promise<Reply> =>
  dispatch('yield', { text }, { lang: 'en', platform: 'test' }, rt.deps);
const data = (r: Reply): Record<string, unknown> => (r.json as { data: Record<string, unknown> }).data;

const HASHRATE = '/mempool/api/v1/mining/hashrate/3d';
const PRICES = '/mempool/api/v1/prices';
const TIP = '/mempool/api/blocks/tip/height';
const FEES = '/mempool/api/v1/mining/reward-stats/144';
const FEES_24H = '/mempool/api/v1/mining/blocks/fees/24h';

async function withRuntime(fn: (rt: Runtime, clock: MutableClock) => Promise<void>, dataDir?: string): Promise<void> {
  const clock = manualClock();
  const rt = await testRuntime(up, { clock, ...(dataDir ? { dataDir } : {}) });
  try {
    await fn(rt, clock);
  } finally {
    await rt.close();
  }
}

test('100 concurrent cold requests cause one upstream request per endpoint', async () => {
  await withRuntime(async (rt) => {
    const replies = await Promise.all(Array.from({ length: 100 }, () => yieldOf(rt)));
    expect(replies.every((r) => r.kind === 'ok')).toBe(true);
    expect(up.counts.get(HASHRATE)).toBe(1);
    expect(up.counts.get(PRICES)).toBe(1);
    expect(up.counts.get(TIP)).toBe(1);
    expect(up.counts.get(FEES)).toBe(1);
    expect(up.total()).toBe(4);
  });
});

test('warm cache sends nothing upstream; expired TTL refetches', async () => {
  await withRuntime(async (rt, clock) => {
    await yieldOf(rt);
    const before = up.total();
    for (let i = 0; i < 50; i++) await yieldOf(rt);
    expect(up.total()).toBe(before);
    clock.advance(61_000); // tip height TTL is 60 s; the others are longer
    const r = await yieldOf(rt);
    // answered at once from the value just past its TTL (not labelled stale), refreshed behind it
    expect(data(r).stale).toBe(false);
    await (rt.deps.market as LiveMarketData).settled();
    expect(up.total()).toBe(before + 1);
    expect(up.counts.get(TIP)).toBe(2);
  });
});

test('stale-while-revalidate with the primary hung: nobody waits, one background refresh, the fallback fills in', async () => {
  await withRuntime(async (rt, clock) => {
    await yieldOf(rt);
    up.fault(TIP, { hang: true });
    clock.advance(61_000);
    const replies = await Promise.all(Array.from({ length: 20 }, () => yieldOf(rt)));
    expect(replies.every((r) => r.kind === 'ok' && data(r).stale === false)).toBe(true);
    await (rt.deps.market as LiveMarketData).settled();
    // counts, not time: the 20 callers caused one request to the hung primary between them
    expect(up.counts.get(TIP)).toBe(2);
    // the background walk timed out on mempool and took blockchain.info's height instead
    expect(up.counts.get('/blockchain/q/getblockcount')).toBe(1);
    const after = await yieldOf(rt);
    expect(after.kind).toBe('ok');
    expect(up.counts.get(TIP)).toBe(2); // parked, not asked again
  });
});

test("a frozen price feed shows its own age (mempool's time), not the age of our fetch, and turns stale", async () => {
  await withRuntime(async (rt, clock) => {
    const fresh = await yieldOf(rt);
    // the recorded sample's `time` is 18:50:05; the clock says 19:00
    expect(fresh.footnote).toMatch(/as of 18:50 UTC \(10 min old\)/);
    expect(data(fresh).stale).toBe(false);
    // the feed keeps answering with the same old time: 40 min later it is stale although just fetched
    clock.advance(30 * 60_000);
    await yieldOf(rt);
    await (rt.deps.market as LiveMarketData).settled();
    const frozen = await yieldOf(rt);
    expect(up.counts.get(PRICES)).toBeGreaterThanOrEqual(2);
    expect(data(frozen).stale).toBe(true);
    expect(frozen.footnote).toMatch(/40 min old/);
  });
});

test('long after expiry with the primary hung: answered at once from the stale copy, labelled stale', async () => {
  await withRuntime(async (rt, clock) => {
    await yieldOf(rt);
    up.faultAll({ hang: true });
    clock.advance(11 * 60_000);
    const r = await yieldOf(rt);
    expect(r.kind).toBe('ok');
    expect(data(r).stale).toBe(true);
    await (rt.deps.market as LiveMarketData).settled();
  });
});

test('past the revalidation window with the primary parked, a fresh fallback value answers at once', async () => {
  await withRuntime(async (rt, clock) => {
    await yieldOf(rt);
    up.fault(TIP, { hang: true });
    clock.advance(61_000);
    await yieldOf(rt);
    await (rt.deps.market as LiveMarketData).settled(); // blockchain.info's height is now cached
    clock.advance(16_000); // mempool's parking (15 s) is over; its copy is past 2 × TTL
    const before = up.counts.get(TIP);
    await yieldOf(rt);
    expect(up.counts.get(TIP)).toBe(before); // blockchain.info's fresh value was used; no wait on mempool
    await (rt.deps.market as LiveMarketData).settled();
  });
});

test('mempool 500 on difficulty falls back to blockchain.info', async () => {
  up.fault(HASHRATE, { status: 500 });
  await withRuntime(async (rt) => {
    const r = await yieldOf(rt);
    expect(r.kind).toBe('ok');
    expect(data(r).difficulty).toBe(132_716_002_350_731);
    expect((data(r).sources as Record<string, string>).difficulty).toBe('blockchain-info');
  });
});

test('429 with Retry-After parks the source for that period: no request until it passes', async () => {
  up.fault(PRICES, { status: 429, headers: { 'retry-after': '120' } });
  await withRuntime(async (rt, clock) => {
    const r = await yieldOf(rt);
    expect((data(r).sources as Record<string, string>).price).toBe('coingecko');
    expect(up.counts.get(PRICES)).toBe(1);
    up.fault(PRICES, null);
    clock.advance(150_000); // coingecko TTL (120 s) passed, and so has the 120 s Retry-After
    await yieldOf(rt); // answered from coingecko's copy (revalidation window) while mempool is asked again
    await (rt.deps.market as LiveMarketData).settled();
    expect(up.counts.get(PRICES)).toBe(2);
  });
});

test('while parked after a 429, other mempool endpoints are not called either', async () => {
  up.fault(TIP, { status: 429, headers: { 'retry-after': '300' } });
  await withRuntime(async (rt, clock) => {
    await yieldOf(rt);
    const mempoolCalls = up.total('/mempool');
    clock.advance(10 * 60_000); // every TTL expired; mempool parked until +300 s only
    clock.set(clock.now() - 9 * 60_000); // back to +60 s: inside the parking period
    await yieldOf(rt);
    expect(up.total('/mempool')).toBe(mempoolCalls);
  });
});

test('a server that never answers times out and the next source answers', async () => {
  up.fault(PRICES, { hang: true });
  await withRuntime(async (rt) => {
    const r = await yieldOf(rt);
    expect(r.kind).toBe('ok');
    expect((data(r).sources as Record<string, string>).price).toBe('coingecko');
  });
});

test.each([
  ['malformed JSON', { body: '{"time": 17898' }],
  ['negative price', { body: '{"time":1789843805,"USD":-5,"EUR":-1,"GBP":0,"CAD":0,"CHF":0,"AUD":0,"JPY":0}' }],
  ['HTML error page with 200', { body: '<html>Cloudflare</html>' }],
])('mempool prices with %s are rejected and the next source is used', async (_name, fault) => {
  up.fault(PRICES, fault);
  await withRuntime(async (rt) => {
    const r = await yieldOf(rt);
    expect(r.kind).toBe('ok');
    expect((data(r).sources as Record<string, string>).price).toBe('coingecko');
  });
});

test('difficulty 0 (degraded mempool backend) is missing, not data', async () => {
  up.fault(HASHRATE, {
    body: JSON.stringify({ hashrates: [], difficulty: [], currentHashrate: 0, currentDifficulty: 0 }),
  });
  await withRuntime(async (rt) => {
    const r = await yieldOf(rt);
    expect((data(r).sources as Record<string, string>).difficulty).toBe('blockchain-info');
  });
});

test('difficulty in the wrong unit (absurd value) is rejected', async () => {
  up.fault('/blockchain/q/getdifficulty', { body: '1.3e25' });
  up.fault(HASHRATE, { status: 503 });
  await withRuntime(async (rt) => {
    const r = await yieldOf(rt);
    expect(r.kind).toBe('unavailable');
    expect(r.title).toMatch(/difficulty.*mempool.space: HTTP 503.*blockchain.info: bad answer/);
  });
});

test('price chain reaches Kraken, then Coinbase, then blockchain.info', async () => {
  up.fault(PRICES, { status: 500 });
  up.fault('/coingecko/api/v3/simple/price', { status: 500 });
  await withRuntime(async (rt) => {
    const r = await yieldOf(rt);
    expect(data(r).price).toBe(81_412.2);
    expect((data(r).sources as Record<string, string>).price).toBe('kraken');
  });
  up.fault('/kraken/0/public/Ticker', { body: '{"error":["EGeneral:Temporary lockout"]}' });
  await withRuntime(async (rt) => {
    const r = await yieldOf(rt);
    expect(data(r).price).toBe(81_423.45);
  });
  up.fault('/coinbase/v2/prices/BTC-USD/spot', { status: 404 });
  await withRuntime(async (rt) => {
    const r = await yieldOf(rt);
    expect((data(r).sources as Record<string, string>).price).toBe('blockchain-info');
  });
});

test('no fee data anywhere: answers from the subsidy alone and says so', async () => {
  up.fault(FEES, { status: 500 });
  up.fault(FEES_24H, { status: 500 });
  await withRuntime(async (rt) => {
    const r = await yieldOf(rt);
    expect(r.kind).toBe('ok');
    expect(data(r).avgFeesPerBlock).toBe(0);
    expect(data(r).feesIncluded).toBe(false);
    expect(r.lines.join(' ')).toMatch(/subsidy only/);
  });
});

test('stale-if-error: an expired value is served with its age when every source fails', async () => {
  await withRuntime(async (rt, clock) => {
    await yieldOf(rt);
    up.faultAll({ status: 503 });
    clock.advance(20 * 60_000);
    const r = await yieldOf(rt);
    expect(r.kind).toBe('ok');
    expect(data(r).stale).toBe(true);
    // the oldest input is the price, whose own timestamp (mempool's `time`) is 10 min before the fetch
    expect(r.footnote).toMatch(/Stale: .*30 min/);
  });
});

test('past the maximum stale age the datum is refused, naming what was tried', async () => {
  await withRuntime(async (rt, clock) => {
    await yieldOf(rt);
    up.faultAll({ status: 503 });
    clock.advance(2 * 60 * 60_000); // price max stale is 1 h
    const r = await yieldOf(rt);
    expect(r.kind).toBe('unavailable');
    expect(r.title).toMatch(/no source answered for (the block height|BTC price) \(tried mempool.space: HTTP 503/);
  });
});

test('restart without network answers from the persisted last good values, labelled stale', async () => {
  const dir = tempDir();
  await withRuntime(async (rt) => {
    expect((await yieldOf(rt)).kind).toBe('ok');
  }, dir); // close() flushes the file
  up.faultAll({ hang: true });
  await withRuntime(async (rt) => {
    const r = await yieldOf(rt);
    expect(r.kind).toBe('ok');
    expect(data(r).stale).toBe(true);
    expect(data(r).difficulty).toBe(132_757_073_449_487.5);
  }, dir);
});

test('values read back from last-good.json pass the same bounds as live data (a 1e300 price is never served)', async () => {
  const dir = tempDir();
  await withRuntime(async (rt) => {
    expect((await yieldOf(rt)).kind).toBe('ok');
  }, dir);
  const file = path.join(dir, 'last-good.json');
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, { value: unknown }> };
  for (const [key, e] of Object.entries(saved.entries)) {
    if (/prices|ticker|simple-price|spot/.test(key)) e.value = typeof e.value === 'number' ? 1e300 : { usd: 1e300 };
    if (key === 'mempool:hashrate-3d') e.value = { difficulty: -5, hashrateHs: null, avg3dHs: null };
    if (key === 'mempool:tip-height') e.value = 'NaN';
  }
  writeFileSync(file, JSON.stringify(saved));
  up.faultAll({ hang: true });
  const logger = memoryLogger();
  const rt = await testRuntime(up, { dataDir: dir, logger, clock: manualClock() });
  try {
    const r = await yieldOf(rt);
    expect(r.kind).toBe('unavailable');
    expect(JSON.stringify(r)).not.toMatch(/e\+300|Infinity|NaN/);
    expect(logger.records.some((x) => x.msg === 'restored value fails its bounds; not served')).toBe(true);
  } finally {
    await rt.close();
  }
});

test('nothing known at all: a clear error naming what was tried, within a few seconds', async () => {
  up.faultAll({ hang: true });
  await withRuntime(async (rt) => {
    const r = await yieldOf(rt);
    expect(r.kind).toBe('unavailable');
    expect(r.title).toMatch(/no source answered for (difficulty|the block height|BTC price) \(tried .*timed out/);
  });
});

test('the price chain stops at its time budget instead of waiting on every source in turn', async () => {
  up.faultAll({ hang: true });
  await withRuntime(async (rt) => {
    const r = await dispatch('yield', { text: '100TH price=50000' }, { lang: 'en', platform: 'test' }, rt.deps);
    expect(r.kind).toBe('unavailable');
  });
  up.reset();
  up.faultAll({ hang: true });
  await withRuntime(async (rt) => {
    await yieldOf(rt);
    // 5 price sources, 400 ms timeout, 800 ms budget: at most 2 of them were asked
    const priceCalls = [
      '/mempool/api/v1/prices',
      '/coingecko/api/v3/simple/price',
      '/kraken/0/public/Ticker',
      '/coinbase/v2/prices/BTC-USD/spot',
      '/blockchain/ticker',
    ]
      .map((p) => up.counts.get(p) ?? 0)
      .reduce((a, b) => a + b, 0);
    expect(priceCalls).toBeLessThanOrEqual(3);
  });
});

test('upstream failures are logged with the URL and no query string', async () => {
  const logger = memoryLogger();
  up.fault('/coingecko/api/v3/simple/price', { status: 500 });
  up.fault(PRICES, { status: 500 });
  const rt = await testRuntime(up, { logger, clock: manualClock() });
  await yieldOf(rt, '100TH currency=usd');
  await rt.close();
  const line = logger.records.find((r) => String(r.fields?.error).includes('simple/price'));
  expect(line?.fields?.error).toMatch(
    /GET http:\/\/127\.0\.0\.1:\d+\/coingecko\/api\/v3\/simple\/price answered HTTP 500$/,
  );
});

test('without a block height even a what-if cannot answer, and the message says so instead of suggesting one', async () => {
  up.fault('/mempool/api/blocks/tip/height', { status: 503 });
  up.fault('/blockchain/q/getblockcount', { status: 503 });
  await withRuntime(async (rt) => {
    const r = await yieldOf(rt, '100TH 3000W 0.05 price=80000 difficulty=130T');
    expect(r.kind).toBe('unavailable');
    expect(r.title).toMatch(/block height .*The block subsidy depends on it/);
    expect(r.title).not.toMatch(/give price= and difficulty=/);
  });
});
