// Environment, parsed once at start-up (t3-env style): every problem is named by its variable.
import { z } from 'zod';
import { LANG_HINT, parseLang } from '../commands/core/messages.js';

const url = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((v) => /^https?:\/\/[^\s/]+/i.test(v), { message: 'must be an http(s) URL' })
    .transform((v) => v.replace(/\/+$/, ''));

/** A URL with a default that an empty value turns off (null). */
const optionalUrl = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((v) => v === '' || /^https?:\/\/[^\s/]+/i.test(v), {
      message: 'must be an http(s) URL, or empty to turn it off',
    })
    .transform((v) => (v === '' ? null : v));

const optionalSecret = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

const schema = z.object({
  MEMPOOL_API_URL: url('https://mempool.space/api'),
  COINGECKO_API_URL: url('https://api.coingecko.com/api/v3'),
  BLOCKCHAIN_INFO_URL: url('https://blockchain.info'),
  KRAKEN_API_URL: url('https://api.kraken.com'),
  COINBASE_API_URL: url('https://api.coinbase.com'),
  COINGECKO_API_KEY: optionalSecret,
  OBSERVER_ANTPOOL_URL: url('https://www.antpool.com'),
  OBSERVER_VIABTC_URL: url('https://www.viabtc.com'),
  OBSERVER_OCEAN_URL: url('https://api.ocean.xyz'),
  // provider-check W1/W2: public records about an offer's website (never the site itself).
  WEB_CHECKS: z
    .enum(['true', 'false', '1', '0', ''])
    .default('true')
    .transform((v) => v !== 'false' && v !== '0'),
  RDAP_URL: url('https://rdap.org'),
  CRTSH_URL: url('https://crt.sh'),
  WAYBACK_CDX_URL: url('https://web.archive.org'),
  PHISHING_METAMASK_URL: optionalUrl(
    'https://raw.githubusercontent.com/MetaMask/eth-phishing-detect/main/src/config.json',
  ),
  PHISHING_SCAMSNIFFER_URL: optionalUrl(
    'https://raw.githubusercontent.com/scamsniffer/scam-database/main/blacklist/domains.json',
  ),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  NEWS_FEEDS: z
    .string()
    .optional()
    .transform((v) =>
      v === undefined
        ? undefined
        : v
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean),
    )
    .refine((v) => v === undefined || v.every((u) => /^https?:\/\/[^\s/]+/i.test(u)), {
      message: 'use comma-separated http(s) URLs',
    }),
  POOL_REGIONS_FILE: z.string().trim().optional(),
  REDIS_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^rediss?:\/\//.test(v), { message: 'must be a redis:// or rediss:// URL' }),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), { message: 'must be a postgres:// URL' }),
  DATABASE_SCHEMA: z
    .string()
    .trim()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/i, 'use letters, digits and _')
    .optional(),
  REDIS_KEY_PREFIX: z.string().trim().min(1).max(100).default('hashdesk:'),
  DIGEST_QUEUE_LOCK_MS: z.coerce.number().int().min(1_000).max(600_000).default(60_000),
  // How often the alert watcher polls the chain tip; 0 turns alerts' delivery off.
  ALERT_POLL_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  DIGEST_MIN_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
  HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(2500),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).optional(),
  DEFAULT_LANG: z
    .string()
    .trim()
    .default('en')
    .transform((v, ctx) => {
      const lang = parseLang(v);
      if (!lang) ctx.addIssue({ code: 'custom', message: `use ${LANG_HINT}` });
      return lang ?? 'en';
    }),
  USER_AGENT: z.string().trim().min(1).default('hashdesk/0.1 (+https://github.com/hashdesk/hashdesk)'),
  DISCORD_TOKEN: optionalSecret,
  DISCORD_API_URL: url('https://discord.com/api'),
  DISCORD_SHARD_COUNT: z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || v === '' || v === 'auto' || /^[1-9]\d{0,4}$/.test(v), {
      message: 'use a number or auto',
    })
    .transform((v) => (v === undefined || v === '' ? undefined : v === 'auto' ? ('auto' as const) : Number(v))),
  DISCORD_SHARD_IDS: z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || v === '' || /^\d{1,5}(,\d{1,5})*$/.test(v), {
      message: 'use comma-separated shard ids, like 0,1',
    })
    .transform((v) => (v ? v.split(',').map(Number) : undefined)),
  DISCORD_DEPLOY_ON_START: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  TELEGRAM_BOT_TOKEN: optionalSecret,
  TELEGRAM_API_URL: url('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^https:\/\/[^\s/]+/i.test(v), { message: 'must be an https URL' }),
  TELEGRAM_WEBHOOK_SECRET: optionalSecret.refine((v) => v === undefined || /^[A-Za-z0-9_-]{1,256}$/.test(v), {
    message: 'use 1-256 characters A-Z, a-z, 0-9, _ and -',
  }),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  // Flood limits (0 turns one off): commands per user and per group chat a minute, new websites a
  // user may have looked up (RDAP, crt.sh, Wayback) an hour.
  RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().min(0).max(10_000).default(20),
  RATE_LIMIT_CHAT_PER_MINUTE: z.coerce.number().int().min(0).max(10_000).default(60),
  WEB_CHECKS_PER_USER_PER_HOUR: z.coerce.number().int().min(0).max(10_000).default(10),
});

export type Config = z.infer<typeof schema>;

/** Every variable hashdesk reads (for the docs check). */
export const CONFIG_KEYS: readonly string[] = Object.keys(schema.shape);

/** Thrown with one line per bad variable; the values themselves are never printed. */
export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}

/** Values that must never appear in a log line, an error or a reply. */
export function secretsOf(config: Config): string[] {
  const password = (url: string | undefined): string | undefined => {
    if (!url) return undefined;
    try {
      return decodeURIComponent(new URL(url).password) || undefined;
    } catch {
      return undefined;
    }
  };
  return [
    config.DISCORD_TOKEN,
    config.TELEGRAM_BOT_TOKEN,
    config.TELEGRAM_WEBHOOK_SECRET,
    config.COINGECKO_API_KEY,
    password(config.DATABASE_URL),
    password(config.REDIS_URL),
  ].filter((s): s is string => typeof s === 'string' && s.length >= 4);
}

/** The config, or null after printing every problem to stderr (callers exit with code 2). */
export function loadConfigOrReport(env: NodeJS.ProcessEnv = process.env): Config | null {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(err.message + '\n');
      return null;
    }
    throw err;
  }
}
