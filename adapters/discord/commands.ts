// Slash commands generated from the core specs: any core command appears here automatically.
// Rules: https://discord.com/developers/docs/interactions/application-commands (name regex
// ^[-_\p{L}\p{N}]{1,32}$, lower case, descriptions 1–100, at most 25 options, required options first).
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandSpec, OptionSpec } from '../../commands/index.js';
import { localized, t, type Lang, type LocalizedText } from '../../commands/core/messages.js';
import { truncate } from './render.js';

export const NAME_PATTERN = /^[-_\p{L}\p{N}]{1,32}$/u;
export const DESCRIPTION_MAX = 100;
export const OPTIONS_MAX = 25;

/** Chinese command names shown in zh-CN and zh-TW clients (platform data; the command name stays the id). */
export const ZH_COMMAND_NAMES: Readonly<Record<string, { 'zh-CN': string; 'zh-TW': string }>> = {
  yield: { 'zh-CN': '收益', 'zh-TW': '收益' },
  'break-even': { 'zh-CN': '回本', 'zh-TW': '回本' },
  'provider-check': { 'zh-CN': '云算力检查', 'zh-TW': '雲算力檢查' },
  'news-digest': { 'zh-CN': '矿业简报', 'zh-TW': '礦業簡報' },
  chart: { 'zh-CN': '图表', 'zh-TW': '圖表' },
  alert: { 'zh-CN': '提醒', 'zh-TW': '提醒' },
  rig: { 'zh-CN': '矿机', 'zh-TW': '礦機' },
  help: { 'zh-CN': '帮助', 'zh-TW': '幫助' },
};

/** Discord's locales for our reply languages: zh-CN clients read 简体, zh-TW clients 繁體. */
function localizations(text: LocalizedText): { 'zh-CN': string; 'zh-TW': string } {
  return {
    'zh-CN': truncate(localized(text, 'zh-Hans'), DESCRIPTION_MAX),
    'zh-TW': truncate(localized(text, 'zh-Hant'), DESCRIPTION_MAX),
  };
}

/** The free-text option on every command: the console syntax, for power users. */
export const ARGS_OPTION = 'args';

type Built = APIApplicationCommandBasicOption;

/** How each kind of core option is typed in Discord. Percentages are entered as numbers of percent. */
function toOption(spec: OptionSpec): Built {
  const base = {
    name: spec.name,
    description: truncate(spec.description.en, DESCRIPTION_MAX),
    description_localizations: localizations(spec.description),
    required: spec.required ?? false,
  };
  const pct = (n: number | undefined): number | undefined =>
    n === undefined ? undefined : Math.round(n * 100 * 1e6) / 1e6;
  const bounds = (min: number | undefined, max: number | undefined) => ({
    ...(min !== undefined && Number.isFinite(min) ? { min_value: min } : {}),
    ...(max !== undefined && Number.isFinite(max) ? { max_value: max } : {}),
  });
  switch (spec.kind) {
    case 'power':
    case 'efficiency':
    case 'electricity':
    case 'money':
    case 'number':
      return {
        ...base,
        type: ApplicationCommandOptionType.Number,
        ...bounds(spec.min ?? 0, spec.kind === 'electricity' ? undefined : spec.max),
      };
    case 'percent':
    case 'growth':
      return { ...base, type: ApplicationCommandOptionType.Number, ...bounds(pct(spec.min), pct(spec.max)) };
    case 'days':
      // "lifetime" is a word, so a days option with choices is typed as text.
      if (spec.choices?.length) return { ...base, type: ApplicationCommandOptionType.String, max_length: 10 };
      return { ...base, type: ApplicationCommandOptionType.Integer, ...bounds(spec.min, spec.max) };
    case 'integer':
      return { ...base, type: ApplicationCommandOptionType.Integer, ...bounds(spec.min, spec.max) };
    case 'choice':
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        choices: (spec.choices ?? []).slice(0, 25).map((c) => ({ name: c, value: c })),
      };
    case 'model':
    case 'currency':
      return { ...base, type: ApplicationCommandOptionType.String, autocomplete: true };
    case 'hashrate':
    case 'difficulty':
    case 'text':
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        ...(spec.max !== undefined && spec.kind === 'text' ? { max_length: Math.min(6000, spec.max) } : {}),
      };
  }
}

/**
 * The examples of one command as its `args` take them: for a subcommand, the examples that start with
 * its name, without the name (Discord gives the name); for the default one (the first), also those
 * that start with no subcommand's name.
 */
function argsExamples(cmd: CommandSpec, sub = 0): string[] {
  const subs = (cmd.subcommands ?? []).map((s) => s.name);
  return cmd.examples.flatMap((e) => {
    const [first = '', ...rest] = e.trim().split(/\s+/);
    if (subs.length && first.toLowerCase() === subs[sub]) return rest.length ? [rest.join(' ')] : [];
    if (sub === 0 && first && !subs.includes(first.toLowerCase())) return [e.trim()];
    return [];
  });
}

/**
 * The `args` option, described with an example of that command or subcommand (the first one that
 * fits Discord's 100 characters), so `/chart args` shows a chart and `/provider-check args` an offer;
 * without one, the subcommand's own description.
 */
function argsOptionFor(cmd: CommandSpec, sub = 0, fallback?: LocalizedText): Built {
  const own = argsExamples(cmd, sub);
  const describe = (lang: Lang): string => {
    const fits = own
      .map((example) => t(lang, 'discord.args', { example }))
      .find((d) => [...d].length <= DESCRIPTION_MAX);
    return fits ?? truncate(fallback ? localized(fallback, lang) : t(lang, 'discord.argsPlain'), DESCRIPTION_MAX);
  };
  return {
    name: ARGS_OPTION,
    type: ApplicationCommandOptionType.String,
    description: describe('en'),
    description_localizations: { 'zh-CN': describe('zh-Hans'), 'zh-TW': describe('zh-Hant') },
    required: false,
    max_length: 2000,
  };
}

function typedOptions(cmd: CommandSpec, only?: readonly string[], sub = 0, fallback?: LocalizedText): Built[] {
  const typed = cmd.options.filter((o) => !o.greedy && (!only || only.includes(o.name)));
  const options: Built[] = [...typed.map(toOption), argsOptionFor(cmd, sub, fallback)];
  // Discord rejects optional options listed before required ones.
  return options.sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false));
}

/** Subcommands: the first carries the typed options; the others take their words in `args`. */
function subcommandOptions(cmd: CommandSpec): RESTPostAPIChatInputApplicationCommandsJSONBody['options'] {
  return (cmd.subcommands ?? []).map((sub, k) => ({
    type: ApplicationCommandOptionType.Subcommand,
    name: sub.name,
    description: truncate(sub.description.en, DESCRIPTION_MAX),
    description_localizations: localizations(sub.description),
    options: sub.options
      ? typedOptions(cmd, sub.options, k, sub.description)
      : k === 0
        ? typedOptions(cmd, undefined, 0, sub.description)
        : [argsOptionFor(cmd, k, sub.description)],
  }));
}

/**
 * Where a command can be installed and used (https://discord.com/developers/docs/interactions/application-commands#contexts):
 * commands that answer the asker (yield, break-even, provider-check, chart, the digest view, rig, help)
 * also come with a user install, so a member can run them in any DM, group DM or server, the bot a
 * member there or not (answers are then interaction responses only). Commands about what the bot posts
 * in a chat (alerts) come only with the bot: servers and the bot's DMs.
 */
export function installContexts(
  cmd: CommandSpec,
): Pick<RESTPostAPIChatInputApplicationCommandsJSONBody, 'integration_types' | 'contexts'> {
  return cmd.needsChat
    ? {
        integration_types: [ApplicationIntegrationType.GuildInstall],
        contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
      }
    : {
        integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
        contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
      };
}

export function toDiscordCommand(cmd: CommandSpec): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const options = cmd.subcommands?.length ? subcommandOptions(cmd)! : typedOptions(cmd);
  const zh = ZH_COMMAND_NAMES[cmd.name];
  return {
    type: ApplicationCommandType.ChatInput,
    name: cmd.name,
    ...installContexts(cmd),
    // Visible to every member: viewing (news-digest show/status, note list) is for everyone. The actions
    // that change community settings (subscribe, unsubscribe, note add/remove) are checked at run time
    // against Manage Channels and refused with a message naming the permission.
    ...(zh ? { name_localizations: zh } : {}),
    description: truncate(cmd.description.en, DESCRIPTION_MAX),
    description_localizations: localizations(cmd.description),
    options: options.slice(0, OPTIONS_MAX),
  };
}

export function toDiscordCommands(commands: readonly CommandSpec[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map(toDiscordCommand);
}
