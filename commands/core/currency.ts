// The fiat currencies hashdesk prices in, and the names people type for them (a leaf module: the
// argument parser and the option reader both read it).

/** Fiat currencies every price chain can serve (mempool, CoinGecko, blockchain.info). */
export const CURRENCIES = ['usd', 'eur', 'gbp', 'cad', 'chf', 'aud', 'jpy', 'cny', 'hkd', 'sgd', 'krw', 'twd'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Names people type for the currencies (English and Chinese, both scripts), by code. */
export const CURRENCY_NAMES: Record<Currency, readonly string[]> = {
  usd: ['us dollar', 'dollar', 'dollars', 'usdt', '美元', '美金', '刀'],
  eur: ['euro', 'euros', '欧元', '歐元'],
  gbp: ['pound', 'pounds', 'sterling', '英镑', '英鎊'],
  cad: ['canadian dollar', '加元', '加币', '加幣'],
  chf: ['swiss franc', 'franc', '瑞郎', '瑞士法郎'],
  aud: ['australian dollar', '澳元', '澳币', '澳幣'],
  jpy: ['yen', '日元', '日圆', '日圓', '円'],
  cny: ['rmb', 'yuan', 'renminbi', '人民币', '人民幣', '元', '块'],
  hkd: ['hong kong dollar', '港币', '港幣', '港元'],
  sgd: ['singapore dollar', '新加坡元', '新币', '新幣'],
  krw: ['won', '韩元', '韓元', '韩币', '韓幣'],
  twd: ['taiwan dollar', 'ntd', '新台币', '新台幣', '台币', '台幣'],
};

/** A currency code from a code or a name people type (`rmb`, `人民币`, `yen`); undefined if none. */
export function currencyOf(text: string): Currency | undefined {
  const v = text.trim().toLowerCase();
  if ((CURRENCIES as readonly string[]).includes(v)) return v as Currency;
  return CURRENCIES.find((c) => CURRENCY_NAMES[c].includes(v));
}
