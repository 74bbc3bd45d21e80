import type { CommandSpec, Reply, ReplyField } from '../core/types.js';
import { t } from '../core/messages.js';
import {
  fmtCount,
  fmtBtc,
  fmtDifficulty,
  fmtHashrate,
  fmtMoney,
  fmtNumber,
  fmtPct,
  fmtPower,
  fmtSats,
} from '../core/format.js';
import { MARKET_OPTIONS, RIG_OPTIONS, resolveMarket, resolveRig } from '../mining/inputs.js';
import { computeYield, nextHalvingHeight } from '../mining/mining.calc.js';
import { addDataLines, dataFootnote, dataJson } from '../mining/data-notes.js';
import { UserError } from '../core/errors.js';

const OPTIONS = [...RIG_OPTIONS, ...MARKET_OPTIONS] as const;

/** `yield`: what a rig or a hashrate earns per day. */
export const yieldCommand = {
  name: 'yield',
  description: {
    en: 'What a rig or a hashrate earns per day: BTC, fiat, power cost, profit, hashprice',
    zh: '矿机或算力每天的收益：BTC、法币、电费、利润、算力价格',
  },
  options: OPTIONS,
  examples: [
    's21xp 0.05 pool_fee=2% uptime=98%',
    '100TH 3250W 0.06 pool_fee=2%',
    'model="S21 Pro" count=10 electricity=0.05 currency=eur',
    '110TH 29.5J/TH 0.4 currency=cny',
    '200TH 3500W 0.05 price=120000 difficulty=150T',
  ],
  async run(o, ctx, deps): Promise<Reply> {
    const { lang } = ctx;
    const rig = resolveRig(o, { hashrateRequired: true });
    if (rig.powerW === null && o.electricity !== undefined) throw new UserError('error.needsPower');
    const m = await resolveMarket(o, deps);
    const powerW = rig.powerW ?? 0;
    const y = computeYield({
      hashrateThs: rig.hashrateThs,
      powerW,
      difficulty: m.difficulty,
      subsidyBtc: m.subsidyBtc,
      feesPerBlockBtc: m.feesPerBlockBtc,
      poolFee: m.poolFee,
      uptime: m.uptime,
      price: m.price,
      electricity: m.electricity,
    });
    const cur = m.currency;
    const money = (v: number): string => fmtMoney(v, cur, lang);
    const label = (key: 'yield.mined' | 'yield.revenue' | 'yield.powerCost' | 'yield.profit', value: string): string =>
      t(lang, 'label', { label: t(lang, key), value });
    const day = (f: number): string =>
      [
        label(
          'yield.mined',
          t(lang, 'unit.btcSats', { btc: fmtBtc(y.btcPerDay * f, lang), sats: fmtSats(y.btcPerDay * f, lang) }),
        ),
        label('yield.revenue', money(y.revenuePerDay * f)),
        // No price given: power is not charged (a line says so), so no "Power: $0.00" per period.
        ...(m.electricityGiven ? [label('yield.powerCost', money(y.powerCostPerDay * f))] : []),
        label('yield.profit', money(y.profitPerDay * f)),
      ].join('\n');
    const sats = y.hashpriceBtcPerThDay * 1e8;
    const fields: ReplyField[] = [
      { name: t(lang, 'yield.perDay'), value: day(1), inline: true },
      { name: t(lang, 'yield.per30'), value: day(30), inline: true },
      {
        name: t(lang, 'yield.hashprice'),
        value: t(lang, 'unit.hashprice', {
          sats: fmtNumber(sats, lang, 2),
          perTh: money(y.hashpriceFiatPerThDay),
          perPh: money(y.hashpriceFiatPerThDay * 1000),
        }),
      },
      {
        name: t(lang, 'yield.rig'),
        value: t(lang, 'yield.rigValue', {
          hashrate: fmtHashrate(rig.hashrateThs, lang),
          power: rig.powerW === null ? '—' : fmtPower(powerW, lang),
          efficiency: rig.powerW === null ? '— J/TH' : `${fmtNumber(y.efficiencyJth, lang, 1)} J/TH`,
        }),
      },
    ];
    if (rig.powerW !== null) {
      fields.push(
        { name: t(lang, 'yield.margin'), value: y.margin === null ? '—' : fmtPct(y.margin, lang), inline: true },
        {
          name: t(lang, 'yield.breakEvenElectricity'),
          value: y.breakEvenElectricity === null ? '—' : `${money(y.breakEvenElectricity)}/kWh`,
          inline: true,
        },
      );
      if (m.electricityGiven && y.breakEvenPrice !== null) {
        fields.push({ name: t(lang, 'yield.breakEvenPrice'), value: money(y.breakEvenPrice), inline: true });
      }
    }
    fields.push({
      name: t(lang, 'yield.network'),
      value: t(lang, 'yield.networkValue', {
        difficulty: fmtDifficulty(m.difficulty, lang),
        height: fmtNumber(m.height, lang, 0),
        subsidy: fmtNumber(m.subsidyBtc, lang, 8),
        // no invented figure: without fee data (or with fees=off) the line says fees are not counted
        fees:
          m.feesMissing || m.feesOff
            ? t(lang, 'yield.feesNotCounted')
            : t(lang, 'yield.feesValue', { fees: fmtBtc(m.feesPerBlockBtc, lang) }),
        price: money(m.price),
      }),
    });
    const lines = [t(lang, 'yield.assumptions', { poolFee: fmtPct(m.poolFee, lang), uptime: fmtPct(m.uptime, lang) })];
    // Power known but no price for it: the profit above counts no electricity, and says so.
    if (rig.powerW !== null && !m.electricityGiven) lines.unshift(t(lang, 'yield.noElectricity', {}, ctx.commandStyle));
    addDataLines(lines, m, lang);
    const toHalving = nextHalvingHeight(m.height) - m.height;
    if (toHalving <= 144 * 365) {
      lines.push(
        t(lang, 'yield.halvingSoon', {
          height: fmtNumber(nextHalvingHeight(m.height), lang, 0),
          days: fmtCount(toHalving / 144, 'days', lang),
        }),
      );
    }
    const title = rig.model
      ? t(lang, 'yield.titleModel', { count: rig.count, model: rig.model.name })
      : t(lang, 'yield.title');
    const profit = rig.powerW === null ? y.revenuePerDay : y.profitPerDay;
    return {
      kind: 'ok',
      title,
      tone: profit >= 0 ? 'good' : 'bad',
      headline: t(lang, profit >= 0 ? 'yield.headlineProfit' : 'yield.headlineLoss', {
        profit: money(Math.abs(profit)),
      }),
      fields,
      lines,
      footnote: dataFootnote(m, deps.clock.now(), lang),
      json: {
        btcPerDay: y.btcPerDay,
        satsPerDay: y.btcPerDay * 1e8,
        revenuePerDay: y.revenuePerDay,
        powerCostPerDay: y.powerCostPerDay,
        profitPerDay: y.profitPerDay,
        margin: y.margin,
        breakEvenElectricity: rig.powerW === null ? null : y.breakEvenElectricity,
        breakEvenPrice: rig.powerW === null || !m.electricityGiven ? null : y.breakEvenPrice,
        hashrateThs: rig.hashrateThs,
        powerW: rig.powerW,
        efficiencyJth: rig.powerW === null ? null : y.efficiencyJth,
        model: rig.model?.id ?? null,
        hashprice: {
          satsPerThDay: sats,
          perThDay: y.hashpriceFiatPerThDay,
          perPhDay: y.hashpriceFiatPerThDay * 1000,
        },
        poolFee: m.poolFee,
        uptime: m.uptime,
        electricity: m.electricity,
        currency: cur,
        data: dataJson(m),
      },
    };
  },
} satisfies CommandSpec<typeof OPTIONS>;
