import { UserError } from './errors.js';
import type { Context } from './types.js';

/** Whose saved rigs: the platform's user id (the console, the CLI and tests are one local user). */
export function rigOwner(ctx: Pick<Context, 'platform' | 'userId'>): string {
  const platform = ctx.platform === 'cli' || ctx.platform === 'test' ? 'console' : ctx.platform;
  return `${platform}:${ctx.userId ?? 'local'}`;
}

/**
 * Subscriptions, notes and alerts post to (or belong to) the chat they were made in: where the bot is
 * not a member (a Discord user install used in a server or group DM without the bot), refuse them
 * with what to do instead, before any permission question.
 */
export function assertBotInChat(ctx: Pick<Context, 'botInChat'>): void {
  if (ctx.botInChat === false) throw new UserError('error.notInstalledHere');
}
