// Display formatting. Every function returns "—" for a non-finite number, so NaN or Infinity can
// never reach a reply even if a calculation goes wrong.
import { t, type Lang } from './messages.js';

const DASH = '—';
const formatters = new Map<string, Intl.NumberFormat>();

function nf(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = lang + JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', options);
    formatters.set(key, f);
  }
  return f;
}

/** A plain number with grouping and at most `digits` decimals. */
export function fmtNumber(value: number, lang: Lang, digits = 2): string {
  if (!Number.isFinite(value)) return DASH;
  return nf(lang, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

/** Fiat amount; small amounts keep three significant digits (0.0388), large ones drop cents. */
export function fmtMoney(value: number, currency: string, lang: Lang): string {
  if (!Number.isFinite(value)) return DASH;
  const abs = Math.abs(value);
  const code = currency.toUpperCase();
  const noCents = code === 'JPY' || code === 'KRW';
  const opts: Intl.NumberFormatOptions =
    abs >= 10_000 || (noCents && abs >= 10)
      ? { maximumFractionDigits: 0 }
      : abs >= 1 || abs === 0
        ? { minimumFractionDigits: 2, maximumFractionDigits: 2 }
        : { maximumSignificantDigits: 3 };
  return nf(lang, { style: 'currency', currency: code, currencyDisplay: 'symbol', ...opts }).format(value);
}

/** BTC with 8 decimals for small amounts, fewer for large. */
export function fmtBtc(value: number, lang: Lang): string {
  if (!Number.isFinite(value)) return DASH;
  const digits = Math.abs(value) >= 100 ? 2 : Math.abs(value) >= 1 ? 4 : 8;
  return nf(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export function fmtSats(btc: number, lang: Lang): string {
  if (!Number.isFinite(btc)) return DASH;
  return nf(lang, { maximumFractionDigits: 0 }).format(Math.round(btc * 1e8));
}

/** A fraction (0.02) as a percentage ("2%"). */
export function fmtPct(fraction: number, lang: Lang, digits = 1): string {
  if (!Number.isFinite(fraction)) return DASH;
  return `${fmtNumber(fraction * 100, lang, digits)}%`;
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
