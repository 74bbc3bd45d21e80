import type { Deps } from './ports.js';
import type { Lang, LocalizedText } from './messages.js';

/** How an option's text is read; each kind has one parser in options.ts and one accepted-form hint. */
export type OptionKind =
  | 'hashrate' // TH/s
  | 'power' // W
  | 'efficiency' // J/TH
  | 'electricity' // fiat per kWh
  | 'percent' // stored as a fraction: "2%" → 0.02
  | 'growth' // %/month as a fraction, may be negative
  | 'number'
  | 'integer'
  | 'money' // fiat amount ≥ 0, "3.5k" allowed
  | 'difficulty' // "150T" allowed
  | 'days' // whole days, or `lifetime` where allowed
  | 'model' // ASIC preset
  | 'currency'
  | 'choice'
  | 'text';

/** Kinds a bare positional token can be recognised as (`100TH`, `3250W`, `21.5J/TH`, `0.06`, `s19xp`). */
export type PositionalKind = 'hashrate' | 'power' | 'efficiency' | 'electricity' | 'model';

/** One ASIC model's nameplate figures (the presets are data in commands/mining, not in the core). */
export interface AsicModel {
  id: string;
  name: string;
  vendor: string;
  hashrateThs: number;
  powerW: number;
  efficiencyJth: number;
  released: number;
  confidence: 'high' | 'medium' | 'low';
  source: string;
}

/**
 * Where a `model` option finds its presets. The command spec brings it (commands/mining's
 * ASIC_CATALOG), so the parser knows models without depending on any preset table.
 */
export interface ModelCatalog {
  /** The preset for a user's spelling, or undefined. */
  find(text: string): AsicModel | undefined;
  /** Presets close to a misspelling ("did you mean"). */
  suggest(text: string, limit?: number): readonly AsicModel[];
  /** Presets matching what is typed so far (autocomplete). */
  search(text: string, limit?: number): readonly AsicModel[];
}

/** Text in the specs and data tables: English and 简体 (繁體 is derived; see `localized()`). */
export type { LocalizedText } from './messages.js';

/** One option of a command, declared as data; adapters derive their platform options from it. */
export interface OptionSpec {
  name: string;
  kind: OptionKind;
  description: LocalizedText;
  required?: boolean;
  /** Bounds in the parsed unit (fractions for percent kinds). */
  min?: number;
  max?: number;
  choices?: readonly string[];
  /** A bare token of this kind fills the option (e.g. `100TH` → hashrate). */
  positional?: PositionalKind;
  /** Suggest values while typing (Discord autocomplete). */
  autocomplete?: boolean;
  /** Takes the whole argument text unparsed (e.g. `help yield`). */
  greedy?: boolean;
  /** Other accepted key spellings, e.g. `fee` for `pool_fee`. */
  aliases?: readonly string[];
  /** The presets a `model` option reads (required for that kind). */
  models?: ModelCatalog;
}

/** Parsed option values by option name. */
export type OptionValue = string | number | AsicModel;
export type Options = Readonly<Record<string, OptionValue>>;

/**
 * The parsed value of one option, by its kind (base units: TH/s, W, J/TH, fractions for percents,
 * fiat amounts): a model is its preset, a choice one of its choices, `days` may be `lifetime`.
 */
type ValueOfKind<K, O> = K extends 'model'
  ? AsicModel
  : K extends 'choice'
    ? O extends { choices: readonly (infer C extends string)[] }
      ? C
      : string
    : K extends 'text' | 'currency'
      ? string
      : K extends 'days'
        ? O extends { choices: readonly string[] }
          ? number | 'lifetime'
          : number
        : number;
export type ValueOf<O extends OptionSpec> = ValueOfKind<O['kind'], O>;

/**
 * A command's options as `run` reads them, typed from its spec (declared `as const`): required
 * options are always there, the others may be missing. readOptions() guarantees both at run time.
 */
export type OptionsOf<S extends readonly OptionSpec[]> = {
  readonly [O in S[number] as O extends { required: true } ? O['name'] : never]: ValueOf<O>;
} & {
  readonly [O in S[number] as O extends { required: true } ? never : O['name']]?: ValueOf<O>;
};

/** Who asked, in which language and on which surface. */
export interface Context {
  lang: Lang;
  platform: 'console' | 'cli' | 'discord' | 'telegram' | 'scheduler' | 'test';
  /** Community the request belongs to (notes and subscriptions are kept per scope), e.g. `discord:<guild>`. */
  scope?: string;
  /** Whether the user may change the community's settings (Manage Channels; group admin). */
  canManage?: boolean;
  /**
   * false where the bot is not a member of the chat and can only answer the asker (a Discord user
   * install in a server or group DM without the bot): nothing can be posted or kept for the chat.
   */
  botInChat?: boolean;
  /** The channel or chat the request came from (subscriptions post there). */
  channelId?: string;
  /** Who asked (platform user id), for the record. */
  userId?: string;
  /** How this surface's users type a command (help, hints and examples are written that way). */
  commandStyle?: CommandStyle;
}

/**
 * A surface's command syntax, as data: console `break-even`, Discord `/break-even`, Telegram
 * `/break_even` (Telegram allows only a-z, 0-9 and _ in command names).
 */
export interface CommandStyle {
  prefix: '' | '/';
  separator: '-' | '_';
}

/** A chart the adapters render as a PNG: data only, no drawing in the core (bot/chart.ts draws it). */
export type ChartSpec = BarChartSpec | LineChartSpec;

interface ChartBase {
  /** The language of its text (the renderer picks the fonts and formats numbers and dates by it). */
  lang: Lang;
  title: string;
  subtitle?: string;
  /** A muted line under the chart (source, what the figures mean). */
  footer?: string;
  /** What the image shows, for screen readers (Discord attachment description). */
  alt?: string;
}

/** Horizontal bars, one per label (the digest's regional shares). */
export interface BarChartSpec extends ChartBase {
  kind?: 'bars';
  bars: Array<{ label: string; value: number; color?: string }>;
  /** Unit shown after values, e.g. "%". */
  unit: string;
}

/** How a panel's values are written on its axis. */
export type ChartValueFormat =
  { kind: 'number'; digits: number; suffix?: string } | { kind: 'money'; currency: string };

/** Time series in stacked panels sharing one time axis (x in epoch ms). */
export interface LineChartSpec extends ChartBase {
  kind: 'lines';
  panels: ChartPanel[];
}

export interface ChartPanel {
  /** The panel's heading, e.g. "Hashprice, sats/TH/day". */
  label: string;
  format: ChartValueFormat;
  series: ChartSeries[];
  /** Vertical markers (a halving, the payback day). */
  markers?: Array<{ x: number; label: string }>;
  /** Horizontal reference lines (the hardware cost). */
  levels?: Array<{ y: number; label: string }>;
}

export interface ChartSeries {
  label: string;
  /** [x (epoch ms), y], ascending x. */
  points: ReadonlyArray<readonly [number, number]>;
  /** Drawn as steps (a value that holds until the next point, like difficulty). */
  step?: boolean;
  color?: string;
}

export type Tone = 'info' | 'good' | 'warn' | 'bad' | 'error';

export interface ReplyField {
  name: string;
  /** The value as plain text (the console, JSON, a surface without links). */
  value: string;
  inline?: boolean;
  /** The same value as linked lines, for surfaces that render links (Telegram, Discord). */
  links?: ReadonlyArray<{ text: string; url: string; after?: string }>;
}

/** The neutral reply every adapter renders (vercel/chat style): no markup, no platform limits here. */
export interface Reply {
  /** `ok`; a user input problem (shown privately where possible); live data unavailable; an internal failure. */
  kind: 'ok' | 'user-error' | 'unavailable' | 'internal-error';
  /** The language it is written in (set by dispatch); renderers punctuate by it (`：` in Chinese). */
  lang?: Lang;
  title: string;
  tone: Tone;
  /** The key figure in a few words (inline result titles, notifications). */
  headline?: string;
  fields: ReplyField[];
  lines: string[];
  /** Data age and sources, disclaimers. */
  footnote?: string;
  /** The machine-readable result for `--json`. */
  json?: unknown;
  /** A chart to attach as an image, where the surface can. */
  chart?: ChartSpec;
  /** Error code for user errors, reference id for internal errors. */
  errorCode?: string;
  /** Nothing needs to be sent where a surface may stay quiet (a repeated rate-limit refusal). */
  silent?: boolean;
  ref?: string;
}

/** A command: data plus one function (discord.js template style). */
export interface CommandSpec<S extends readonly OptionSpec[] = readonly OptionSpec[]> {
  name: string;
  description: LocalizedText;
  options: S;
  /**
   * Actions named by the first word of the text (`note`, `subscribe`…). Platforms with native
   * subcommands (Discord) publish one per entry; the first is the default (no word).
   */
  subcommands?: ReadonlyArray<{
    name: string;
    description: LocalizedText;
    /** The typed options this action takes (Discord shows them on its subcommand); default: the first takes all. */
    options?: readonly string[];
  }>;
  /** Some actions change community settings: platforms restrict them (Manage Channels, group admins). */
  managesCommunity?: boolean;
  /**
   * Every action is about what the bot posts in the chat (alerts): offered only where the bot is a
   * member (no Discord user install). Commands without it answer the asker anywhere.
   */
  needsChat?: boolean;
  /** Usage examples in the shared text syntax, without the command name. */
  examples: readonly string[];
  /** Reads its options typed from `options` (see OptionsOf). */
  run(options: OptionsOf<S>, ctx: Context, deps: Deps): Promise<Reply>;
}
