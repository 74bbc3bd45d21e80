// blockchain.info: BLOCKCHAIN_INFO_URL, default https://blockchain.info. Asks for ≤ 1 request per 10 s;
// our cache TTLs keep us well under. Plain-text numbers may use exponent form (1.32716002350731E14).
import { z } from 'zod';
import type { HttpClient, GetOptions } from './http.js';
import { ProviderSchemaError } from './errors.js';
import { difficultySchema, heightSchema, priceSchema } from './bounds.js';

async function textNumber(http: HttpClient, path: string, opts: GetOptions): Promise<number> {
  const text = (await http.text(path, opts)).trim();
  if (!/^\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text))
    throw new ProviderSchemaError(http.source, path, `not a number: ${text.slice(0, 20)}`);
  return parseFloat(text);
}

export async function blockchainInfoDifficulty(http: HttpClient, opts: GetOptions): Promise<number> {
  const d = difficultySchema.safeParse(await textNumber(http, '/q/getdifficulty', opts));
  if (!d.success) throw new ProviderSchemaError(http.source, '/q/getdifficulty', 'difficulty out of range');
  return d.data;
}

export async function blockchainInfoHeight(http: HttpClient, opts: GetOptions): Promise<number> {
  const h = heightSchema.safeParse(await textNumber(http, '/q/getblockcount', opts));
  if (!h.success) throw new ProviderSchemaError(http.source, '/q/getblockcount', 'height out of range');
  return h.data;
}

const ticker = z.record(z.string(), z.object({ last: z.number() }).passthrough());

/** Prices for every currency on the ticker (29 incl. CNY), lower-case keys. */
export async function blockchainInfoTicker(http: HttpClient, opts: GetOptions): Promise<Record<string, number>> {
  const body = await http.json('/ticker', ticker, opts);
  const out: Record<string, number> = {};
  for (const [cur, q] of Object.entries(body)) {
    const p = priceSchema.safeParse(q.last);
    if (p.success) out[cur.toLowerCase()] = p.data;
  }
  if (Object.keys(out).length === 0) throw new ProviderSchemaError(http.source, '/ticker', 'no usable price');
  return out;
}
