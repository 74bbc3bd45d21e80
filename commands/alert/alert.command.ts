// `alert`: be told when it matters. Difficulty adjustments, hashprice and price thresholds, a pool's
// blocks; list, remove, pause and resume. The watcher (bot/alert-watcher.ts) evaluates them on each new
// block and posts through the platforms; this file makes, lists and words them.
import type { CommandSpec, Context, OptionSpec, OptionsOf, Reply } from '../core/types.js';
import type { Alert, AlertRule, Deps } from '../core/ports.js';
import { t, type Lang } from '../core/messages.js';
import { infoReply, refusalCode } from '../core/reply.js';
import { UserError } from '../core/errors.js';
import { readOptions, withKeyValues } from '../core/options.js';
import { tokenize } from '../core/args.js';
import { fmtAge, fmtDateTime, fmtDifficulty, fmtList, fmtMoney, fmtNumber, fmtSignedPct } from '../core/format.js';
import { POOL_REGIONS } from '../news-digest/pool-regions.data.js';
import { editDistance } from '../core/text.calc.js';
import { baselineState, needsPrice, watchedValue, type AlertEvent, type ChainSnapshot } from './evaluate.calc.js';
import { assertBotInChat, rigOwner } from '../core/owner.js';
import { resolveRig } from '../mining/inputs.js';
import { yieldCommand } from '../yield/yield.command.js';

/** Alerts one channel may keep. */
export const ALERTS_MAX = 25;
const KINDS = ['difficulty', 'hashprice', 'price', 'blocks', 'margin'] as const;
const ACTIONS = ['list', 'remove', 'pause', 'resume'] as const;

const OPTIONS = [
  {
    name: 'below',
    kind: 'number',
    min: 0,
    max: 1e9,
    description: { en: 'Fire when the value falls below this', zh: '低于此值时提醒' },
  },
  {
    name: 'above',
    kind: 'number',
    min: 0,
    max: 1e9,
    description: { en: 'Fire when the value rises above this', zh: '高于此值时提醒' },
  },
  {
    name: 'currency',
    kind: 'currency',
    autocomplete: true,
    description: { en: 'Fiat for price (and hashprice per TH in fiat)', zh: '价格（及按法币计的算力价格）所用法币' },
  },
  {
    name: 'unit',
    kind: 'choice',
    choices: ['sats', 'th', 'ph'],
    description: {
      en: 'Hashprice in sats/TH/day, or fiat per TH or PH per day',
      zh: '算力价格单位：聪/TH/日，或每 TH、每 PH 每日法币',
    },
  },
  {
    name: 'pool',
    kind: 'text',
    max: 60,
    description: { en: 'Pool for block alerts, e.g. ocean', zh: '区块提醒的矿池，如 ocean' },
  },
  {
    name: 'before',
    kind: 'text',
    max: 10,
    description: { en: 'Difficulty: also a heads-up this long before, e.g. 24h', zh: '难度：提前提醒，例如 24h' },
  },
  {
    name: 'rig',
    kind: 'text',
    max: 24,
    description: { en: 'Your saved rig, for margin alerts', zh: '您保存的矿机（用于利润提醒）' },
  },
  {
    name: 'rearm',
    kind: 'percent',
    min: 0,
    max: 0.5,
    description: {
      en: 'Re-arm after recovering this far past the threshold, default 2%',
      zh: '越过阈值恢复多少后重新生效，默认 2%',
    },
  },
  {
    name: 'cooldown',
    kind: 'text',
    max: 10,
    description: {
      en: 'At most one post per 30m, 1h (default), 0 for none',
      zh: '两次提醒的最短间隔：30m、1h（默认）或 0',
    },
  },
  {
    name: 'args',
    kind: 'text',
    max: 300,
    greedy: true,
    description: {
      en: 'difficulty · hashprice below=45 · price below=80000 · blocks pool=ocean · list · remove N',
      zh: 'difficulty · hashprice below=45 · price below=80000 · blocks pool=ocean · list · remove N',
    },
  },
] as const satisfies readonly OptionSpec[];
type Opts = OptionsOf<typeof OPTIONS>;

/** "30m", "1h", "2h", "1d", "90s", "0" → ms. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|min|h|d)?$/i.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? (n === 0 ? 's' : 'm')).toLowerCase();
  const ms = n * (unit === 's' ? 1000 : unit === 'h' ? 3_600_000 : unit === 'd' ? 86_400_000 : 60_000);
  return Number.isFinite(ms) && ms <= 7 * 86_400_000 ? Math.round(ms) : undefined;
}

/** A pool by mempool slug or name ("ocean", "OCEAN", "Foundry USA", "foundryusa"). */
function findPool(text: string): { slug: string; name: string } | undefined {
  const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const q = norm(text);
  const hit = Object.entries(POOL_REGIONS).find(([slug, p]) => slug === q || norm(p.name) === q);
  return hit ? { slug: hit[0], name: hit[1].name } : undefined;
}

function poolSuggestions(text: string): string[] {
  const q = text.toLowerCase().replace(/[^a-z0-9]/g, '');
  return Object.keys(POOL_REGIONS)
    .filter((slug) => editDistance(slug, q) <= 2 || slug.startsWith(q.slice(0, 3)))
    .slice(0, 5);
}

/** The alert in words: "hashprice below 40 sats/TH/day". */
export function describeAlert(a: Pick<Alert, 'rule' | 'currency'>, lang: Lang): string {
  const r = a.rule;
  if (r.kind === 'difficulty')
    return r.beforeMs
      ? t(lang, 'alert.desc.difficultyBefore', { age: fmtAge(r.beforeMs, lang) })
      : t(lang, 'alert.desc.difficulty');
  if (r.kind === 'blocks') return t(lang, 'alert.desc.blocks', { pool: r.poolName ?? r.pool ?? '—' });
  const direction = r.below !== undefined ? 'below' : 'above';
  if (r.kind === 'margin')
    return t(lang, `alert.desc.margin.${direction}`, {
      rig: r.rig?.name ?? '—',
      value: formatValue(a, (r.below ?? r.above)!, lang),
    });
  const value = formatValue(a, (r.below ?? r.above)!, lang);
  return t(lang, r.kind === 'price' ? `alert.desc.price.${direction}` : `alert.desc.hashprice.${direction}`, { value });
}

/** A watched value in its unit ("40 sats/TH/day", "$0.04/TH/day", "€80,000"). */
export function formatValue(a: Pick<Alert, 'rule' | 'currency'>, v: number, lang: Lang): string {
  if (a.rule.kind === 'price') return fmtMoney(v, a.currency, lang);
  if (a.rule.kind === 'margin') return t(lang, 'unit.perDay', { value: fmtMoney(v, a.currency, lang) });
  if (!a.rule.unit || a.rule.unit === 'sats') return t(lang, 'alert.unit.sats', { value: fmtNumber(v, lang, 2) });
  return t(lang, a.rule.unit === 'ph' ? 'alert.unit.ph' : 'alert.unit.th', { value: fmtMoney(v, a.currency, lang) });
}

function cooldownText(ms: number, lang: Lang): string {
  return ms === 0 ? t(lang, 'alert.noCooldown') : t(lang, 'alert.cooldown', { age: fmtAge(ms, lang) });
}

/** The chain and prices now, from the cached market data (what a new alert's baseline is). */
async function snapshotNow(deps: Deps, currencies: readonly string[]): Promise<ChainSnapshot> {
  const [network, retarget, ...prices] = await Promise.all([
    deps.market.network(),
    deps.market.retarget(),
    ...currencies.map((c) => deps.market.price(c)),
  ]);
  return {
    at: deps.clock.now(),
    height: network.height.value,
    difficulty: network.difficulty.value,
    retarget: retarget?.value ?? null,
    feesPerBlockBtc: network.feesPerBlockBtc?.value ?? null,
    blocks: [],
    prices: Object.fromEntries(currencies.map((c, i) => [c, prices[i]!.value])),
  };
}

function allowed(ctx: Context): boolean {
  return ctx.canManage ?? false;
}

async function create(kind: (typeof KINDS)[number], o: Opts, ctx: Context, deps: Deps): Promise<Reply> {
  const { lang } = ctx;
  const store = deps.alerts!;
  const below = o.below;
  const above = o.above;
  const cooldownRaw = o.cooldown;
  const cooldownMs = cooldownRaw === undefined ? 3_600_000 : parseDuration(cooldownRaw);
  if (cooldownMs === undefined)
    throw new UserError('error.invalid', {
      name: 'cooldown',
      value: String(cooldownRaw).slice(0, 20),
      hint: 'hint.cooldown',
    });
  const rule: AlertRule = {
    kind,
    rearm: o.rearm ?? 0.02,
    cooldownMs,
  };
  const beforeRaw = o.before;
  if (kind === 'difficulty' && beforeRaw !== undefined) {
    const before = parseDuration(beforeRaw);
    if (before === undefined || before === 0)
      throw new UserError('error.invalid', {
        name: 'before',
        value: beforeRaw.slice(0, 20),
        hint: 'hint.before',
      });
    rule.beforeMs = before;
  }
  if (kind === 'margin') {
    const name = (o.rig ?? '').toLowerCase();
    if (!name) throw new UserError('error.missing', { name: 'rig=', hint: 'hint.rigArgs' });
    const saved = deps.rigs ? await deps.rigs.getRig(rigOwner(ctx), name) : null;
    if (!saved) throw new UserError('rig.missing', { name: name.slice(0, 24) });
    // The rig as it stands now (saving it again later does not change this alert).
    const ro = readOptions(yieldCommand, { text: saved.args }, lang);
    const machine = resolveRig(ro, { hashrateRequired: true });
    if (machine.powerW === null) throw new UserError('error.needsPower');
    rule.rig = {
      name,
      hashrateThs: machine.hashrateThs,
      powerW: machine.powerW,
      electricity: ro.electricity ?? 0,
      poolFee: ro.pool_fee ?? 0,
      uptime: ro.uptime ?? 1,
    };
    o = { ...o, currency: ro.currency ?? 'usd' };
  }
  if (kind === 'hashprice' || kind === 'price' || kind === 'margin') {
    if ((below === undefined) === (above === undefined))
      throw new UserError('error.missing', { name: 'below=', hint: 'hint.threshold' });
    if (below !== undefined) rule.below = below;
    if (above !== undefined) rule.above = above;
    if (kind === 'hashprice') rule.unit = o.unit ?? (o.currency ? 'th' : 'sats');
  }
  if (kind === 'blocks') {
    const text = o.pool;
    if (!text) throw new UserError('error.missing', { name: 'pool=', hint: 'hint.pool' });
    const pool = findPool(text);
    if (!pool) {
      const near = poolSuggestions(text);
      throw new UserError('error.unknownPool', {
        value: text.slice(0, 40),
        suggestions: near.length ? t(lang, 'error.didYouMean', { list: fmtList(near, lang) }) : '',
      });
    }
    rule.pool = pool.slug;
    rule.poolName = pool.name;
  }
  const currency = o.currency ?? 'usd';
  const snap = await snapshotNow(deps, needsPrice(rule) ? [currency] : []);
  const draft = { rule, currency };
  const alert = await store.addAlert(
    {
      platform: ctx.platform as Alert['platform'],
      channelId: ctx.channelId!,
      scope: ctx.scope ?? `${ctx.platform}:${ctx.channelId}`,
      rule,
      lang,
      currency,
      state: baselineState(draft, snap),
      createdBy: ctx.userId ?? null,
      createdAt: snap.at,
    },
    ALERTS_MAX,
  );
  if (!alert) throw new UserError('alert.full', { max: ALERTS_MAX });
  const now = watchedValue(draft, snap);
  const where =
    rule.kind === 'difficulty'
      ? t(lang, 'alert.nowDifficulty', {
          difficulty: fmtDifficulty(snap.difficulty ?? NaN, lang),
          next: snap.retarget ? fmtSignedPct(snap.retarget.estimatedChangePct, lang, 1) : '—',
          blocks: fmtNumber(snap.retarget?.remainingBlocks ?? NaN, lang, 0),
        })
      : rule.kind === 'blocks'
        ? t(lang, 'alert.nowBlocks', { height: fmtNumber(snap.height, lang, 0) })
        : now === null
          ? ''
          : t(lang, alert.state.armed ? 'alert.nowValue' : 'alert.nowValueFiring', {
              value: formatValue(draft, now, lang),
            });
  const threshold = rule.kind === 'hashprice' || rule.kind === 'price' || rule.kind === 'margin';
  const lines = [where, threshold ? rearmLine(alert, lang) : ''].filter(Boolean);
  return infoReply(t(lang, 'alert.created', { id: alert.id, what: describeAlert(alert, lang) }), lines, 'good', {
    alert,
  });
}

function rearmLine(a: Alert, lang: Lang): string {
  const r = a.rule;
  const threshold = (r.below ?? r.above)!;
  const back = r.below !== undefined ? threshold * (1 + r.rearm) : threshold * (1 - r.rearm);
  return t(lang, 'alert.rearm', { value: formatValue(a, back, lang), cooldown: cooldownText(r.cooldownMs, lang) });
}

async function list(ctx: Context, deps: Deps): Promise<Reply> {
  const { lang } = ctx;
  const alerts = await deps.alerts!.listAlerts(ctx.platform, ctx.channelId!);
  if (!alerts.length) return infoReply(t(lang, 'alert.none', {}, ctx.commandStyle));
  const lines = alerts.map((a) => {
    const status = a.pausedReason
      ? t(lang, 'alert.status.refused', { code: refusalCode(a.pausedReason) })
      : a.paused
        ? t(lang, 'alert.status.paused')
        : a.state.lastFiredAt
          ? t(lang, 'alert.status.lastFired', {
              time: fmtDateTime(a.state.lastFiredAt),
            })
          : t(lang, 'alert.status.waiting');
    return t(lang, 'alert.listLine', { id: a.id, what: describeAlert(a, lang), status });
  });
  return infoReply(t(lang, 'alert.list', { count: alerts.length }), lines, 'info', { alerts });
}

async function run(o: Opts, ctx: Context, deps: Deps): Promise<Reply> {
  const { lang } = ctx;
  if (!deps.alerts) return infoReply(t(lang, 'alert.unavailable'), [], 'warn');
  if ((ctx.platform !== 'discord' && ctx.platform !== 'telegram') || !ctx.channelId)
    throw new UserError('alert.noChannel');
  const tokens = tokenize((o.args ?? '').trim());
  const first = tokens[0]?.toLowerCase();
  if (!first || first === 'list') return list(ctx, deps);
  assertBotInChat(ctx);
  if (!allowed(ctx)) throw new UserError('nd.notAllowed');
  if ((ACTIONS as readonly string[]).includes(first)) {
    const id = Number(tokens[1]);
    if (!Number.isInteger(id) || id <= 0)
      throw new UserError('error.invalid', {
        name: first,
        value: (tokens[1] ?? '').slice(0, 20),
        hint: 'hint.alertId',
      });
    const ok =
      first === 'remove'
        ? await deps.alerts.removeAlert(ctx.platform, ctx.channelId, id)
        : await deps.alerts.setAlertPaused(ctx.platform, ctx.channelId, id, first === 'pause');
    if (!ok) throw new UserError('alert.missing', { id });
    return infoReply(
      t(lang, first === 'remove' ? 'alert.removed' : first === 'pause' ? 'alert.paused' : 'alert.resumed', { id }),
      [],
      'good',
    );
  }
  if (!(KINDS as readonly string[]).includes(first))
    throw new UserError('error.invalid', { name: 'alert', value: first.slice(0, 30), hint: 'hint.alertKind' });
  // The rest: key=value options (below=45 currency=eur cooldown=30m), typed ones already in `o`.
  const merged = withKeyValues(
    o,
    OPTIONS,
    tokens.slice(1),
    lang,
    (word) => new UserError('error.invalid', { name: 'alert', value: word.slice(0, 30), hint: 'hint.alertKind' }),
  );
  return create(first as (typeof KINDS)[number], merged, ctx, deps);
}

/** The post an alert event makes, in the alert's language. */
export function alertPost(alert: Alert, event: AlertEvent): Reply {
  const lang = alert.lang;
  const when = `${fmtDateTime(event.at)} UTC`;
  const footnote = t(lang, 'alert.footer', { id: alert.id, when });
  if (event.kind === 'retarget') {
    return {
      kind: 'ok',
      lang,
      title: t(lang, 'alert.post.retarget', { change: fmtSignedPct(event.changePct, lang, 1) }),
      tone: event.changePct > 0 ? 'warn' : 'good',
      fields: [
        { name: t(lang, 'chart.panel.difficulty'), value: fmtDifficulty(event.difficulty, lang), inline: true },
        {
          name: t(lang, 'alert.post.meanBlock'),
          value: t(lang, 'alert.post.seconds', { n: fmtNumber(event.meanBlockSeconds, lang, 0) }),
          inline: true,
        },
        { name: t(lang, 'alert.post.hashprice'), value: fmtSignedPct(event.hashpriceChangePct, lang, 1), inline: true },
        ...(event.nextEstimatePct !== null
          ? [{ name: t(lang, 'alert.post.next'), value: fmtSignedPct(event.nextEstimatePct, lang, 1), inline: true }]
          : []),
      ],
      lines: [t(lang, 'alert.post.retargetAt', { height: fmtNumber(event.height, lang, 0) })],
      footnote,
    };
  }
  if (event.kind === 'retargetSoon') {
    return {
      kind: 'ok',
      lang,
      title: t(lang, 'alert.post.soon', {
        age: fmtAge(Math.max(0, event.eta - event.at), lang),
        change: fmtSignedPct(event.estimatePct, lang, 1),
      }),
      tone: 'info',
      fields: [],
      lines: [
        t(lang, 'alert.post.soonAt', {
          height: fmtNumber(event.height, lang, 0),
          when: `${fmtDateTime(event.eta)} UTC`,
        }),
      ],
      footnote,
    };
  }
  if (event.kind === 'block') {
    return {
      kind: 'ok',
      lang,
      title: t(lang, 'alert.post.block', {
        pool: alert.rule.poolName ?? alert.rule.pool ?? '—',
        height: fmtNumber(event.height, lang, 0),
      }),
      tone: 'good',
      fields: [
        { name: t(lang, 'alert.post.reward'), value: `${fmtNumber(event.rewardBtc, lang, 8)} BTC`, inline: true },
        { name: t(lang, 'alert.post.fees'), value: `${fmtNumber(event.feesBtc, lang, 8)} BTC`, inline: true },
        ...(event.sinceLastMs !== null
          ? [{ name: t(lang, 'alert.post.since'), value: fmtAge(event.sinceLastMs, lang), inline: true }]
          : []),
      ],
      lines: [],
      footnote,
    };
  }
  return {
    kind: 'ok',
    lang,
    title: t(lang, `alert.post.${event.kind}.${event.direction}`, {
      value: formatValue(alert, event.value, lang),
      threshold: formatValue(alert, event.threshold, lang),
    }),
    tone: 'warn',
    fields: [],
    lines: [rearmLine(alert, lang)],
    footnote,
  };
}

/** `alert`: difficulty adjustments, hashprice and price thresholds, a pool's blocks. */
export const alertCommand = {
  name: 'alert',
  description: {
    en: 'Be told: difficulty adjustments, hashprice and price thresholds, a pool’s blocks',
    zh: '提醒：难度调整、算力价格和币价阈值、矿池出块',
  },
  options: OPTIONS,
  managesCommunity: true,
  needsChat: true,
  subcommands: [
    { name: 'list', description: { en: 'The alerts of this channel', zh: '本频道的提醒' }, options: [] },
    {
      name: 'difficulty',
      description: { en: 'Each difficulty adjustment', zh: '每次难度调整' },
      options: ['before'],
    },
    {
      name: 'hashprice',
      description: { en: 'Hashprice below= or above= a threshold', zh: '算力价格低于或高于阈值' },
      options: ['below', 'above', 'currency', 'unit', 'rearm', 'cooldown'],
    },
    {
      name: 'price',
      description: { en: 'BTC price below= or above= a threshold', zh: '币价低于或高于阈值' },
      options: ['below', 'above', 'currency', 'rearm', 'cooldown'],
    },
    { name: 'blocks', description: { en: 'Each block a pool finds', zh: '矿池每次出块' }, options: ['pool'] },
    {
      name: 'margin',
      description: { en: 'A saved rig’s daily profit below= or above=', zh: '已保存矿机的日利润低于或高于阈值' },
      options: ['rig', 'below', 'above', 'rearm', 'cooldown'],
    },
    { name: 'remove', description: { en: 'Remove alert N', zh: '删除提醒 N' }, options: [] },
    { name: 'pause', description: { en: 'Pause alert N', zh: '暂停提醒 N' }, options: [] },
    { name: 'resume', description: { en: 'Resume alert N', zh: '恢复提醒 N' }, options: [] },
  ],
  examples: [
    'difficulty',
    'hashprice below=45',
    'price below=80000 currency=eur',
    'blocks pool=ocean',
    'list',
    'remove 1',
  ],
  run,
} satisfies CommandSpec<typeof OPTIONS>;
