// `chart` and the break-even payback chart against the fake upstream (real axios, real cache).
import { dispatch, type LineChartSpec, type Reply } from '../../../commands/index.js';
import type { Lang } from '../../../commands/core/messages.js';
import { chartRenders, chartSvg, renderChartPng } from '../../../bot/chart.js';
import { startFakeUpstream, type FakeUpstream } from '../../fakes/upstream.js';
import { manualClock, tempDir, testRuntime } from '../../helpers.js';
import type { Runtime } from '../../../bot/runtime.js';

let up: FakeUpstream;
let rt: Runtime;
const clock = manualClock(Date.UTC(2026, 8, 19, 19, 0, 0));

beforeAll(async () => {
  up = await startFakeUpstream();
  rt = await testRuntime(up, { clock, dataDir: tempDir() });
});
afterAll(async () => {
  await rt.close();
  await up.close();
});

const run = (text: string, lang: Lang = 'en', command = 'chart'): Promise<Reply> =>
  dispatch(command, { text }, { lang, platform: 'test' }, rt.deps);
const json = (r: Reply) =>
  r.json as {
    series: { satsPerThDay: Array<[number, number]>; fiatPerThDay: Array<[number, number]> };
    stats: { satsPerThDay: { now: number; min: number; max: number; changePct: number } };
    halvings: Array<{ height: number }>;
  };

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('chart hashprice', () => {
  test('a year: the key numbers in text are the drawn series’ now, low, high and change', async () => {
    const r = await run('hashprice period=1y');
    expect(r.kind).toBe('ok');
    expect(r.title).toBe('Hashprice, last year');
    const { series, stats } = json(r);
    expect(series.satsPerThDay).toHaveLength(366);
    const values = series.satsPerThDay.map(([, v]) => v);
    expect(stats.satsPerThDay.now).toBe(values[values.length - 1]);
    expect(stats.satsPerThDay.min).toBe(Math.min(...values));
    expect(stats.satsPerThDay.max).toBe(Math.max(...values));
    expect(stats.satsPerThDay.changePct).toBeCloseTo((values[values.length - 1]! / values[0]! - 1) * 100, 9);
    expect(r.fields[0]!.value).toBe(
      `now ${stats.satsPerThDay.now.toFixed(2)} · low ${stats.satsPerThDay.min.toFixed(2).replace(/0$/, '')} · high ${stats.satsPerThDay.max.toFixed(2)} · +${stats.satsPerThDay.changePct.toFixed(1)}% over the period`,
    );
    expect(r.fields[1]!.name).toBe('Hashprice, USD/TH/day');
    const chart = r.chart as LineChartSpec;
    expect(chart.panels.map((p) => p.label)).toEqual(['Hashprice, sats/TH/day', 'Hashprice, USD/TH/day']);
    expect(chart.panels[0]!.series[0]!.points).toEqual(series.satsPerThDay);
    const svg = chartSvg(chart);
    expect(svg).toContain('>Jan 2026<');
    expect(svg).toContain('>Oct 2025<');
    expect((svg.match(/<path d="M/g) ?? []).length).toBe(2);
    const png = renderChartPng(chart);
    expect(pngSize(png).width).toBeGreaterThanOrEqual(800);
    expect(png.length).toBeLessThanOrEqual(150_000);
  });

  test('all history marks the 840,000 halving; EUR comes from the price history', async () => {
    const r = await run('hashprice period=all currency=eur');
    expect(json(r).halvings.map((h) => h.height)).toEqual([840_000]);
    expect(r.lines.join('\n')).toMatch(/Halvings in this period \(the subsidy halved\): 840,000 \(2024-04-1\d\)/);
    const chart = r.chart as LineChartSpec;
    expect(chart.panels[1]!.label).toBe('Hashprice, EUR/TH/day');
    expect(chart.panels[0]!.markers!.map((m) => m.label)).toEqual(['halving 840,000']);
    expect(chartSvg(chart)).toContain('halving 840,000');
    expect(chartSvg(chart)).toContain('>€0.1<');
  });

  test('a currency without price history: sats only, and the reply says why', async () => {
    const r = await run('hashprice period=3m currency=cny');
    expect((r.chart as LineChartSpec).panels).toHaveLength(1);
    expect(r.lines.join('\n')).toContain('The history source has no CNY prices');
  });

  test.each([
    ['zh-Hans', '算力价格，最近 1 年', '2026年1月', '算力价格（聪/TH/日）'],
    ['zh-Hant', '算力價格，最近 1 年', '2026年1月', '算力價格（聰/TH/日）'],
  ] as const)('in %s: title, axis dates and panel labels', async (lang, title, month, panel) => {
    const r = await run('hashprice period=1y', lang);
    expect(r.title).toBe(title);
    const svg = chartSvg(r.chart!);
    expect(svg).toContain(`>${month}<`);
    expect(svg).toContain(`>${panel}<`);
    expect(pngSize(renderChartPng(r.chart!)).width).toBeGreaterThanOrEqual(800);
  });
});

test('chart difficulty: steps and the daily hashrate, with the last adjustment', async () => {
  const r = await run('difficulty period=6m');
  expect(r.title).toBe('Difficulty and hashrate, last 6 months');
  const chart = r.chart as LineChartSpec;
  expect(chart.panels[0]!.series[0]!.step).toBe(true);
  expect(chart.panels[1]!.series[0]!.points).toHaveLength(183);
  expect(r.fields.map((f) => f.name)).toEqual(['Difficulty', 'Network hashrate, daily mean', 'Last adjustment']);
  expect(r.fields[2]!.value).toBe('2026-09-19, block 967,680');
  expect(chartSvg(chart)).toMatch(/>1\d\d T</);
  const png = renderChartPng(chart);
  expect(pngSize(png).width).toBeGreaterThanOrEqual(800);
  expect(png.length).toBeLessThanOrEqual(150_000);
});

test('chart pools: the regional shares on their own', async () => {
  const r = await run('pools');
  expect(r.chart?.kind).toBe('bars');
  expect(r.lines[0]).toBe('North America: 35.5%');
});

test('a bad word is a clear error naming what is accepted', async () => {
  const r = await run('hashrice');
  expect(r.kind).toBe('user-error');
  expect(r.title).toBe('chart "hashrice": use hashprice, difficulty or pools, and period=1m, 3m, 6m, 1y, 2y or all');
  expect((await run('period=5y')).title).toMatch(/^period "5y": use one of: 1m, 3m, 6m, 1y, 2y, all/);
});

test('twenty people asking at once cost one upstream request per endpoint and period', async () => {
  const before = {
    hashrate: up.counts.get('/mempool/api/v1/mining/hashrate/2y') ?? 0,
    rewards: up.counts.get('/mempool/api/v1/mining/blocks/rewards/2y') ?? 0,
  };
  const replies = await Promise.all(Array.from({ length: 20 }, () => run('hashprice period=2y')));
  expect(replies.every((r) => r.kind === 'ok')).toBe(true);
  expect((up.counts.get('/mempool/api/v1/mining/hashrate/2y') ?? 0) - before.hashrate).toBe(1);
  expect((up.counts.get('/mempool/api/v1/mining/blocks/rewards/2y') ?? 0) - before.rewards).toBe(1);
  // and the same chart is drawn once
  const n = chartRenders();
  for (const r of replies) renderChartPng(r.chart!);
  expect(chartRenders() - n).toBe(1);
});

test('the history source down: a clear reply in the user’s language, no chart', async () => {
  up.fault('/mempool/api/v1/mining/hashrate/1m', { status: 503 });
  try {
    const r = await run('hashprice period=1m');
    expect(r.kind).toBe('unavailable');
    expect(r.title).toBe(
      'The mining history is unavailable right now: its source did not answer (tried mempool.space: HTTP 503). Try again in a few minutes.',
    );
    const zh = await run('difficulty period=1m', 'zh-Hans');
    expect(zh.title).toContain('暂时无法获取挖矿历史数据');
  } finally {
    up.fault('/mempool/api/v1/mining/hashrate/1m', null);
  }
});

test('a malformed history answer is refused by its schema, never drawn', async () => {
  clock.advance(8 * 86_400_000); // past the history's maximum stale age: the cached copy cannot answer
  up.fault('/mempool/api/v1/mining/hashrate/3m', { status: 200, body: '{"hashrates":[{"timestamp":"x"}]}' });
  try {
    const r = await run('difficulty period=3m');
    expect(r.kind).toBe('unavailable');
    expect(r.title).toContain('bad answer');
  } finally {
    up.fault('/mempool/api/v1/mining/hashrate/3m', null);
  }
});

describe('the payback curve on break-even', () => {
  test('with hardware_cost: cumulative profit by month against the cost, payback and halving marked', async () => {
    const r = await run('s21xp 0.03 hardware_cost=3500', 'en', 'break-even');
    const chart = r.chart as LineChartSpec;
    const j = r.json as { paybackDays: number; cumulativeProfitByMonth: Array<[number, number]> };
    expect(chart.panels[0]!.levels).toEqual([{ y: 3500, label: 'hardware cost $3,500.00' }]);
    expect(chart.panels[0]!.markers!.map((m) => m.label)).toEqual(['pays back', 'halving 1,050,000']);
    expect(chart.panels[0]!.series[0]!.points).toHaveLength(j.cumulativeProfitByMonth.length);
    expect(j.cumulativeProfitByMonth).toHaveLength(37);
    const png = renderChartPng(chart);
    expect(pngSize(png).width).toBeGreaterThanOrEqual(800);
    expect(png.length).toBeLessThanOrEqual(150_000);
    expect(chartSvg(chart)).toContain('>$3,000<');
  });

  test('turning unprofitable is marked; without hardware_cost there is no chart', async () => {
    const r = await run('s21xp 0.09 hardware_cost=3500', 'en', 'break-even');
    expect((r.chart as LineChartSpec).panels[0]!.markers!.map((m) => m.label)).toEqual(['turns unprofitable']);
    expect((await run('s21xp 0.05', 'en', 'break-even')).chart).toBeUndefined();
  });
});
