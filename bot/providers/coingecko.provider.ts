// CoinGecko simple/price: COINGECKO_API_URL, default https://api.coingecko.com/api/v3. All currencies
// are batched into one call (keyless limit ≈ 10/min). COINGECKO_API_KEY is sent as the demo-key header.
import { z } from 'zod';
import type { HttpClient, GetOptions } from './http.js';
import { ProviderSchemaError } from './errors.js';
import { priceSchema } from './bounds.js';

const simplePrice = z.object({ bitcoin: z.record(z.string(), z.unknown()) });

export async function coingeckoPrices(
  http: HttpClient,
  currencies: readonly string[],
  opts: GetOptions,
): Promise<Record<string, number>> {
  const body = await http.json('/simple/price', simplePrice, {
    ...opts,
    params: { ids: 'bitcoin', vs_currencies: currencies.join(',') },
  });
  const out: Record<string, number> = {};
  for (const [cur, v] of Object.entries(body.bitcoin)) {
    const p = priceSchema.safeParse(v);
    if (p.success) out[cur.toLowerCase()] = p.data;
  }
  if (Object.keys(out).length === 0) throw new ProviderSchemaError(http.source, '/simple/price', 'no usable price');
  return out;
}
