import type { ChartSpec, CommandSpec, Context, OptionSpec, OptionsOf, Reply, ReplyField } from '../core/types.js';
import type { Deps, Note, Sourced, PoolStats } from '../core/ports.js';
import { t, type Lang } from '../core/messages.js';
import { infoReply, refusalCode } from '../core/reply.js';
import { UserError, DataUnavailableError } from '../core/errors.js';
import { parseOptionValue, withKeyValues } from '../core/options.js';
import { tokenize } from '../core/args.js';
import {
  fmtCount,
  fmtDate,
  fmtDifficulty,
  fmtList,
  fmtMoney,
  fmtNumber,
  fmtSignedPct,
  fmtShare,
  fmtTime,
} from '../core/format.js';
import { btcPerThDay, nextHalvingHeight, subsidyBtc } from '../mining/mining.calc.js';
import { isNoteDate, noteRegion, regionShares, selectHeadlines, type RegionShares } from './digest.calc.js';
import { REGIONS, type Region } from './pool-regions.data.js';
import { sourceName, sourcesFootnote } from '../mining/data-notes.js';
import { describeSchedule, localTime, parseSchedule, slotsBetween, zoneLabel } from './schedule.calc.js';
import { assertBotInChat } from '../core/owner.js';

const HOUR = 3_600_000;
const REGION_COLOURS: Record<Region, string> = {
  north_america: '#2563eb',
  asia: '#dc2626',
  europe: '#16a34a',
  global: '#9333ea',
  unknown: '#6b7280',
};
/** "no single HQ" → "No single HQ" as a chart label (Chinese has no case). */
const capitalized = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const OPTIONS = [
  {
    name: 'currency',
    kind: 'currency',
    autocomplete: true,
    description: { en: 'Currency for the price, default usd', zh: '价格币种，默认 usd' },
  },
  {
    name: 'hours',
    kind: 'integer',
    min: 1,
    max: 168,
    description: { en: 'Headline window in hours, default 24', zh: '新闻时间窗口（小时），默认 24' },
  },
  {
    name: 'limit',
    kind: 'integer',
    min: 0,
    max: 20,
    description: { en: 'How many headlines, default 5', zh: '新闻条数，默认 5' },
  },
  {
    name: 'args',
    kind: 'text',
    max: 2000,
    greedy: true,
    description: {
      en: 'note add "…" source=URL date=YYYY-MM-DD · note list · note remove ID',
      zh: 'note add "…" source=URL date=YYYY-MM-DD · note list · note remove ID',
    },
  },
] as const satisfies readonly OptionSpec[];
type Opts = OptionsOf<typeof OPTIONS>;

function allowed(ctx: Context): boolean {
  return ctx.canManage ?? (ctx.platform === 'console' || ctx.platform === 'cli' || ctx.platform === 'test');
}

/** Notes a community may keep (each digest shows the newest ten), and notes per `note list` page. */
export const NOTES_MAX = 200;
export const NOTES_PER_PAGE = 20;

async function noteCommand(tokens: string[], ctx: Context, deps: Deps): Promise<Reply> {
  const { lang } = ctx;
  const store = deps.notes;
  if (!store) return infoReply(t(lang, 'nd.notesUnavailable'), [], 'warn');
  const scope = ctx.scope ?? 'global';
  const action = (tokens[0] ?? 'list').toLowerCase();
  if (action === 'list') {
    const notes = await store.listNotes(scope);
    const pageArg = (tokens[1] ?? '1').replace(/^page=/i, '');
    const page = Number(pageArg);
    const pages = Math.max(1, Math.ceil(notes.length / NOTES_PER_PAGE));
    if (!Number.isInteger(page) || page < 1 || page > pages)
      throw new UserError('error.invalid', { name: 'page', value: pageArg.slice(0, 20), hint: 'hint.notePage' });
    const shown = notes.slice((page - 1) * NOTES_PER_PAGE, page * NOTES_PER_PAGE);
    return infoReply(
      t(lang, 'nd.notesList', { count: notes.length }),
      notes.length
        ? [
            ...shown.map(
              (n) =>
                `#${n.id} ${t(lang, 'label', { label: n.date, value: n.text })}${n.source ? ` (${n.source})` : ''}`,
            ),
            ...(pages > 1
              ? [t(lang, 'nd.notesPage', { page, pages, next: page < pages ? page + 1 : 1 }, ctx.commandStyle)]
              : []),
          ]
        : [t(lang, 'nd.notesEmpty', {}, ctx.commandStyle)],
      'info',
      { notes: shown, page, pages, total: notes.length },
    );
  }
  assertBotInChat(ctx);
  if (!allowed(ctx)) throw new UserError('nd.notAllowed');
  if (action === 'remove' || action === 'rm' || action === 'delete') {
    const id = Number(tokens[1]);
    if (!Number.isInteger(id) || id <= 0)
      throw new UserError('error.invalid', {
        name: 'id',
        value: String(tokens[1] ?? '').slice(0, 20),
        hint: 'hint.noteId',
      });
    const removed = await store.removeNote(scope, id);
    return infoReply(t(lang, removed ? 'nd.noteRemoved' : 'nd.noteMissing', { id }), [], removed ? 'good' : 'warn', {
      removed,
      id,
    });
  }
  if (action !== 'add')
    throw new UserError('error.invalid', { name: 'note', value: action.slice(0, 20), hint: 'hint.digestAction' });
  const words: string[] = [];
  let source: string | null = null;
  let date: string | null = null;
  for (const tok of tokens.slice(1)) {
    const m = /^(source|date)=(.*)$/i.exec(tok);
    if (m?.[1]!.toLowerCase() === 'source') source = m[2]!.trim() || null;
    else if (m) date = m[2]!.trim();
    else words.push(tok);
  }
  const text = words.join(' ').trim();
  if (!text || text.length > 500)
    throw new UserError('error.invalid', { name: 'text', value: text.slice(0, 30) || '""', hint: 'hint.noteText' });
  if (date === null) throw new UserError('error.missing', { name: 'date', hint: 'hint.noteDate' });
  if (!isNoteDate(date))
    throw new UserError('error.invalid', { name: 'date', value: date.slice(0, 20), hint: 'hint.noteDate' });
  if (source !== null && source.length > 300)
    throw new UserError('error.invalid', { name: 'source', value: source.slice(0, 30) + '…', hint: 'hint.text' });
  if ((await store.listNotes(scope)).length >= NOTES_MAX) throw new UserError('nd.notesFull', { max: NOTES_MAX });
  const note = await store.addNote({ scope, text, source, date, createdAt: deps.clock.now() });
  return infoReply(t(lang, 'nd.noteAdded', { id: note.id, date: note.date, text: note.text }), [], 'good', { note });
}

async function optional<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof DataUnavailableError) return null;
    throw err;
  }
}

/** The regions a digest shows, in text and chart alike: those with blocks, and North America always. */
export function shownRegions(shares: RegionShares): Region[] {
  return REGIONS.filter((r) => shares.regions[r] > 0 || r === 'north_america');
}

/** The regional-share bar chart (the digest's, and `chart pools`): the same regions as the text. */
export function regionChart(shares: RegionShares, pools: Sourced<PoolStats>, lang: Lang): ChartSpec {
  const bars = shownRegions(shares).map((r) => ({
    label: capitalized(t(lang, `nd.region.${r}`)),
    value: shares.regions[r],
    color: REGION_COLOURS[r],
  }));
  return {
    kind: 'bars',
    lang,
    title: t(lang, 'nd.chartTitle'),
    subtitle: t(lang, 'nd.chartSubtitle', {
      blocks: fmtCount(shares.totalBlocks, 'blocks', lang),
      source: sourceName(pools.source),
      date: fmtDate(pools.fetchedAt),
    }),
    footer: t(lang, 'nd.chartFooter'),
    alt: `${t(lang, 'nd.chartTitle')}: ${fmtList(
      bars.map((b) => `${b.label} ${fmtShare(b.value, lang)}`),
      lang,
    )}`,
    unit: '%',
    bars,
  };
}

async function digest(o: Opts, ctx: Context, deps: Deps): Promise<Reply> {
  const { lang } = ctx;
  const currency = o.currency ?? 'usd';
  const hours = o.hours ?? 24;
  const limit = o.limit ?? 5;
  const now = deps.clock.now();
  const [network, price, retarget, pools, items, notes] = await Promise.all([
    deps.market.network(),
    deps.market.price(currency),
    deps.market.retarget(),
    optional<Sourced<PoolStats>>(deps.market.pools()),
    deps.news ? deps.news.headlines() : Promise.resolve([]),
    deps.notes ? deps.notes.listNotes(ctx.scope ?? 'global') : Promise.resolve([] as Note[]),
  ]);
  const money = (v: number): string => fmtMoney(v, currency, lang);
  const height = network.height.value;
  const fees = network.feesPerBlockBtc?.value ?? 0;
  const hashBtc = btcPerThDay(network.difficulty.value, subsidyBtc(height + 1) + fees);
  const perTh = hashBtc * price.value;
  const toHalving = nextHalvingHeight(height) - height;
  const hr = network.hashrate3dHs ?? network.hashrateHs;
  const fields: ReplyField[] = [
    {
      name: t(lang, 'nd.network'),
      value: t(lang, 'nd.networkValue', {
        price: money(price.value),
        difficulty: fmtDifficulty(network.difficulty.value, lang),
        last: retarget ? fmtSignedPct(retarget.value.previousChangePct, lang) : '—',
        next: retarget ? fmtSignedPct(retarget.value.estimatedChangePct, lang) : '—',
        days: retarget ? fmtNumber(Math.max(0, (retarget.value.estimatedRetargetAt - now) / 86_400_000), lang, 1) : '—',
        height: retarget ? fmtNumber(retarget.value.nextRetargetHeight, lang, 0) : '—',
        hashrate: hr ? `${fmtNumber(hr.value / 1e18, lang, 1)} EH/s` : '—',
        tip: fmtNumber(height, lang, 0),
      }),
    },
    {
      name: t(lang, 'nd.hashprice'),
      value: t(lang, 'unit.hashprice', {
        sats: fmtNumber(hashBtc * 1e8, lang, 2),
        perTh: money(perTh),
        perPh: money(perTh * 1000),
      }),
      inline: true,
    },
    {
      name: t(lang, 'nd.halving'),
      value: t(lang, 'nd.halvingValue', {
        blocks: fmtCount(toHalving, 'blocks', lang),
        days: fmtCount(toHalving / 144, 'days', lang),
      }),
      inline: true,
    },
  ];
  let shares: ReturnType<typeof regionShares> | null = null;
  const shownInline = new Set<number>();
  let chart: ChartSpec | undefined;
  if (pools) {
    shares = regionShares(pools.value, deps.poolRegions);
    fields.push({
      name: t(lang, 'nd.pools', { blocks: fmtNumber(shares.totalBlocks, lang, 0) }),
      value: shares.pools
        .slice(0, 8)
        .map((p) => `${p.name} ${fmtShare(p.sharePct, lang)}`)
        .join(' · '),
    });
    const regionLines = shownRegions(shares).map((r) => {
      const noted = notes.filter((n) => noteRegion(n.text) === r).slice(0, 2);
      for (const n of noted) shownInline.add(n.id);
      const extra = noted.map((n) => `; ${t(lang, 'nd.noted', { date: n.date, text: n.text })}`).join('');
      return `${t(lang, 'label', { label: t(lang, `nd.region.${r}`), value: fmtShare(shares!.regions[r], lang) })}${extra}`;
    });
    fields.push({ name: t(lang, 'nd.regions'), value: regionLines.join('\n') });
    chart = regionChart(shares, pools, lang);
  } else {
    fields.push({ name: t(lang, 'nd.regions'), value: t(lang, 'nd.poolsUnavailable') });
  }
  const headlines = selectHeadlines(items, { now, windowMs: hours * HOUR, limit });
  // limit=0: no headlines asked for, no headlines section.
  if (limit > 0)
    fields.push({
      name: t(lang, 'nd.headlines', { hours }),
      value: headlines.length
        ? headlines.map((h) => `• ${h.title} (${h.source}, ${fmtTime(h.publishedAt)} UTC) ${h.url}`).join('\n')
        : t(lang, 'nd.noHeadlines', { hours }),
      ...(headlines.length
        ? {
            links: headlines.map((h) => ({
              text: h.title,
              url: h.url,
              after: `(${h.source}, ${fmtTime(h.publishedAt)} UTC)`,
            })),
          }
        : {}),
    });
  // Notes already shown beside their region are not listed again.
  const rest = notes.filter((n) => !shownInline.has(n.id));
  if (rest.length) {
    fields.push({
      name: t(lang, 'nd.notes'),
      value: rest
        .slice(0, 10)
        .map((n) => `• ${t(lang, 'label', { label: n.date, value: n.text })}${n.source ? ` (${n.source})` : ''}`)
        .join('\n'),
    });
  }
  const origins = [network.difficulty, network.height, price, ...(pools ? [pools] : [])];
  const oldest = Math.min(...origins.map((x) => x.fetchedAt));
  const stale = origins.some((x) => x.stale);
  const reply: Reply = {
    kind: 'ok',
    title: t(lang, 'nd.title', { date: fmtDate(now) }),
    tone: 'info',
    headline: shares
      ? `${t(lang, 'nd.region.north_america')} ${fmtShare(shares.regions.north_america, lang)} · ${t(lang, 'nd.region.asia')} ${fmtShare(shares.regions.asia, lang)}`
      : `BTC ${money(price.value)}`,
    fields,
    lines: [t(lang, 'nd.regionsNote')],
    footnote: sourcesFootnote(origins, now, lang).join(' · '),
    json: {
      network: {
        price: price.value,
        currency,
        difficulty: network.difficulty.value,
        height,
        lastAdjustmentPct: retarget?.value.previousChangePct ?? null,
        nextAdjustmentPct: retarget?.value.estimatedChangePct ?? null,
        nextAdjustmentAt: retarget ? new Date(retarget.value.estimatedRetargetAt).toISOString() : null,
        nextRetargetHeight: retarget?.value.nextRetargetHeight ?? null,
        hashrate3dEhs: hr ? hr.value / 1e18 : null,
        blocksToHalving: toHalving,
      },
      hashprice: { satsPerThDay: hashBtc * 1e8, perThDay: perTh, perPhDay: perTh * 1000 },
      pools: shares
        ? shares.pools.map((p) => ({
            slug: p.slug,
            name: p.name,
            blocks: p.blocks,
            sharePct: p.sharePct,
            region: p.region,
          }))
        : [],
      regions: shares ? shares.regions : null,
      headlines: headlines.map((h) => ({
        title: h.title,
        url: h.url,
        source: h.source,
        publishedAt: new Date(h.publishedAt).toISOString(),
      })),
      notes: notes.map((n) => ({ id: n.id, date: n.date, text: n.text, source: n.source })),
      asOf: new Date(oldest).toISOString(),
      stale,
    },
  };
  if (chart) reply.chart = chart;
  return reply;
}

async function subscriptionCommand(
  action: string,
  tokens: string[],
  o: Opts,
  ctx: Context,
  deps: Deps,
): Promise<Reply> {
  const { lang } = ctx;
  const store = deps.subscriptions;
  if (!store) return infoReply(t(lang, 'nd.subscriptionsUnavailable'), [], 'warn');
  if ((ctx.platform !== 'discord' && ctx.platform !== 'telegram') || !ctx.channelId)
    throw new UserError('nd.noChannel');
  const platform = ctx.platform;
  const now = deps.clock.now();
  /** An instant in the subscriber's zone ("2026-09-20 09:00 Asia/Taipei"). */
  const when = (ms: number | undefined, tz: string): string =>
    ms ? t(lang, 'schedule.at', { time: localTime(ms, tz), tz: zoneLabel(tz) }) : '—';
  if (action === 'status') {
    const sub = await store.getSubscription(platform, ctx.channelId);
    if (!sub) return infoReply(t(lang, 'nd.notSubscribed', {}, ctx.commandStyle));
    const last = await store.lastDelivery(sub.id);
    const next = slotsBetween({ cron: sub.schedule, tz: sub.tz }, now, now + 400 * 86_400_000, 1)[0];
    const line = sub.pausedReason
      ? t(lang, 'nd.statusPaused', { code: refusalCode(sub.pausedReason) })
      : t(lang, 'nd.statusValue', {
          next: when(next, sub.tz),
          last: last
            ? t(lang, 'nd.lastDelivery', {
                when: when(Date.parse(last.slot), sub.tz),
                status: t(lang, `delivery.${last.status}`),
              })
            : '—',
        });
    return infoReply(
      t(lang, 'nd.status', { schedule: describeSchedule({ cron: sub.schedule, tz: sub.tz }, lang) }),
      [line],
      sub.pausedReason ? 'warn' : 'info',
      {
        subscription: sub,
        lastDelivery: last,
      },
    );
  }
  assertBotInChat(ctx);
  if (!allowed(ctx)) throw new UserError('nd.notAllowed');
  if (action === 'unsubscribe') {
    const removed = await store.removeSubscription(platform, ctx.channelId);
    return infoReply(
      t(lang, removed ? 'nd.unsubscribed' : 'nd.notSubscribed', {}, ctx.commandStyle),
      [],
      removed ? 'good' : 'warn',
      {
        removed,
      },
    );
  }
  const schedule = parseSchedule(tokens, deps.digestMinIntervalMinutes ?? 60, now);
  const sub = await store.upsertSubscription({
    platform,
    channelId: ctx.channelId,
    scope: ctx.scope ?? `${platform}:${ctx.channelId}`,
    schedule: schedule.cron,
    tz: schedule.tz,
    lang,
    currency: o.currency ?? 'usd',
    createdBy: ctx.userId ?? null,
    createdAt: now,
  });
  const next = slotsBetween(schedule, now, now + 400 * 86_400_000, 1)[0];
  return infoReply(
    t(lang, 'nd.subscribed', { schedule: describeSchedule(schedule, lang), next: when(next, schedule.tz) }),
    [],
    'good',
    {
      subscription: sub,
    },
  );
}

async function run(o: Opts, ctx: Context, deps: Deps): Promise<Reply> {
  const text = (o.args ?? '').trim();
  const tokens = text ? tokenize(text) : [];
  const first = tokens[0]?.toLowerCase();
  if (first === 'note' || first === 'notes') return noteCommand(tokens.slice(1), ctx, deps);
  if (first === 'subscribe' || first === 'unsubscribe' || first === 'status') {
    const rest = tokens.slice(1).filter((tok) => !/^currency=/i.test(tok));
    const cur = tokens.find((tok) => /^currency=/i.test(tok));
    const opts: Opts = cur ? { ...o, currency: parseOptionValue(OPTIONS[0], cur.slice(9), ctx.lang) } : o;
    return subscriptionCommand(first, rest, opts, ctx, deps);
  }
  // Otherwise: key=value options for the digest itself (currency=eur hours=48 limit=3).
  const merged = withKeyValues(
    o,
    OPTIONS,
    tokens,
    ctx.lang,
    (word) =>
      new UserError('error.invalid', { name: 'news-digest', value: word.slice(0, 30), hint: 'hint.digestAction' }),
  );
  return digest(merged, ctx, deps);
}

/** `news-digest`: network figures, regional pool shares, headlines and admins' dated notes. */
export const newsDigestCommand = {
  name: 'news-digest',
  description: {
    en: "Network figures, regional pool shares, mining headlines and admins' notes",
    zh: '全网数据、矿池地区份额、挖矿新闻和管理员备注',
  },
  options: OPTIONS,
  subcommands: [
    { name: 'show', description: { en: 'The digest now', zh: '立即查看简报' } },
    {
      name: 'subscribe',
      description: {
        en: 'Post the digest here: daily 09:00 [TZ], weekly mon 09:00 [TZ] or cron="…"',
        zh: '定时在此发布简报：daily 09:00 [时区]、weekly mon 09:00 [时区] 或 cron="…"',
      },
    },
    { name: 'unsubscribe', description: { en: 'Stop the scheduled digest here', zh: '停止在此发布定时简报' } },
    {
      name: 'status',
      description: { en: "This channel's digest schedule and last delivery", zh: '本频道的简报计划和上次发送' },
    },
    {
      name: 'note',
      description: {
        en: 'add "…" source=URL date=YYYY-MM-DD · list · remove ID',
        zh: 'add "…" source=URL date=YYYY-MM-DD · list · remove ID',
      },
    },
  ],
  managesCommunity: true,
  examples: [
    '',
    'currency=eur hours=48',
    'note add "US share up to 7.5%, China below 70% (conference)" source=https://example.org date=2021-04',
    'note list',
    'note remove 3',
    'subscribe daily 09:00 Asia/Shanghai',
    'subscribe weekly mon 09:00 UTC',
    'status',
    'unsubscribe',
  ],
  run,
} satisfies CommandSpec<typeof OPTIONS>;

export type { Lang };
