// The one entry point: adapters, the console, the CLI, the scheduler and the tests all call dispatch().
import type { CommandSpec, Context, Reply } from './types.js';
import type { Deps } from './ports.js';
import { DataUnavailableError, UserError } from './errors.js';
import { format, invocation, parseLang, t, type MessageKey } from './messages.js';
import { editDistance } from './text.calc.js';
import { findSpec, readOptions, type RawInput } from './options.js';
import { parseArgs } from './args.js';
import { rigOwner } from './owner.js';
import { fmtAttempts, fmtDatum, fmtList } from './format.js';

/** Accepted spellings of command names (Telegram cannot use '-'; people type without it). */
function normalizeName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/^\//, '')
    .replace(/_/g, '-')
    .replace(/^breakeven$/, 'break-even');
}

export function findCommand(commands: readonly CommandSpec[], name: string): CommandSpec | undefined {
  const n = normalizeName(name);
  return commands.find((c) => c.name === n);
}

function isMessageKey(value: string): value is MessageKey {
  return /^hint\.[a-zA-Z]+$/.test(value);
}

/** A UserError's text in the user's language; params that name a hint are translated too. */
export function userErrorMessage(err: UserError, ctx: Pick<Context, 'lang' | 'commandStyle'>): string {
  const { lang, commandStyle: style } = ctx;
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(err.params)) {
    params[k] = typeof v === 'string' && isMessageKey(v) ? format(lang, v, {}, style) : v;
  }
  return format(lang, err.code, params, style);
}

function errorReply(kind: Reply['kind'], message: string, code: string, ref?: string): Reply {
  return {
    kind,
    title: message,
    tone: 'error',
    fields: [],
    lines: [],
    errorCode: code,
    ...(ref ? { ref } : {}),
    json: { error: { code, message, ...(ref ? { ref } : {}) } },
  };
}

/** Longest input read (Discord allows 6,000 characters in a message, Telegram 4,096). */
export const INPUT_MAX = 8000;

function inputLength(input: RawInput): number {
  let n = input.text?.length ?? 0;
  for (const v of Object.values(input.options ?? {})) if (typeof v === 'string') n += v.length;
  return n;
}

function newRef(): string {
  return Math.random().toString(36).slice(2, 8);
}

/** `lang=zh-TW` / `--lang zh` anywhere in the text: the reply language on every surface. */
const LANG_TOKEN = /(?:^|\s)(?:--lang(?:=|\s+)|lang=)(\S{1,40})(?=\s|$)/i;

/** The input without its language token, the context in that language, and a token naming none. */
function withLang(input: RawInput, ctx: Context): [RawInput, Context, string | undefined] {
  const m = input.text ? LANG_TOKEN.exec(input.text) : null;
  if (!m || input.text === undefined) return [input, ctx, undefined];
  const text = (input.text.slice(0, m.index) + input.text.slice(m.index + m[0].length)).trim();
  const lang = parseLang(m[1]!);
  return [{ ...input, text }, lang ? { ...ctx, lang } : ctx, lang ? undefined : m[1]];
}

/** The option a token stands for (`pool_fee=2%` → pool_fee, `100TH` → hashrate). */
function optionOf(command: CommandSpec, token: { key: string } | { kind: string }): string | undefined {
  return 'key' in token
    ? findSpec(command, token.key)?.name
    : command.options.find((o) => o.positional === token.kind)?.name;
}

const MACHINE = ['model', 'hashrate', 'count', 'power', 'efficiency'];

/**
 * `rig=garage`: the user's saved rig under what they typed, option by option (what was typed wins; a
 * typed model or hashrate replaces the rig's whole machine).
 */
async function withSavedRig(command: CommandSpec, input: RawInput, ctx: Context, deps: Deps): Promise<RawInput> {
  // Mining commands only (alert margin takes rig= as the rig to watch, not as arguments).
  if (!command.options.some((o) => o.name === 'rig') || !command.options.some((o) => o.name === 'hashrate'))
    return input;
  // Only when a rig is named: the text is parsed (and its errors reported) by readOptions otherwise.
  if (!/(^|\s)rig=/i.test(input.text ?? '') && !input.options?.rig) return input;
  const models = command.options.find((o) => o.kind === 'model')?.models;
  const typed = input.text ? parseArgs(input.text, models) : { named: [], positional: [] };
  const named = typed.named.find((n) => n.key === 'rig')?.value;
  const name = (typeof input.options?.rig === 'string' && input.options.rig) || named;
  if (!name) return input;
  if (!deps.rigs) throw new UserError('rig.unavailable');
  const rig = await deps.rigs.getRig(rigOwner(ctx), name.toLowerCase());
  if (!rig) throw new UserError('rig.missing', { name: name.slice(0, 24) });
  const given = new Set<string>();
  for (const tok of [...typed.named, ...typed.positional]) {
    const o = optionOf(command, tok);
    if (o && o !== 'rig') given.add(o);
  }
  for (const [k, v] of Object.entries(input.options ?? {}))
    if (v !== undefined && v !== '' && k !== 'rig') given.add(k);
  const saved = parseArgs(rig.args, models);
  const fromRig: Record<string, string> = {};
  for (const tok of [...saved.named, ...saved.positional]) {
    const o = optionOf(command, tok);
    if (o) fromRig[o] = tok.value;
  }
  const machineTyped = given.has('model') || given.has('hashrate');
  const kept = Object.entries(fromRig).filter(([k]) => !given.has(k) && !(machineTyped && MACHINE.includes(k)));
  const typedOptions = Object.fromEntries(Object.entries(input.options ?? {}).filter(([k]) => k !== 'rig'));
  return {
    text: (input.text ?? '').replace(/(^|\s)rig=("[^"]*"|\S+)/i, ' ').trim(),
    options: { ...Object.fromEntries(kept), ...typedOptions },
  };
}

/**
 * Runs a command by name with raw input. Never throws: every failure becomes a Reply, marked with the
 * language it is written in (renderers punctuate by it).
 */
export async function dispatchWith(
  commands: readonly CommandSpec[],
  name: string,
  rawInput: RawInput,
  rawCtx: Context,
  deps: Deps,
): Promise<Reply> {
  const reply = await dispatchOnce(commands, name, rawInput, rawCtx, deps);
  return { ...reply, lang: withLang(rawInput, rawCtx)[1].lang };
}

async function dispatchOnce(
  commands: readonly CommandSpec[],
  name: string,
  rawInput: RawInput,
  rawCtx: Context,
  deps: Deps,
): Promise<Reply> {
  const [input, ctx, badLang] = withLang(rawInput, rawCtx);
  const { lang } = ctx;
  try {
    if (badLang !== undefined)
      throw new UserError('error.invalid', { name: 'lang', value: badLang, hint: 'hint.lang' });
    const command = findCommand(commands, name);
    if (!command) {
      const typed = normalizeName(name);
      const near = commands.find((c) => editDistance(c.name, typed) <= 2 || c.name.replace(/-/g, '') === typed);
      throw new UserError('error.unknownCommand', {
        name: name.slice(0, 40),
        suggestion: near ? t(lang, 'error.didYouMean', { list: invocation(near.name, ctx.commandStyle) }) : '',
        list: fmtList(
          commands.map((c) => invocation(c.name, ctx.commandStyle)),
          lang,
        ),
      });
    }
    const length = inputLength(input);
    if (length > INPUT_MAX) throw new UserError('error.tooLong', { length, max: INPUT_MAX });
    const options = readOptions(command, await withSavedRig(command, input, ctx, deps), lang);
    return await command.run(options, ctx, deps);
  } catch (err) {
    if (err instanceof UserError) return errorReply('user-error', userErrorMessage(err, ctx), err.code);
    if (err instanceof DataUnavailableError) {
      deps.logger.warn('data unavailable', { command: name, datum: err.datum, attempts: err.attempts });
      return errorReply(
        'unavailable',
        err.datum === 'height'
          ? t(lang, 'error.dataUnavailableHeight', { attempts: fmtAttempts(err.attempts, lang) })
          : err.datum === 'history' || err.datum === 'pools'
            ? t(lang, 'error.historyUnavailable', {
                datum: fmtDatum(err.datum, lang),
                attempts: fmtAttempts(err.attempts, lang),
              })
            : t(lang, 'error.dataUnavailable', {
                datum: fmtDatum(err.datum, lang),
                attempts: fmtAttempts(err.attempts, lang),
              }),
        'data.unavailable',
      );
    }
    const ref = newRef();
    deps.logger.error('command failed', {
      ref,
      command: name,
      platform: ctx.platform,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
    return errorReply('internal-error', t(lang, 'error.internal', { ref }), 'internal', ref);
  }
}
