// Host checks for offer and observer links: official pool hosts, look-alikes (punycode, digit-for-
// letter, edit distance, extra labels) and brand impersonation. Pure: nothing is fetched here.
import { parse as parseDomain } from 'tldts';
import { domainToUnicode } from 'node:url';
import { editDistance } from '../core/text.calc.js';

/** Pool observer hosts we may read from (provider-check.md §7.1), by pool. */
export const OBSERVER_HOSTS: Readonly<Record<string, readonly string[]>> = {
  antpool: ['antpool.com', 'www.antpool.com', 'v3.antpool.com'],
  f2pool: ['f2pool.com', 'www.f2pool.com', 'api.f2pool.com'],
  viabtc: ['viabtc.com', 'www.viabtc.com'],
  braiins: ['pool.braiins.com'],
  foundry: ['api.foundryusapool.com'],
  luxor: ['app.luxor.tech'],
  ocean: ['ocean.xyz', 'api.ocean.xyz'],
};

/** Official registrable domains of brands that impostors copy. */
export const BRANDS: Readonly<Record<string, readonly string[]>> = {
  antpool: ['antpool.com'],
  f2pool: ['f2pool.com'],
  viabtc: ['viabtc.com'],
  braiins: ['braiins.com'],
  luxor: ['luxor.tech'],
  foundry: ['foundrydigital.com', 'foundryusapool.com'],
  bitdeer: ['bitdeer.com'],
  bitfufu: ['bitfufu.com'],
  binance: ['binance.com'],
  nicehash: ['nicehash.com'],
  ocean: ['ocean.xyz'],
  bitmain: ['bitmain.com'],
};

// Letters people swap in for look-alikes: digits, and Cyrillic/Greek homoglyphs.
const CONFUSABLE: Record<string, string> = {
  '0': 'o',
  '1': 'l',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  х: 'x',
  у: 'y',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ո: 'n',
  ο: 'o',
  ν: 'v',
  α: 'a',
};

export function skeleton(text: string): string {
  return [...text.normalize('NFKD').toLowerCase()]
    .map((c) => CONFUSABLE[c] ?? c)
    .join('')
    .replace(/[^a-z0-9]/g, '');
}

export interface ParsedLink {
  /** Lower-case ASCII host as the browser would use it (punycode kept). */
  host: string;
  /** The host with punycode labels decoded, for display and matching. */
  unicodeHost: string;
  /** The registrable domain by the Public Suffix List's ICANN section (tldts): what registries know. */
  registrable: string;
  /**
   * The shared-hosting suffix the site sits under (github.io, vercel.app, blogspot.com…: the PSL's
   * private section), if any: anyone can have a site there, so the suffix's records say nothing.
   */
  sharedSuffix?: string;
  isIp: boolean;
  punycode: boolean;
  url: URL;
}

export type LinkProblem = 'scheme' | 'credentials' | 'invalid';

/** Parses a user-supplied link; problems are reported, never thrown. Accepts a bare host too. */
export function parseLink(raw: string): ParsedLink | LinkProblem {
  const text = raw.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^https?:\/\//i.test(text)) return 'scheme';
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return 'invalid';
  }
  if (url.username || url.password) return 'credentials';
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (!host) return 'invalid';
  const isIp =
    /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[') || /^0x[0-9a-f]+$/i.test(host) || /^\d+$/.test(host);
  const labels = host.split('.');
  const icann = isIp ? null : parseDomain(host, { allowPrivateDomains: false });
  const shared = isIp ? null : parseDomain(host, { allowPrivateDomains: true });
  const registrable = icann?.domain ?? labels.slice(-2).join('.');
  const sharedSuffix = shared?.isPrivate && shared.publicSuffix ? shared.publicSuffix : undefined;
  return {
    host,
    unicodeHost: domainToUnicode(host) || host,
    registrable,
    ...(sharedSuffix ? { sharedSuffix } : {}),
    isIp,
    punycode: labels.some((l) => l.startsWith('xn--')),
    url,
  };
}

/** Which pool's official observer host this is, if any (exact host match only). */
export function officialPool(host: string): string | undefined {
  return Object.entries(OBSERVER_HOSTS).find(([, hosts]) => hosts.includes(host))?.[0];
}

export type LookAlikeKind = 'punycode' | 'homoglyph' | 'typo' | 'extra-labels' | 'brand-word';

export interface LookAlike {
  brand: string;
  kind: LookAlikeKind;
}

/** Whether a host imitates a known brand without being one of its domains. */
export function lookAlike(link: ParsedLink): LookAlike | undefined {
  const official = Object.values(BRANDS).flat();
  if (official.includes(link.registrable)) return undefined;
  const regLabel = link.unicodeHost.split('.').slice(0, -1).pop() ?? '';
  for (const [brand, domains] of Object.entries(BRANDS)) {
    for (const domain of domains) {
      // antpool.com.example.xyz: the real domain as a prefix of someone else's
      if (link.host.includes(`${domain}.`) || link.host.includes(`${domain}-`)) return { brand, kind: 'extra-labels' };
    }
    const name = domains[0]!.split('.')[0]!;
    const label = regLabel.toLowerCase();
    if (label === name) return { brand, kind: link.punycode ? 'punycode' : 'typo' }; // same name, other TLD
    const sk = skeleton(label);
    if (sk === name) return { brand, kind: link.punycode ? 'punycode' : 'homoglyph' };
    if (name.length >= 5 && label.length >= 4 && editDistance(label, name) <= 2)
      return { brand, kind: link.punycode ? 'punycode' : 'typo' };
    if (name.length >= 5 && sk.includes(name)) return { brand, kind: 'brand-word' };
  }
  if (link.punycode && /[^ -~]/.test(link.unicodeHost)) {
    for (const [brand, domains] of Object.entries(BRANDS)) {
      if (skeleton(link.unicodeHost).includes(domains[0]!.split('.')[0]!)) return { brand, kind: 'punycode' };
    }
  }
  return undefined;
}

/** Brand names used in an offer's name without the brand's own domain (R2). */
export function brandInName(name: string): string | undefined {
  const sk = skeleton(name);
  return Object.entries(BRANDS).find(([, d]) => {
    const n = d[0]!.split('.')[0]!;
    return n.length >= 5 && sk.includes(n);
  })?.[0];
}
