// Shared input handling for the mining commands: which rig, and which network data (live or what-if).
import { DataUnavailableError, UserError } from '../core/errors.js';
import type { Deps, Sourced } from '../core/ports.js';
import type { OptionSpec, OptionsOf } from '../core/types.js';
import { ASIC_CATALOG, type AsicModel } from './asic-models.js';
import { subsidyBtc } from './mining.calc.js';

/** Options every mining command shares, declared once. */
export const RIG_OPTIONS = [
  {
    name: 'rig',
    kind: 'text',
    max: 24,
    description: {
      en: 'A rig you saved (rig save NAME …); typed arguments override it',
      zh: '您保存的矿机（rig save 名称 …）；另给的参数优先',
    },
  },
  {
    name: 'hashrate',
    aliases: ['算力'],
    kind: 'hashrate',
    positional: 'hashrate',
    max: 1e7,
    description: { en: 'Hashrate with unit, e.g. 110TH or 1.2PH', zh: '算力（带单位），如 110TH 或 1.2PH' },
  },
  {
    name: 'model',
    aliases: ['型号', '型號', '矿机', '礦機'],
    kind: 'model',
    models: ASIC_CATALOG,
    positional: 'model',
    autocomplete: true,
    description: { en: 'ASIC preset, e.g. s21xp or "S19 XP"', zh: '矿机型号，如 s21xp 或 "S19 XP"' },
  },
  {
    name: 'count',
    aliases: ['数量', '數量', '台数', '台數'],
    kind: 'integer',
    min: 1,
    max: 100_000,
    description: { en: 'Number of machines (with model), default 1', zh: '矿机数量（配合型号），默认 1' },
  },
  {
    name: 'power',
    aliases: ['功耗', '功率'],
    kind: 'power',
    positional: 'power',
    max: 1e9,
    description: { en: 'Wall power, e.g. 3250W or 3.25kW', zh: '功耗，如 3250W 或 3.25kW' },
  },
  {
    name: 'efficiency',
    aliases: ['能效', '能效比'],
    kind: 'efficiency',
    positional: 'efficiency',
    min: 1,
    max: 200,
    description: { en: 'Efficiency in J/TH, e.g. 21.5J/TH', zh: '能效比（J/TH），如 21.5J/TH' },
  },
] as const satisfies readonly OptionSpec[];

export const MARKET_OPTIONS = [
  {
    name: 'electricity',
    kind: 'electricity',
    positional: 'electricity',
    aliases: ['power_price', 'kwh', '电费', '電費', '电价', '電價'],
    description: { en: 'Electricity price per kWh in the currency, e.g. 0.06', zh: '每度电价格（所选币种），如 0.06' },
  },
  {
    name: 'pool_fee',
    kind: 'percent',
    min: 0,
    max: 0.1,
    aliases: ['fee', '矿池费', '礦池費', '矿池手续费', '礦池手續費'],
    description: { en: 'Pool fee in %, default 0', zh: '矿池费（%），默认 0' },
  },
  {
    name: 'uptime',
    aliases: ['在线率', '在線率'],
    kind: 'percent',
    min: 0.01,
    max: 1,
    description: { en: 'Uptime in %, default 100', zh: '在线率（%），默认 100' },
  },
  {
    name: 'currency',
    aliases: ['币种', '幣種', '货币', '貨幣'],
    kind: 'currency',
    autocomplete: true,
    description: { en: 'Fiat currency, default usd', zh: '法币，默认 usd' },
  },
  {
    name: 'fees',
    kind: 'choice',
    choices: ['on', 'off'],
    description: { en: 'Count transaction fees (on/off), default on', zh: '是否计入交易手续费（on/off），默认 on' },
  },
  {
    name: 'price',
    kind: 'money',
    min: 0.01,
    max: 1e9,
    description: { en: 'What-if BTC price instead of the live one', zh: '假设的 BTC 价格（代替实时价格）' },
  },
  {
    name: 'difficulty',
    kind: 'difficulty',
    min: 1e6,
    max: 1e20,
    description: { en: 'What-if difficulty, e.g. 150T', zh: '假设的全网难度，如 150T' },
  },
  {
    name: 'height',
    kind: 'integer',
    min: 0,
    max: 6_930_000,
    description: {
      en: 'What-if block height (sets the subsidy); with price and difficulty, no live data is needed',
      zh: '假设的区块高度（决定区块补贴）；同时给出价格和难度时无需实时数据',
    },
  },
] as const satisfies readonly OptionSpec[];

export interface Rig {
  hashrateThs: number;
  /** Wall power in W; null when neither power, efficiency nor a model was given. */
  powerW: number | null;
  model: AsicModel | null;
  count: number;
}

/** Resolves hashrate and power from model/count, hashrate, power and efficiency. */
export function resolveRig(
  o: OptionsOf<typeof RIG_OPTIONS>,
  opts: { hashrateRequired: boolean; defaultHashrateThs?: number },
): Rig {
  const model = o.model ?? null;
  const count = o.count ?? 1;
  if (model && o.hashrate !== undefined) {
    throw new UserError('error.conflict', { a: 'model', b: 'hashrate', hint: 'hint.conflictRig' });
  }
  if (model && (o.power !== undefined || o.efficiency !== undefined)) {
    throw new UserError('error.conflict', {
      a: 'model',
      b: o.power !== undefined ? 'power' : 'efficiency',
      hint: 'hint.conflictRig',
    });
  }
  if (o.power !== undefined && o.efficiency !== undefined) {
    throw new UserError('error.conflict', { a: 'power', b: 'efficiency', hint: 'hint.power' });
  }
  if (model) {
    return { hashrateThs: model.hashrateThs * count, powerW: model.powerW * count, model, count };
  }
  const hashrate = o.hashrate ?? opts.defaultHashrateThs;
  if (hashrate === undefined) {
    if (opts.hashrateRequired) throw new UserError('error.needsRig');
    return { hashrateThs: 1, powerW: null, model: null, count: 1 };
  }
  const h = hashrate * (o.count !== undefined ? count : 1);
  const power = o.power !== undefined ? o.power * (o.count !== undefined ? count : 1) : undefined;
  const eff = o.efficiency;
  if (power !== undefined) {
    const jth = power / h;
    if (jth > MAX_EFFICIENCY_JTH || jth < 1) {
      throw new UserError('error.implausibleEfficiency', {
        power: `${power} W`,
        hashrate: `${h} TH/s`,
        efficiency: Math.round(jth * 100) / 100,
        max: MAX_EFFICIENCY_JTH,
      });
    }
  }
  return { hashrateThs: h, powerW: power ?? (eff !== undefined ? eff * h : null), model: null, count };
}

/** Worst plausible efficiency: an Antminer S9 drew ~98 J/TH; leave room for older or odd hardware. */
export const MAX_EFFICIENCY_JTH = 200;

/** The network and price figures a calculation uses, each with its origin; what-ifs are marked. */
export interface MarketInputs {
  currency: string;
  difficulty: number;
  height: number;
  subsidyBtc: number;
  feesPerBlockBtc: number;
  /** No fee data from any source (subsidy-only answer). */
  feesMissing: boolean;
  feesOff: boolean;
  price: number;
  poolFee: number;
  uptime: number;
  electricity: number;
  electricityGiven: boolean;
  whatIf: string[];
  /** Origins of the live data used, by datum. */
  origins: Record<string, Sourced<number>>;
}

/** Fetches what the options do not override, in parallel, through the MarketData port. */
export async function resolveMarket(o: OptionsOf<typeof MARKET_OPTIONS>, deps: Deps): Promise<MarketInputs> {
  const currency = o.currency ?? 'usd';
  const priceOverride = o.price;
  const difficultyOverride = o.difficulty;
  const heightOverride = o.height;
  // A what-if of price, difficulty and height needs nothing live (fees then count as missing).
  const offline = priceOverride !== undefined && difficultyOverride !== undefined && heightOverride !== undefined;
  const [network, price] = await Promise.all([
    offline
      ? Promise.resolve(null)
      : priceOverride !== undefined && difficultyOverride !== undefined
        ? deps.market.network().catch((err: unknown) => {
            // With price= and difficulty= given, the height is all that is missing: say so (and how).
            if (err instanceof DataUnavailableError) throw new DataUnavailableError('height', err.attempts);
            throw err;
          })
        : deps.market.network(),
    priceOverride === undefined ? deps.market.price(currency) : Promise.resolve(null),
  ]);
  const origins: Record<string, Sourced<number>> = {};
  if (network && heightOverride === undefined) origins.height = network.height;
  if (network && difficultyOverride === undefined) origins.difficulty = network.difficulty;
  if (price) origins.price = price;
  const feesOff = o.fees === 'off';
  const fees = network?.feesPerBlockBtc;
  if (!feesOff && fees) origins.fees = fees;
  const whatIf: string[] = [];
  if (priceOverride !== undefined) whatIf.push('price');
  if (difficultyOverride !== undefined) whatIf.push('difficulty');
  if (heightOverride !== undefined) whatIf.push('height');
  const height = heightOverride ?? network!.height.value;
  return {
    currency,
    difficulty: difficultyOverride ?? network!.difficulty.value,
    height,
    subsidyBtc: subsidyBtc(height + 1),
    feesPerBlockBtc: feesOff || !fees ? 0 : fees.value,
    feesMissing: !feesOff && !fees,
    feesOff,
    price: priceOverride ?? price!.value,
    poolFee: o.pool_fee ?? 0,
    uptime: o.uptime ?? 1,
    electricity: o.electricity ?? 0,
    electricityGiven: o.electricity !== undefined,
    whatIf,
    origins,
  };
}
