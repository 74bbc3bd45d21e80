// Pool → region of the pool OPERATOR's headquarters (shared/data/pool-regions.json, 2026-09 (pool list of mempool.space /api/v1/mining/pools/1w, 2026-09-19)).
// Not where the hashrate is: report it as 'blocks found by pools headquartered in …'. Operators can
// override entries with POOL_REGIONS_FILE (low-confidence entries especially).

export type Region = 'north_america' | 'asia' | 'europe' | 'global' | 'unknown';
export const REGIONS: readonly Region[] = ['north_america', 'asia', 'europe', 'global', 'unknown'];

export interface PoolRegion {
  name: string;
  region: Region;
  country: string | null;
  confidence: 'high' | 'medium' | 'low';
}

export const POOL_REGIONS: Readonly<Record<string, PoolRegion>> = {
  foundryusa: { name: 'Foundry USA', region: 'north_america', country: 'US', confidence: 'high' },
  marapool: { name: 'MARA Pool', region: 'north_america', country: 'US', confidence: 'high' },
  luxor: { name: 'Luxor', region: 'north_america', country: 'US', confidence: 'high' },
  ocean: { name: 'OCEAN', region: 'north_america', country: 'US', confidence: 'medium' },
  titan: { name: 'Titan', region: 'north_america', country: 'US', confidence: 'low' },
  antpool: { name: 'AntPool', region: 'asia', country: 'CN', confidence: 'medium' },
  f2pool: { name: 'F2Pool', region: 'asia', country: 'CN', confidence: 'medium' },
  viabtc: { name: 'ViaBTC', region: 'asia', country: 'CN', confidence: 'medium' },
  spiderpool: { name: 'SpiderPool', region: 'asia', country: null, confidence: 'low' },
  secpool: { name: 'SECPOOL', region: 'unknown', country: null, confidence: 'low' },
  binancepool: { name: 'Binance Pool', region: 'global', country: null, confidence: 'low' },
  btccom: { name: 'BTC.com', region: 'asia', country: 'CN', confidence: 'low' },
  poolin: { name: 'Poolin', region: 'asia', country: 'CN', confidence: 'medium' },
  braiinspool: { name: 'Braiins Pool', region: 'europe', country: 'CZ', confidence: 'high' },
  braiinssolo: { name: 'Braiins Solo', region: 'europe', country: 'CZ', confidence: 'medium' },
  nicehash: { name: 'NiceHash', region: 'europe', country: 'SI', confidence: 'low' },
  whitepool: { name: 'WhitePool', region: 'europe', country: null, confidence: 'low' },
  sbicrypto: { name: 'SBI Crypto', region: 'asia', country: 'JP', confidence: 'low' },
  ultimuspool: { name: 'ULTIMUSPOOL', region: 'unknown', country: null, confidence: 'low' },
  emcdpool: { name: 'EMCDPool', region: 'unknown', country: null, confidence: 'low' },
  kucoinpool: { name: 'KuCoinPool', region: 'global', country: null, confidence: 'low' },
  solock: { name: 'Solo CK', region: 'unknown', country: null, confidence: 'low' },
  unknown: { name: 'Unknown', region: 'unknown', country: null, confidence: 'high' },
};
