import { dispatch, type BarChartSpec, type Reply } from '../../../commands/index.js';
import { t, type Lang } from '../../../commands/core/messages.js';
import { fmtShare } from '../../../commands/core/format.js';
import { POOL_REGIONS } from '../../../commands/news-digest/pool-regions.data.js';

const capitalized = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
import { startFakeUpstream, type FakeUpstream } from '../../fakes/upstream.js';
import { manualClock, memoryLogger, tempDir, testRuntime } from '../../helpers.js';
import type { Runtime } from '../../../bot/runtime.js';
import { regionShares, selectHeadlines, isNoteDate } from '../../../commands/news-digest/digest.calc.js';
import { parseFeed } from '../../../bot/providers/feeds.provider.js';
import { chartSvg, renderChartPng } from '../../../bot/chart.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';

let up: FakeUpstream;
let rt: Runtime;
const logger = memoryLogger();
const clock = manualClock(Date.UTC(2026, 8, 19, 19, 0, 0));
const dataDir = tempDir();

beforeAll(async () => {
  up = await startFakeUpstream();
  rt = await testRuntime(up, { clock, logger, dataDir });
});
afterAll(async () => {
  await rt.close();
  await up.close();
});

const run = (
  text: string,
  opts: { lang?: Lang; scope?: string; canManage?: boolean; platform?: 'test' | 'discord' } = {},
): Promise<Reply> =>
  dispatch(
    'news-digest',
    { text },
    {
      lang: opts.lang ?? 'en',
      platform: opts.platform ?? 'test',
      scope: opts.scope ?? 'test:1',
      ...(opts.canManage !== undefined ? { canManage: opts.canManage } : {}),
    },
    rt.deps,
  );
type J = {
  network: Record<string, number | string | null>;
  pools: Array<{ slug: string; name: string; blocks: number; sharePct: number; region: string }>;
  regions: Record<string, number>;
  headlines: Array<{ title: string; url: string; source: string; publishedAt: string }>;
  notes: Array<{ id: number; date: string; text: string; source: string | null }>;
  hashprice: Record<string, number>;
};
const json = (r: Reply): J => r.json as J;
const samples = path.resolve('test', 'fixtures', 'api-samples');

describe('regional shares from the pools fixture (data-sources.md §8)', () => {
  const pools = JSON.parse(readFileSync(path.join(samples, 'mempool-mining-pools-1w.json'), 'utf8')) as {
    pools: Array<{ slug: string; name: string; blockCount: number }>;
    blockCount: number;
  };
  const stats = {
    pools: pools.pools.map((p) => ({ slug: p.slug, name: p.name, blocks: p.blockCount })),
    totalBlocks: pools.blockCount,
  };

  test('North America 35.5 %, Asia 54.0 %, Europe 3.2 %, global 1.7 %, unknown 5.7 % of 1,025 blocks', () => {
    const r = regionShares(stats);
    expect(r.totalBlocks).toBe(1025);
    // independent: the reference's block counts
    expect(r.regions.north_america).toBeCloseTo((364 / 1025) * 100, 6);
    expect(r.regions.asia).toBeCloseTo(54.0, 0);
    expect(r.regions.europe).toBeCloseTo(3.2, 0);
    expect(r.regions.global).toBeCloseTo(1.7, 0);
    expect(r.regions.unknown).toBeCloseTo(5.7, 0);
    const sum = Object.values(r.regions).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(100, 9);
  });

  test('an operator override moves a pool to another region', () => {
    const r = regionShares(stats, { secpool: { region: 'asia' }, binancepool: { region: 'asia' } });
    expect(r.regions.asia).toBeCloseTo(59.9, 0);
  });
});

describe('the digest', () => {
  test('network, hashprice, halving, pools, regions, headlines; worded as pool headquarters', async () => {
    const r = await run('');
    expect(r.kind).toBe('ok');
    const j = json(r);
    expect(j.network).toMatchObject({
      price: 81_445,
      height: 967_731,
      lastAdjustmentPct: 4.163398081310405,
      nextRetargetHeight: 969_696,
      blocksToHalving: 1_050_000 - 967_731,
    });
    expect(j.network.nextAdjustmentPct).toBeCloseTo(-5.9757, 3);
    expect(j.network.hashrate3dEhs as number).toBeGreaterThan(800);
    expect(j.hashprice.satsPerThDay).toBeCloseTo(47.64, 2);
    expect(j.pools[0]).toMatchObject({ slug: 'foundryusa', blocks: 257, region: 'north_america' });
    expect(j.regions.north_america).toBeCloseTo(35.5, 1);
    const text = r.fields.map((f) => `${f.name}\n${f.value}`).join('\n');
    expect(text).toContain('Blocks found by pools headquartered in');
    expect(text).not.toMatch(/hashrate located/i);
    expect((r.chart as BarChartSpec).bars.map((b) => b.label)).toEqual([
      'North America',
      'Asia',
      'Europe',
      'No single HQ',
      'Unknown pools',
    ]);
  });

  test('text and chart show the same regions with the same rounded shares; a region with no blocks is in neither', async () => {
    // The recorded week without the pools of no single headquarters ("global"): that region has 0 blocks.
    const week = JSON.parse(
      readFileSync(path.join('test', 'fixtures', 'api-samples', 'mempool-mining-pools-1w.json'), 'utf8'),
    ) as { pools: Array<{ slug: string; blockCount: number }>; blockCount: number };
    const global = new Set(
      Object.entries(POOL_REGIONS)
        .filter(([, v]) => v.region === 'global')
        .map(([k]) => k),
    );
    const kept = week.pools.filter((p) => !global.has(p.slug));
    expect(kept.length).toBeLessThan(week.pools.length);
    const cold = await testRuntime(up, { clock, dataDir: tempDir() });
    up.fault('/mempool/api/v1/mining/pools/1w', {
      status: 200,
      body: JSON.stringify({ ...week, pools: kept, blockCount: kept.reduce((n, p) => n + p.blockCount, 0) }),
    });
    try {
      for (const lang of ['en', 'zh-Hans', 'zh-Hant'] as const) {
        const r = await dispatch('news-digest', {}, { lang, platform: 'test' }, cold.deps);
        const regions = r.fields.find((f) => f.name === t(lang, 'nd.regions'))!.value.split('\n');
        const bars = (r.chart as BarChartSpec).bars;
        expect(bars.map((b) => b.label)).toHaveLength(regions.length);
        expect(bars.some((b) => b.label === capitalized(t(lang, 'nd.region.global')))).toBe(false);
        const poolsLine = r.fields.find((f) => f.value.includes('Foundry USA'))!.value;
        bars.forEach((b, i) => expect(regions[i]).toContain(fmtShare(b.value, lang)));
        // one rule for every share shown: one decimal (54.0%, never 54% beside 35.5%)
        const shares = [...regions, poolsLine, r.chart!.alt ?? ''].join('\n').match(/\d+(?:\.\d+)?%/g) ?? [];
        expect(shares.filter((x) => !/^\d+\.\d%$/.test(x))).toEqual([]);
        expect(poolsLine).toMatch(/Foundry USA \d+[.,]\d%/);
      }
    } finally {
      up.fault('/mempool/api/v1/mining/pools/1w', null);
      await cold.close();
    }
  });

  test('headlines: RSS, Atom and a Chinese CDATA feed; deduplicated, filtered, newest first; the broken feed is skipped and named', async () => {
    const j = json(await run('hours=24 limit=10'));
    expect(j.headlines.map((h) => h.title)).toEqual([
      'Hashprice falls below $39/PH/day after the halving countdown passes 600 days',
      'Bitcoin hashrate hits a record as difficulty climbs 4%',
      'Foundry and MARA expand North American mining capacity',
      '比特币全网算力创新高，矿工收入承压',
    ]);
    expect(j.headlines[3]!.source).toBe('127.0.0.1');
    expect(
      logger.records.some(
        (x) =>
          x.msg === 'feed skipped' &&
          String(x.fields?.feed).includes('127.0.0.1') &&
          /malformed XML/.test(String(x.fields?.error)),
      ),
    ).toBe(true);
  });

  test('a feed that never answers is skipped; the digest still answers', async () => {
    const cold = await testRuntime(up, { clock, dataDir: tempDir() });
    up.fault('/feeds/atom.xml', { hang: true });
    try {
      const r = await dispatch('news-digest', {}, { lang: 'en', platform: 'test' }, cold.deps);
      expect(r.kind).toBe('ok');
      expect(json(r).headlines.map((h) => h.title)).not.toContain(
        'Hashprice falls below $39/PH/day after the halving countdown passes 600 days',
      );
    } finally {
      up.fault('/feeds/atom.xml', null);
      await cold.close();
    }
  });

  test('the window and the count limit the headlines', async () => {
    expect(json(await run('hours=4 limit=10')).headlines).toHaveLength(2);
    expect(json(await run('limit=1')).headlines).toHaveLength(1);
    // limit=0: none, and no headlines section at all
    const none = await run('limit=0');
    expect(json(none).headlines).toEqual([]);
    expect(none.fields.some((f) => f.name.startsWith('Headlines'))).toBe(false);
  });

  test('currency and Chinese', async () => {
    const r = await run('currency=eur', { lang: 'zh-Hans' });
    expect(json(r).network.price).toBe(70_842);
    expect(r.title).toMatch(/^矿业简报/);
    expect(r.fields.map((f) => f.name).join()).toContain('由总部位于以下地区的矿池挖出的区块');
  });

  test('pool data unavailable: the digest still answers and says so', async () => {
    const cold = await testRuntime(up, { clock, dataDir: tempDir() });
    up.fault('/mempool/api/v1/mining/pools/1w', { status: 500 });
    try {
      const r = await dispatch('news-digest', {}, { lang: 'en', platform: 'test' }, cold.deps);
      expect(r.kind).toBe('ok');
      expect(r.fields.map((f) => f.value).join()).toContain('Pool data unavailable');
      expect(r.chart).toBeUndefined();
    } finally {
      up.fault('/mempool/api/v1/mining/pools/1w', null);
      await cold.close();
    }
  });

  test('bad input names the argument', async () => {
    expect((await run('hours=0')).title).toMatch(/hours "0" is out of range/);
    expect((await run('bogus')).title).toMatch(
      /news-digest "bogus": use note add\/list\/remove, subscribe, unsubscribe, status/,
    );
  });
});

describe('notes', () => {
  test("add, show next to today's figure, list, remove; kept per community", async () => {
    const added = await run(
      'note add "US share up from 4-5% in Q1 to 7.5%" source=https://conference.example.org/2021 date=2021-04',
    );
    expect(added.kind).toBe('ok');
    const id = (added.json as { note: { id: number } }).note.id;
    const digest = await run('');
    const regions = digest.fields.find((f) => f.name.startsWith('Blocks found'))!.value;
    expect(regions).toMatch(/North America: 35\.5%; noted 2021-04: US share up from 4-5% in Q1 to 7\.5%/);
    expect(json(digest).notes.map((n) => n.id)).toContain(id);
    // shown beside its region, so not listed again under Notes
    expect(digest.fields.find((f) => f.name === 'Notes')?.value ?? '').not.toContain('US share up');
    const list = await run('note list');
    expect(list.lines.join()).toContain(`#${id} 2021-04: US share up`);
    expect((await run('note list', { scope: 'other:2' })).lines.join()).toMatch(/No notes yet/);
    expect((await run(`note remove ${id}`)).title).toBe(`Note ${id} removed.`);
    expect((await run(`note remove ${id}`)).title).toBe(`There is no note ${id} here.`);
  });

  test('notes survive a restart (SQLite in WAL mode under DATA_DIR)', async () => {
    const dir = tempDir();
    const a = await testRuntime(up, { clock, dataDir: dir });
    await dispatch(
      'news-digest',
      { text: 'note add "China below 70% for the first time (65.7%)" date=2021-04-20' },
      { lang: 'en', platform: 'test', scope: 's' },
      a.deps,
    );
    expect(await a.store.journalMode()).toBe('wal');
    await a.close();
    const b = await testRuntime(up, { clock, dataDir: dir });
    const list = await dispatch(
      'news-digest',
      { text: 'note list' },
      { lang: 'en', platform: 'test', scope: 's' },
      b.deps,
    );
    expect(list.lines.join()).toContain('China below 70%');
    await b.close();
  });

  test('notes are capped per community and listed a page at a time', async () => {
    const scope = 'cap:1';
    for (let i = 1; i <= 200; i++) expect((await run(`note add "note ${i}" date=2021-04`, { scope })).kind).toBe('ok');
    const full = await run('note add "one more" date=2021-04', { scope });
    expect(full.kind).toBe('user-error');
    expect(full.title).toMatch(/has 200 notes, the most it can keep/);
    expect((await run('note add "elsewhere" date=2021-04', { scope: 'cap:2' })).kind).toBe('ok');
    const first = await run('note list', { scope });
    expect(first.title).toBe('Notes (200)');
    expect(first.lines).toHaveLength(21);
    expect(first.lines[20]).toBe('Page 1 of 10: news-digest note list 2 for more');
    const last = await run('note list page=10', { scope });
    expect(last.lines[0]).toMatch(/note 20$/);
    expect(last.lines[20]).toBe('Page 10 of 10: news-digest note list 1 for more');
    expect((await run('note list 11', { scope })).title).toMatch(/page "11": a page number from note list/);
    // the digest shows the newest ten, not 200
    const digest = await dispatch('news-digest', {}, { lang: 'en', platform: 'test', scope }, rt.deps);
    expect(digest.fields.find((f) => f.name === 'Notes')?.value.split('\n')).toHaveLength(10);
  });

  test('only members who can manage the channel may add or remove notes', async () => {
    const r = await run('note add "x" date=2024', { platform: 'discord', canManage: false });
    expect(r.kind).toBe('user-error');
    expect(r.title).toMatch(/Only members who can manage this channel/);
    expect((await run('note list', { platform: 'discord', canManage: false })).kind).toBe('ok');
  });

  test.each([
    ['note add "x"', /date is missing: use a date like 2021-04/],
    ['note add "x" date=2021-13', /date "2021-13"/],
    ['note add "x" date=2021-02-30', /date "2021-02-30"/],
    ['note add date=2021', /text/],
    ['note remove abc', /id "abc": use the number shown by note list/],
    ['note frobnicate', /note "frobnicate": use note add\/list\/remove/],
  ])('%s', async (text, message) => {
    const r = await run(text);
    expect(r.kind).toBe('user-error');
    expect(r.title).toMatch(message);
  });

  test('note dates', () => {
    expect(['2021', '2021-04', '2021-04-30'].every(isNoteDate)).toBe(true);
    expect(['21-04', '2021-4', '2021-04-31', '1999'].some(isNoteDate)).toBe(false);
  });
});

describe('feeds and the chart', () => {
  const fx = (f: string): string => readFileSync(path.resolve('test', 'fixtures', 'feeds', f), 'utf8');
  test('RSS 2.0 with entities: titles cleaned, dates parsed', () => {
    const items = parseFeed(fx('rss.xml'), 'news.example.com');
    expect(items).toHaveLength(6);
    expect(items[5]!.title).toBe('Bitmain unveils a new ASIC & a cooler design');
    expect(items[0]!.publishedAt).toBe(Date.UTC(2026, 8, 19, 15, 30));
  });
  test('Atom links and dates; Chinese CDATA', () => {
    expect(parseFeed(fx('atom.xml'), 'x')[0]).toMatchObject({
      url: 'https://mining.example.org/hashprice-39',
      publishedAt: Date.UTC(2026, 8, 19, 18),
    });
    expect(parseFeed(fx('zh.xml'), 'x')[0]).toMatchObject({
      title: '比特币全网算力创新高，矿工收入承压',
      url: 'https://zh.example.cn/flash/123',
      publishedAt: Date.UTC(2026, 8, 19, 9, 45),
    });
  });
  test('a malformed feed is an error, not an empty list', () => {
    expect(() => parseFeed(fx('malformed.xml'), 'x')).toThrow(/malformed XML|not RSS/);
  });
  test('selection excludes cloud-mining promotions and non-mining news', () => {
    const now = Date.UTC(2026, 8, 19, 19);
    const picked = selectHeadlines(parseFeed(fx('rss.xml'), 'n'), { now, windowMs: 86_400_000, limit: 10 });
    expect(picked.map((h) => h.title)).toEqual([
      'Bitcoin hashrate hits a record as difficulty climbs 4%',
      'Foundry and MARA expand North American mining capacity',
    ]);
  });
  test('the chart is a valid PNG of sensible size', () => {
    const spec = {
      lang: 'en' as const,
      title: 'Blocks by region',
      unit: '%',
      bars: [
        { label: 'North America', value: 35.5 },
        { label: 'Asia <&>', value: 54 },
      ],
    };
    const png = renderChartPng(spec);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBe(800);
    expect(height).toBeGreaterThan(150);
    expect(height).toBeLessThan(600);
    expect(png.length).toBeGreaterThan(5_000);
    expect(png.length).toBeLessThan(200_000);
    expect(chartSvg(spec)).toContain('Asia &lt;&amp;&gt;');
    // the same chart is rendered once; another one gets its own image
    expect(renderChartPng({ ...spec })).toBe(png);
    expect(renderChartPng({ ...spec, title: 'Other' })).not.toBe(png);
  });

  test('charts in 简体 and 繁體 are drawn with the bundled CJK fonts, their text in the reply language', async () => {
    const charts = await Promise.all(
      (['en', 'zh-Hans', 'zh-Hant'] as const).map(async (lang) => (await run('', { lang })).chart!),
    );
    expect(charts.map((c) => c.title)).toEqual([
      'Blocks found by pools headquartered in each region, last 7 days',
      '最近 7 天各地区总部矿池挖出的区块',
      '最近 7 天各地區總部礦池挖出的區塊',
    ]);
    expect((charts[1] as BarChartSpec).bars.map((b) => b.label)).toEqual([
      '北美',
      '亚洲',
      '欧洲',
      '无单一总部',
      '未知矿池',
    ]);
    expect(chartSvg(charts[2]!)).toContain('font-family="Noto Sans T Chinese, DejaVu Sans"');
    const pngs = charts.map((c) => renderChartPng(c));
    for (const png of pngs) {
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(800);
      expect(png.length).toBeLessThan(150_000);
    }
    expect(new Set(pngs.map((p) => p.toString('base64'))).size).toBe(3);
    // The glyphs come from the CJK fonts: text a font cannot draw comes out as the same missing-glyph
    // box as private-use characters, which is what an English chart's font (DejaVu) does with Han.
    const han = (lang: Lang, text: string) =>
      renderChartPng({ lang, title: text, unit: '%', bars: [{ label: text, value: 5 }] });
    const missing = '\uE000\uE001 \uE002\uE003';
    expect(han('en', '区块 區塊')).toEqual(han('en', missing));
    expect(han('zh-Hans', '区块 区域')).not.toEqual(han('zh-Hans', missing));
    expect(han('zh-Hant', '區塊 地區')).not.toEqual(han('zh-Hant', missing));
  });
});
