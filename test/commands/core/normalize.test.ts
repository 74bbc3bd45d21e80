// How people type values: currency symbols and 元, full-width digits, decimal commas, Chinese units and
// Chinese option names. Through dispatch with a what-if market (no network), read from the JSON reply.
import { dispatch } from '../../../commands/index.js';
import { normalizeToken, parseArgs } from '../../../commands/core/args.js';
import type { Deps } from '../../../commands/core/ports.js';
import { manualClock, memoryLogger } from '../../helpers.js';

const deps: Deps = {
  clock: manualClock(),
  logger: memoryLogger(),
  market: {
    network: () => Promise.reject(new Error('not used')),
    price: () => Promise.reject(new Error('not used')),
    retarget: () => Promise.resolve(null),
    pools: () => Promise.reject(new Error('not used')),
    miningHistory: () => Promise.reject(new Error('not used')),
    rewardHistory: () => Promise.reject(new Error('not used')),
    priceHistory: () => Promise.resolve(null),
  },
};
const WHAT_IF = 'price=90000 difficulty=140T height=1050000';
async function read(text: string) {
  const r = await dispatch('yield', { text: `${text} ${WHAT_IF}` }, { lang: 'en', platform: 'test' }, deps);
  if (r.kind !== 'ok') return r.title;
  const j = r.json as { hashrateThs: number; powerW: number; electricity: number; poolFee: number; currency: string };
  return { th: j.hashrateThs, w: j.powerW, kwh: j.electricity, currency: j.currency, poolFee: j.poolFee };
}

test.each([
  ['100TH 3250W ¥0.4', { kwh: 0.4, currency: 'cny' }],
  ['100TH 3250W 0.4元', { kwh: 0.4, currency: 'cny' }],
  ['100TH 3250W 0.4元/度', { kwh: 0.4, currency: 'cny' }],
  ['100TH 3250W €0.05', { kwh: 0.05, currency: 'eur' }],
  ['100TH 3250W £0.05', { kwh: 0.05, currency: 'gbp' }],
  ['100TH 3250W NT$2.5', { kwh: 2.5, currency: 'twd' }],
  ['100TH 3250W $0.05', { kwh: 0.05, currency: 'usd' }],
  // the text's own currency wins over a symbol (¥ is also the yen)
  ['100TH 3250W ¥10 currency=jpy', { kwh: 10, currency: 'jpy' }],
  ['100TH 3250W 0,05', { kwh: 0.05, currency: 'usd' }],
  ['100TH 3,250W 0.05', { w: 3250, kwh: 0.05 }],
  ['１００TH ３２５０W ０．０５', { th: 100, w: 3250, kwh: 0.05 }],
  ['100TH 3250瓦 0.05', { w: 3250 }],
  ['100TH 3.25千瓦 0.05', { w: 3250 }],
  ['100TH 3250W 电费0.05', { kwh: 0.05 }],
  ['100TH 3250W 電費：0.06', { kwh: 0.06 }],
  ['算力=100TH 功耗=3250W 电价=0.05 矿池费=2%', { th: 100, w: 3250, kwh: 0.05, poolFee: 0.02 }],
  ['100TH 3250W 0.05 礦池費=1.5% 在線率=98%', { poolFee: 0.015 }],
  // after the number, and the other symbols the users write
  ['100TH 3250W 0,05€', { kwh: 0.05, currency: 'eur' }],
  ['100TH 3250W 0.05€/kWh', { kwh: 0.05, currency: 'eur' }],
  ['100TH 3250W 8円', { kwh: 8, currency: 'jpy' }],
  ['100TH 3250W ₩70', { kwh: 70, currency: 'krw' }],
  ['100TH 3250W 70원', { kwh: 70, currency: 'krw' }],
  ['100TH 3250W 0.4元每度', { kwh: 0.4, currency: 'cny' }],
  ['100TH 3250W 0.4元一度电', { kwh: 0.4, currency: 'cny' }],
  ['100TH 3250W 2.5台币', { kwh: 2.5, currency: 'twd' }],
  ['100TH 3250W 0.4/度', { kwh: 0.4, currency: 'usd' }],
  // a symbol that can stand for the currency given is that currency
  ['100TH 3250W $0.08 currency=cad', { kwh: 0.08, currency: 'cad' }],
  ['100TH 3250W 2.5元 currency=twd', { kwh: 2.5, currency: 'twd' }],
  // Chinese hashrate units: 100T算力, 1.2P算力
  ['100T算力 3250W 0.05', { th: 100 }],
  ['1.2P算力 33J/TH 0.05', { th: 1200 }],
])('%s', async (text, expected) => {
  expect(await read(text)).toMatchObject(expected);
});

test.each([
  ['100TH 3250W ¥0.4 currency=usd', '"¥0.4" and currency=usd name different currencies'],
  ['100TH 3250W 电费0.4元 currency=eur', '"0.4元" and currency=eur name different currencies'],
  ['100TH 3250W €0.05 currency=cny', '"€0.05" and currency=cny name different currencies'],
])('a symbol that cannot mean the currency given is an error naming both: %s', async (text, message) => {
  expect(await read(text)).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\$]/g, '\\$&')}`));
});

test('two prices in currencies with nothing in common are an error; ¥ with 円 is the yen', async () => {
  const be = (text: string) =>
    dispatch('break-even', { text: `${text} ${WHAT_IF}` }, { lang: 'en', platform: 'test' }, deps);
  expect((await be('s21xp ¥0.4 hardware_cost=€3500')).title).toMatch(/^"¥0.4" and "€3500" are in different currencies/);
  expect(((await be('s21xp ¥8 hardware_cost=350000円')).json as { currency: string }).currency).toBe('jpy');
});

test('a symbol and another price are still one electricity given twice', async () => {
  expect(await read('100TH 3250W 0.05 ¥0.4')).toBe('electricity is given twice ("0.05" and "0.4"); give it once.');
});

test('names and free text are not touched; only numbers are', () => {
  expect(normalizeToken('$SuperHash')).toEqual({ token: '$SuperHash' });
  expect(parseArgs('name="Hash, 2 Go" hashrate=100TH').named).toEqual([
    { key: 'name', value: 'Hash, 2 Go' },
    { key: 'hashrate', value: '100TH' },
  ]);
});

test('a number alone under the name hashrate is TH/s (hashrate=100; Discord’s hashrate: 100)', async () => {
  expect(await read('hashrate=100 3250W 0.05')).toMatchObject({ th: 100 });
  const typed = await dispatch(
    'yield',
    { text: WHAT_IF, options: { hashrate: '100', power: 3250 } },
    { lang: 'en', platform: 'discord' },
    deps,
  );
  expect((typed.json as { hashrateThs: number }).hashrateThs).toBe(100);
});

test('yield 100: a bare number out of the electricity range says what it reads as and how to write the others', async () => {
  expect(await read('100')).toBe(
    '"100" alone reads as an electricity price, and is out of range (use a price per kWh like 0.06 or 0.06/kWh (0 to 2 USD)). For a hashrate write 100TH, for power 100W.',
  );
  // given with its name, the ordinary range message
  expect(await read('100TH 3250W electricity=100')).toMatch(/^electricity "100" is out of range/);
});

test('a bare token shaped like a model that is none gets the closest presets, as model= does', async () => {
  expect(await read('s19jpr 0.05')).toBe(
    'model "s19jpr" is not a known preset. Did you mean s19jpro-96, s19jpro, s19jpro-104? See the list with: help models',
  );
  expect(await read('banana 0.05')).toMatch(/^I don't understand "banana"/);
});
