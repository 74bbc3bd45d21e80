// A fake Telegram Bot API on 127.0.0.1: getMe, deleteWebhook, long-polling getUpdates, setMyCommands,
// sendMessage, sendPhoto, answerInlineQuery, setWebhook, getChatMember. The real telegraf bot talks to
// it; tests push Update objects and assert on the calls it receives.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const BOT_USERNAME = 'hashdesk_bot';

export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
  at: number;
  /** Date.now() when the call arrived (to relate it to schedule slots). */
  wallAt: number;
}

export interface ApiFault {
  status: number;
  description: string;
  retryAfter?: number;
  /** How many calls fail before the method works again (default 1). */
  times?: number;
}

export interface FakeTelegram {
  apiRoot: string;
  calls: ApiCall[];
  push(update: Record<string, unknown>): void;
  fault(method: string, fault: ApiFault | null): void;
  /** Refuse every send to one chat with this status (403: the bot was removed); null lifts it. */
  failChat(chatId: number | string, status: number | null): void;
  /** Chat member status returned by getChatMember, by `${chatId}:${userId}`. */
  members: Map<string, string>;
  waitFor(pred: (c: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;
  /** Enforce Telegram's send limits (messages/s overall, per group per minute); counts the 429s given. */
  enforceLimits(perSecond: number, perGroupPerMinute: number): void;
  tooMany(): number;
  /** Answers sendMessage/sendPhoto only after `ms` (a slow network; the message counts on arrival). */
  sendLatency(ms: number): void;
  close(): Promise<void>;
}

let nextUpdateId = 1000;
let nextMessageId = 1;

export const privateChat = { id: 5001, type: 'private', first_name: 'Miner', username: 'miner' };
export const groupChat = { id: -1001234567890, type: 'supergroup', title: 'Mining group' };

/** A message Update with a bot_command entity, as Telegram sends it. */
export function commandUpdate(
  text: string,
  opts: { chat?: Record<string, unknown>; languageCode?: string; userId?: number } = {},
): Record<string, unknown> {
  const command = /^\/\S+/.exec(text)?.[0] ?? '';
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: opts.chat ?? privateChat,
      from: {
        id: opts.userId ?? 5001,
        is_bot: false,
        first_name: 'Miner',
        username: 'miner',
        language_code: opts.languageCode ?? 'en',
      },
      text,
      entities: command ? [{ type: 'bot_command', offset: 0, length: command.length }] : [],
    },
  };
}

export function inlineUpdate(query: string, languageCode = 'en'): { id: string; update: Record<string, unknown> } {
  const id = String(nextUpdateId * 7919);
  return {
    id,
    update: {
      update_id: nextUpdateId++,
      inline_query: {
        id,
        from: { id: 5001, is_bot: false, first_name: 'Miner', language_code: languageCode },
        query,
        offset: '',
        chat_type: 'sender',
      },
    },
  };
}

export async function startFakeTelegram(token: string): Promise<FakeTelegram> {
  const calls: ApiCall[] = [];
  const queue: Array<Record<string, unknown>> = [];
  const faults = new Map<string, ApiFault>();
  const members = new Map<string, string>();
  const chatFaults = new Map<string, number>();
  const waiters: Array<{ pred: (c: ApiCall) => boolean; resolve: (c: ApiCall) => void }> = [];
  let pollers: Array<() => void> = [];
  let lastConfirmed = 0;
  let limits: { perSecond: number; perGroupPerMinute: number } | null = null;
  let rejected = 0;
  const sends: number[] = [];
  const groupSends = new Map<string, number[]>();
  let latencyMs = 0;

  const reply = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> => {
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (!m || m[1] !== token) {
      reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return;
    }
    const method = m[2]!;
    let body: Record<string, unknown> = {};
    const type = req.headers['content-type'] ?? '';
    if (type.includes('application/json') && raw.length)
      body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    else if (type.includes('multipart/form-data')) {
      const boundary = /boundary=([^;]+)/.exec(type)?.[1] ?? '';
      const text = raw.toString('latin1');
      // Parts are separated by --boundary CRLF; the body ends with --boundary-- (not part of the last value).
      for (const part of text.replace(`\r\n--${boundary}--`, '\r\n').split(`--${boundary}\r\n`)) {
        const name = /name="([^"]+)"/.exec(part)?.[1];
        if (!name) continue;
        const value = part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, '');
        body[name] = /filename=/.test(part)
          ? { file: true, bytes: Buffer.from(value, 'latin1') }
          : Buffer.from(value, 'latin1').toString('utf8');
      }
    }
    const call: ApiCall = { method, body, at: performance.now(), wallAt: Date.now() };
    if (method !== 'getUpdates') {
      calls.push(call);
      for (const w of [...waiters]) {
        if (w.pred(call)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(call);
        }
      }
    }
    if (limits && (method === 'sendMessage' || method === 'sendPhoto')) {
      const now = performance.now();
      while (sends.length && sends[0]! <= now - 1000) sends.shift();
      const chat = String(body.chat_id);
      const g = (groupSends.get(chat) ?? []).filter((t) => t > now - 60_000);
      const overGroup = chat.startsWith('-') && g.length >= limits.perGroupPerMinute;
      if (sends.length >= limits.perSecond || overGroup) {
        rejected++;
        reply(res, 429, {
          ok: false,
          error_code: 429,
          description: 'Too Many Requests: retry after 1',
          parameters: { retry_after: 1 },
        });
        return;
      }
      sends.push(now);
      g.push(now);
      groupSends.set(chat, g);
    }
    const refused = chatFaults.get(String(body.chat_id));
    if (refused && (method === 'sendMessage' || method === 'sendPhoto')) {
      reply(res, refused, {
        ok: false,
        error_code: refused,
        description: 'Forbidden: bot was kicked from the supergroup chat',
      });
      return;
    }
    const fault = faults.get(method);
    if (fault) {
      const left = (fault.times ?? 1) - 1;
      if (left <= 0) faults.delete(method);
      else faults.set(method, { ...fault, times: left });
      reply(res, fault.status, {
        ok: false,
        error_code: fault.status,
        description: fault.description,
        ...(fault.retryAfter !== undefined ? { parameters: { retry_after: fault.retryAfter } } : {}),
      });
      return;
    }
    switch (method) {
      case 'getMe':
        reply(res, 200, {
          ok: true,
          result: {
            id: 7000,
            is_bot: true,
            first_name: 'hashdesk',
            username: BOT_USERNAME,
            supports_inline_queries: true,
          },
        });
        return;
      case 'getUpdates': {
        const offset = Number(body.offset ?? 0);
        if (offset > lastConfirmed) lastConfirmed = offset;
        while (queue.length && Number(queue[0]!.update_id) < lastConfirmed) queue.shift();
        if (queue.length === 0) {
          const timeout = Math.min(Number(body.timeout ?? 0), 2) * 1000;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, timeout);
            pollers.push(() => {
              clearTimeout(timer);
              resolve();
            });
            req.on('close', () => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        reply(res, 200, { ok: true, result: queue.filter((u) => Number(u.update_id) >= lastConfirmed).slice(0, 100) });
        return;
      }
      case 'sendMessage':
      case 'sendPhoto':
        if (latencyMs) await new Promise((resolve) => setTimeout(resolve, latencyMs));
        reply(res, 200, {
          ok: true,
          result: {
            message_id: nextMessageId++,
            date: Math.floor(Date.now() / 1000),
            chat: { id: Number(body.chat_id) || body.chat_id, type: 'private' },
            text: body.text ?? '',
          },
        });
        return;
      case 'getChatMember': {
        const status = members.get(`${String(body.chat_id)}:${String(body.user_id)}`) ?? 'member';
        reply(res, 200, {
          ok: true,
          result: { status, user: { id: Number(body.user_id), is_bot: false, first_name: 'x' } },
        });
        return;
      }
      default:
        reply(res, 200, { ok: true, result: true });
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    members,
    failChat(chatId, status) {
      if (status === null) chatFaults.delete(String(chatId));
      else chatFaults.set(String(chatId), status);
    },
    push(update) {
      queue.push(update);
      const p = pollers;
      pollers = [];
      for (const wake of p) wake();
    },
    sendLatency(ms) {
      latencyMs = ms;
    },
    fault(method, f) {
      if (f) faults.set(method, f);
      else faults.delete(method);
    },
    enforceLimits(perSecond, perGroupPerMinute) {
      limits = { perSecond, perGroupPerMinute };
    },
    tooMany: () => rejected,
    waitFor(pred, timeoutMs = 5000) {
      const found = calls.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('fake telegram: call not received in time')), timeoutMs);
        waiters.push({
          pred,
          resolve: (c) => {
            clearTimeout(timer);
            resolve(c);
          },
        });
      });
    },
    async close() {
      for (const wake of pollers) wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
