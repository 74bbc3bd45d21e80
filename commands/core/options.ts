// Reads option values (text from the parser, or typed values from platform options) into numbers in
// base units, with one clear UserError per problem. Ranges follow mining-math.md §10.
import { UserError } from './errors.js';
import type { Lang, MessageKey, MessageParams } from './messages.js';
import { format, t } from './messages.js';
import { fmtList } from './format.js';
import type { OptionSpec, OptionValue, OptionsOf, CommandSpec, ValueOf } from './types.js';
import { MAX_INPUT_LENGTH, parseArgs } from './args.js';

export { CURRENCIES, CURRENCY_NAMES, currencyOf, type Currency } from './currency.js';
import { CURRENCIES, currencyOf, type Currency } from './currency.js';

/** Upper sanity bound on electricity per kWh, by currency (≈ 2 USD/kWh). */
export const ELECTRICITY_MAX: Record<Currency, number> = {
  usd: 2,
  eur: 2,
  gbp: 2,
  cad: 3,
  chf: 2,
  aud: 3,
  jpy: 300,
  cny: 15,
  hkd: 15,
  sgd: 3,
  krw: 3000,
  twd: 60,
};

const SI: Record<string, number> = { '': 1, k: 1e3, m: 1e6, g: 1e9, t: 1e12, p: 1e15, e: 1e18 };

function finite(n: number): number | undefined {
  return Number.isFinite(n) ? n : undefined;
}

function parsePlainNumber(text: string): number | undefined {
  const s = text.trim().replace(/,/g, '');
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(s)) return undefined;
  return finite(Number(s));
}

/** "100TH", "1.2 PH/s", "950EH" → TH/s. A bare number is taken as TH/s only from typed options. */
/** "110TH", "1.2PH/s"; a number alone under the name hashrate (`hashrate=100`, Discord's `hashrate: 100`) is TH/s. */
function parseHashrate(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*([kmgtpe])?h?(?:\/s)?$/i.exec(text.trim());
  if (!m) return undefined;
  if (!m[2] && /h/i.test(text)) return undefined; // "100H": no unit prefix is not TH
  const hs = Number(m[1]) * SI[(m[2] ?? 't').toLowerCase()]!;
  return finite(hs / 1e12);
}

function parsePower(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(k|m)?w$/i.exec(text.trim());
  if (m) return finite(Number(m[1]) * (m[2] ? SI[m[2].toLowerCase()]! : 1));
  return undefined;
}

function parseEfficiency(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(?:j\/th|w\/th)?$/i.exec(text.trim());
  return m ? finite(Number(m[1])) : undefined;
}

function parseElectricity(text: string): number | undefined {
  const m = /^[$€£¥]?(\d+(?:\.\d+)?|\.\d+)(?:\s*\/\s*kwh)?$/i.exec(text.trim());
  return m ? finite(Number(m[1])) : undefined;
}

/** "2%", "2" → 0.02; "-1.5%" → -0.015. */
function parsePercent(text: string): number | undefined {
  const m = /^([+-]?\d+(?:\.\d+)?)\s*%?(?:\s*\/\s*(?:mo|month))?$/i.exec(text.trim());
  return m ? finite(Number(m[1]) / 100) : undefined;
}

/** "3500", "3.5k", "1,200", "$3500" → number. */
function parseMoney(text: string): number | undefined {
  const m = /^[$€£¥]?(\d+(?:\.\d+)?|\.\d+)\s*(k|m)?$/i.exec(text.trim().replace(/,(?=\d{3}(?:\D|$))/g, ''));
  if (!m) return undefined;
  return finite(Number(m[1]) * (m[2] ? SI[m[2].toLowerCase()]! : 1));
}

/** "150T", "1.5e14", "132757073449487.5" → difficulty. */
function parseDifficulty(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*([kmgtp])?$/i.exec(text.trim());
  if (!m) return undefined;
  return finite(Number(m[1]) * (m[2] ? SI[m[2].toLowerCase()]! : 1));
}

function hintKey(spec: OptionSpec): MessageKey {
  switch (spec.kind) {
    case 'hashrate':
    case 'power':
    case 'efficiency':
    case 'electricity':
    case 'percent':
    case 'number':
    case 'integer':
    case 'money':
    case 'difficulty':
    case 'choice':
    case 'currency':
    case 'model':
    case 'days':
    case 'text':
    case 'growth':
      return `hint.${spec.kind}`;
  }
}

function hintParams(spec: OptionSpec, currency: string, lang: Lang): MessageParams {
  const pct = spec.kind === 'percent' || spec.kind === 'growth';
  const scale = (n: number | undefined): string =>
    n === undefined ? '' : pct ? `${+(n * 100).toFixed(4)}%` : String(n);
  const max =
    spec.kind === 'electricity'
      ? ELECTRICITY_MAX[(CURRENCIES as readonly string[]).includes(currency) ? (currency as Currency) : 'usd']
      : spec.max;
  return {
    min: scale(spec.min),
    max: scale(max),
    currency: currency.toUpperCase(),
    list: fmtList(spec.kind === 'currency' ? CURRENCIES : (spec.choices ?? []), lang),
  };
}

/** The accepted form of an option, in the user's language. */
export function optionHint(spec: OptionSpec, lang: Lang, currency = 'usd'): string {
  return format(lang, hintKey(spec), hintParams(spec, currency, lang));
}

function invalid(spec: OptionSpec, raw: unknown, lang: Lang, currency: string): UserError {
  return new UserError('error.invalid', {
    name: spec.name,
    value: String(raw).slice(0, 60),
    hint: optionHint(spec, lang, currency),
  });
}

function outOfRange(spec: OptionSpec, raw: unknown, lang: Lang, currency: string): UserError {
  return new UserError('error.range', {
    name: spec.name,
    value: String(raw).slice(0, 60),
    hint: optionHint(spec, lang, currency),
  });
}

/** Parses one value for one option. `currency` bounds electricity prices. */
export function parseOptionValue<O extends OptionSpec>(
  spec: O,
  raw: string | number | boolean,
  lang: Lang,
  currency = 'usd',
): ValueOf<O> {
  // parseValue returns what the spec's kind reads (a number, a choice, a preset…): its typed view.
  return parseValue(spec, raw, lang, currency) as ValueOf<O>;
}

function parseValue(spec: OptionSpec, raw: string | number | boolean, lang: Lang, currency: string): OptionValue {
  const text = typeof raw === 'string' ? raw.trim() : String(raw);
  let n: number | undefined;
  switch (spec.kind) {
    case 'text':
      if (spec.max !== undefined && text.length > spec.max)
        throw outOfRange(spec, text.slice(0, 20) + '…', lang, currency);
      return text;
    case 'choice': {
      const v = text.toLowerCase();
      if (!spec.choices?.includes(v)) throw invalid(spec, raw, lang, currency);
      return v;
    }
    case 'currency': {
      const v = currencyOf(text);
      if (!v) throw invalid(spec, raw, lang, currency);
      return v;
    }
    case 'model': {
      if (!spec.models) throw new Error(`option ${spec.name}: a model option needs its catalog (spec.models)`);
      const m = spec.models.find(text);
      if (!m) {
        const s = spec.models.suggest(text);
        throw new UserError('error.unknownModel', {
          value: text.slice(0, 40),
          suggestions: s.length
            ? t(lang, 'error.didYouMean', {
                list: fmtList(
                  s.map((x) => x.id),
                  lang,
                ),
              })
            : '',
        });
      }
      return m;
    }
    case 'hashrate':
      n = typeof raw === 'number' ? raw : parseHashrate(text);
      break;
    case 'power':
      n = typeof raw === 'number' ? raw : parsePower(text);
      break;
    case 'efficiency':
      n = typeof raw === 'number' ? raw : parseEfficiency(text);
      break;
    case 'electricity':
      n = typeof raw === 'number' ? raw : parseElectricity(text);
      break;
    case 'percent':
    case 'growth': {
      // One rule for every percent option: a bare fraction (0.02, 0.98) could mean 2 % or 0.02 %, so
      // it is refused with the same hint everywhere instead of being read two ways.
      const bare = typeof raw !== 'number' && /^\+?0?\.\d+$/.test(text.trim());
      if (bare) {
        const asPct = Number(text) * 100;
        throw new UserError('error.ambiguousPercent', {
          name: spec.name,
          value: text.trim().slice(0, 20),
          example: `${spec.name}=${Number(asPct.toPrecision(6))}%`,
        });
      }
      n = typeof raw === 'number' ? raw / 100 : parsePercent(text);
      break;
    }
    case 'money':
      n = typeof raw === 'number' ? raw : parseMoney(text);
      break;
    case 'difficulty':
      n = typeof raw === 'number' ? raw : parseDifficulty(text);
      break;
    case 'number':
      n = typeof raw === 'number' ? raw : parsePlainNumber(text);
      break;
    case 'integer':
    case 'days':
      if (spec.kind === 'days' && spec.choices?.includes(text.toLowerCase().replace(/^(永久|终身)$/, 'lifetime'))) {
        return 'lifetime';
      }
      n = typeof raw === 'number' ? raw : parsePlainNumber(text);
      if (n !== undefined && !Number.isInteger(n)) n = undefined;
      break;
  }
  if (n === undefined || !Number.isFinite(n)) throw invalid(spec, raw, lang, currency);
  const max =
    spec.kind === 'electricity'
      ? ELECTRICITY_MAX[(CURRENCIES as readonly string[]).includes(currency) ? (currency as Currency) : 'usd']
      : spec.max;
  const min = spec.min ?? (spec.kind === 'growth' ? -Infinity : 0);
  const positiveOnly = spec.kind === 'hashrate' || spec.kind === 'power' || spec.kind === 'difficulty';
  if (n < min || (max !== undefined && n > max) || (positiveOnly && n <= 0)) {
    throw outOfRange(spec, raw, lang, currency);
  }
  return n;
}

export function findSpec(command: CommandSpec, key: string): OptionSpec | undefined {
  return command.options.find((o) => o.name === key || o.aliases?.includes(key));
}

/** Raw input from an adapter: argument text, typed options, or both (typed options win). */
export interface RawInput {
  text?: string;
  options?: Readonly<Record<string, string | number | boolean | undefined>>;
}

/**
 * parseArgs, except that a bare token shaped like a model name (`s19jpr`) that is none, on a command
 * taking a model, is answered like `model=s19jpr`: with the presets it is closest to.
 */
function parseArgsOrModel(text: string, command: CommandSpec, lang: Lang): ReturnType<typeof parseArgs> {
  const model = command.options.find((o) => o.kind === 'model');
  try {
    return parseArgs(text, model?.models);
  } catch (err) {
    const token = err instanceof UserError && err.code === 'error.unknownArgument' ? String(err.params.token) : '';
    if (model?.models && /^[a-z]{1,3}\d{2}/i.test(token) && model.models.suggest(token).length)
      parseOptionValue(model, token, lang); // throws error.unknownModel with the suggestions
    throw err;
  }
}

/** Turns raw input into validated options for a command; every problem is a UserError. */
export function readOptions<S extends readonly OptionSpec[]>(
  command: CommandSpec<S>,
  input: RawInput,
  lang: Lang,
): OptionsOf<S> {
  const raw = new Map<string, string | number | boolean>();
  /** Options filled by a number alone (`yield 100`): out of range, it was probably meant as something else. */
  const bare = new Set<string>();
  const put = (spec: OptionSpec, value: string | number | boolean, fromText: boolean): void => {
    const prev = raw.get(spec.name);
    if (prev !== undefined && fromText) {
      throw new UserError('error.duplicate', { name: spec.name, first: String(prev), second: String(value) });
    }
    raw.set(spec.name, value);
  };
  const greedy = command.options.find((o) => o.greedy);
  if (greedy && input.text && input.text.trim()) {
    if (input.text.length > MAX_INPUT_LENGTH) {
      throw new UserError('error.inputTooLong', { length: input.text.length, max: MAX_INPUT_LENGTH });
    }
    raw.set(greedy.name, input.text.trim());
  } else if (input.text && input.text.trim()) {
    const parsed = parseArgsOrModel(input.text, command, lang);
    for (const { key, value } of parsed.named) {
      if (key === 'lang' || key === 'json') continue; // surface flags, read by the adapter
      const spec = findSpec(command, key);
      if (!spec) {
        throw new UserError('error.unknownOption', {
          name: key.slice(0, 40),
          list: fmtList(
            command.options.map((o) => o.name),
            lang,
          ),
        });
      }
      put(spec, value, true);
    }
    for (const { kind, value } of parsed.positional) {
      const spec = command.options.find((o) => o.positional === kind);
      if (!spec) throw new UserError('error.unknownArgument', { token: value.slice(0, 60) });
      put(spec, value, true);
      if (kind === 'electricity' && /^\d+(?:\.\d+)?$/.test(value)) bare.add(spec.name);
    }
  }
  for (const [key, value] of Object.entries(input.options ?? {})) {
    if (value === undefined || value === '') continue;
    const spec = findSpec(command, key);
    if (!spec)
      throw new UserError('error.unknownOption', {
        name: key.slice(0, 40),
        list: fmtList(
          command.options.map((o) => o.name),
          lang,
        ),
      });
    raw.set(spec.name, value);
  }
  // Currency first: electricity bounds depend on it.
  const out: Record<string, OptionValue> = {};
  const currencySpec = command.options.find((o) => o.kind === 'currency');
  let currency = 'usd';
  if (currencySpec && raw.has(currencySpec.name)) {
    currency = parseOptionValue(currencySpec, raw.get(currencySpec.name)!, lang) as string;
    out[currencySpec.name] = currency;
  }
  for (const spec of command.options) {
    if (spec === currencySpec) continue;
    const value = raw.get(spec.name);
    if (value === undefined) {
      if (spec.required) {
        throw new UserError('error.missing', { name: spec.name, hint: optionHint(spec, lang, currency) });
      }
      continue;
    }
    try {
      out[spec.name] = parseOptionValue(spec, value, lang, currency);
    } catch (err) {
      if (
        err instanceof UserError &&
        err.code === 'error.range' &&
        bare.has(spec.name) &&
        typeof value === 'string' &&
        !raw.has('hashrate') &&
        !raw.has('model')
      )
        throw new UserError('error.bareNumber', { value: value.slice(0, 20), hint: optionHint(spec, lang, currency) });
      throw err;
    }
  }
  // Every value was parsed by its spec's kind and every required one is present: the typed view.
  return out as OptionsOf<S>;
}

/**
 * `key=value` words after an action word (`alert hashprice below=45 currency=eur`, `news-digest
 * currency=eur hours=48`), each read by its own option's spec over the options already typed; any
 * other word is `invalid(word)`.
 */
export function withKeyValues<S extends readonly OptionSpec[]>(
  base: OptionsOf<S>,
  specs: S,
  words: readonly string[],
  lang: Lang,
  invalid: (word: string) => UserError,
): OptionsOf<S> {
  const merged: Record<string, OptionValue> = { ...(base as Record<string, OptionValue>) };
  for (const word of words) {
    const m = /^([a-z_]+)=(.*)$/i.exec(word);
    const spec = m ? specs.find((s) => s.name === m[1]!.toLowerCase() && !s.greedy) : undefined;
    if (!m || !spec) throw invalid(word);
    merged[spec.name] = parseOptionValue(spec, m[2]!, lang);
  }
  // every value was parsed by its own spec: the typed view
  return merged as OptionsOf<S>;
}
