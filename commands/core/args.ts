// The one text-argument syntax shared by the console, the CLI and Telegram:
//   key=value pairs, "quoted values", and unit-tagged positional tokens.
import { UserError } from './errors.js';
import type { ModelCatalog, PositionalKind } from './types.js';
import { currencyOf } from './currency.js';

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
  return classifyNormalized(normalizeToken(raw).token, models);
}

/** classifyToken for a token normalizeToken has already brought to its canonical form. */
function classifyNormalized(token: string, models?: ModelCatalog): PositionalKind | undefined {
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

/**
 * Currency symbols and words written with a price (`¥0.4`, `0.4元`, `€0.05`, `0,05€`, `8円`, `₩70`,
 * `NT$2.5`): the currency they name, and the currencies they can also stand for — `$` is every
 * dollar, `¥` the yuan and the yen, `元` the yuan, the Taiwan and the Hong Kong dollar — so that
 * `currency=cad` with `$0.08` is Canadian dollars and `currency=usd` with `¥0.4` is a conflict.
 */
interface CurrencyMark {
  mark: RegExp;
  currency: string;
  alsoFor: readonly string[];
}
const DOLLARS = ['usd', 'cad', 'aud', 'sgd', 'hkd', 'twd'];
const PREFIX_MARKS: readonly CurrencyMark[] = [
  { mark: /^NT\$/i, currency: 'twd', alsoFor: [] },
  { mark: /^HK\$/i, currency: 'hkd', alsoFor: [] },
  { mark: /^CN¥/i, currency: 'cny', alsoFor: [] },
  { mark: /^JP¥/i, currency: 'jpy', alsoFor: [] },
  { mark: /^[¥￥]/, currency: 'cny', alsoFor: ['jpy'] },
  { mark: /^€/, currency: 'eur', alsoFor: [] },
  { mark: /^£/, currency: 'gbp', alsoFor: [] },
  { mark: /^₩/, currency: 'krw', alsoFor: [] },
  { mark: /^\$/, currency: 'usd', alsoFor: DOLLARS },
];
const SUFFIX_MARKS: readonly CurrencyMark[] = [
  { mark: /(?:日元|日圓|日圆|円)$/, currency: 'jpy', alsoFor: [] },
  { mark: /(?:韩元|韓元|원)$/, currency: 'krw', alsoFor: [] },
  { mark: /(?:港币|港幣|港元)$/, currency: 'hkd', alsoFor: [] },
  { mark: /(?:新台币|新台幣|台币|台幣)$/, currency: 'twd', alsoFor: [] },
  { mark: /(?:人民币|人民幣)$/, currency: 'cny', alsoFor: [] },
  { mark: /(?:元|块|塊)$/, currency: 'cny', alsoFor: ['twd', 'hkd'] },
  { mark: /€$/, currency: 'eur', alsoFor: [] },
  { mark: /£$/, currency: 'gbp', alsoFor: [] },
];
/** Tokens normalizeToken leaves as they are: ASCII letters, digits and unit punctuation only. */
const PLAIN = /^[0-9A-Za-z.%/_+-]+$/;
/** "per kWh" as people write it after a price: /kWh, /度, 每度, 一度, /度电. */
const PER_KWH = /(?:\/\s*kwh|(?:\/|每|一)度[电電]?)$/i;
// One character class after the digits (no nested repetition): linear on any input.
const NUMERIC_VALUE = /^(?:NT\$|HK\$|CN¥|JP¥|[¥￥€£$₩])?\d[\d.,]*[\p{Script=Han}€£%원a-z/]*$/iu;

/**
 * How people write numbers and units, brought to the canonical form: full-width characters (１００TH,
 * ０．０５) by NFKC, a decimal comma (0,05) or thousands commas (3,250W), Chinese units (3250瓦,
 * 3.25千瓦, 0.05/度). Returns the token and the currency mark it carried, if any.
 */
export function normalizeToken(raw: string): { token: string; mark?: CurrencyMarkSeen } {
  // Plain ASCII without a currency sign or a comma (`100TH`, `0.05`, `3250W`): already canonical.
  if (PLAIN.test(raw)) return { token: raw.trim() };
  let token = raw.normalize('NFKC').trim();
  let mark: CurrencyMarkSeen | undefined;
  if (/\d/.test(token)) {
    for (const m of PREFIX_MARKS) {
      const hit = m.mark.exec(token);
      if (hit) {
        mark = seen(m, hit[0]);
        token = token.slice(hit[0].length);
        break;
      }
    }
    // after the number: 0.4元, 0.4元/度, 8円, 0,05€/kWh, 0.4元每度
    const perKwh = PER_KWH.exec(token);
    const bare = perKwh ? token.slice(0, perKwh.index) : token;
    for (const m of mark ? [] : SUFFIX_MARKS) {
      const hit = m.mark.exec(bare);
      if (hit && /^\d/.test(bare)) {
        mark = seen(m, hit[0]);
        token = bare.slice(0, hit.index) + (perKwh ? '/kWh' : '');
        break;
      }
    }
    if (!mark && perKwh && /^[\d.,]+$/.test(bare)) token = `${bare}/kWh`;
  }
  token = token
    .replace(/^(\d+(?:\.\d+)?\s*[kmgtpe]h?(?:\/s)?)\s*算力$/i, '$1') // 100T算力 → 100T
    .replace(/^(\d+),(\d{1,2})(?=\D|$)/, '$1.$2') // 0,05 → 0.05 (two decimals at most: 3,250 is thousands)
    .replace(/^(\d{1,3}(?:,\d{3})+)(?=\D|$)/, (m) => m.replace(/,/g, '')) // 3,250W → 3250W
    .replace(/千瓦$/, 'kW')
    .replace(/瓦$/, 'W')
    .replace(/\/度$/, '/kWh');
  return mark ? { token, mark } : { token };
}

/**
 * The currency the marks name together: `¥0.4` alone is CNY, `¥0.4 hardware_cost=3500円` JPY (the
 * one both can mean), `currency=jpy` with `¥` JPY. A mark that cannot mean the currency given, or two
 * marks with no currency in common, are an error naming both. Returns the currency to add (none when
 * currency= was given or there is no mark).
 */
function currencyOfMarks(
  marks: ReadonlyArray<{ value: string; mark: CurrencyMarkSeen }>,
  given?: string,
): string | undefined {
  if (!marks.length) return undefined;
  const can = (m: CurrencyMarkSeen): string[] => [m.currency, ...m.alsoFor];
  if (given !== undefined) {
    const code = currencyOf(given);
    const off = code ? marks.find((m) => !can(m.mark).includes(code)) : undefined;
    if (off)
      throw new UserError('error.currencyConflict', {
        value: off.value.slice(0, 30),
        currency: given.slice(0, 12),
      });
    return undefined;
  }
  let common = can(marks[0]!.mark);
  for (const m of marks.slice(1)) {
    const next = common.filter((c) => can(m.mark).includes(c));
    if (!next.length)
      throw new UserError('error.currencyMix', { value: marks[0]!.value.slice(0, 30), other: m.value.slice(0, 30) });
    common = next;
  }
  return common.includes(marks[0]!.mark.currency) ? marks[0]!.mark.currency : common[0];
}

/** A currency mark as typed (`¥`, `元`, `$`) and the currencies it can stand for. */
export type CurrencyMarkSeen = Omit<CurrencyMark, 'mark'> & { text: string };

const seen = (m: CurrencyMark, text: string): CurrencyMarkSeen => ({ text, currency: m.currency, alsoFor: m.alsoFor });

/**
 * Parses argument text; unrecognised bare tokens are a UserError naming the token. `models`: the
 * command's presets, so a bare `s21xp` (or `S21 XP Hyd`) is read as its model.
 */
export function parseArgs(text: string, models?: ModelCatalog): ParsedArgs {
  if (text.length > MAX_INPUT_LENGTH) {
    throw new UserError('error.inputTooLong', { length: text.length, max: MAX_INPUT_LENGTH });
  }
  const tokens = tokenize(text.normalize('NFKC'));
  const out: ParsedArgs = { named: [], positional: [] };
  /** Currency marks seen with values (`¥0.4`, `3500元`), checked against each other and currency=. */
  const marks: Array<{ value: string; mark: CurrencyMarkSeen }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const eq = token.indexOf('=');
    // Keys in any script: pool_fee=2%, 矿池费=2%, 電費=0.05 (the options' aliases name them).
    if (eq > 0 && /^[\p{L}_][\p{L}\p{N}_-]*$/u.test(token.slice(0, eq))) {
      const value = token.slice(eq + 1);
      // Only a value that is a number (with a unit or a currency) is normalized; names and text stay.
      const n: ReturnType<typeof normalizeToken> = NUMERIC_VALUE.test(value) ? normalizeToken(value) : { token: value };
      if (n.mark) marks.push({ value, mark: n.mark });
      out.named.push({ key: token.slice(0, eq).toLowerCase().replace(/-/g, '_'), value: n.token });
      continue;
    }
    // A Chinese name stuck to its value, as people type it: 电费0.05, 電費：0.05, 算力100T.
    const glued = /^(\p{Script=Han}+)[:：]?(.+)$/u.exec(token);
    if (glued && /\d/.test(glued[2]!)) {
      const n = normalizeToken(glued[2]!);
      if (n.mark) marks.push({ value: glued[2]!, mark: n.mark });
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
    const kind = classifyNormalized(n.token, models);
    if (!kind) throw unrecognised(token);
    if (n.mark && kind === 'electricity') marks.push({ value: token, mark: n.mark });
    out.positional.push({ kind, value: n.token });
  }
  const implied = currencyOfMarks(marks, out.named.find((x) => x.key === 'currency')?.value);
  if (implied) out.named.push({ key: 'currency', value: implied });
  return out;
}
