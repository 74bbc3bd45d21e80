// The Discord adapter: slash commands in, embeds out. No business rule lives here.
import {
  Client,
  Events,
  GatewayIntentBits,
  ApplicationCommandOptionType,
  DiscordAPIError,
  MessageFlags,
  PermissionFlagsBits,
  ApplicationIntegrationType,
  InteractionContextType,
  Routes,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type InteractionReplyOptions,
} from 'discord.js';
import type { ChartSpec, CommandSpec, Context, Logger, RawInput, Reply } from '../../commands/index.js';
import type { PostOutcome } from '../../commands/core/ports.js';
import { langFromLocale } from '../../commands/core/messages.js';
import { suggest } from '../../commands/core/suggest.js';
import { DISCORD_STYLE, renderEmbed } from './render.js';
import { ARGS_OPTION } from './commands.js';

export interface DiscordAdapterOptions {
  token: string;
  /** REST base in the form of discord.js's `rest.api` (default https://discord.com/api). */
  apiUrl: string;
  commands: readonly CommandSpec[];
  /** Runs a core command (dispatch bound to the runtime's deps). */
  run(name: string, input: RawInput, ctx: Context): Promise<Reply>;
  logger: Logger;
  /** Defer when the answer is not ready after this long (Discord allows 3 s for the first response). */
  deferAfterMs?: number;
  /** Renders a reply's chart as PNG (attached to the embed). */
  renderChart?: (spec: ChartSpec) => Buffer;
  /** Gateway shards this process runs, and the total ('auto': Discord's recommended count). */
  shards?: { ids?: number[]; count?: number | 'auto' };
}

/** Discord error codes that mean the channel is gone or closed to us: pause, don't retry. */
const PERMANENT_CODES = new Set([10003, 50001, 50013, 50007]);

export interface DiscordAdapter {
  client: Client;
  post(channelId: string, reply: Reply): Promise<PostOutcome>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Every reply: no pings, whatever the text contains. */
const NO_MENTIONS = { parse: [] } as const;

const CHART_FILE = 'digest.png';

/**
 * Interaction options → the core's raw input; `args` is the free-text syntax. A subcommand other
 * than the first (default) one becomes the first word of the text.
 */
export function toRawInput(data: readonly CommandInteractionOption[], spec?: CommandSpec): RawInput {
  const sub = data.length === 1 && data[0]!.type === ApplicationCommandOptionType.Subcommand ? data[0]! : undefined;
  const options: Record<string, string | number | boolean> = {};
  let text: string | undefined;
  for (const o of sub ? (sub.options ?? []) : data) {
    if (o.name === ARGS_OPTION && typeof o.value === 'string') text = o.value;
    else if (o.value !== undefined && o.value !== null) options[o.name] = o.value;
  }
  if (sub && spec?.subcommands && sub.name !== spec.subcommands[0]?.name) text = `${sub.name} ${text ?? ''}`.trim();
  return { ...(text !== undefined ? { text } : {}), options };
}

function after(ms: number): Promise<null> {
  return new Promise((resolve) => setTimeout(() => resolve(null), ms).unref());
}

export function createDiscordAdapter(opts: DiscordAdapterOptions): DiscordAdapter {
  const deferAfterMs = opts.deferAfterMs ?? 1000;

  /** The embed, with the chart attached as an image when the reply has one. */
  function message(reply: Reply) {
    const embed = renderEmbed(reply);
    if (reply.chart && opts.renderChart) {
      embed.image = { url: `attachment://${CHART_FILE}` };
      return {
        embeds: [embed],
        allowedMentions: NO_MENTIONS,
        files: [
          {
            attachment: opts.renderChart(reply.chart),
            name: CHART_FILE,
            ...(reply.chart.alt ? { description: reply.chart.alt.slice(0, 1024) } : {}),
          },
        ],
      };
    }
    return { embeds: [embed], allowedMentions: NO_MENTIONS };
  }

  /** Failures are shown only to the user who asked (ephemeral, flags 64). */
  function payload(reply: Reply): InteractionReplyOptions {
    return reply.kind === 'ok' ? message(reply) : { ...message(reply), flags: MessageFlags.Ephemeral };
  }
  const { logger } = opts;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // @discordjs/rest keeps one queue handler per interaction (its id is the route's major parameter)
    // and sweeps idle ones hourly by default, so a busy hour keeps every one of them. Idle handlers
    // hold no rate-limit state worth keeping, so they go after 10 s. (Measured: this is not what
    // makes RSS grow over 10,000 interactions; the JS heap stays flat either way.)
    rest: { api: opts.apiUrl, handlerSweepInterval: 10_000 },
    allowedMentions: NO_MENTIONS,
    // Several processes or machines can split the shards: DISCORD_SHARD_IDS of DISCORD_SHARD_COUNT.
    ...(opts.shards?.ids
      ? { shards: opts.shards.ids }
      : opts.shards?.count === 'auto'
        ? { shards: 'auto' as const }
        : {}),
    ...(typeof opts.shards?.count === 'number' ? { shardCount: opts.shards.count } : {}),
  });

  async function autocomplete(i: AutocompleteInteraction): Promise<void> {
    const focused = i.options.getFocused(true);
    const spec = opts.commands.find((c) => c.name === i.commandName)?.options.find((o) => o.name === focused.name);
    // Discord: at most 25 choices, answered within 3 s; local data only.
    await i.respond(spec ? suggest(spec, String(focused.value), 25) : []);
  }

  /**
   * Whether the bot is a member where this was asked: not in a group DM, nor in a server that has only
   * the asker's user install (no guild owner in `authorizing_integration_owners`). Payloads without a
   * context (older clients) are guild installs.
   */
  function botInChat(i: ChatInputCommandInteraction): boolean {
    if (i.context === InteractionContextType.PrivateChannel) return false;
    if (i.context === InteractionContextType.Guild)
      return i.authorizingIntegrationOwners?.[ApplicationIntegrationType.GuildInstall] !== undefined;
    return true;
  }

  async function command(i: ChatInputCommandInteraction): Promise<void> {
    const inGuild = i.inGuild();
    const ctx: Context = {
      lang: langFromLocale(i.locale),
      platform: 'discord',
      commandStyle: DISCORD_STYLE,
      scope: inGuild ? `discord:${i.guildId}` : `discord:dm:${i.user.id}`,
      channelId: i.channelId,
      userId: i.user.id,
      // Checked again at run time: server admins can open the command to everyone.
      canManage: inGuild ? (i.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false) : true,
      botInChat: botInChat(i),
    };
    const spec = opts.commands.find((c) => c.name === i.commandName);
    const work = opts.run(i.commandName, toRawInput(i.options.data, spec), ctx);
    // The 3-second rule (https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction):
    // answer at once when the data is warm; otherwise acknowledge with a deferral and edit later.
    const early = await Promise.race([work, after(deferAfterMs)]);
    if (early) {
      await i.reply(payload(early));
      return;
    }
    await i.deferReply();
    const reply = await work;
    if (reply.kind === 'ok') {
      await i.editReply(message(reply));
    } else {
      // A deferral is public; errors go privately to the user who asked.
      await i.deleteReply();
      await i.followUp(payload(reply));
    }
  }

  client.on(Events.InteractionCreate, (i: Interaction) => {
    const task = i.isAutocomplete() ? autocomplete(i) : i.isChatInputCommand() ? command(i) : Promise.resolve();
    task.catch((err: unknown) => {
      // Expired tokens, missing permissions, deleted channels: log and carry on.
      logger.warn('discord reply failed', {
        interaction: i.id,
        command: 'commandName' in i ? i.commandName : undefined,
        error: err instanceof Error ? err.message : String(err),
      });
    });
  });
  client.on(Events.Error, (err) => logger.error('discord client error', { error: err.message }));
  client.once(Events.ClientReady, (c) =>
    logger.info('discord connected', { user: c.user.tag, guilds: c.guilds.cache.size }),
  );

  /** Posts a reply to a channel through REST (scheduled digests); 429s are queued by discord.js. */
  async function post(channelId: string, reply: Reply): Promise<PostOutcome> {
    const m = message(reply);
    try {
      await client.rest.post(Routes.channelMessages(channelId), {
        body: { embeds: m.embeds, allowed_mentions: { parse: [] } },
        ...('files' in m && m.files ? { files: m.files.map((f) => ({ name: f.name, data: f.attachment })) } : {}),
      });
      return { ok: true };
    } catch (err) {
      if (err instanceof DiscordAPIError) {
        const permanent = PERMANENT_CODES.has(Number(err.code)) || err.status === 403 || err.status === 404;
        logger.warn('discord post refused', {
          channel: channelId,
          status: err.status,
          code: err.code,
          error: err.message,
        });
        return { ok: false, permanent, reason: `${err.status} ${err.message}`.slice(0, 200) };
      }
      return { ok: false, permanent: false, reason: err instanceof Error ? err.message.slice(0, 200) : 'error' };
    }
  }

  return {
    client,
    post,
    async start() {
      await client.login(opts.token);
    },
    async stop() {
      await client.destroy();
    },
  };
}
