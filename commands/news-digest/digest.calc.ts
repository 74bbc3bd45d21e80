// Pure parts of the digest: regional shares of blocks, headline selection, notes by region.
import type { Headline, PoolStats } from '../core/ports.js';
import { POOL_REGIONS, REGIONS, type Region } from './pool-regions.data.js';

export interface PoolShare {
  slug: string;
  name: string;
  blocks: number;
  sharePct: number;
  region: Region;
}

export interface RegionShares {
  pools: PoolShare[];
  /** Percent of all blocks in the window, by region of the pool operator's headquarters. */
  regions: Record<Region, number>;
  totalBlocks: number;
}

/** Shares as percent of all blocks in the window; unmapped pools (and "unknown") are their own bucket. */
export function regionShares(
  stats: PoolStats,
  overrides: Readonly<Record<string, { name?: string | undefined; region: Region }>> = {},
): RegionShares {
  const total = stats.totalBlocks > 0 ? stats.totalBlocks : stats.pools.reduce((n, p) => n + p.blocks, 0);
  const regions = Object.fromEntries(REGIONS.map((r) => [r, 0])) as Record<Region, number>;
  const pools = stats.pools
    .filter((p) => p.blocks > 0)
    .map((p) => {
      const region = overrides[p.slug]?.region ?? POOL_REGIONS[p.slug]?.region ?? 'unknown';
      return {
        slug: p.slug,
        name: p.name,
        blocks: p.blocks,
        sharePct: total > 0 ? (p.blocks / total) * 100 : 0,
        region,
      };
    })
    .sort((a, b) => b.blocks - a.blocks);
  for (const p of pools) regions[p.region] += p.sharePct;
  // Blocks the pool list does not account for are unknown too, so the shares add up to 100 %.
  const listed = pools.reduce((n, p) => n + p.blocks, 0);
  if (total > listed) regions.unknown += ((total - listed) / total) * 100;
  return { pools, regions, totalBlocks: total };
}

const MINING =
  /\b(?:mining|miners?|hash ?rate|hashprice|difficulty|halving|asics?|bitmain|microbt|antminer|whatsminer|mining pool|foundry|mara|riot|cleanspark|iren|cipher mining|core scientific|bitdeer|bitfufu|canaan|luxor|braiins|ocean pool|antpool|f2pool|viabtc|exahash|terahash)\b|矿|算力|挖矿|减半|难度|矿机|矿池|比特大陆|嘉楠|神马/i;
/** Paid cloud-mining promotions: excluded like other mining news bots do. */
const PROMO = /cloud mining|云算力|free (?:btc|bitcoin)|passive income|daily (?:profit|income)/i;

/** Relevant to miners (headline text only). */
export function isMiningRelated(title: string): boolean {
  return MINING.test(title) && !PROMO.test(title);
}

function canonicalLink(url: string): string {
  try {
    const u = new URL(url);
    for (const k of [...u.searchParams.keys()])
      if (/^(utm_|ref$|source$|fbclid|gclid)/i.test(k)) u.searchParams.delete(k);
    u.hash = '';
    return `${u.hostname.replace(/^www\./, '').toLowerCase()}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  } catch {
    return url.trim().toLowerCase();
  }
}

function normalTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}]+/gu, ' ')
    .trim();
}

/** Deduplicated by link and by title, mining-related, within the window, newest first, at most `limit`. */
export function selectHeadlines(
  items: readonly Headline[],
  opts: { now: number; windowMs: number; limit: number },
): Headline[] {
  const seenLinks = new Set<string>();
  const seenTitles = new Set<string>();
  const out: Headline[] = [];
  if (opts.limit <= 0) return out;
  for (const h of [...items].sort((a, b) => b.publishedAt - a.publishedAt)) {
    if (h.publishedAt > opts.now + 10 * 60_000 || opts.now - h.publishedAt > opts.windowMs) continue;
    if (!isMiningRelated(h.title)) continue;
    const link = canonicalLink(h.url);
    const title = normalTitle(h.title);
    if (seenLinks.has(link) || seenTitles.has(title)) continue;
    seenLinks.add(link);
    seenTitles.add(title);
    out.push(h);
    if (out.length >= opts.limit) break;
  }
  return out;
}

const REGION_WORDS: ReadonlyArray<[Region, RegExp]> = [
  ['north_america', /north america|\bu\.?s\.?a?\b|united states|canada|北美|美国|加拿大/i],
  ['asia', /\basia\b|china|chinese|hong kong|亚洲|中国|香港/i],
  ['europe', /europe|\beu\b|欧洲/i],
];

/** The region a note talks about, if it names one. */
export function noteRegion(text: string): Region | null {
  return REGION_WORDS.find(([, re]) => re.test(text))?.[0] ?? null;
}

/** YYYY, YYYY-MM or YYYY-MM-DD with a real month and day. */
export function isNoteDate(s: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), m[2] ? Number(m[2]) : 1, m[3] ? Number(m[3]) : 1];
  if (y < 2009 || y > 2100 || mo < 1 || mo > 12) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
