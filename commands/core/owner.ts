import type { Context } from './types.js';

/** Whose saved rigs: the platform's user id (the console, the CLI and tests are one local user). */
export function rigOwner(ctx: Pick<Context, 'platform' | 'userId'>): string {
  const platform = ctx.platform === 'cli' || ctx.platform === 'test' ? 'console' : ctx.platform;
  return `${platform}:${ctx.userId ?? 'local'}`;
}
