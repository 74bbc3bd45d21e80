// Telegram command names allow only a-z, 0-9 and _ (1–32 characters; descriptions 1–256):
// https://core.telegram.org/bots/api#botcommand. The mapping is data, proven valid by a test.
import type { CommandSpec } from '../../commands/index.js';
import { localized, t, type Lang } from '../../commands/core/messages.js';

export const TELEGRAM_NAME = /^[a-z0-9_]{1,32}$/;
export const TELEGRAM_DESCRIPTION_MAX = 256;

/** `break-even` → `break_even`. */
export function telegramName(coreName: string): string {
  return coreName.replace(/-/g, '_');
}

/** The list for setMyCommands in one language (help comes from the core). */
export function botCommands(
  commands: readonly CommandSpec[],
  lang: Lang,
): Array<{ command: string; description: string }> {
  return [
    { command: 'start', description: t(lang, 'tg.start') },
    ...commands.map((c) => ({
      command: telegramName(c.name),
      description: localized(c.description, lang).slice(0, TELEGRAM_DESCRIPTION_MAX),
    })),
  ];
}

/** "/yield s21xp 0.05 pool_fee=2%": the first example, as a usage line. */
export function usageLine(spec: CommandSpec): string {
  return `/${telegramName(spec.name)} ${spec.examples[0] ?? ''}`.trim();
}
