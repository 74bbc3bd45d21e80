// provider-check's options: what a user can state about an offer (data; the command reads them).
import type { OptionSpec } from '../core/types.js';
import { ASIC_CATALOG } from '../mining/asic-models.js';

export const PROVIDER_CHECK_OPTIONS = [
  { name: 'name', kind: 'text', max: 100, description: { en: 'Provider or offer name', zh: '平台或方案名称' } },
  {
    name: 'url',
    kind: 'text',
    max: 300,
    description: { en: "The offer's website (never opened, only checked)", zh: '方案网址（只检查，不访问）' },
  },
  {
    name: 'founded',
    kind: 'integer',
    min: 1990,
    max: 2100,
    description: { en: 'Year the provider claims it started', zh: '平台声称的成立年份' },
  },
  {
    name: 'hashrate',
    kind: 'hashrate',
    positional: 'hashrate',
    max: 1e7,
    description: { en: 'TH bought, default 1TH', zh: '购买的算力，默认 1TH' },
  },
  {
    name: 'contract_price',
    kind: 'money',
    max: 1e7,
    aliases: ['price_per_th'],
    description: { en: 'Upfront price per TH', zh: '每 TH 预付价格' },
  },
  {
    name: 'days',
    kind: 'days',
    min: 1,
    max: 3650,
    choices: ['lifetime'],
    description: { en: 'Contract length in days, or lifetime', zh: '合约天数，或 lifetime（永久）' },
  },
  { name: 'maintenance', kind: 'money', max: 10, description: { en: 'Fee per TH per day', zh: '每 TH 每天的费用' } },
  {
    name: 'payout',
    kind: 'text',
    max: 40,
    description: {
      en: 'Promised payout per TH/day, X%/day of the price, or pool',
      zh: '承诺收益：每 TH 每天金额、价格的 X%/天，或 pool',
    },
  },
  {
    name: 'guaranteed',
    kind: 'choice',
    choices: ['yes', 'no'],
    description: { en: 'Is the return fixed or guaranteed?', zh: '收益是否固定或保证？' },
  },
  {
    name: 'payout_asset',
    kind: 'choice',
    choices: ['btc', 'usdt', 'token'],
    description: { en: 'What payouts are made in', zh: '收益以何种资产支付' },
  },
  {
    name: 'referral',
    kind: 'integer',
    min: 0,
    max: 20,
    description: { en: 'Referral levels (0 = none)', zh: '推荐奖励层级（0 = 无）' },
  },
  {
    name: 'withdrawal_fee',
    kind: 'percent',
    min: 0,
    max: 1,
    description: { en: 'Withdrawal fee in %', zh: '提现手续费（%）' },
  },
  {
    name: 'observer',
    kind: 'text',
    max: 500,
    description: { en: 'Pool observer (watcher) link', zh: '矿池观察者链接' },
  },
  {
    name: 'farm_location',
    kind: 'text',
    max: 100,
    description: { en: 'Where the offer says its farms are', zh: '方案所称的矿场所在地' },
  },
  {
    name: 'contact',
    kind: 'choice',
    choices: ['dm', 'dating', 'group', 'ad', 'website', 'friend'],
    description: {
      en: 'How the offer reached you: dm, dating, group, ad, website, friend',
      zh: '您如何得知该方案：dm（私信）、dating（交友）、group（群组）、ad、website、friend',
    },
  },
  {
    name: 'power_price',
    kind: 'money',
    max: 10,
    description: { en: 'Power price per kWh the offer claims', zh: '方案所称的每度电价' },
  },
  {
    name: 'machines',
    kind: 'integer',
    min: 1,
    max: 10_000_000,
    description: { en: 'Number of machines the provider claims', zh: '平台所称的矿机数量' },
  },
  {
    name: 'claimed_total',
    kind: 'hashrate',
    max: 1e9,
    description: { en: 'Total hashrate the provider claims, e.g. 2EH', zh: '平台所称的总算力，如 2EH' },
  },
  {
    name: 'machine',
    kind: 'model',
    models: ASIC_CATALOG,
    autocomplete: true,
    description: { en: 'ASIC model the offer names', zh: '方案所称的矿机型号' },
  },
  {
    name: 'currency',
    kind: 'currency',
    autocomplete: true,
    description: { en: 'Currency of the prices, default usd (USDT ≈ USD)', zh: '价格币种，默认 usd（USDT ≈ USD）' },
  },
  {
    name: 'text',
    kind: 'text',
    max: 1500,
    description: { en: "The offer's ad text (English or Chinese)", zh: '方案的广告原文（中英文均可）' },
  },
] as const satisfies readonly OptionSpec[];
