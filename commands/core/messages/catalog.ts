// The catalog's types, read from the English source: every language has the same keys, and each key's
// parameters are the `{name}` placeholders of its English text (`{cmd_<name>}` needs none: it becomes
// the command as the surface's users type it).
import type { en } from './en.js';

export type MessageKey = keyof typeof en;

/** A language's catalog: exactly the English keys. */
export type Catalog = { readonly [K in MessageKey]: string };

type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? (P extends `cmd_${string}` ? never : P) | Placeholders<Rest>
  : never;

/** The parameter names of a message, e.g. `'name' | 'hint'` for `error.missing`. */
export type ParamName<K extends MessageKey> = Placeholders<(typeof en)[K]>;

/** The parameters a message needs: each placeholder, as text or a number already formatted. */
export type ParamsOf<K extends MessageKey> = { readonly [P in ParamName<K>]: string | number };

/** Parameters of a message whose key is chosen at run time (checked by the language test). */
export type MessageParams = Readonly<Record<string, string | number>>;

/** `t(lang, key)` for a message without parameters, `t(lang, key, params)` otherwise. */
export type ParamArgs<K extends MessageKey, Extra extends unknown[] = []> = [ParamName<K>] extends [never]
  ? [params?: Readonly<Record<string, never>>, ...extra: Extra]
  : [params: ParamsOf<K>, ...extra: Extra];
