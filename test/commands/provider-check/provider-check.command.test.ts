import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { domainToASCII } from 'node:url';
import { dispatch, type Reply } from '../../../commands/index.js';
import type { Deps, MarketData } from '../../../commands/core/ports.js';
import { startFakeUpstream, type FakeUpstream } from '../../fakes/upstream.js';
import { manualClock, memoryLogger, testRuntime } from '../../helpers.js';
import type { Runtime } from '../../../bot/runtime.js';

// A pool observer API stand-in and a server that must never be contacted.
interface Recorder {
  url: string;
  hits: string[];
  respond: (path: string) => { status: number; body: string; headers?: Record<string, string> };
  close(): Promise<void>;
}
async function recorder(respond: Recorder['respond']): Promise<Recorder> {
  const hits: string[] = [];
  const r: Recorder = { url: '', hits, respond, close: () => Promise.resolve() };
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const out = r.respond(req.url ?? '');
    res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
    res.end(out.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  r.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return r;
}

let up: FakeUpstream;
let pool: Recorder;
let evil: Recorder;
let rt: Runtime;
const logger = memoryLogger();
let observedTh = '105.2';

beforeAll(async () => {
  up = await startFakeUpstream();
  evil = await recorder(() => ({ status: 200, body: '{}' }));
  pool = await recorder(() => ({
    status: 200,
    body: JSON.stringify({ code: 0, data: { hsLast1D: observedTh, hsLast1DUnit: 'TH/s' } }),
  }));
  rt = await testRuntime(up, {
    logger,
    env: { OBSERVER_ANTPOOL_URL: pool.url, OBSERVER_VIABTC_URL: evil.url, OBSERVER_OCEAN_URL: evil.url },
  });
});
afterAll(async () => {
  await rt.close();
  await pool.close();
  await evil.close();
  await up.close();
});

const run = (text: string, lang: 'en' | 'zh-Hans' = 'en', deps: Deps = rt.deps): Promise<Reply> =>
  dispatch('provider-check', { text }, { lang, platform: 'test' }, deps);
type J = {
  score: number;
  band: string;
  confidence: string;
  flags: Array<{ code: string; severity: string; message: string }>;
  economics: Record<string, number | null>;
  missing: string[];
};
const json = (r: Reply): J => r.json as J;
const codes = (r: Reply): string[] => json(r).flags.map((f) => `${f.code}:${f.severity[0]}`);
const OBS = 'https://www.antpool.com/observer?accessKey=KEY123secret&coinType=BTC&observerUserId=sub1';

describe('the reference illustration (provider-check.md §9)', () => {
  test('10 TH/s, 30 days, 20 USDT, fixed 0.8 USDT/day, no fee: PR 2.06, APR 1,460 %, score 0', async () => {
    const r = await run('name="HashPlus" hashrate=10TH contract_price=2 days=30 payout=0.08 maintenance=0');
    const j = json(r);
    expect(j.economics.payoutRatio).toBeCloseTo(0.08 / 0.038799, 2);
    expect(j.economics.impliedAprPct).toBeCloseTo(1460, 6);
    expect(j.score).toBe(0);
    expect(j.band).toBe('implausible');
    expect(j.confidence).toBe('medium');
    expect(codes(r)).toEqual(expect.arrayContaining(['E1:c', 'E6:c']));
    // a number is an estimate, not a guarantee: E2 only for explicit guarantees
    expect(codes(r).some((c) => c.startsWith('E2'))).toBe(false);
    // net annual return: (0.08 × 30 − 2) ÷ 2 = 20 % in 30 days → × 365/30
    expect(j.economics.netAnnualReturnPct).toBeCloseTo(((0.08 * 30 - 2) / 2) * (365 / 30) * 100, 6);
    expect(r.headline).toBe('Very likely not a genuine mining contract (0/95, confidence medium)');
    expect(r.fields[0]!.value).toMatch(/pays \$0\.08 per TH\/s per day; .* mines about \$0\.0388 a day/);
    expect(r.footnote).toMatch(/not financial, investment or legal advice/);
  });
});

describe('flags and bands, table-driven', () => {
  test.each([
    [
      'honest pool-output contract with a verified observer',
      `contract_price=6 hashrate=100TH days=365 maintenance=0.018 payout=pool observer="${OBS}"`,
      ['V1:p'],
      'consistent',
      'high',
    ],
    [
      'pool-output contract without an observer link',
      'contract_price=6 hashrate=100TH days=365 maintenance=0.018 payout=pool',
      ['V3:m'],
      'consistent',
      'medium',
    ],
    [
      'underpriced hashrate (value ratio ≥ 1.5)',
      'contract_price=1 hashrate=100TH days=365 maintenance=0.001 payout=pool',
      ['E3:h', 'V3:m'],
      'unclear',
      'medium',
    ],
    [
      'cheap and generous at once (E4, E5)',
      'contract_price=2 hashrate=10TH days=365 payout=0.035 maintenance=0',
      ['E4:h', 'E5:h', 'E6:c'],
      'implausible',
      'medium',
    ],
    [
      'net annual return above 50 % (E6 on what the buyer keeps, not on gross payouts)',
      'contract_price=10 days=180 payout=0.1 maintenance=0',
      ['E6:c', 'E1:c'],
      'implausible',
      'medium',
    ],
    [
      'lifetime without a stop clause',
      'contract_price=15 days=lifetime payout=pool maintenance=0.01',
      ['E8:m', 'V3:m'],
      'consistent',
      'medium',
    ],
    [
      'lifetime with a guaranteed return',
      'contract_price=15 days=lifetime payout=pool guaranteed=yes maintenance=0.01',
      ['E8:h', 'E2:c'],
      'implausible',
      'medium',
    ],
    [
      'a contract past the halving',
      'contract_price=30 days=1000 payout=pool maintenance=0.01',
      ['E8:i'],
      'consistent',
      'medium',
    ],
    [
      'three referral levels',
      'contract_price=6 days=365 payout=pool maintenance=0.018 referral=3',
      ['P1:h', 'V3:m'],
      'unclear',
      'medium',
    ],
    [
      'one referral level',
      'contract_price=6 days=365 payout=pool maintenance=0.018 referral=1',
      ['P1:m', 'V3:m'],
      'consistent',
      'medium',
    ],
    [
      'payout in its own token',
      'contract_price=6 days=365 payout=pool maintenance=0.018 payout_asset=token',
      ['P2:h'],
      'unclear',
      'medium',
    ],
    [
      'withdrawal fee 10 %',
      'contract_price=6 days=365 payout=pool maintenance=0.018 withdrawal_fee=10%',
      ['P3:m'],
      'consistent',
      'medium',
    ],
    [
      'value warning (VR < 0.3): poor value, not fraud',
      'contract_price=40 days=365 payout=pool maintenance=0.02',
      ['E3:h', 'V3:m'],
      'unclear',
      'medium',
    ],
  ])('%s', async (_label, text, expected, band, confidence) => {
    const r = await run(text);
    expect(r.kind).toBe('ok');
    expect(codes(r)).toEqual(expect.arrayContaining(expected));
    expect(json(r).band).toBe(band);
    expect(json(r).confidence).toBe(confidence);
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
  });

  test('V4: the observer shows less than half, or a fifth, of what was sold', async () => {
    observedTh = '40';
    try {
      let r = await run(
        `contract_price=6 hashrate=100TH days=365 maintenance=0.018 payout=pool observer="${OBS.replace('sub1', 'sub2')}"`,
      );
      expect(codes(r)).toContain('V4:h');
      observedTh = '10';
      r = await run(
        `contract_price=6 hashrate=100TH days=365 maintenance=0.018 payout=pool observer="${OBS.replace('sub1', 'sub4')}"`,
      );
      expect(codes(r)).toContain('V4:c');
      expect(json(r).band).toBe('implausible');
    } finally {
      observedTh = '105.2';
    }
  });

  test('E7: "no electricity fee" on a machine that cannot cover cheap power', async () => {
    const cold = await testRuntime(up, { clock: manualClock() });
    up.fault('/mempool/api/v1/mining/hashrate/3d', {
      body: JSON.stringify({ currentHashrate: 2e21, currentDifficulty: 3e14 }),
    });
    try {
      const r = await run('contract_price=3 days=365 payout=pool machine=s19 text="免电费"', 'en', cold.deps);
      expect(codes(r)).toContain('E7:h');
    } finally {
      up.fault('/mempool/api/v1/mining/hashrate/3d', null);
      await cold.close();
    }
  });

  test('the access key never reaches a log line or the reply', async () => {
    const r = await run(`contract_price=6 hashrate=100TH days=365 payout=pool observer="${OBS}"`);
    expect(JSON.stringify(r)).not.toContain('KEY123secret');
    expect(JSON.stringify(logger.records)).not.toContain('KEY123secret');
    expect(pool.hits.some((h) => h.includes('accessKey=KEY123secret'))).toBe(true);
  });
});

describe('ad texts in English and Chinese', () => {
  test('Chinese: 100T 永久算力 日息0.5% 三级返佣 900 USDT', async () => {
    const r = await run('text="100T 永久算力 日息0.5% 三级返佣 900 USDT"', 'zh-Hans');
    const j = json(r);
    expect(j.economics.promisedPerThDay).toBeCloseTo(0.045, 9); // 0.5 % of 9 USDT per TH
    expect(j.economics.impliedAprPct).toBeCloseTo(182.5, 6);
    expect(codes(r)).toEqual(expect.arrayContaining(['E1:c', 'E2:c', 'E6:c', 'P1:h', 'E8:h']));
    expect(r.headline).toMatch(/^极不可能是真实的挖矿合约/);
    expect(r.lines.join()).toContain('中国大陆法院');
  });

  test('explicit arguments win over the ad text', async () => {
    const r = await run('text="100T 365天 日息0.5% 900 USDT" contract_price=20 days=30');
    const j = json(r);
    expect(j.economics.promisedPerThDay).toBeCloseTo(0.1, 9); // 0.5 % of the explicit 20 per TH
    expect(j.economics.allInCostPerThDay).toBeCloseTo(20 / 30, 9);
  });

  test('English: guaranteed 1% daily ROI, 3-level referral bonus, pay a tax to withdraw, connect wallet', async () => {
    const r = await run(
      'text="Guaranteed 1% daily ROI! 3-level referral bonus. Pay a fee before withdraw. Connect your wallet to start. 50T for 365 days, 500 USDT" ',
    );
    expect(codes(r)).toEqual(expect.arrayContaining(['E2:c', 'P1:h', 'P3:c', 'C2:c', 'E6:c']));
    expect(json(r).score).toBe(0);
  });

  test('保本 (principal guaranteed) and 缴税才能提现 (tax to withdraw)', async () => {
    const r = await run('text="保本保息，缴税才能提现" contract_price=6 days=365 payout=pool');
    expect(codes(r)).toEqual(expect.arrayContaining(['P4:h', 'P3:c', 'E2:c']));
  });
});

describe('names, regulator list and domains', () => {
  test.each([
    ['name=HashFlare', 'hashflare'],
    ['name="hash flare"', 'hashflare'],
    ['name=Hashlets', 'gaw'],
    ['url=https://www.bitclubnetwork.com/join', 'bitclub'],
    ['name="Mining Capital Coin"', 'capital'],
  ])('%s is named in a regulator action, with authority, year and link', async (text, word) => {
    const r = await run(text);
    expect(codes(r)).toContain('R1:c');
    const msg = json(r).flags.find((f) => f.code === 'R1')!.message;
    expect(msg.toLowerCase()).toContain(word === 'gaw' ? 'sec' : 'us ');
    expect(msg).toMatch(/\((20\d\d)\).*https:\/\//);
    expect(json(r).confidence).toBe('low');
  });

  test('name-only mode: lists and domains only, says what is missing', async () => {
    const r = await run('name="Quiet Hash Ltd" url=quiethash.example');
    expect(json(r).economics.hashpricePerThDay).toBeNull();
    expect(json(r).missing).toEqual(['contract_price', 'days', 'payout', 'maintenance', 'observer']);
    expect(r.lines.join()).toMatch(/Name-only check/);
    expect(up.total()).toBeGreaterThanOrEqual(0);
  });

  test.each([
    ['url=antpool.com.cloud-mining.xyz', 'R2:c'],
    ['url=https://antp00l.com', 'R2:c'],
    ['url=https://f2p0ol.com', 'R2:c'],
    [`url=https://${domainToASCII('аntpool.com')}`, 'R2:c'],
    ['url=https://viabtc-cloud.io', 'R2:c'],
    ['name="Braiins Cloud Mining"', 'R2:c'],
    ['url=http://203.0.113.5/offer', 'R5:m'],
  ])('%s', async (text, code) => {
    expect(codes(await run(text))).toContain(code);
  });

  test('official domains are not look-alikes', async () => {
    for (const u of ['https://www.antpool.com', 'https://bitdeer.com/cloud', 'https://www.nicehash.com']) {
      expect(codes(await run(`url=${u}`)).filter((c) => c.startsWith('R2'))).toEqual([]);
    }
  });
});

describe('observer links and SSRF: nothing is fetched outside the allowlist', () => {
  test.each([
    `${'http://127.0.0.1'}:PORT/observer?accessKey=x`,
    'http://localhost:PORT/observer?accessKey=x',
    'http://[::1]:PORT/observer?accessKey=x',
    'http://2130706433:PORT/observer?accessKey=x',
    'https://antpool.com.evil.example/observer?accessKey=x',
    'https://evil.example/www.antpool.com/observer?accessKey=x',
    'https://antp00l.com/observer?accessKey=x',
  ])('%s → V5, and the local server receives nothing', async (raw) => {
    const port = new URL(evil.url).port;
    const before = evil.hits.length;
    const r = await run(`contract_price=6 days=365 payout=pool observer="${raw.replace('PORT', port)}"`);
    expect(codes(r)).toContain('V5:c');
    expect(evil.hits.length).toBe(before);
  });

  test('a redirect from the pool API is not followed', async () => {
    const respond = pool.respond;
    pool.respond = () => ({ status: 302, body: '', headers: { location: `${evil.url}/steal` } });
    try {
      const before = evil.hits.length;
      const r = await run(
        `contract_price=6 hashrate=100TH days=365 payout=pool observer="${OBS.replace('sub1', 'sub3')}"`,
      );
      expect(codes(r)).toContain('V:i'); // could not verify
      expect(evil.hits.length).toBe(before);
    } finally {
      pool.respond = respond;
    }
  });

  test('official hosts without a readable format: "could not verify", nothing fetched', async () => {
    const before = pool.hits.length + evil.hits.length;
    const r = await run(
      'contract_price=6 days=365 payout=pool observer=https://www.f2pool.com/mining-user/0123456789abcdef0123456789abcdef?user_name=x',
    );
    expect(codes(r)).toContain('V:i');
    expect(pool.hits.length + evil.hits.length).toBe(before);
  });

  test.each([
    ['observer=file:///etc/passwd', /observer "file:\/\/\/etc\/passwd": use an https link/],
    ['observer="javascript:alert(1)"', /observer "javascript:alert\(1\)": use an https link/],
    [
      'observer=https://user:pass@www.antpool.com/observer',
      /observer "…": a link with a user name or password is not accepted/,
    ],
    ['url=ftp://example.com', /url "ftp:\/\/example.com": use an https link/],
    ['payout=lots', /payout "lots": use an amount per TH per day like 0.035/],
    [`text="${'x'.repeat(1600)}"`, /text .* out of range: use at most 1500 characters/],
  ])('bad input %s → a clear message, nothing fetched', async (text, message) => {
    const before = evil.hits.length;
    const r = await run(text);
    expect(r.kind).toBe('user-error');
    expect(r.title).toMatch(message);
    expect(r.title).not.toContain('user:pass');
    expect(evil.hits.length).toBe(before);
  });
});

describe('old market data', () => {
  function marketAged(ageMs: number): Deps {
    const now = Date.UTC(2026, 8, 19, 19, 0, 0);
    const at = now - ageMs;
    const s = <T>(value: T) => ({ value, source: 'mempool', fetchedAt: at, stale: true });
    const market: MarketData = {
      network: () =>
        Promise.resolve({
          difficulty: s(132_757_073_449_487.5),
          height: s(967_731),
          feesPerBlockBtc: s(0.0188),
          hashrateHs: null,
        }),
      price: () => Promise.resolve(s(81_445)),
      retarget: () => Promise.resolve(null),
      pools: () => Promise.reject(new Error('not used')),
      miningHistory: () => Promise.reject(new Error('not used')),
      rewardHistory: () => Promise.reject(new Error('not used')),
      priceHistory: () => Promise.resolve(null),
    };
    return { market, clock: { now: () => now }, logger: memoryLogger() };
  }

  test('over a day old: the payout line widens to 1.15× and says so', async () => {
    const r = await run('contract_price=6 days=365 payout=0.0430 maintenance=0.01', 'en', marketAged(2 * 86_400_000));
    expect(json(r).economics.payoutRatio).toBeCloseTo(1.108, 2);
    expect(codes(r)).not.toContain('E1:c');
    expect(r.lines.join()).toMatch(/widened to 1\.15/);
  });

  test('over a week old: no numeric verdict', async () => {
    const r = await run('contract_price=2 days=30 payout=0.08', 'en', marketAged(8 * 86_400_000));
    expect(codes(r).filter((c) => /^E[13-7]/.test(c))).toEqual([]);
    expect(r.lines.join()).toMatch(/no numeric verdict/);
  });
});
