// The one entry point: adapters, the console, the CLI, the scheduler and the tests all call dispatch().
import type { CommandSpec, Context, Reply } from './types.js';
import type { Deps } from './ports.js';
import { DataUnavailableError, UserError } from './errors.js';
import { t, type MessageKey } from './messages.js';
import { readOptions, type RawInput } from './options.js';

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
export function userErrorMessage(err: UserError, lang: Context['lang']): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(err.params)) {
    params[k] = typeof v === 'string' && isMessageKey(v) ? t(lang, v) : v;
  }
  return t(lang, err.code, params);
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

/** Runs a command by name with raw input. Never throws: every failure becomes a Reply. */
export async function dispatchWith(
  commands: readonly CommandSpec[],
  name: string,
  input: RawInput,
  ctx: Context,
  deps: Deps,
): Promise<Reply> {
  const { lang } = ctx;
  try {
    const command = findCommand(commands, name);
    if (!command) {
      throw new UserError('error.unknownCommand', {
        name: name.slice(0, 40),
        list: commands.map((c) => c.name).join(', '),
      });
    }
    const length = inputLength(input);
    if (length > INPUT_MAX) throw new UserError('error.tooLong', { length, max: INPUT_MAX });
    const options = readOptions(command, input, lang);
    return await command.run(options, ctx, deps);
  } catch (err) {
    if (err instanceof UserError) return errorReply('user-error', userErrorMessage(err, lang), err.code);
    if (err instanceof DataUnavailableError) {
      deps.logger.warn('data unavailable', { command: name, datum: err.datum, attempts: err.attempts });
      return errorReply(
        'unavailable',
        err.datum === 'block height'
          ? t(lang, 'error.dataUnavailableHeight', { attempts: err.attempts.join('; ') })
          : t(lang, 'error.dataUnavailable', { datum: err.datum, attempts: err.attempts.join('; ') }),
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
