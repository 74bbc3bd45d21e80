// Display formatting. Every function returns "—" for a non-finite number, so NaN or Infinity can
// never reach a reply even if a calculation goes wrong.
import { intlLocale, t, type Lang } from './messages.js';

const DASH = '—';
const formatters = new Map<string, Intl.NumberFormat>();

/** Formatters are costly to build, so each is built once per language and `key` (hot path). */
function nf(lang: Lang, key: string, options: () => Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = lang + key;
  let f = formatters.get(k);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(lang), options());
    formatters.set(k, f);
  }
  return f;
}

/** Inserts thousands separators into a plain decimal string ("-1234567.5" → "-1,234,567.5"). */
function group(fixed: string): string {
  const dot = fixed.indexOf('.');
  const int = dot === -1 ? fixed : fixed.slice(0, dot);
  const frac = dot === -1 ? '' : fixed.slice(dot);
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return (neg ? '-' : '') + out + frac;
}

/** Drops trailing zeros of a decimal fraction ("1.50" → "1.5", "2.00" → "2"). */
function trimZeros(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

// Both reply languages group digits the same way (en-US and zh-CN: 1,234.5), so numbers are built
// with toFixed on the hot path; Intl only supplies currency symbols, once per currency.
const LARGE = 1e21; // toFixed switches to exponent notation from here on

/** A plain number with grouping and at most `digits` decimals. */
export function fmtNumber(value: number, lang: Lang, digits = 2): string {
  if (!Number.isFinite(value)) return DASH;
  if (Math.abs(value) >= LARGE) return nf(lang, `n${digits}`, () => ({ maximumFractionDigits: digits })).format(value);
  const s = group(trimZeros(value.toFixed(digits)));
  return s === '-0' ? '0' : s;
}

const symbols = new Map<string, { prefix: string; suffix: string }>();

/** The currency symbol around a number in this language ("$", "US$", "CHF ", "CN¥"), from Intl once. */
function currencyAffixes(lang: Lang, code: string): { prefix: string; suffix: string } {
  const k = lang + code;
  let a = symbols.get(k);
  if (!a) {
    const parts = nf(lang, `c${code}`, () => ({
      style: 'currency',
      currency: code,
      currencyDisplay: 'symbol',
    })).formatToParts(1);
    const at = parts.findIndex((p) => p.type === 'integer');
    const join = (xs: Intl.NumberFormatPart[]): string =>
      xs
        .filter((p) => p.type === 'currency' || p.type === 'literal')
        .map((p) => p.value)
        .join('');
    a = {
      prefix: join(parts.slice(0, at)),
      suffix: join(parts.slice(at + 1).filter((p) => p.type !== 'fraction' && p.type !== 'decimal')),
    };
    symbols.set(k, a);
  }
  return a;
}

/** Fiat amount; small amounts keep three significant digits (0.0388), large ones drop cents. */
export function fmtMoney(value: number, currency: string, lang: Lang): string {
  if (!Number.isFinite(value)) return DASH;
  const abs = Math.abs(value);
  const code = currency.toUpperCase();
  const noCents = code === 'JPY' || code === 'KRW';
  let num: string;
  if (abs >= LARGE) num = fmtNumber(abs, lang, 0);
  else if (abs >= 10_000 || (noCents && abs >= 10)) num = group(abs.toFixed(0));
  else if (abs >= 1 || abs === 0) num = group(abs.toFixed(2));
  else if (abs >= 1e-6) num = trimZeros(abs.toPrecision(3));
  else num = nf(lang, 's3', () => ({ maximumSignificantDigits: 3 })).format(abs);
  const { prefix, suffix } = currencyAffixes(lang, code);
  const signed = value < 0 && num !== '0.00' && num !== '0' ? '-' : '';
  return `${signed}${prefix}${num}${suffix}`;
}

/** BTC with 8 decimals for small amounts, fewer for large. */
export function fmtBtc(value: number, lang: Lang): string {
  if (!Number.isFinite(value)) return DASH;
  const digits = Math.abs(value) >= 100 ? 2 : Math.abs(value) >= 1 ? 4 : 8;
  if (Math.abs(value) >= LARGE) return fmtNumber(value, lang, 0);
  return group(value.toFixed(digits));
}

export function fmtSats(btc: number, lang: Lang): string {
  if (!Number.isFinite(btc)) return DASH;
  return fmtNumber(Math.round(btc * 1e8), lang, 0);
}

/** A fraction (0.02) as a percentage ("2%"). */
export function fmtPct(fraction: number, lang: Lang, digits = 1): string {
  if (!Number.isFinite(fraction)) return DASH;
  return `${fmtNumber(fraction * 100, lang, digits)}%`;
}

/**
 * A share of blocks or hashrate (35.5 → "35.5%", 54 → "54.0%"): always one decimal, so shares side by
 * side read alike (pools, regions, the chart) and never one rounded to a whole number beside another.
 */
export function fmtShare(percent: number, _lang: Lang): string {
  if (!Number.isFinite(percent)) return DASH;
  const s = group(percent.toFixed(1));
  return `${s === '-0.0' ? '0.0' : s}%`;
}

/** A percentage value (2.5) with sign: "+2.5%". */
export function fmtSignedPct(percent: number, lang: Lang, digits = 2): string {
  if (!Number.isFinite(percent)) return DASH;
  return `${percent > 0 ? '+' : ''}${fmtNumber(percent, lang, digits)}%`;
}

const HASH_UNITS = [
  ['EH/s', 1e6],
  ['PH/s', 1e3],
  ['TH/s', 1],
  ['GH/s', 1e-3],
] as const;

/** Hashrate given in TH/s, shown in the largest unit that keeps the number ≥ 1. */
export function fmtHashrate(ths: number, lang: Lang): string {
  if (!Number.isFinite(ths)) return DASH;
  for (const [unit, scale] of HASH_UNITS) {
    if (Math.abs(ths) >= scale) return `${fmtNumber(ths / scale, lang, 2)} ${unit}`;
  }
  return `${fmtNumber(ths * 1000, lang, 3)} GH/s`;
}

export function fmtPower(watts: number, lang: Lang): string {
  if (!Number.isFinite(watts)) return DASH;
  if (watts >= 1e6) return `${fmtNumber(watts / 1e6, lang, 2)} MW`;
  if (watts >= 1e4) return `${fmtNumber(watts / 1e3, lang, 1)} kW`;
  return `${fmtNumber(watts, lang, 0)} W`;
}

/** Difficulty as "132.76 T". */
export function fmtDifficulty(d: number, lang: Lang): string {
  if (!Number.isFinite(d)) return DASH;
  if (d >= 1e12) return `${fmtNumber(d / 1e12, lang, 2)} T`;
  if (d >= 1e9) return `${fmtNumber(d / 1e9, lang, 2)} G`;
  return fmtNumber(d, lang, 0);
}

const plurals = new Map<Lang, Intl.PluralRules>();

/** What `fmtCount` counts. */
export type CountUnit = 'days' | 'months' | 'blocks' | 'minutes';

/** "1 day", "534 days", "534 天": a whole count with its noun in the language's plural form. */
export function fmtCount(n: number, unit: CountUnit, lang: Lang): string {
  let rules = plurals.get(lang);
  if (!rules) plurals.set(lang, (rules = new Intl.PluralRules(intlLocale(lang))));
  const rounded = Math.round(n);
  const form = rules.select(rounded) === 'one' ? 'one' : 'other';
  return t(lang, `count.${unit}.${form}`, { n: fmtNumber(rounded, lang, 0) });
}

/** A duration in ms as "42 s", "5 min", "3 h" or "2 d". */
export function fmtAge(ms: number, lang: Lang): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return t(lang, 'age.seconds', { n: s });
  const min = Math.round(s / 60);
  if (min < 90) return t(lang, 'age.minutes', { n: min });
  const h = Math.round(min / 60);
  if (h < 48) return t(lang, 'age.hours', { n: h });
  return t(lang, 'age.days', { n: Math.round(h / 24) });
}

/** ISO date (YYYY-MM-DD, UTC) of an epoch-ms time. */
export function fmtDate(ms: number): string {
  if (!Number.isFinite(ms)) return DASH;
  return new Date(ms).toISOString().slice(0, 10);
}

/** HH:MM (UTC) of an epoch-ms time. */
export function fmtTime(ms: number): string {
  if (!Number.isFinite(ms)) return DASH;
  return new Date(ms).toISOString().slice(11, 16);
}

/** "YYYY-MM-DD HH:MM" (UTC) of an epoch-ms time. */
export function fmtDateTime(ms: number): string {
  return `${fmtDate(ms)} ${fmtTime(ms)}`;
}

/** Items joined the way the language lists them ("a, b, c"; "甲、乙、丙"). */
export function fmtList(items: readonly string[], lang: Lang): string {
  return items.join(t(lang, 'list.separator'));
}

/** What the market data is made of, by the names the runtime gives it. */
export type DatumId = 'difficulty' | 'height' | 'fees' | 'hashrate' | 'pools' | 'price' | 'retarget' | 'history';
const DATA: readonly DatumId[] = ['difficulty', 'height', 'fees', 'hashrate', 'pools', 'price', 'retarget', 'history'];

/** A datum's name in the reply language ("difficulty", "难度"); unknown names pass through. */
export function fmtDatum(id: string, lang: Lang): string {
  return (DATA as readonly string[]).includes(id) ? t(lang, `datum.${id as DatumId}`) : id;
}

const SOURCES: Readonly<Record<string, string>> = {
  mempool: 'mempool.space',
  coingecko: 'CoinGecko',
  'blockchain-info': 'blockchain.info',
  kraken: 'Kraken',
  coinbase: 'Coinbase',
};

/** A source's display name (mempool → mempool.space). */
export function fmtSource(id: string): string {
  return SOURCES[id] ?? id;
}

function reasonText(reason: string, lang: Lang): string {
  const http = /^HTTP (\d{3})$/.exec(reason);
  if (http) return t(lang, 'reason.http', { status: http[1]! });
  if (reason === 'timeout') return t(lang, 'reason.timeout');
  if (reason === 'unreachable') return t(lang, 'reason.unreachable');
  if (reason === 'bad data') return t(lang, 'reason.badData');
  return t(lang, 'reason.error');
}

/**
 * The runtime's "source: reason" attempts in the reply language ("mempool.space: timed out";
 * "mempool.space：超时"). A parked source reports the failure it was parked after.
 */
export function fmtAttempts(attempts: readonly string[], lang: Lang): string {
  return fmtList(
    attempts.map((a) => {
      const i = a.indexOf(': ');
      const source = fmtSource(i === -1 ? a : a.slice(0, i));
      const reason = i === -1 ? 'error' : a.slice(i + 2);
      return t(lang, 'attempt', { source, reason: reasonText(reason, lang) });
    }),
    lang,
  );
}
