import { dispatch, type Reply } from '../../../commands/index.js';
import { startFakeUpstream, type FakeUpstream } from '../../fakes/upstream.js';
import { manualClock, testRuntime } from '../../helpers.js';
import type { Runtime } from '../../../bot/runtime.js';
import { K_TH_DAY } from '../../../commands/mining/mining.calc.js';
import { ASIC_MODELS } from '../../../commands/mining/asic-models.js';

// Independent computation from the raw samples (mining-math.md §2), not through computeYield.
const D = 132_757_073_449_487.5;
const FEES_BTC = 270_908_142 / (967_731 - 967_588 + 1) / 1e8;
const PRICE_USD = 81_445;
const perThBtc = (((86_400 * 1e12) / 2 ** 32) * (3.125 + FEES_BTC)) / D;

let up: FakeUpstream;
let rt: Runtime;
const clock = manualClock();

beforeAll(async () => {
  up = await startFakeUpstream();
});
afterAll(async () => {
  await up.close();
});
beforeEach(async () => {
  up.reset();
  rt = await testRuntime(up, { clock });
});
afterEach(async () => {
  await rt.close();
});

const run = (text: string, lang: 'en' | 'zh-Hans' = 'en'): Promise<Reply> =>
  dispatch('yield', { text }, { lang, platform: 'test' }, rt.deps);

function allText(r: Reply): string {
  return [r.title, r.headline ?? '', ...r.fields.flatMap((f) => [f.name, f.value]), ...r.lines, r.footnote ?? ''].join(
    '\n',
  );
}

test('s21xp preset with pool fee and uptime matches the reference example', async () => {
  const r = await run('s21xp 0.05 pool_fee=2% uptime=98%');
  expect(r.kind).toBe('ok');
  const j = r.json as Record<string, number & Record<string, unknown>>;
  const expected = 270 * perThBtc * 0.98 * 0.98;
  expect(j.btcPerDay).toBeCloseTo(expected, 12);
  expect(j.revenuePerDay).toBeCloseTo(expected * PRICE_USD, 6);
  expect(j.powerCostPerDay).toBeCloseTo(3.645 * 24 * 0.05, 9);
  expect(j.profitPerDay).toBeCloseTo(expected * PRICE_USD - 4.374, 6);
  expect(j.breakEvenElectricity).toBeCloseTo((expected * PRICE_USD) / 87.48, 9);
  expect(j.satsPerDay).toBeCloseTo(12_353, -1);
  const hp = j.hashprice as unknown as Record<string, number>;
  expect(hp.satsPerThDay).toBeCloseTo(47.64, 2);
  expect(hp.perPhDay).toBeCloseTo(38.8, 1);
  const data = j.data as unknown as Record<string, unknown>;
  expect(data).toMatchObject({ difficulty: D, height: 967_731, blockSubsidy: 3.125, price: PRICE_USD, stale: false });
  expect(data.sources).toEqual({ height: 'mempool', difficulty: 'mempool', price: 'mempool', fees: 'mempool' });
  expect(K_TH_DAY).toBeCloseTo((86_400 * 1e12) / 2 ** 32, 6);
  expect(allText(r)).toContain('$10.06');
});

test('hashrate, power and electricity as unit-tagged tokens', async () => {
  const r = await run('100TH 3250W 0.06/kWh pool_fee=2');
  const j = r.json as Record<string, number>;
  expect(j.btcPerDay).toBeCloseTo(100 * perThBtc * 0.98, 12);
  expect(j.powerCostPerDay).toBeCloseTo(3.25 * 24 * 0.06, 9);
  expect(j.efficiencyJth).toBeCloseTo(32.5, 9);
});

test('efficiency instead of power; kW and PH units', async () => {
  const a = (await run('1.2PH 20J/TH 0.05')).json as Record<string, number>;
  expect(a.powerW).toBeCloseTo(24_000, 6);
  const b = (await run('1200TH 24kW 0.05')).json as Record<string, number>;
  expect(b.powerCostPerDay).toBeCloseTo(a.powerCostPerDay!, 9);
  expect(b.btcPerDay).toBeCloseTo(a.btcPerDay!, 15);
});

test('model with count, quoted multi-word model name, and EUR', async () => {
  const r = await run('model="S19 XP" count=10 electricity=0.05 currency=eur');
  const j = r.json as Record<string, unknown>;
  expect(j.hashrateThs).toBe(10 * ASIC_MODELS.find((m) => m.id === 's19xp')!.hashrateThs);
  expect(j.model).toBe('s19xp');
  expect((j.data as Record<string, unknown>).price).toBe(70_842);
  expect(r.title).toContain('10× Antminer S19 XP');
});

test('CNY price comes from CoinGecko (mempool has no CNY)', async () => {
  const r = await run('s19xp 0.4 currency=cny');
  const data = (r.json as Record<string, Record<string, unknown>>).data!;
  expect(data.price).toBe(815_775);
  expect((data.sources as Record<string, string>).price).toBe('coingecko');
  expect(allText(r)).toMatch(/CN¥|¥/);
});

test('what-if price and difficulty override the live values', async () => {
  const r = await run('100TH 3000W 0.05 price=100000 difficulty=150T');
  const j = r.json as Record<string, number & Record<string, unknown>>;
  const per = (((86_400 * 1e12) / 2 ** 32) * (3.125 + FEES_BTC)) / 150e12;
  expect(j.btcPerDay).toBeCloseTo(100 * per, 12);
  expect(j.revenuePerDay).toBeCloseTo(100 * per * 100_000, 6);
  expect((j.data as unknown as Record<string, unknown>).whatIf).toEqual(['price', 'difficulty']);
  expect(allText(r)).toMatch(/What-if/);
});

test('what-if height, price and difficulty: no live data at all, even with every upstream down', async () => {
  up.faultAll({ status: 503 });
  const r = await run('100TH 3000W 0.05 price=90000 difficulty=140T height=1050000');
  expect(r.kind).toBe('ok');
  expect(up.total()).toBe(0);
  const j = r.json as Record<string, number & Record<string, unknown>>;
  // Block 1,050,001 is in the fifth subsidy era: 50 / 2^5 = 1.5625 BTC; no fee data offline.
  const per = (((86_400 * 1e12) / 2 ** 32) * 1.5625) / 140e12;
  expect(j.btcPerDay).toBeCloseTo(100 * per, 12);
  expect(j.profitPerDay).toBeCloseTo(100 * per * 90_000 - 3 * 24 * 0.05, 6);
  const data = j.data as unknown as Record<string, unknown>;
  expect(data).toMatchObject({ whatIf: ['price', 'difficulty', 'height'], feesIncluded: false, asOf: null });
  expect(allText(r)).toContain('Data: none live; every figure is a what-if you set.');
  expect(allText(r)).toContain('Fees are not counted in a what-if without live data');
  expect(allText(r)).not.toMatch(/NaN|Infinity/);
  expect(allText(await run('100TH price=90000 difficulty=140T height=1050000', 'zh-Hans'))).toContain('未使用实时数据');
});

test('what-if height with live data; offline without height= says to add it; bad heights are named', async () => {
  up.faultAll({ status: 503 });
  const off = await run('100TH price=90000 difficulty=140T');
  expect(off.kind).toBe('unavailable');
  expect(allText(off)).toMatch(/add height= \(like height=925000\)/);
  up.faultAll(null);
  await rt.close();
  rt = await testRuntime(up, { clock: manualClock() }); // past the parked sources
  const j = (await run('100TH 3000W 0.05 height=1050000')).json as Record<string, number & Record<string, unknown>>;
  expect(j.btcPerDay).toBeCloseTo((100 * ((86_400 * 1e12) / 2 ** 32) * (1.5625 + FEES_BTC)) / D, 12);
  expect((j.data as unknown as Record<string, unknown>).whatIf).toEqual(['height']);
  for (const bad of ['height=-1', 'height=abc', 'height=7000000']) {
    const r = await run(`100TH price=90000 difficulty=140T ${bad}`);
    expect(r.kind).toBe('user-error');
    expect(r.title).toMatch(/^height /);
  }
});

test('fees=off counts the subsidy only', async () => {
  const j = (await run('100TH 3000W 0.05 fees=off')).json as Record<string, number>;
  expect(j.btcPerDay).toBeCloseTo((100 * ((86_400 * 1e12) / 2 ** 32) * 3.125) / D, 12);
});

test('Chinese reply', async () => {
  const r = await run('s21xp 0.05', 'zh-Hans');
  expect(r.title).toContain('每日收益');
  expect(allText(r)).toContain('电费');
});

test('hashrate alone gives revenue and hashprice without a power cost', async () => {
  const r = await run('100TH');
  expect(r.kind).toBe('ok');
  const j = r.json as Record<string, unknown>;
  expect(j.powerCostPerDay).toBe(0);
  expect(j.breakEvenElectricity).toBeNull();
});

describe('bad input: one clear message naming the argument and an accepted form', () => {
  test.each([
    ['12XH', /"12XH".*110TH/],
    ['hashrate=12XH', /hashrate "12XH": use a number with a unit, like 110TH or 1.2PH/],
    ['hashrate=-5TH', /hashrate/],
    ['100TH pool_fee=50%', /pool_fee "50%" is out of range.*between 0% and 10%/],
    ['100TH 3000W electricity=abc', /electricity "abc"/],
    ['100TH 3000W 9', /electricity "9" is out of range/],
    ['100TH uptime=0', /uptime/],
    ['model=s99', /model "s99" is not a known preset/],
    ['model=s19xpp', /Did you mean s19xp/],
    ['', /Give a hashrate/],
    ['100TH 200TH', /hashrate is given twice/],
    ['s19xp 100TH', /model and hashrate cannot be used together/],
    ['100TH 3000W 20J/TH', /power and efficiency/],
    ['100TH currency=xyz', /currency "xyz".*usd, eur/],
    ['100TH bogus=1', /Unknown option "bogus"/],
    ['100TH difficulty=0', /difficulty/],
    ['100TH price=NaN', /price "NaN"/],
    ['100TH price=Infinity', /price "Infinity"/],
    ['1e400TH', /hashrate "1e400TH"/],
    ['100TH 3000W 0.05zkwh', /electricity "0.05zkwh"/],
    ['100TH 3000kW', /3000000 W for 100 TH\/s is 30000 J\/TH/],
    ['100TH count=1.5', /count/],
    ['model="S19 XP', /quote is not closed/],
    ['x'.repeat(3000), /too long/],
  ])('%s', async (text, message) => {
    const r = await run(text);
    expect(r.kind).toBe('user-error');
    expect(r.title).toMatch(message);
    expect(r.title).not.toMatch(/undefined|Error:|at \w+ \(/);
    if (!/NaN|Infinity/.test(text)) expect(r.title).not.toMatch(/NaN|Infinity/);
  });

  test('errors in Chinese name the argument too', async () => {
    const r = await run('hashrate=12XH', 'zh-Hans');
    expect(r.title).toBe('hashrate=12XH 无法识别：请用带单位的数字，例如 110TH 或 1.2PH');
  });
});

test('replies never contain NaN or Infinity, even for extreme valid input', async () => {
  for (const text of [
    '0.001TH 1W 0',
    '10000000TH 1000MW 2',
    's19 count=100000 2 price=0.01',
    '1TH 200J/TH 0 uptime=1%',
  ]) {
    const r = await run(text);
    expect(allText(r)).not.toMatch(/NaN|Infinity/);
    expect(JSON.stringify(r.json)).not.toMatch(/NaN|Infinity|null,"satsPerDay"/);
  }
});

test('power without an electricity price: the reply says power costs nothing and how to add a price', async () => {
  const up = await startFakeUpstream();
  const rt = await testRuntime(up);
  try {
    const r = await dispatch('yield', { text: '100TH 3250W' }, { lang: 'en', platform: 'test' }, rt.deps);
    expect(r.lines[0]).toMatch(
      /No electricity price was given, so power costs nothing above\. Add one, e\.g\. yield 100TH 3250W 0\.06/,
    );
    const priced = await dispatch('yield', { text: '100TH 3250W 0.06' }, { lang: 'en', platform: 'test' }, rt.deps);
    expect(priced.lines.join('\n')).not.toMatch(/No electricity price/);
  } finally {
    await rt.close();
    await up.close();
  }
});

test('one rule for every percent option: a bare fraction is refused with the same hint, "2%" and "98%" are read', async () => {
  const up = await startFakeUpstream();
  const rt = await testRuntime(up);
  try {
    for (const [text, name, example] of [
      ['100TH pool_fee=0.02', 'pool_fee', 'pool_fee=2%'],
      ['100TH uptime=0.98', 'uptime', 'uptime=98%'],
    ] as const) {
      const r = await dispatch('yield', { text }, { lang: 'en', platform: 'test' }, rt.deps);
      expect(r.kind).toBe('user-error');
      expect(r.title).toBe(
        `${name} "${text.split('=')[1]}" could mean two things: write it with a % sign, e.g. ${example} (a bare fraction is not read as a percentage).`,
      );
    }
    const ok = await dispatch(
      'yield',
      { text: '100TH pool_fee=2% uptime=98%' },
      { lang: 'en', platform: 'test' },
      rt.deps,
    );
    expect(ok.kind).toBe('ok');
  } finally {
    await rt.close();
    await up.close();
  }
});

test('a what-if without fee data shows "fees not counted" instead of an invented 0.00000000', async () => {
  const up = await startFakeUpstream();
  const rt = await testRuntime(up);
  up.faultAll({ status: 503 });
  try {
    const r = await dispatch(
      'yield',
      { text: 's21xp 0.05 price=90000 difficulty=140T height=1050000' },
      { lang: 'en', platform: 'test' },
      rt.deps,
    );
    const network = r.fields.find((f) => f.name === 'Network')!.value;
    expect(network).toContain('fees not counted');
    expect(network).not.toMatch(/0\.00000000 BTC\/block/);
  } finally {
    up.faultAll(null);
    await rt.close();
    await up.close();
  }
});
