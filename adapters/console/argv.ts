// Surface flags shared by the CLI and the console: --json and --lang zh (also lang=zh in the args).
import { langFromLocale, parseLang, type Lang } from '../../commands/core/messages.js';

export interface Flags {
  rest: string;
  json: boolean | undefined;
  lang: Lang | undefined;
  /** `--chart out.png`: where to write the reply's chart. */
  chart: string | undefined;
}

/** Removes --json, --lang X / --lang=X and lang=X from a line of text. */
export function splitFlags(line: string): Flags {
  let json: boolean | undefined;
  let lang: Lang | undefined;
  let chart: string | undefined;
  const rest = line
    .replace(/(^|\s)--chart[= ](\S+)(?=\s|$)/g, (_m, _s, v: string) => {
      chart = v;
      return ' ';
    })
    .replace(/(^|\s)--json(?=\s|$)/g, () => {
      json = true;
      return ' ';
    })
    .replace(/(^|\s)(?:--lang[= ]|lang=)(\S+)(?=\s|$)/gi, (_m, _s, v: string) => {
      lang = parseLang(v) ?? langFromLocale(v);
      return ' ';
    })
    .trim();
  return { rest, json, lang, chart };
}

/** Turns argv (quotes already removed by the shell) back into one line of argument text. */
export function argvToText(argv: readonly string[]): string {
  return argv
    .map((a) => {
      if (!/\s/.test(a)) return a;
      const eq = a.indexOf('=');
      return eq > 0 && !/\s/.test(a.slice(0, eq)) ? `${a.slice(0, eq)}="${a.slice(eq + 1)}"` : `"${a}"`;
    })
    .join(' ');
}
