// `chart`: hashprice and difficulty history, and the regional pool shares, as a picture plus the key
// numbers in text (now, low, high, change over the period, where today sits in the range).
import type {
  ChartPanel,
  ChartSpec,
  CommandSpec,
  Context,
  OptionsOf,
  OptionSpec,
  Reply,
  ReplyField,
} from '../core/types.js';
import type { Deps, HistoryPeriod, MiningHistory, Sourced } from '../core/ports.js';
import { t, type Lang } from '../core/messages.js';
import { UserError } from '../core/errors.js';
import { parseOptionValue } from '../core/options.js';
import { tokenize } from '../core/args.js';
import { fmtDate, fmtDifficulty, fmtList, fmtMoney, fmtNumber, fmtShare, fmtSignedPct } from '../core/format.js';
import {
  difficultySteps,
  halvingsIn,
  hashpriceSeries,
  seriesStats,
  type Point,
  type SeriesStats,
} from './history.calc.js';
import { regionShares } from '../news-digest/digest.calc.js';
import { sourcesFootnote } from '../mining/data-notes.js';
import { regionChart, shownRegions } from '../news-digest/news-digest.command.js';

export const PERIODS: readonly HistoryPeriod[] = ['1m', '3m', '6m', '1y', '2y', 'all'];
const SUBJECTS = ['hashprice', 'difficulty', 'pools'] as const;
type Subject = (typeof SUBJECTS)[number];

const OPTIONS = [
  {
    name: 'period',
    kind: 'choice',
    choices: PERIODS,
    description: {
      en: 'How far back: 1m, 3m, 6m, 1y, 2y or all; default 1y',
      zh: '时间范围：1m、3m、6m、1y、2y 或 all，默认 1y',
    },
  },
  {
    name: 'currency',
    kind: 'currency',
    autocomplete: true,
    description: { en: 'Fiat currency for hashprice, default usd', zh: '算力价格的法币，默认 usd' },
  },
  {
    name: 'args',
    kind: 'text',
    max: 200,
    greedy: true,
    description: {
      en: 'hashprice, difficulty or pools, then period=…',
      zh: 'hashprice、difficulty 或 pools，再加 period=…',
    },
  },
] as const satisfies readonly OptionSpec[];
type Opts = OptionsOf<typeof OPTIONS>;

/** "now 47.6 · low 38.2 · high 61.0 · −12.4 % over the period" for one series. */
function statsLine(s: SeriesStats, write: (v: number) => string, lang: Lang): string {
  return t(lang, 'chart.statsValue', {
    now: write(s.now),
    min: write(s.min),
    max: write(s.max),
    change: fmtSignedPct(s.changePct, lang, 1),
  });
}

/** Each halving in the period as a marker on the chart. */
function halvingMarkers(halvings: ReadonlyArray<{ height: number; time: number }>, lang: Lang) {
  return halvings.map((h) => ({
    x: h.time,
    label: t(lang, 'chart.halving', { height: fmtNumber(h.height, lang, 0) }),
  }));
}

/** "Halvings in this period (the subsidy halved): 840,000 (2024-04-13)". */
function halvingsLine(halvings: ReadonlyArray<{ height: number; time: number }>, lang: Lang): string {
  return t(lang, 'chart.halvingsIn', {
    list: fmtList(
      halvings.map((h) => t(lang, 'chart.halvingAt', { height: fmtNumber(h.height, lang, 0), date: fmtDate(h.time) })),
      lang,
    ),
  });
}

async function hashprice(period: HistoryPeriod, currency: string, ctx: Context, deps: Deps): Promise<Reply> {
  const { lang } = ctx;
  const now = deps.clock.now();
  const [history, rewards, prices] = await Promise.all([
    deps.market.miningHistory(period),
    deps.market.rewardHistory(period),
    currency === 'usd' ? Promise.resolve(null) : deps.market.priceHistory(currency),
  ]);
  const series = hashpriceSeries(history.value, rewards.value, prices?.value ?? null, currency);
  const sats = seriesStats(series.sats);
  if (!sats) throw new UserError('chart.tooShort', { period: t(lang, `chart.period.${period}`) });
  const fiat = seriesStats(series.fiat);
  const money = (v: number): string => fmtMoney(v, currency, lang);
  const satsText = (v: number): string => fmtNumber(v, lang, 2);
  const halvings = halvingsIn(history.value);
  const markers = halvingMarkers(halvings, lang);
  const panels: ChartPanel[] = [
    {
      label: t(lang, 'chart.panel.sats'),
      format: { kind: 'number', digits: 0 },
      series: [{ label: t(lang, 'chart.panel.sats'), points: series.sats }],
      markers,
    },
  ];
  if (fiat)
    panels.push({
      label: t(lang, 'chart.panel.fiat', { currency: currency.toUpperCase() }),
      format: { kind: 'money', currency },
      series: [{ label: currency.toUpperCase(), points: series.fiat, color: '#16a34a' }],
      markers,
    });
  const fields: ReplyField[] = [
    { name: t(lang, 'chart.panel.sats'), value: statsLine(sats, satsText, lang) },
    ...(fiat
      ? [
          {
            name: t(lang, 'chart.panel.fiat', { currency: currency.toUpperCase() }),
            value: statsLine(fiat, money, lang),
          },
        ]
      : []),
  ];
  const lines = [
    ...(halvings.length ? [halvingsLine(halvings, lang)] : []),
    ...(!fiat && currency !== 'usd' ? [t(lang, 'chart.noFiatHistory', { currency: currency.toUpperCase() })] : []),
    t(lang, 'chart.hashpriceHow'),
  ];
  const periodText = t(lang, `chart.period.${period}`);
  const title = t(lang, 'chart.hashprice.title', { period: periodText });
  const origins = [history, rewards, ...(prices ? [prices] : [])];
  const chart: ChartSpec = {
    kind: 'lines',
    lang,
    title,
    subtitle: t(lang, 'chart.subtitle', {
      from: fmtDate(series.sats[0]![0]),
      to: fmtDate(series.sats[series.sats.length - 1]![0]),
    }),
    footer: t(lang, 'chart.footer', { source: 'mempool.space', date: fmtDate(now) }),
    alt: `${title}: ${statsLine(sats, satsText, lang)}`,
    panels,
  };
  return {
    kind: 'ok',
    title,
    headline: t(lang, 'chart.hashprice.headline', {
      value: satsText(sats.now),
      position: fmtNumber(sats.positionPct, lang, 0),
    }),
    tone: 'info',
    fields,
    lines,
    footnote: sourcesFootnote(origins, now, lang).join('\n'),
    chart,
    json: {
      chart: 'hashprice',
      period,
      currency,
      series: { satsPerThDay: series.sats, fiatPerThDay: series.fiat },
      stats: { satsPerThDay: sats, fiatPerThDay: fiat },
      halvings,
    },
  };
}

async function difficulty(period: HistoryPeriod, ctx: Context, deps: Deps): Promise<Reply> {
  const { lang } = ctx;
  const now = deps.clock.now();
  const history: Sourced<MiningHistory> = await deps.market.miningHistory(period);
  const steps = difficultySteps(history.value);
  const hashrate: Point[] = history.value.hashrates.map(([x, h]) => [x, h / 1e18]);
  const dStats = seriesStats(steps);
  const hStats = seriesStats(hashrate);
  if (!dStats || !hStats) throw new UserError('chart.tooShort', { period: t(lang, `chart.period.${period}`) });
  const halvings = halvingsIn(history.value);
  const markers = halvingMarkers(halvings, lang);
  const periodText = t(lang, `chart.period.${period}`);
  const title = t(lang, 'chart.difficulty.title', { period: periodText });
  const ehs = (v: number): string => `${fmtNumber(v, lang, 1)} EH/s`;
  const dText = (v: number): string => fmtDifficulty(v, lang);
  const last = history.value.adjustments[history.value.adjustments.length - 1];
  const chart: ChartSpec = {
    kind: 'lines',
    lang,
    title,
    subtitle: t(lang, 'chart.subtitle', {
      from: fmtDate(hashrate[0]![0]),
      to: fmtDate(hashrate[hashrate.length - 1]![0]),
    }),
    footer: t(lang, 'chart.footer', { source: 'mempool.space', date: fmtDate(now) }),
    alt: `${title}: ${statsLine(dStats, dText, lang)}`,
    panels: [
      {
        label: t(lang, 'chart.panel.difficulty'),
        format: { kind: 'number', digits: 0, suffix: ' T' },
        series: [
          { label: t(lang, 'chart.panel.difficulty'), points: steps.map(([x, d]) => [x, d / 1e12]), step: true },
        ],
        markers,
      },
      {
        label: t(lang, 'chart.panel.hashrate'),
        format: { kind: 'number', digits: 0, suffix: ' EH/s' },
        series: [{ label: t(lang, 'chart.panel.hashrate'), points: hashrate, color: '#ea580c' }],
        markers,
      },
    ],
  };
  return {
    kind: 'ok',
    title,
    headline: t(lang, 'chart.difficulty.headline', {
      value: dText(dStats.now),
      change: fmtSignedPct(dStats.changePct, lang, 1),
      period: periodText,
    }),
    tone: 'info',
    fields: [
      { name: t(lang, 'chart.panel.difficulty'), value: statsLine(dStats, dText, lang) },
      { name: t(lang, 'chart.panel.hashrate'), value: statsLine(hStats, ehs, lang) },
      ...(last
        ? [
            {
              name: t(lang, 'chart.lastAdjustment'),
              value: t(lang, 'chart.lastAdjustmentValue', {
                date: fmtDate(last.time),
                height: fmtNumber(last.height, lang, 0),
              }),
            },
          ]
        : []),
    ],
    lines: halvings.length ? [halvingsLine(halvings, lang)] : [],
    footnote: sourcesFootnote([history], now, lang).join('\n'),
    chart,
    json: {
      chart: 'difficulty',
      period,
      series: { difficulty: steps, hashrateEhs: hashrate },
      stats: { difficulty: dStats, hashrateEhs: hStats },
      halvings,
    },
  };
}

async function pools(ctx: Context, deps: Deps): Promise<Reply> {
  const { lang } = ctx;
  const now = deps.clock.now();
  const stats = await deps.market.pools();
  const shares = regionShares(stats.value, deps.poolRegions);
  const chart = regionChart(shares, stats, lang);
  return {
    kind: 'ok',
    title: t(lang, 'nd.chartTitle'),
    tone: 'info',
    fields: [],
    lines: [
      ...shownRegions(shares).map((r) =>
        t(lang, 'label', { label: t(lang, `nd.region.${r}`), value: fmtShare(shares.regions[r], lang) }),
      ),
      t(lang, 'nd.regionsNote'),
    ],
    footnote: sourcesFootnote([stats], now, lang).join('\n'),
    chart,
    json: { chart: 'pools', regions: shares.regions, totalBlocks: shares.totalBlocks },
  };
}

async function run(o: Opts, ctx: Context, deps: Deps): Promise<Reply> {
  const tokens = tokenize((o.args ?? '').trim());
  let subject: Subject = 'hashprice';
  let period = o.period ?? '1y';
  let currency = o.currency ?? 'usd';
  for (const tok of tokens) {
    const word = tok.toLowerCase();
    const m = /^([a-z_]+)=(.*)$/i.exec(tok);
    if ((SUBJECTS as readonly string[]).includes(word)) subject = word as Subject;
    else if ((PERIODS as readonly string[]).includes(word)) period = word as HistoryPeriod;
    else if (m && m[1]!.toLowerCase() === 'period') period = parseOptionValue(OPTIONS[0], m[2]!, ctx.lang);
    else if (m && m[1]!.toLowerCase() === 'currency') currency = parseOptionValue(OPTIONS[1], m[2]!, ctx.lang);
    else throw new UserError('error.invalid', { name: 'chart', value: tok.slice(0, 30), hint: 'hint.chart' });
  }
  if (subject === 'pools') return pools(ctx, deps);
  if (subject === 'difficulty') return difficulty(period, ctx, deps);
  return hashprice(period, currency, ctx, deps);
}

/** `chart`: hashprice and difficulty history, the regional pool shares. */
export const chartCommand = {
  name: 'chart',
  description: {
    en: 'Charts: hashprice and difficulty history, regional pool shares',
    zh: '图表：算力价格和难度历史、矿池地区份额',
  },
  options: OPTIONS,
  subcommands: [
    {
      name: 'hashprice',
      description: {
        en: 'Hashprice history, sats and fiat per TH/s per day',
        zh: '算力价格历史（每 TH/s 每天的聪和法币）',
      },
      options: ['period', 'currency'],
    },
    {
      name: 'difficulty',
      description: { en: 'Difficulty steps and the network hashrate', zh: '难度调整和全网算力' },
      options: ['period'],
    },
    {
      name: 'pools',
      description: {
        en: 'Blocks by region of the pool operator, last 7 days',
        zh: '最近 7 天按矿池总部地区统计的区块',
      },
      options: [],
    },
  ],
  examples: ['hashprice period=1y', 'hashprice period=3m currency=eur', 'difficulty period=6m', 'pools'],
  run,
} satisfies CommandSpec<typeof OPTIONS>;
