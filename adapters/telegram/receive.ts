// How updates reach the bot: our own long-polling loop (survives 409 Conflict and network errors,
// reports its state) or a webhook listener (secret check, body limit, shape check). Both hand each
// update to `handle` once: `firstSeen` de-duplicates by update_id (replays, re-delivery after a crash).
import type { RequestListener } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { TelegramError, type Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Logger } from '../../commands/index.js';
import { requestPath } from '../../commands/core/text.calc.js';

/** Polling/webhook state for /healthz. */
export type ReceiveState = 'starting' | 'up' | 'reconnecting' | 'stopped';

export interface ReceiveOptions {
  logger: Logger;
  /** True the first time an update id is seen (store-backed); false → the update is dropped. */
  firstSeen?: (updateId: number) => Promise<boolean>;
  handle(update: Update): Promise<void>;
}

/** Telegram sends updates of a few KB; anything near this is not Telegram. */
export const WEBHOOK_BODY_LIMIT = 1_000_000;

/** An Update as far as we rely on it: an object with a non-negative integer update_id. */
function isUpdate(v: unknown): v is Update {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Number.isSafeInteger((v as { update_id?: unknown }).update_id) &&
    (v as { update_id: number }).update_id >= 0
  );
}

async function once(o: ReceiveOptions, update: Update): Promise<void> {
  if (o.firstSeen) {
    let first: boolean;
    try {
      first = await o.firstSeen(update.update_id);
    } catch (err) {
      // The store is away: process anyway (a duplicate is better than a lost command).
      o.logger.warn('telegram update de-duplication unavailable', { error: errText(err) });
      first = true;
    }
    if (!first) {
      o.logger.info('telegram update seen before, dropped', { update: update.update_id });
      return;
    }
  }
  await o.handle(update);
}

const errText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export interface PollingOptions extends ReceiveOptions {
  allowedUpdates: string[];
  /** getUpdates long-poll timeout in seconds (Telegram allows up to 50). */
  timeoutSeconds?: number;
  /** First back-off after an error (doubles up to 30 s). */
  backoffMs?: number;
  onState(state: ReceiveState): void;
  /** Polling cannot go on (401: the token was revoked). */
  onFatal(err: Error): void;
}

/**
 * Long polling with getUpdates (https://core.telegram.org/bots/api#getupdates). Unlike telegraf's
 * own loop, a 409 Conflict (another instance polling the same token, or a webhook set during a
 * deploy) or a network error backs off and resumes instead of ending polling for good.
 */
export function startPolling(bot: Telegraf, o: PollingOptions): { stop(): Promise<void> } {
  const abort = new AbortController();
  let offset = 0;
  let backoff = o.backoffMs ?? 1000;
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      abort.signal.addEventListener('abort', () => {
        clearTimeout(t);
        resolve();
      });
    });
  const loop = async (): Promise<void> => {
    o.onState('starting');
    while (!abort.signal.aborted) {
      let updates: Update[];
      try {
        updates = await bot.telegram.callApi(
          'getUpdates',
          { timeout: o.timeoutSeconds ?? 50, offset, allowed_updates: o.allowedUpdates } as never,
          { signal: abort.signal as never },
        );
      } catch (err) {
        if (abort.signal.aborted) break;
        if (err instanceof TelegramError && err.code === 401) {
          o.onState('stopped');
          o.onFatal(new Error(`telegram rejected the token (401 ${err.description}): check TELEGRAM_BOT_TOKEN`));
          return;
        }
        o.onState('reconnecting');
        const retryAfter = err instanceof TelegramError ? err.parameters?.retry_after : undefined;
        const wait = retryAfter !== undefined ? retryAfter * 1000 : backoff;
        if (err instanceof TelegramError && err.code === 409) {
          o.logger.warn(
            'telegram getUpdates conflict (409): another process is polling with this token, or a webhook is set; retrying',
            { retryInMs: wait, description: err.description },
          );
        } else {
          o.logger.warn('telegram getUpdates failed; retrying', { retryInMs: wait, error: errText(err) });
        }
        await sleep(wait);
        backoff = Math.min(backoff * 2, 30_000);
        continue;
      }
      backoff = o.backoffMs ?? 1000;
      o.onState('up');
      if (!Array.isArray(updates)) continue;
      for (const u of updates) {
        if (!isUpdate(u)) continue;
        offset = Math.max(offset, u.update_id + 1);
        try {
          await once(o, u);
        } catch (err) {
          o.logger.error('telegram update failed', { update: u.update_id, error: errText(err) });
        }
      }
    }
    o.onState('stopped');
  };
  const running = loop();
  return {
    async stop() {
      abort.abort();
      await running;
    },
  };
}

export interface WebhookOptions extends ReceiveOptions {
  /** The webhook URL's path; any other path is 404. */
  path: string;
  secret?: string;
  bodyLimit?: number;
}

/**
 * The webhook endpoint: 404 for another path (400 for a target that is no URL), 403 without the secret header (https://core.telegram.org/bots/api#setwebhook,
 * secret_token), 405 for anything but POST, 413 for a body over the limit (before buffering it),
 * 400 for a body that is not an Update; otherwise 200 at once and the update is handled after.
 */
export function webhookListener(o: WebhookOptions): RequestListener {
  const expected = Buffer.from(o.secret ?? '');
  const limit = o.bodyLimit ?? WEBHOOK_BODY_LIMIT;
  return (req, res) => {
    const end = (status: number, thenClose = false): void => {
      if (res.headersSent) return;
      res.writeHead(status, { connection: 'close' });
      // Closing the socket only once the answer is out: the client reads 413, then stops sending.
      res.end(thenClose ? () => req.destroy() : undefined);
    };
    const path = requestPath(req.url);
    if (path !== o.path) {
      req.resume();
      return end(path === null ? 400 : 404);
    }
    const given = Buffer.from(String(req.headers['x-telegram-bot-api-secret-token'] ?? ''));
    if (o.secret && (given.length !== expected.length || !timingSafeEqual(given, expected))) {
      req.resume();
      return end(403);
    }
    if (req.method !== 'POST') {
      req.resume();
      return end(405);
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (Number.isFinite(declared) && declared > limit) return end(413, true);
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        end(413, true);
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => end(400));
    req.on('end', () => {
      if (over) return;
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return end(400);
      }
      if (!isUpdate(body)) return end(400);
      end(200);
      once(o, body).catch((err: unknown) =>
        o.logger.error('telegram update failed', { update: body.update_id, error: errText(err) }),
      );
    });
  };
}
