// The one text-argument syntax shared by the console, the CLI and Telegram:
//   key=value pairs, "quoted values", and unit-tagged positional tokens.
import { UserError } from './errors.js';
import type { ModelCatalog, PositionalKind } from './types.js';

/** Longest accepted argument text; longer input is refused before parsing. */
export const MAX_INPUT_LENGTH = 2000;

export interface ParsedArgs {
  /** key=value pairs, keys lower-cased with `-` → `_`. */
  named: Array<{ key: string; value: string }>;
  /** Tokens without a key, classified by their unit. */
  positional: Array<{ kind: PositionalKind; value: string }>;
}

/** Splits on whitespace; "double", 'single' and “curly” quotes group; key="a b" keeps the key. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quote: string | null = null;
  let inToken = false;
  const closing: Record<string, string> = { '"': '"', "'": "'", '“': '”', '「': '」' };
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch in closing && (!inToken || current.endsWith('='))) {
      quote = closing[ch]!;
      inToken = true;
    } else if (/\s/.test(ch)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
    } else {
      current += ch;
      inToken = true;
    }
  }
  if (quote) throw new UserError('error.unclosedQuote', { text: text.slice(0, 80) });
  if (inToken) tokens.push(current);
  return tokens;
}

const HASHRATE = /^\d+(?:\.\d+)?\s*(?:[kmgtpe]h?)(?:\/s)?$/i;
const POWER = /^\d+(?:\.\d+)?\s*(?:k|m)?w$/i;
const EFFICIENCY = /^\d+(?:\.\d+)?\s*(?:j\/th|w\/th)$/i;
const ELECTRICITY = /^\d+(?:\.\d+)?(?:\s*\/\s*kwh)?$/i;

const UNIT_ONLY = /^(?:[kmgtpe]h?(?:\/s)?|[km]?w|j\/th|w\/th|\/kwh)$/i;

/** Which kind a bare token is, if any (as people write it: `$0.06/kWh`, `3250瓦`, `１００TH`). */
export function classifyToken(raw: string, models?: ModelCatalog): PositionalKind | undefined {
  const token = normalizeToken(raw).token;
  if (EFFICIENCY.test(token)) return 'efficiency';
  if (POWER.test(token)) return 'power';
  if (HASHRATE.test(token)) return 'hashrate';
  if (ELECTRICITY.test(token)) return 'electricity';
  if (models?.find(token)) return 'model';
  return undefined;
}

/** A number with a unit we cannot read is most likely a typo in that kind of value: say which. */
function unrecognised(token: string): UserError {
  const value = token.slice(0, 60);
  if (/^[\d.,e+-]+\s*[a-z]*\/?kwh$/i.test(token))
    return new UserError('error.invalid', { name: 'electricity', value, hint: 'hint.electricityPlain' });
  if (/^[\d.,e+-]+\s*[a-z]*h(?:\/s)?$/i.test(token))
    return new UserError('error.invalid', { name: 'hashrate', value, hint: 'hint.hashrate' });
  if (/^[\d.,e+-]+\s*[a-z]*w$/i.test(token))
    return new UserError('error.invalid', { name: 'power', value, hint: 'hint.power' });
  if (/^[\d.,e+-]+\s*[a-z]*\/?th$/i.test(token))
    return new UserError('error.invalid', { name: 'efficiency', value, hint: 'hint.efficiencyPlain' });
  return new UserError('error.unknownArgument', { token: value });
}

/** Currency symbols and words written with a price: `¥0.4`, `0.4元`, `€0.05`, `NT$2.5`. */
const CURRENCY_MARKS: ReadonlyArray<[RegExp, string]> = [
  [/^NT\$/i, 'twd'],
  [/^HK\$/i, 'hkd'],
  [/^(?:CN)?¥/i, 'cny'],
  [/^€/, 'eur'],
  [/^£/, 'gbp'],
  [/^\$/, 'usd'],
];
const YUAN = /(?:元|块|塊|人民币|人民幣)(?:\/(?:度|kwh))?$/i;
const NUMERIC_VALUE = /^(?:NT\$|HK\$|CN¥|[¥€£$])?\d[\d.,]*(?:元|块|塊|千瓦|瓦|%|\/度|[a-z/]*)?$/i;

/**
 * How people write numbers and units, brought to the canonical form: full-width characters (１００TH,
 * ０．０５) by NFKC, a decimal comma (0,05) or thousands commas (3,250W), Chinese units (3250瓦,
 * 3.25千瓦, 0.05/度). Returns the token and a currency its symbol names, if any.
 */
export function normalizeToken(raw: string): { token: string; currency?: string } {
  let token = raw.normalize('NFKC').trim();
  let currency: string | undefined;
  for (const [mark, code] of CURRENCY_MARKS) {
    if (mark.test(token) && /\d/.test(token)) {
      currency = code;
      token = token.replace(mark, '');
      break;
    }
  }
  if (YUAN.test(token) && /^\d/.test(token)) {
    currency = 'cny';
    token = token.replace(YUAN, '');
  }
  token = token
    .replace(/^(\d+),(\d{1,2})(?=\D|$)/, '$1.$2') // 0,05 → 0.05 (two decimals at most: 3,250 is thousands)
    .replace(/^(\d{1,3}(?:,\d{3})+)(?=\D|$)/, (m) => m.replace(/,/g, '')) // 3,250W → 3250W
    .replace(/千瓦$/, 'kW')
    .replace(/瓦$/, 'W')
    .replace(/\/度$/, '/kWh');
  return currency ? { token, currency } : { token };
}

/** Parses argument text; unrecognised bare tokens are a UserError naming the token. */
/** `models`: the command's presets, so a bare `s21xp` (or `S21 XP Hyd`) is read as its model. */
export function parseArgs(text: string, models?: ModelCatalog): ParsedArgs {
  if (text.length > MAX_INPUT_LENGTH) {
    throw new UserError('error.inputTooLong', { length: text.length, max: MAX_INPUT_LENGTH });
  }
  const tokens = tokenize(text.normalize('NFKC'));
  const out: ParsedArgs = { named: [], positional: [] };
  let impliedCurrency: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const eq = token.indexOf('=');
    // Keys in any script: pool_fee=2%, 矿池费=2%, 電費=0.05 (the options' aliases name them).
    if (eq > 0 && /^[\p{L}_][\p{L}\p{N}_-]*$/u.test(token.slice(0, eq))) {
      const value = token.slice(eq + 1);
      // Only a value that is a number (with a unit or a currency) is normalized; names and text stay.
      const n = NUMERIC_VALUE.test(value) ? normalizeToken(value) : { token: value };
      if (n.currency) impliedCurrency ??= n.currency;
      out.named.push({ key: token.slice(0, eq).toLowerCase().replace(/-/g, '_'), value: n.token });
      continue;
    }
    // A Chinese name stuck to its value, as people type it: 电费0.05, 電費：0.05, 算力100T.
    const glued = /^(\p{Script=Han}+)[:：]?(.+)$/u.exec(token);
    if (glued && /\d/.test(glued[2]!)) {
      const n = normalizeToken(glued[2]!);
      if (n.currency) impliedCurrency ??= n.currency;
      out.named.push({ key: glued[1]!, value: n.token });
      continue;
    }
    // Model names often come in two or three words ("S21 XP Hyd"): try the longest run first.
    let matched = false;
    for (let n = Math.min(3, tokens.length - i); n >= 2; n--) {
      const joined = tokens.slice(i, i + n).join(' ');
      if (!tokens.slice(i, i + n).some((x) => x.includes('=')) && models?.find(joined)) {
        out.positional.push({ kind: 'model', value: joined });
        i += n - 1;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    // "100 TH" and "3250 W": a number followed by a bare unit is one token.
    const next = tokens[i + 1];
    if (next !== undefined && /^\d+(?:\.\d+)?$/.test(token) && UNIT_ONLY.test(next)) {
      const joined = token + next;
      const joinedKind = classifyToken(joined, models);
      if (joinedKind) {
        out.positional.push({ kind: joinedKind, value: joined });
        i += 1;
        continue;
      }
    }
    const n = normalizeToken(token);
    const kind = classifyToken(token, models);
    if (!kind) throw unrecognised(token);
    if (n.currency && kind === 'electricity') impliedCurrency ??= n.currency;
    out.positional.push({ kind, value: n.token });
  }
  // `¥0.4` names the currency too, unless the text names one itself (currency=jpy with ¥ is JPY).
  if (impliedCurrency && !out.named.some((x) => x.key === 'currency'))
    out.named.push({ key: 'currency', value: impliedCurrency });
  return out;
}
