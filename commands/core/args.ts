// The one text-argument syntax shared by the console, the CLI and Telegram:
//   key=value pairs, "quoted values", and unit-tagged positional tokens.
import { UserError } from './errors.js';
import type { PositionalKind } from './types.js';
import { findModel } from '../mining/asic-models.js';

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
const ELECTRICITY = /^[$€£¥]?\d+(?:\.\d+)?(?:\s*\/\s*kwh)?$/i;

const UNIT_ONLY = /^(?:[kmgtpe]h?(?:\/s)?|[km]?w|j\/th|w\/th|\/kwh)$/i;

/** Which kind a bare token is, if any. */
export function classifyToken(token: string): PositionalKind | undefined {
  if (EFFICIENCY.test(token)) return 'efficiency';
  if (POWER.test(token)) return 'power';
  if (HASHRATE.test(token)) return 'hashrate';
  if (ELECTRICITY.test(token)) return 'electricity';
  if (findModel(token)) return 'model';
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

/** Parses argument text; unrecognised bare tokens are a UserError naming the token. */
export function parseArgs(text: string): ParsedArgs {
  if (text.length > MAX_INPUT_LENGTH) {
    throw new UserError('error.inputTooLong', { length: text.length, max: MAX_INPUT_LENGTH });
  }
  const tokens = tokenize(text);
  const out: ParsedArgs = { named: [], positional: [] };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const eq = token.indexOf('=');
    if (eq > 0 && /^[a-z_][a-z0-9_-]*$/i.test(token.slice(0, eq))) {
      out.named.push({ key: token.slice(0, eq).toLowerCase().replace(/-/g, '_'), value: token.slice(eq + 1) });
      continue;
    }
    // Model names often come in two or three words ("S21 XP Hyd"): try the longest run first.
    let matched = false;
    for (let n = Math.min(3, tokens.length - i); n >= 2; n--) {
      const joined = tokens.slice(i, i + n).join(' ');
      if (!tokens.slice(i, i + n).some((x) => x.includes('=')) && findModel(joined)) {
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
      const joinedKind = classifyToken(joined);
      if (joinedKind) {
        out.positional.push({ kind: joinedKind, value: joined });
        i += 1;
        continue;
      }
    }
    const kind = classifyToken(token);
    if (!kind) throw unrecognised(token);
    out.positional.push({ kind, value: token });
  }
  return out;
}
