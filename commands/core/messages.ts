// The catalog of user-facing text: English (messages/en.ts, the source), 简体中文 (messages/zh-hans.ts)
// and 繁體中文 (messages/zh-hant.ts, derived from 简体 with OpenCC's Taiwan phrases plus reviewed
// overrides; `npm run i18n` regenerates it). `t()` fills the `{name}` placeholders.
import { en } from './messages/en.js';
import { zhHans } from './messages/zh-hans.js';
import { zhHant, zhHantTexts } from './messages/zh-hant.js';
import type { Catalog, MessageKey, MessageParams, ParamArgs } from './messages/catalog.js';

export type { Catalog, MessageKey, MessageParams, ParamsOf, ParamName } from './messages/catalog.js';

/** Reply languages: English, Simplified Chinese, Traditional Chinese. */
export type Lang = 'en' | 'zh-Hans' | 'zh-Hant';
export const LANGS: readonly Lang[] = ['en', 'zh-Hans', 'zh-Hant'];

/** Whether a reply language is Chinese (either script). */
export function isChinese(lang: Lang): boolean {
  return lang !== 'en';
}

/** The BCP 47 locale numbers and dates are formatted in. */
export function intlLocale(lang: Lang): string {
  return lang === 'en' ? 'en-US' : lang === 'zh-Hans' ? 'zh-CN' : 'zh-TW';
}

const catalogs: Record<Lang, Catalog> = { en, 'zh-Hans': zhHans, 'zh-Hant': zhHant };

/** A text written in the command specs and data as `{ en, zh }` (zh in 简体), in a reply language. */
export interface LocalizedText {
  en: string;
  zh: string;
}

/** A spec's or data table's `{ en, zh }` text in `lang` (繁體 from the generated table). */
export function localized(text: LocalizedText, lang: Lang): string {
  if (lang === 'en') return text.en;
  if (lang === 'zh-Hans') return text.zh;
  return zhHantTexts[text.zh] ?? text.zh;
}

/** Templates split once, per language (no key string built per call: this is on every reply's path). */
const compiled: Record<Lang, Map<string, string[]>> = { en: new Map(), 'zh-Hans': new Map(), 'zh-Hant': new Map() };

interface CommandStyleLike {
  prefix: string;
  separator: string;
}
const CONSOLE_STYLE: CommandStyleLike = { prefix: '', separator: '-' };

/** A command invocation in a surface's style (`{cmd_break_even}` → `/break_even` on Telegram). */
export function invocation(name: string, style: CommandStyleLike = CONSOLE_STYLE): string {
  return `${style.prefix}${name.replace(/[-_]/g, style.separator)}`;
}

/**
 * A message with its parameters filled in; the compiler checks the parameters against the English
 * text. `{cmd_<name>}` placeholders need no parameter: they become that command as the surface's users
 * type it (`style`, console by default).
 */
export function t<K extends MessageKey>(lang: Lang, key: K, ...args: ParamArgs<K, [style?: CommandStyleLike]>): string {
  const [params, style] = args as unknown as [MessageParams | undefined, CommandStyleLike | undefined];
  return format(lang, key, params ?? {}, style);
}

/**
 * `t()` for a key chosen at run time from data (a finding's message, a hint): the parameters cannot be
 * checked by the compiler, so the language test renders every such key with its real parameters.
 */
export function format(lang: Lang, key: MessageKey, params: MessageParams, style?: CommandStyleLike): string {
  const byKey = compiled[lang];
  let parts = byKey.get(key);
  if (!parts) {
    // Even indexes are literal text, odd indexes placeholder names (split with a capture group).
    parts = catalogs[lang][key].split(/\{(\w+)\}/);
    byKey.set(key, parts);
  }
  if (parts.length === 1) return parts[0]!;
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 0) out += part;
    else {
      const v = params[part];
      if (v !== undefined) out += String(v);
      else if (part.startsWith('cmd_')) out += invocation(part.slice(4), style);
      else out += `{${part}}`;
    }
  }
  return out;
}

/**
 * Maps a platform locale or a typed language to a reply language: Traditional for zh-TW, zh-HK, zh-MO
 * and zh-Hant (any case, `-` or `_`), Simplified for every other Chinese tag (zh, zh-CN, zh-SG,
 * zh-Hans), English otherwise.
 */
export function langFromLocale(locale: string | undefined | null): Lang {
  if (!locale || !/^zh(?:$|[-_])/i.test(locale)) return 'en';
  return /^zh[-_](?:hant|tw|hk|mo)(?:$|[-_])/i.test(locale) ? 'zh-Hant' : 'zh-Hans';
}

/** A typed language (`en`, `zh`, `zh-TW`, `zh-Hant` …), or undefined when it names none of ours. */
export function parseLang(value: string): Lang | undefined {
  const v = value.trim();
  if (/^en(?:$|[-_][a-z]{2,4}$)/i.test(v)) return 'en';
  if (/^zh(?:$|[-_](?:hans|hant|cn|sg|tw|hk|mo)(?:$|[-_][a-z]{2,4}$))/i.test(v)) return langFromLocale(v);
  return undefined;
}

export const LANG_HINT = 'en, zh (简体), zh-TW (繁體)';
