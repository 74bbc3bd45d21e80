// The Telegram adapter (telegraf v4): commands, inline queries, HTML replies. Translation only.
import { createServer, type RequestListener, type Server } from 'node:http';
import { Input, Telegraf, TelegramError, type Context as TgContext } from 'telegraf';
import type { InlineQueryResult } from 'telegraf/types';
import type { ChartSpec, CommandSpec, Context, Logger, RawInput, Reply } from '../../commands/index.js';
import type { PostOutcome, PostProgress } from '../../commands/core/ports.js';
import { startPolling, webhookListener, type ReceiveState } from './receive.js';
import { langFromLocale, type Lang } from '../../commands/core/messages.js';
import { t } from '../../commands/core/messages.js';
import { findCommand } from '../../commands/core/dispatch.js';
import { renderHtml, escapeHtml, MESSAGE_LIMIT, TELEGRAM_STYLE } from './render.js';
import { botCommands, telegramName, usageLine } from './commands.js';

export interface TelegramAdapterOptions {
  token: string;
  /** Bot API root (telegraf's apiRoot), default https://api.telegram.org. */
  apiRoot: string;
  commands: readonly CommandSpec[];
  run(name: string, input: RawInput, ctx: Context): Promise<Reply>;
  logger: Logger;
  /** Webhook mode when set: the public URL Telegram posts updates to. */
  webhookUrl?: string;
  webhookSecret?: string;
  /** Port for the webhook server (default 8080). */
  port?: number;
  /** Inline answers wait at most this long for data before answering "loading" (ms). */
  inlineDeadlineMs?: number;
  /** Renders a reply's chart as PNG (attached with sendPhoto). */
  renderChart?: (spec: ChartSpec) => Buffer;
  /** Mounts the webhook on a shared HTTP server instead of opening one on `port`. */
  mountWebhook?: (path: string, handler: RequestListener) => void;
  /** True the first time an update id is seen (the store); replays and re-deliveries are dropped. */
  firstSeen?: (updateId: number) => Promise<boolean>;
  /** Receiving cannot go on (the token was revoked while running). */
  onFatal?: (err: Error) => void;
  /** getUpdates long-poll timeout (s), default 50. */
  pollTimeoutSeconds?: number;
  /** Start-up: tries of getMe when Telegram cannot be reached, and the first wait (doubles). */
  startTries?: number;
  startBackoffMs?: number;
}

export interface TelegramAdapter {
  bot: Telegraf;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Receiving state for /healthz (`up` when polling answers or the webhook is mounted). */
  state(): ReceiveState;
  /**
   * Sends a scheduled reply to a chat, from part `fromPart` on, without retrying (the scheduler owns
   * retries): 403 / chat not found are permanent; 429, 5xx and network errors transient.
   */
  post(chatId: number | string, reply: Reply, lang: Lang, progress?: PostProgress): Promise<PostOutcome>;
}

const NO_PREVIEW = { is_disabled: true } as const;
/** Answers slower than this show "typing…" first. */
const TYPING_AFTER_MS = 400;
/** Help, hints and examples name commands as Telegram users can send them: `/break_even`. */
/** Telegram's caption limit for a photo (characters, after entity parsing; HTML length is an upper bound). */
const CAPTION_LIMIT = 1024;
const INLINE_CACHE_SECONDS = 30;
const HINT_CACHE_SECONDS = 5;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function after(ms: number): Promise<null> {
  return new Promise((resolve) => setTimeout(() => resolve(null), ms).unref());
}

/** The text after the command entity ("/yield@bot 100TH" → "100TH"). */
function argsOf(text: string): string {
  return text.replace(/^\/\S+\s*/, '');
}

export function createTelegramAdapter(opts: TelegramAdapterOptions): TelegramAdapter {
  const { logger } = opts;
  const apiRoot = opts.apiRoot.endsWith('/') ? opts.apiRoot : `${opts.apiRoot}/`;
  const bot = new Telegraf(opts.token, { telegram: { apiRoot, webhookReply: false } });
  const pending = new Set<Promise<unknown>>();
  let server: Server | null = null;

  type Refusal = Exclude<PostOutcome, { ok: true }>;

  let receiving: ReceiveState = 'starting';
  let poller: { stop(): Promise<void> } | null = null;

  /**
   * One Bot API call: with `retry`, a 429 waits retry_after and tries once more (interactive replies;
   * scheduled posts leave retrying to the scheduler); a refusal comes back classified (403
   * blocked/kicked and 400 chat not found / no rights are permanent) and logged; network errors
   * come back as transient.
   */
  async function attempt<T>(
    fn: () => Promise<T>,
    log: Record<string, string>,
    retry = true,
  ): Promise<{ value: T } | Refusal> {
    for (let n = 0; ; n++) {
      try {
        return { value: await fn() };
      } catch (err) {
        if (!(err instanceof TelegramError)) {
          const reason = err instanceof Error ? err.message : String(err);
          logger.warn('telegram unreachable', { ...log, error: reason });
          return { ok: false, permanent: false, reason: `network: ${reason}`.slice(0, 200) };
        }
        if (err.code === 429) {
          const wait = Math.min(60, err.parameters?.retry_after ?? 1);
          logger.warn('telegram rate limited', { ...log, retryAfterSeconds: wait });
          if (n === 0 && retry) {
            await sleep(wait * 1000);
            continue;
          }
          return { ok: false, permanent: false, reason: 'rate limited', retryAfterMs: wait * 1000 };
        }
        const permanent =
          err.code === 403 ||
          (err.code === 400 && /chat not found|not enough rights|have no rights/i.test(err.description));
        logger.warn('telegram refused', { ...log, code: err.code, description: err.description });
        return { ok: false, permanent, reason: `${err.code} ${err.description}`.slice(0, 200) };
      }
    }
  }

  /** A call whose refusal is logged and otherwise ignored (null). */
  async function call<T>(what: string, fn: () => Promise<T>): Promise<T | null> {
    const r = await attempt(fn, { what });
    return 'value' in r ? r.value : null;
  }

  /**
   * Sends a reply (and its chart) in order, from part `fromPart`; stops at the first refusal and
   * returns it with the number of parts delivered.
   */
  async function post(
    chatId: number | string,
    reply: Reply,
    lang: Lang,
    o: { usage?: string; retry?: boolean; replyTo?: number } & PostProgress = {},
  ): Promise<PostOutcome> {
    const usageText =
      reply.kind === 'user-error' && o.usage
        ? t(lang, 'label', { label: t(lang, 'help.usage'), value: o.usage })
        : undefined;
    const sends: Array<() => Promise<unknown>> = renderHtml(reply, usageText).map(
      (html, i) => () =>
        bot.telegram.sendMessage(chatId, html, {
          parse_mode: 'HTML',
          link_preview_options: NO_PREVIEW,
          // In a group the answer quotes the question (and is still sent if it was deleted).
          ...(i === 0 && o.replyTo !== undefined
            ? { reply_parameters: { message_id: o.replyTo, allow_sending_without_reply: true } }
            : {}),
        }),
    );
    if (reply.chart && opts.renderChart) {
      const chart = reply.chart;
      const render = opts.renderChart;
      const html = renderHtml(reply, usageText);
      const photo = (caption?: string) => () =>
        bot.telegram.sendPhoto(chatId, Input.fromBuffer(render(chart), 'chart.png'), {
          ...(caption ? { caption, parse_mode: 'HTML' as const } : {}),
          ...(o.replyTo !== undefined
            ? { reply_parameters: { message_id: o.replyTo, allow_sending_without_reply: true } }
            : {}),
        });
      // The photo carries the text as its caption when it fits (1,024 characters); otherwise the
      // photo comes first and the text after it.
      if (html.length === 1 && html[0]!.length <= CAPTION_LIMIT) sends.splice(0, sends.length, photo(html[0]));
      else sends.unshift(photo());
    }
    for (let part = o.fromPart ?? 0; part < sends.length; part++) {
      const r = await attempt(sends[part]!, { chat: String(chatId) }, o.retry ?? true);
      if (!('value' in r)) return { ...r, partsSent: part };
      await o.onPart?.(part + 1);
    }
    return { ok: true };
  }

  /** Context for a message: scope per chat; in groups only administrators manage community settings. */
  async function contextOf(ctx: TgContext, spec: CommandSpec | undefined): Promise<Context> {
    const chat = ctx.chat;
    const base: Context = { lang: langOf(ctx), platform: 'telegram', commandStyle: TELEGRAM_STYLE };
    if (!chat) return base;
    const isPrivate = chat.type === 'private';
    let canManage = isPrivate;
    if (!isPrivate && spec?.managesCommunity && ctx.from) {
      const member = await call('getChatMember', () => bot.telegram.getChatMember(chat.id, ctx.from!.id));
      canManage = member?.status === 'creator' || member?.status === 'administrator';
    }
    return {
      ...base,
      scope: `telegram:${chat.id}`,
      channelId: String(chat.id),
      canManage,
      ...(ctx.from ? { userId: String(ctx.from.id) } : {}),
    };
  }

  /** Runs work without holding up polling; shutdown waits for it. */
  function track(task: Promise<unknown>): void {
    const p = task.catch((err: unknown) => {
      logger.error('telegram handler failed', {
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      });
    });
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }

  const langOf = (ctx: TgContext): Lang => langFromLocale(ctx.from?.language_code);

  // setMyCommands takes two-letter language codes only, so `zh` users get the 简体 menu. A 繁體 user
  // (zh-hant, zh-tw, zh-hk …) gets a 繁體 menu for their private chat with the bot, set once per chat
  // (a bounded set: after a restart it is set again on the next message, one call per user).
  const traditionalMenus = new Set<number>();
  const TRADITIONAL_MENUS_MAX = 10_000;
  function menuFor(ctx: TgContext): void {
    const chat = ctx.chat;
    if (!chat || chat.type !== 'private' || langOf(ctx) !== 'zh-Hant' || traditionalMenus.has(chat.id)) return;
    if (traditionalMenus.size >= TRADITIONAL_MENUS_MAX) traditionalMenus.clear();
    traditionalMenus.add(chat.id);
    track(
      call('setMyCommands', () =>
        bot.telegram.setMyCommands(botCommands(opts.commands, 'zh-Hant'), {
          scope: { type: 'chat', chat_id: chat.id },
        }),
      ),
    );
  }

  /**
   * Runs a command for a message and answers it: "typing…" while live data takes longer than a moment,
   * threaded to the question in groups.
   */
  function answer(ctx: TgContext, spec: CommandSpec | undefined, name: string, args: string): void {
    const chat = ctx.chat!;
    menuFor(ctx);
    const messageId = ctx.message?.message_id;
    track(
      contextOf(ctx, spec).then(async (c) => {
        const work = opts.run(name, { text: args }, c);
        const slow = await Promise.race([work.then(() => false), after(TYPING_AFTER_MS).then(() => true)]);
        if (slow) await call('sendChatAction', () => bot.telegram.sendChatAction(chat.id, 'typing'));
        const reply = await work;
        if (reply.silent) return; // a repeated rate-limit refusal: stay quiet
        return post(chat.id, reply, c.lang, {
          ...(spec ? { usage: usageLine(spec) } : {}),
          ...(chat.type !== 'private' && messageId !== undefined ? { replyTo: messageId } : {}),
        });
      }),
    );
  }

  for (const spec of opts.commands) {
    bot.command(telegramName(spec.name), (ctx) => answer(ctx, spec, spec.name, argsOf(ctx.message.text)));
  }
  bot.start((ctx) => answer(ctx, undefined, 'help', ''));

  // Messages no command handler took: `/break-even …` (Telegram cuts the command at the '-', so the
  // handler for /break never matches), `/foo`, plain text. Known commands in any spelling run; in a
  // private chat anything else gets a short answer; groups stay quiet unless the bot is addressed.
  bot.on('message', (ctx) => {
    const text = 'text' in ctx.message && typeof ctx.message.text === 'string' ? ctx.message.text : '';
    const isPrivate = ctx.chat.type === 'private';
    const m = /^\/([^\s@]+)(?:@(\S+))?/.exec(text);
    const me = bot.botInfo?.username?.toLowerCase();
    const addressed = m?.[2] !== undefined && m[2].toLowerCase() === me;
    if (m?.[2] !== undefined && !addressed) return; // another bot's command
    if (m) {
      const spec = findCommand(opts.commands, m[1]!);
      if (!spec && !isPrivate && !addressed) return;
      answer(ctx, spec, spec?.name ?? m[1]!, text.slice(m[0].length).trim());
      return;
    }
    if (!isPrivate || !text) return;
    const lang = langOf(ctx);
    const reply: Reply = {
      kind: 'ok',
      title: t(lang, 'help.plainText', {}, TELEGRAM_STYLE),
      tone: 'info',
      fields: [],
      lines: [],
    };
    track(post(ctx.chat.id, reply, lang));
  });

  /** Cuts at a word boundary (never mid-word) with an ellipsis. */
  const cut = (text: string, max: number): string => {
    if (text.length <= max) return text;
    const head = text.slice(0, max - 1);
    const space = head.lastIndexOf(' ');
    return `${(space > max / 2 ? head.slice(0, space) : head).replace(/[\s·,;:]+$/, '')}…`;
  };

  /** An article whose message is a real answer: tapping it posts that reply, never a hint or an error. */
  function resultArticle(spec: CommandSpec, args: string, reply: Reply, id: string): InlineQueryResult {
    const html = renderHtml(reply)[0] ?? escapeHtml(reply.title);
    const description = reply.fields
      .slice(0, 3)
      .map((f) => `${f.name}: ${f.value.split('\n')[0]}`)
      .join(' · ');
    return {
      type: 'article',
      id,
      // the rig or offer asked about, then the key figure: "yield s19xp 0.06 · $1.17/day profit"
      title: cut(`${spec.name} ${args}`.trim() + (reply.headline ? ` · ${reply.headline}` : ''), 100),
      description: cut(description, 200),
      input_message_content: {
        message_text: html.slice(0, MESSAGE_LIMIT),
        parse_mode: 'HTML',
        link_preview_options: NO_PREVIEW,
      },
    };
  }

  bot.on('inline_query', (ctx) => {
    const lang = langOf(ctx);
    const query = ctx.inlineQuery.query.trim();
    const space = query.search(/\s/);
    const name = space === -1 ? query : query.slice(0, space);
    const args = space === -1 ? '' : query.slice(space + 1);
    const spec = name ? findCommand(opts.commands, name) : undefined;
    const deadline = opts.inlineDeadlineMs ?? 1500;
    const inlineCtx: Context = { lang, platform: 'telegram', commandStyle: TELEGRAM_STYLE };
    /**
     * Results plus a button above them: whatever is not a real answer (how to use, "fetching live data",
     * an input error) goes on the button, which opens the private chat, so tapping never posts it.
     */
    const answer = (results: InlineQueryResult[], cacheTime: number, buttonText?: string): Promise<unknown> =>
      call('answerInlineQuery', () =>
        ctx.answerInlineQuery(results, {
          cache_time: cacheTime,
          is_personal: true,
          ...(buttonText ? { button: { text: cut(buttonText, 64), start_parameter: 'help' } } : {}),
        }),
      );
    if (!spec || !args.trim()) {
      // Incomplete: the commands' own examples, answered live (those ready within the deadline).
      const list = spec ? [spec] : opts.commands.filter((c) => c.name !== 'help');
      const examples = list.flatMap((c) =>
        c.examples
          .filter(Boolean)
          .slice(0, spec ? 3 : 1)
          .map((e) => ({ c, e })),
      );
      track(
        Promise.all(
          examples.map(({ c, e }) =>
            Promise.race([opts.run(c.name, { text: e }, inlineCtx), after(deadline)]).then((r) =>
              r && r.kind === 'ok' ? r : null,
            ),
          ),
        ).then((replies) => {
          const results = replies.flatMap((r, k) =>
            r ? [resultArticle(examples[k]!.c, examples[k]!.e, r, `ex-${k}-${examples[k]!.c.name}`)] : [],
          );
          return answer(results, HINT_CACHE_SECONDS, t(lang, 'inline.howTo', {}, TELEGRAM_STYLE));
        }),
      );
      return;
    }
    const work = opts.run(spec.name, { text: args }, inlineCtx);
    track(
      Promise.race([work, after(deadline)]).then((reply) => {
        if (!reply) return answer([], 1, t(lang, 'inline.loading'));
        if (reply.kind !== 'ok') return answer([], HINT_CACHE_SECONDS, reply.title);
        return answer(
          [resultArticle(spec, args, reply, `r-${spec.name}-${Date.now().toString(36)}`)],
          INLINE_CACHE_SECONDS,
        );
      }),
    );
  });

  // A failing handler never stops polling.
  bot.catch((err, ctx) => {
    logger.error('telegram update failed', {
      update: ctx.update.update_id,
      error: err instanceof Error ? err.message : String(err),
    });
  });

  /** getMe with retries while Telegram cannot be reached; a rejected token fails at once. */
  async function connect(): Promise<Awaited<ReturnType<typeof bot.telegram.getMe>>> {
    const tries = opts.startTries ?? 5;
    let wait = opts.startBackoffMs ?? 1000;
    for (let n = 1; ; n++) {
      try {
        return await bot.telegram.getMe();
      } catch (err) {
        if (err instanceof TelegramError && (err.code === 401 || err.code === 404)) {
          throw new Error(`telegram rejected the token (${err.code} ${err.description}): check TELEGRAM_BOT_TOKEN`, {
            cause: err,
          });
        }
        const reason = err instanceof TelegramError ? `${err.code} ${err.description}` : String(err);
        if (n >= tries) throw new Error(`telegram unreachable after ${n} tries (${reason})`, { cause: err });
        logger.warn('telegram getMe failed; retrying', { tryNumber: n, retryInMs: wait, error: reason });
        await sleep(wait);
        wait *= 2;
      }
    }
  }

  const receive = {
    logger,
    ...(opts.firstSeen ? { firstSeen: opts.firstSeen } : {}),
    handle: (update: Parameters<typeof bot.handleUpdate>[0]) => bot.handleUpdate(update),
  };

  return {
    bot,
    state: () => receiving,
    post: (chatId, reply, lang, progress) => post(chatId, reply, lang, { ...progress, retry: false }),
    async start() {
      const me = await connect();
      bot.botInfo = me;
      // setMyCommands takes two-letter codes only: `zh` gets 简体; 繁體 users get theirs per private
      // chat on first contact (commandsForChat below).
      for (const lang of ['en', 'zh-Hans'] as const) {
        await call('setMyCommands', () =>
          bot.telegram.setMyCommands(
            botCommands(opts.commands, lang),
            lang === 'zh-Hans' ? { language_code: 'zh' } : {},
          ),
        );
      }
      if (opts.webhookUrl) {
        const path = new URL(opts.webhookUrl).pathname;
        await bot.telegram.setWebhook(opts.webhookUrl, {
          ...(opts.webhookSecret ? { secret_token: opts.webhookSecret } : {}),
          allowed_updates: ['message', 'inline_query'],
        });
        const listener = webhookListener({
          ...receive,
          path,
          ...(opts.webhookSecret ? { secret: opts.webhookSecret } : {}),
        });
        receiving = 'up';
        if (opts.mountWebhook) {
          opts.mountWebhook(path, listener);
          logger.info('telegram webhook mounted', { user: me.username, path });
          return;
        }
        server = createServer(listener);
        server.on('clientError', (_err, socket) => socket.destroy());
        await new Promise<void>((resolve, reject) => {
          server!.once('error', reject); // a port in use fails the start instead of hanging it
          server!.listen(opts.port ?? 8080, resolve);
        });
        logger.info('telegram webhook listening', { user: me.username, port: opts.port ?? 8080, path });
        return;
      }
      await bot.telegram.deleteWebhook();
      poller = startPolling(bot, {
        ...receive,
        allowedUpdates: ['message', 'inline_query'],
        ...(opts.pollTimeoutSeconds !== undefined ? { timeoutSeconds: opts.pollTimeoutSeconds } : {}),
        onState: (state) => {
          if (state === 'up' && receiving !== 'up') logger.info('telegram polling', { user: me.username });
          receiving = state;
        },
        onFatal: (err) => {
          logger.error('telegram polling stopped', { error: err.message });
          opts.onFatal?.(err);
        },
      });
    },
    async stop() {
      if (server) {
        await new Promise<void>((resolve) => server!.close(() => resolve()));
        server = null;
      }
      if (poller) {
        await poller.stop();
        poller = null;
      }
      receiving = 'stopped';
      await Promise.allSettled([...pending]);
    },
  };
}
