// Exchange tickers as price fallbacks (prices arrive as strings). Kraken: KRAKEN_API_URL, default
// https://api.kraken.com; Coinbase: COINBASE_API_URL, default https://api.coinbase.com.
import { z } from 'zod';
import type { HttpClient, GetOptions } from './http.js';
import { ProviderSchemaError } from './errors.js';
import { numericString, priceSchema } from './bounds.js';

/** Fiat pairs Kraken lists against XBT. */
export const KRAKEN_CURRENCIES = ['usd', 'eur', 'gbp', 'cad', 'chf', 'aud', 'jpy'] as const;

const krakenTicker = z.object({
  error: z.array(z.string()),
  result: z.record(z.string(), z.object({ c: z.tuple([numericString, z.string()]).rest(z.string()) })).optional(),
});

/** Last trade for every Kraken pair, in one request. Result keys differ from the pairs asked (XXBTZUSD). */
export async function krakenPrices(http: HttpClient, opts: GetOptions): Promise<Record<string, number>> {
  const pairs = KRAKEN_CURRENCIES.map((c) => `XBT${c.toUpperCase()}`).join(',');
  const body = await http.json('/0/public/Ticker', krakenTicker, { ...opts, params: { pair: pairs } });
  // A non-empty error[] can arrive with HTTP 200.
  if (body.error.length > 0 || !body.result)
    throw new ProviderSchemaError(http.source, '/0/public/Ticker', body.error.join(', ') || 'no result');
  const out: Record<string, number> = {};
  for (const [key, q] of Object.entries(body.result)) {
    const cur = KRAKEN_CURRENCIES.find((c) => key.toLowerCase().endsWith(c));
    const p = priceSchema.safeParse(q.c[0]);
    if (cur && p.success) out[cur] = p.data;
  }
  if (Object.keys(out).length === 0) throw new ProviderSchemaError(http.source, '/0/public/Ticker', 'no usable price');
  return out;
}

const coinbaseSpotSchema = z.object({ data: z.object({ amount: numericString, currency: z.string() }) });

/** Coinbase spot price for one currency. */
export async function coinbaseSpot(http: HttpClient, currency: string, opts: GetOptions): Promise<number> {
  const path = `/v2/prices/BTC-${currency.toUpperCase()}/spot`;
  const body = await http.json(path, coinbaseSpotSchema, opts);
  const p = priceSchema.safeParse(body.data.amount);
  if (!p.success || body.data.currency.toLowerCase() !== currency.toLowerCase()) {
    throw new ProviderSchemaError(http.source, path, `amount ${body.data.amount} ${body.data.currency}`);
  }
  return p.data;
}
