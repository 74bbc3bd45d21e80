import type { ChartSpec, CommandSpec, Context, OptionSpec, OptionsOf, Reply, ReplyField } from '../core/types.js';
import type { Lang } from '../core/messages.js';
import type { Deps } from '../core/ports.js';
import { t } from '../core/messages.js';
import { fmtCount, fmtBtc, fmtDate, fmtHashrate, fmtMoney, fmtNumber, fmtPct, fmtSignedPct } from '../core/format.js';
import { MARKET_OPTIONS, RIG_OPTIONS, resolveMarket, resolveRig, type MarketInputs } from '../mining/inputs.js';
import { computeYield, BLOCKS_PER_DAY, DAYS_PER_MONTH } from '../mining/mining.calc.js';
import { computeContract, paybackCurve, projectSegments, simulatePayback } from '../mining/payback.calc.js';
import { addDataLines, dataFootnote, dataJson } from '../mining/data-notes.js';
import { UserError } from '../core/errors.js';

const DAY_MS = 86_400_000;

const OPTIONS = [
  ...RIG_OPTIONS,
  ...MARKET_OPTIONS,
  {
    name: 'hardware_cost',
    kind: 'money',
    max: 1e10,
    aliases: ['cost', 'hardware'],
    description: { en: 'What the hardware cost, for payback', zh: '矿机成本（用于计算回本）' },
  },
  {
    name: 'difficulty_growth',
    kind: 'growth',
    min: -0.1,
    max: 0.1,
    aliases: ['growth'],
    description: { en: 'Difficulty growth in %/month, default 2', zh: '难度月增长率（%），默认 2' },
  },
  {
    name: 'months',
    kind: 'integer',
    min: 1,
    max: 120,
    description: { en: 'Payback horizon in months, default 36', zh: '回本计算期（月），默认 36' },
  },
  {
    name: 'contract_price',
    kind: 'money',
    max: 1e7,
    description: { en: 'Cloud contract: upfront price per TH', zh: '云算力合约：每 TH 的预付价格' },
  },
  {
    name: 'days',
    kind: 'days',
    min: 1,
    max: 3650,
    description: { en: 'Cloud contract: length in days', zh: '云算力合约：天数' },
  },
  {
    name: 'maintenance',
    kind: 'money',
    max: 10,
    description: { en: 'Cloud contract: fee per TH per day', zh: '云算力合约：每 TH 每天的维护费' },
  },
] as const satisfies readonly OptionSpec[];
type BreakEvenOptions = OptionsOf<typeof OPTIONS>;

async function rigMode(o: BreakEvenOptions, ctx: Context, deps: Deps): Promise<Reply> {
  const { lang } = ctx;
  const rig = resolveRig(o, { hashrateRequired: true });
  if (rig.powerW === null) throw new UserError('error.needsPower');
  const m = await resolveMarket(o, deps);
  const cur = m.currency;
  const money = (v: number): string => fmtMoney(v, cur, lang);
  const growth = o.difficulty_growth ?? 0.02;
  const months = o.months ?? 36;
  const hardware = o.hardware_cost;
  const y = computeYield({ ...rigInputs(rig.hashrateThs, rig.powerW, m), electricity: m.electricity });
  const now = deps.clock.now();
  const fields: ReplyField[] = [
    {
      name: t(lang, 'be.breakEvenElectricity'),
      value: y.breakEvenElectricity === null ? '—' : `${money(y.breakEvenElectricity)}/kWh`,
      inline: true,
    },
    {
      name: t(lang, 'be.breakEvenPrice'),
      value: y.breakEvenPrice === null ? '—' : money(y.breakEvenPrice),
      inline: true,
    },
    { name: t(lang, 'be.profitToday'), value: t(lang, 'unit.perDay', { value: money(y.profitPerDay) }), inline: true },
  ];
  let payback: ReturnType<typeof simulatePayback> | null = null;
  // One projection serves the payback figures and the payback chart.
  const projection = {
    ...rigInputs(rig.hashrateThs, rig.powerW, m),
    tipHeight: m.height,
    growthPerMonth: growth,
    horizonBlocks: Math.round(months * DAYS_PER_MONTH * BLOCKS_PER_DAY),
    costPerDay: y.powerCostPerDay,
  };
  const segments = hardware !== undefined ? projectSegments(projection) : [];
  if (hardware !== undefined) {
    payback = simulatePayback({ ...projection, hardwareCost: hardware }, segments);
    const staticDays = y.profitPerDay > 0 ? hardware / y.profitPerDay : null;
    fields.push({
      name: t(lang, 'be.staticPayback'),
      value:
        staticDays === null
          ? t(lang, 'be.neverPaysBack')
          : t(lang, 'be.staticPaybackValue', { days: fmtCount(staticDays, 'days', lang) }),
      inline: true,
    });
    let value: string;
    if (payback.paybackDay !== null) {
      value = t(lang, 'be.paybackValue', {
        days: fmtNumber(payback.paybackDay, lang, 0),
        date: fmtDate(now + payback.paybackDay * DAY_MS),
      });
    } else if (payback.unprofitableFromHeight !== null && payback.unprofitableFromDay === 0) {
      value = t(lang, 'be.neverProfitable');
    } else if (payback.unprofitableFromHeight !== null) {
      value = t(lang, 'be.unprofitable', {
        height: fmtNumber(payback.unprofitableFromHeight, lang, 0),
        day: fmtNumber(payback.unprofitableFromDay ?? 0, lang, 0),
        date: fmtDate(now + (payback.unprofitableFromDay ?? 0) * DAY_MS),
        cumulative: money(payback.cumulativeProfit),
      });
    } else {
      value = t(lang, 'be.paybackNever', { months: fmtCount(months, 'months', lang) });
    }
    fields.push({ name: t(lang, 'be.payback'), value, inline: true });
    if (payback.halving) {
      fields.push({
        name: t(lang, 'be.halving'),
        value: t(lang, 'be.halvingValue', {
          height: fmtNumber(payback.halving.height, lang, 0),
          day: fmtNumber(payback.halving.day, lang, 0),
          before: money(payback.halving.profitPerDayBefore),
          after: money(payback.halving.profitPerDayAfter),
        }),
      });
    }
  }
  const lines = [
    hardware === undefined
      ? t(lang, 'be.assumptions', { growth: fmtPct(growth, lang) })
      : t(lang, 'be.assumptionsHardware', { growth: fmtPct(growth, lang), hardware: money(hardware) }),
    t(lang, 'yield.assumptions', { poolFee: fmtPct(m.poolFee, lang), uptime: fmtPct(m.uptime, lang) }),
  ];
  addDataLines(lines, m, lang);
  if (hardware === undefined) lines.push(t(lang, 'be.hardwareHint', {}, ctx.commandStyle));
  const title = rig.model ? t(lang, 'be.titleModel', { count: rig.count, model: rig.model.name }) : t(lang, 'be.title');
  /** The outcome in words: when it pays back, or that it does not and why. */
  function headlineOf(): string {
    if (payback?.paybackDay != null)
      return t(lang, 'be.headlinePays', {
        days: fmtCount(payback.paybackDay, 'days', lang),
        date: fmtDate(now + payback.paybackDay * DAY_MS),
      });
    if (payback) {
      const never = t(lang, 'be.headlineNever', { months: fmtCount(months, 'months', lang) });
      const because = (why: string): string => t(lang, 'be.headlineBecause', { never, why });
      if (payback.unprofitableFromDay === 0) return because(t(lang, 'be.neverProfitable'));
      if (payback.unprofitableFromHeight !== null) {
        const atHalving = payback.halving !== null && payback.unprofitableFromHeight === payback.halving.height;
        return because(
          atHalving
            ? t(lang, 'be.headlineAtHalving', { year: new Date(now + payback.halving!.day * DAY_MS).getUTCFullYear() })
            : t(lang, 'be.headlineUnprofitable', { date: fmtDate(now + (payback.unprofitableFromDay ?? 0) * DAY_MS) }),
        );
      }
      return never;
    }
    return y.breakEvenElectricity === null
      ? t(lang, 'be.title')
      : t(lang, 'be.headlineProfitableBelow', { value: `${money(y.breakEvenElectricity)}/kWh` });
  }
  const headline = headlineOf();
  let chart: ChartSpec | undefined;
  let curve: Array<[number, number]> | undefined;
  if (payback && hardware !== undefined) {
    curve = paybackCurve(segments, months * DAYS_PER_MONTH);
    chart = paybackChart({
      lang,
      now,
      curve,
      hardware,
      payback,
      money,
      title,
      headline,
      growth: fmtPct(growth, lang),
      cur,
    });
  }
  return {
    kind: 'ok',
    title,
    tone: payback ? (payback.paybackDay !== null ? 'good' : 'bad') : y.profitPerDay >= 0 ? 'good' : 'bad',
    headline,
    ...(chart ? { chart } : {}),
    fields,
    lines,
    footnote: dataFootnote(m, now, lang),
    json: {
      mode: 'rig',
      breakEvenElectricity: y.breakEvenElectricity,
      breakEvenPrice: y.breakEvenPrice,
      profitPerDay: y.profitPerDay,
      staticPaybackDays: hardware !== undefined && y.profitPerDay > 0 ? hardware / y.profitPerDay : null,
      paybackDays: payback?.paybackDay ?? null,
      paybackDate: payback?.paybackDay != null ? fmtDate(now + payback.paybackDay * DAY_MS) : null,
      unprofitableFromHeight: payback?.unprofitableFromHeight ?? null,
      cumulativeProfit: payback?.cumulativeProfit ?? null,
      halving: payback?.halving ?? null,
      hardwareCost: hardware ?? null,
      // the payback curve the chart draws: [day, cumulative profit] at the end of each month
      cumulativeProfitByMonth: curve ?? null,
      difficultyGrowthPerMonth: growth,
      months,
      currency: cur,
      data: dataJson(m),
    },
  };
}

/** Cumulative profit against the hardware cost, with the payback, halving and "turns unprofitable" days. */
function paybackChart(a: {
  lang: Lang;
  now: number;
  curve: Array<[number, number]>;
  hardware: number;
  payback: ReturnType<typeof simulatePayback>;
  money: (v: number) => string;
  title: string;
  headline: string;
  growth: string;
  cur: string;
}): ChartSpec {
  const { lang, now, payback } = a;
  const at = (day: number): number => now + day * DAY_MS;
  const markers: Array<{ x: number; label: string }> = [];
  if (payback.paybackDay !== null && payback.paybackDay > 0)
    markers.push({ x: at(payback.paybackDay), label: t(lang, 'be.chartPayback') });
  if (payback.halving)
    markers.push({
      x: at(payback.halving.day),
      label: t(lang, 'chart.halving', { height: fmtNumber(payback.halving.height, lang, 0) }),
    });
  if (payback.unprofitableFromDay !== null && payback.unprofitableFromHeight !== payback.halving?.height)
    markers.push({ x: at(payback.unprofitableFromDay), label: t(lang, 'be.chartUnprofitable') });
  return {
    kind: 'lines',
    lang,
    title: a.title,
    subtitle: a.headline,
    footer: t(lang, 'be.chartFooter', { growth: a.growth, date: fmtDate(now) }),
    alt: `${a.title}: ${a.headline}`,
    panels: [
      {
        label: t(lang, 'be.chartPanel'),
        format: { kind: 'money', currency: a.cur },
        series: [{ label: t(lang, 'be.chartPanel'), points: a.curve.map(([d, v]) => [at(d), v]), color: '#16a34a' }],
        markers,
        levels: [{ y: a.hardware, label: t(lang, 'be.chartCost', { cost: a.money(a.hardware) }) }],
      },
    ],
  };
}

function rigInputs(hashrateThs: number, powerW: number, m: MarketInputs) {
  return {
    hashrateThs,
    powerW,
    difficulty: m.difficulty,
    subsidyBtc: m.subsidyBtc,
    feesPerBlockBtc: m.feesPerBlockBtc,
    poolFee: m.poolFee,
    uptime: m.uptime,
    price: m.price,
  };
}

async function contractMode(o: BreakEvenOptions, pricePerTh: number, ctx: Context, deps: Deps): Promise<Reply> {
  const { lang } = ctx;
  if (o.model !== undefined || o.power !== undefined || o.efficiency !== undefined) {
    throw new UserError('error.conflict', {
      a: 'contract_price',
      b: o.model !== undefined ? 'model' : o.power !== undefined ? 'power' : 'efficiency',
      hint: 'hint.conflictContract',
    });
  }
  const days = o.days;
  if (days === undefined) throw new UserError('error.missing', { name: 'days', hint: 'hint.contractDays' });
  const hashrate = o.hashrate ?? 1;
  const m = await resolveMarket(o, deps);
  const money = (v: number): string => fmtMoney(v, m.currency, lang);
  const growth = o.difficulty_growth ?? 0.02;
  const maintenance = o.maintenance ?? 0;
  const c = computeContract({
    hashrateThs: hashrate,
    days,
    pricePerTh,
    maintenancePerThDay: maintenance,
    tipHeight: m.height,
    difficulty: m.difficulty,
    feesPerBlockBtc: m.feesPerBlockBtc,
    poolFee: m.poolFee,
    uptime: m.uptime,
    price: m.price,
    growthPerMonth: growth,
  });
  const hashprice = computeYield({
    ...rigInputs(1, 0, m),
    poolFee: 0,
    uptime: 1,
    electricity: 0,
  }).hashpriceFiatPerThDay;
  const fields: ReplyField[] = [
    {
      name: t(lang, 'be.totalCost'),
      value: t(lang, 'be.totalCostValue', {
        total: money(c.totalCost),
        upfront: money(c.upfront),
        fees: money(c.totalFees),
      }),
    },
    {
      name: t(lang, 'be.revenue'),
      value: t(lang, 'be.revenueValue', { revenue: money(c.projectedRevenue), btc: fmtBtc(c.btcMined, lang) }),
    },
    { name: t(lang, 'be.roi'), value: fmtSignedPct(c.roiPct, lang, 1), inline: true },
    {
      name: t(lang, 'be.contractBreakEvenPrice'),
      value: c.breakEvenPrice === null ? '—' : money(c.breakEvenPrice),
      inline: true,
    },
    {
      name: t(lang, 'be.contractBreakEvenDay'),
      value:
        c.breakEvenDay === null
          ? t(lang, 'be.contractNever')
          : t(lang, 'be.contractBreakEvenDayValue', { day: fmtNumber(c.breakEvenDay, lang, 0) }),
      inline: true,
    },
    {
      name: t(lang, 'be.allInCost'),
      value: t(lang, 'be.allInCostValue', { cost: money(c.allInCostPerThDay), hashprice: money(hashprice) }),
    },
  ];
  const lines = [
    t(lang, 'be.contractAssumptions', {
      hashrate: fmtHashrate(hashrate, lang),
      days,
      maintenance: money(maintenance),
      poolFee: fmtPct(m.poolFee, lang),
      growth: fmtPct(growth, lang),
      price: money(m.price),
    }),
  ];
  if (c.crossesHalving) lines.push(t(lang, 'be.crossesHalving'));
  addDataLines(lines, m, lang);
  return {
    kind: 'ok',
    title: t(lang, 'be.contractTitle', { hashrate: fmtHashrate(hashrate, lang), days: fmtCount(days, 'days', lang) }),
    tone: c.roiPct >= 0 ? 'good' : 'bad',
    headline: `${t(lang, 'be.roi')} ${fmtSignedPct(c.roiPct, lang, 1)}`,
    fields,
    lines,
    footnote: dataFootnote(m, deps.clock.now(), lang),
    json: {
      mode: 'contract',
      hashrateThs: hashrate,
      days,
      totalCost: c.totalCost,
      upfront: c.upfront,
      totalFees: c.totalFees,
      btcMined: c.btcMined,
      projectedRevenue: c.projectedRevenue,
      roiPct: c.roiPct,
      breakEvenPrice: c.breakEvenPrice,
      breakEvenDay: c.breakEvenDay,
      valueRatio: c.valueRatio,
      allInCostPerThDay: c.allInCostPerThDay,
      hashpricePerThDay: hashprice,
      crossesHalving: c.crossesHalving,
      difficultyGrowthPerMonth: growth,
      currency: m.currency,
      data: dataJson(m),
    },
  };
}

/** `break-even`: break-even power and BTC price, payback with growth and the halving; cloud contracts. */
export const breakEvenCommand = {
  name: 'break-even',
  description: {
    en: 'Break-even power and BTC price, payback with difficulty growth and the halving; cloud contracts',
    zh: '盈亏平衡电价和币价、考虑难度增长与减半的回本周期；云算力合约',
  },
  options: OPTIONS,

  examples: [
    's21xp 0.05 hardware_cost=3500 pool_fee=2% uptime=98%',
    '200TH 3500W 0.06 hardware_cost=4200 difficulty_growth=3% months=48',
    'contract_price=6 hashrate=100TH days=365 maintenance=0.018 pool_fee=2%',
  ],
  run(o, ctx, deps): Promise<Reply> {
    return o.contract_price !== undefined ? contractMode(o, o.contract_price, ctx, deps) : rigMode(o, ctx, deps);
  },
} satisfies CommandSpec<typeof OPTIONS>;
