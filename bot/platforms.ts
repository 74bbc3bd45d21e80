// Starts the platform adapters whose tokens are set, wired to the core through dispatch().
import { commands, dispatch, type Logger } from '../commands/index.js';
import type { Config } from './config.js';
import type { Runtime } from './runtime.js';
import { renderChartPng } from './chart.js';
import { DigestScheduler, type Poster } from './scheduler.js';
import { Pacer } from './pacer.js';
import type { OpsServer, PlatformState } from './ops-server.js';
import type { RequestListener } from 'node:http';
// Platform libraries (discord.js, telegraf) and BullMQ are imported only when configured: a
// Telegram-only bot never loads discord.js (tens of MB resident), and so on.

export interface Platform {
  name: string;
  /** For /healthz. */
  connected(): boolean;
  /** For /healthz, where there is more to say than connected or not. */
  state?(): PlatformState;
  /** For /healthz, where there is more to say than connected or not (the scheduler's engine). */
  status?(): Promise<string>;
  stop(): Promise<void>;
}

export async function startPlatforms(
  config: Config,
  runtime: Runtime,
  logger: Logger,
  ops?: OpsServer,
  /** A platform cannot go on (its token was revoked while running): the process should exit. */
  onFatal: (err: Error) => void = () => {},
): Promise<Platform[]> {
  const started: Platform[] = [];
  const posters: Partial<Record<'discord' | 'telegram', Poster>> = {};
  if (config.DISCORD_TOKEN) {
    const { createDiscordAdapter } = await import('../adapters/discord/adapter.js');
    const { toDiscordCommands } = await import('../adapters/discord/commands.js');
    const { deployCommands } = await import('../adapters/discord/deploy.js');
    if (config.DISCORD_DEPLOY_ON_START) {
      const result = await deployCommands({
        token: config.DISCORD_TOKEN,
        apiUrl: config.DISCORD_API_URL,
        commands: toDiscordCommands(commands),
      });
      logger.info('discord commands deployed', { ...result });
    }
    const discord = createDiscordAdapter({
      token: config.DISCORD_TOKEN,
      apiUrl: config.DISCORD_API_URL,
      commands,
      run: (name, input, ctx) => runtime.run(name, input, ctx),
      logger,
      renderChart: renderChartPng,
      ...(config.DISCORD_SHARD_COUNT !== undefined || config.DISCORD_SHARD_IDS
        ? {
            shards: {
              ...(config.DISCORD_SHARD_IDS ? { ids: config.DISCORD_SHARD_IDS } : {}),
              ...(config.DISCORD_SHARD_COUNT !== undefined ? { count: config.DISCORD_SHARD_COUNT } : {}),
            },
          }
        : {}),
    });
    await discord.start();
    posters.discord = { post: (channelId, reply) => discord.post(channelId, reply) };
    started.push({ name: 'discord', connected: () => discord.client.isReady(), stop: () => discord.stop() });
  }
  if (config.TELEGRAM_BOT_TOKEN) {
    const { createTelegramAdapter } = await import('../adapters/telegram/adapter.js');
    if (config.TELEGRAM_WEBHOOK_URL && !config.TELEGRAM_WEBHOOK_SECRET) {
      logger.warn(
        'TELEGRAM_WEBHOOK_URL is set without TELEGRAM_WEBHOOK_SECRET: anyone who finds the URL can post updates',
      );
    }
    const telegram = createTelegramAdapter({
      token: config.TELEGRAM_BOT_TOKEN,
      apiRoot: config.TELEGRAM_API_URL,
      commands,
      run: (name, input, ctx) => runtime.run(name, input, ctx),
      logger,
      port: config.PORT,
      ...(config.TELEGRAM_WEBHOOK_URL ? { webhookUrl: config.TELEGRAM_WEBHOOK_URL } : {}),
      ...(config.TELEGRAM_WEBHOOK_SECRET ? { webhookSecret: config.TELEGRAM_WEBHOOK_SECRET } : {}),
      renderChart: renderChartPng,
      ...(ops ? { mountWebhook: (path: string, h: RequestListener) => ops.mount(path, h) } : {}),
      firstSeen: (id) => runtime.store.firstSeen('telegram', id, runtime.deps.clock.now()),
      onFatal,
    });
    await telegram.start();
    posters.telegram = { post: (chatId, reply, lang, progress) => telegram.post(chatId, reply, lang, progress) };
    started.push({
      name: 'telegram',
      connected: () => telegram.state() === 'up',
      state: () => telegram.state(),
      stop: () => telegram.stop(),
    });
  }
  const pacers = PACERS(); // shared by digests and alerts: one budget per platform
  const scheduler = createScheduler(runtime, posters, logger, pacers);
  if (config.ALERT_POLL_SECONDS > 0 && Object.keys(posters).length) {
    const { AlertWatcher } = await import('./alert-watcher.js');
    const watcher = new AlertWatcher({
      store: runtime.store,
      market: runtime.market,
      posters,
      pacers,
      clock: runtime.deps.clock,
      logger,
      pollMs: config.ALERT_POLL_SECONDS * 1000,
    });
    watcher.start();
    started.push({
      name: 'alerts',
      connected: () => true,
      status: () => Promise.resolve('polling'),
      stop: () => watcher.stop(),
    });
  }
  if (config.REDIS_URL && config.DATABASE_URL) {
    // Several instances: schedules live in BullMQ (shared Redis), the delivery log in PostgreSQL.
    const { QueueScheduling } = await import('./queue-scheduler.js');
    const queue = new QueueScheduling({
      redisUrl: config.REDIS_URL,
      prefix: config.REDIS_KEY_PREFIX,
      scheduler,
      store: runtime.store,
      platforms: Object.keys(posters) as ('discord' | 'telegram')[],
      logger,
      lockMs: config.DIGEST_QUEUE_LOCK_MS,
      onJob: (run) => runtime.metrics.digestJobs.inc({ run }),
      // Jobs per second for all instances together. A Telegram digest is two sends (text, chart);
      // a Discord digest is one request (embed and attachment together).
      ratePerSecond: { discord: RATES.discord.perSecond, telegram: Math.floor(RATES.telegram.perSecond / 2) },
    });
    queue.start();
    started.push({
      name: 'scheduler',
      connected: () => true,
      status: () => queue.status(),
      stop: async () => {
        await queue.close();
        await scheduler.stop();
      },
    });
  } else {
    if (config.REDIS_URL)
      logger.info('digest schedules in-process: BullMQ scheduling needs a shared store too (DATABASE_URL)');
    scheduler.start();
    started.push({
      name: 'scheduler',
      connected: () => true,
      status: () => Promise.resolve('in-process'),
      stop: () => scheduler.stop(),
    });
  }
  return started;
}

/** A little under each platform's published limits (Discord 50 req/s; Telegram ~30 msg/s, 20/min per group). */
const RATES = { discord: { perSecond: 46 }, telegram: { perSecond: 28, perChatPerMinute: 19 } } as const;

/** One pacer per platform, shared by every send of this process. */
export function PACERS(): Partial<Record<'discord' | 'telegram', Pacer>> {
  return {
    discord: new Pacer(RATES.discord.perSecond),
    telegram: new Pacer(RATES.telegram.perSecond, RATES.telegram.perChatPerMinute),
  };
}

/** The digest scheduler over the runtime's store, paced under each platform's limits. */
export function createScheduler(
  runtime: Runtime,
  posters: Partial<Record<'discord' | 'telegram', Poster>>,
  logger: Logger,
  pacers: Partial<Record<'discord' | 'telegram', Pacer>> = PACERS(),
): DigestScheduler {
  return new DigestScheduler({
    store: runtime.store,
    posters,
    pacers,
    clock: runtime.deps.clock,
    logger,
    ownsStore: runtime.store.dialect === 'sqlite',
    onTick: (r) => {
      runtime.metrics.digests.inc({ result: 'posted' }, r.posted);
      runtime.metrics.digests.inc({ result: 'failed' }, r.failed);
      runtime.metrics.digests.inc({ result: 'paused' }, r.paused);
      runtime.metrics.digests.inc({ result: 'skipped' }, r.skipped);
    },
    render: (sub) =>
      dispatch(
        'news-digest',
        { options: { currency: sub.currency } },
        { lang: sub.lang, platform: 'scheduler', scope: sub.scope },
        runtime.deps,
      ),
  });
}

/** `hashdesk discord deploy [--guild ID]`. */
export async function discordDeployCommand(config: Config, argv: readonly string[]): Promise<string> {
  if (!config.DISCORD_TOKEN) throw new Error('DISCORD_TOKEN is not set');
  const { toDiscordCommands } = await import('../adapters/discord/commands.js');
  const { deployCommands, formatDeployResult } = await import('../adapters/discord/deploy.js');
  const g = argv.indexOf('--guild');
  const guildId = g >= 0 ? argv[g + 1] : undefined;
  if (g >= 0 && !/^\d{5,25}$/.test(guildId ?? ''))
    throw new Error('--guild needs a guild id, like --guild 123456789012345678');
  const result = await deployCommands({
    token: config.DISCORD_TOKEN,
    apiUrl: config.DISCORD_API_URL,
    commands: toDiscordCommands(commands),
    ...(guildId ? { guildId } : {}),
  });
  return formatDeployResult(result);
}
