// Every reply in every language on every surface, read the way its users read it. For each command
// (success, user error, stale, no data, what-if, help, digest, notes, subscriptions) in en, 简体 and
// 繁體, rendered for the console, as a Discord embed and as Telegram HTML, this fails on:
//  - a 简体-only character in a 繁體 reply, or a 繁體 reply identical to the 简体 one where it has Han text;
//  - an English word in a Chinese reply outside the allow-list (commands, option keys, units, tickers,
//    pool, model, source and proper names, URLs, time zones);
//  - a `{placeholder}` left unfilled, NaN, Infinity or undefined;
//  - the same line twice in one reply.
// DUMP_REPLIES=1 writes everything it read to $TMPDIR/hashdesk-replies.txt for a person to read.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { APIEmbed } from 'discord.js';
import { commands, dispatch, type ChartSpec, type Context, type Reply } from '../../commands/index.js';
import type { Lang } from '../../commands/core/messages.js';
import { renderText } from '../../adapters/console/render.js';
import { renderEmbed } from '../../adapters/discord/render.js';
import { renderHtml } from '../../adapters/telegram/render.js';
import { ASIC_MODELS } from '../../commands/mining/asic-models.data.js';
import { POOL_REGIONS } from '../../commands/news-digest/pool-regions.data.js';
import { REGULATOR_ENTRIES } from '../../commands/provider-check/regulators.data.js';
import { CURRENCIES } from '../../commands/core/options.js';
import { startFakeUpstream, type FakeUpstream } from '../fakes/upstream.js';
import { manualClock, tempDir, testRuntime } from '../helpers.js';
import type { Runtime } from '../../bot/runtime.js';
import { simplifiedOnly, HAN } from './scripts.js';
import { alertPost } from '../../commands/alert/alert.command.js';
import type { AlertEvent } from '../../commands/alert/evaluate.calc.js';
import type { Alert, AlertRule } from '../../commands/core/ports.js';

const LANGS: readonly Lang[] = ['en', 'zh-Hans', 'zh-Hant'];
const NOTE = 'US share 7.5% (conference)';
type Surface = 'console' | 'discord' | 'telegram';
const STYLE = {
  console: { prefix: '', separator: '-' },
  discord: { prefix: '/', separator: '-' },
  telegram: { prefix: '/', separator: '_' },
} as const;

/** The words drawn in a chart: titles, labels, markers, footer and its alt text. */
function chartText(chart: ChartSpec | undefined): string[] {
  if (!chart) return [];
  const own = [chart.title, chart.subtitle ?? '', chart.footer ?? '', chart.alt ?? ''];
  if (chart.kind !== 'lines') return [...own, ...chart.bars.map((b) => b.label)];
  return [
    ...own,
    ...chart.panels.flatMap((p) => [
      p.label,
      ...p.series.map((s) => s.label),
      ...(p.markers ?? []).map((m) => m.label),
      ...(p.levels ?? []).map((l) => l.label),
    ]),
  ];
}

/** What a user of each surface reads, as plain lines (the chart's words after the text). */
function read(reply: Reply, surface: Surface): string[] {
  return [...readText(reply, surface), ...chartText(reply.chart)];
}

function readText(reply: Reply, surface: Surface): string[] {
  if (surface === 'console') return renderText(reply).split('\n');
  if (surface === 'telegram')
    return renderHtml(reply)
      .join('\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .split('\n');
  const e: APIEmbed = renderEmbed(reply);
  return [
    e.title ?? '',
    ...(e.description ?? '').split('\n'),
    ...(e.fields ?? []).flatMap((f) => [f.name, ...f.value.split('\n')]),
    ...(e.footer?.text ?? '').split('\n'),
  ];
}

// Words that stay as they are in a Chinese reply: commands, option keys and values people type,
// units, tickers, currencies, proper names (pools, models, sources, regulators, places).
const ALLOWED = new Set(
  [
    ...commands.flatMap((c) => [
      c.name,
      ...c.name.split('-'),
      ...c.options.flatMap((o) => [o.name, ...o.name.split('_'), ...(o.aliases ?? []), ...(o.choices ?? [])]),
      ...(c.subcommands ?? []).map((s) => s.name),
    ]),
    ...CURRENCIES,
    ...ASIC_MODELS.flatMap((m) => [m.id, ...m.name.split(/[\s/()+]+/), ...m.vendor.split(/\s+/)]),
    ...Object.values(POOL_REGIONS).flatMap((p) => p.name.split(/[\s.]+/)),
    ...REGULATOR_ENTRIES.flatMap((r) => [r.authority, r.name, ...r.aliases].flatMap((n) => n.split(/[\s/().,]+/))),
    // units, tickers and currency symbols (US$, CN¥, HK$, NT$)
    ...'CN HK NT US TH PH EH GH MH TH/s EH/s W kW kWh MW J T G P M k BTC USD USDT sats UTC ID URL NFT SHA'.split(' '),
    // sources and services named in footers and evidence
    ...'mempool space blockchain info CoinGecko Coinbase Kraken RDAP crt sh Wayback Machine MetaMask ScamSniffer Discord Telegram OCEAN hashdesk'.split(
      ' ',
    ),
    // what users type: schedule words, keywords, examples
    ...'note add list remove show subscribe unsubscribe status daily weekly cron mon tue wed thu fri sat sun on off lifetime pool models https http source date YYYY MM DD max min amp lang en zh TW'.split(
      ' ',
    ),
    // fixture text quoted back to the user (offer names, ad text, note text)
    ...'SuperHash Cloud HashPro Energy GAW Miners garage'.split(' '),
  ].map((w) => w.toLowerCase()),
);

/** A headline line: with its URL (console) or as a link (Telegram, Discord), then (source, HH:MM UTC). */
const HEADLINE = /^\s*• .*(?:https?:\/\/|\(\S+, \d\d:\d\d UTC\)$)/;

function englishWords(line: string): string[] {
  if (HEADLINE.test(line)) return []; // a headline: the feed's own words
  const stripped = line
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\b[A-Z][a-z]+\/[A-Za-z_]+\b/g, ' ') // IANA zones (Asia/Taipei)
    .replace(/\b[a-z0-9-]+\.(?:com|org|io|net|xyz|top|cc|example|info|space|sh)\b/gi, ' ') // host names
    .replace(/"[^"]*"|“[^”]*”|「[^」]*」/g, ' ') // quoted user input
    .replace(/\b[a-z_]+=\S*/g, ' ') // key=value as typed
    .replace(new RegExp(NOTE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'), ' '); // the note's own text
  // Words are runs of letters; a token with a digit is a code, a model or a number (E1, s19jpro, 100TH).
  const tokens = stripped.match(/[A-Za-z0-9][A-Za-z0-9+'_-]*/g) ?? [];
  return tokens
    .filter((tok) => !/\d/.test(tok))
    .flatMap((tok) => (ALLOWED.has(tok.toLowerCase()) ? [] : tok.split(/[-_]/)))
    .filter((w) => w.length > 1 && !ALLOWED.has(w.toLowerCase()));
}

interface Case {
  command: string;
  text: string;
  ctx?: Partial<Context>;
}

const LIVE: Case[] = [
  { command: 'yield', text: 's21xp 0.05' },
  { command: 'yield', text: 's21xp count=3 0.4 currency=cny pool_fee=2%' },
  { command: 'yield', text: '100TH 3250W' },
  { command: 'yield', text: 's21xp 0.05 price=90000 difficulty=140T height=1050000' },
  { command: 'yield', text: 'electricity=abc' },
  { command: 'yield', text: '100TH 3250W electricity=100' },
  { command: 'yield', text: 'model=s19jpr 0.05' },
  { command: 'yield', text: 's21xp 0.05 pool_fee=0.02' },
  { command: 'yield', text: 's21xp 0.05 foo=1' },
  { command: 'yield', text: '' },
  { command: 'break-even', text: 's21xp 0.05' },
  { command: 'break-even', text: 's21xp 0.05 hardware_cost=3500' },
  { command: 'break-even', text: 's21xp 0.03 hardware_cost=3500' },
  { command: 'break-even', text: 's21xp 0.09 hardware_cost=3500' },
  { command: 'break-even', text: 'hashrate=100TH days=365 contract_price=6 maintenance=0.018' },
  { command: 'break-even', text: 'hashrate=100TH contract_price=6' },
  { command: 'provider-check', text: 'name="SuperHash Cloud"' },
  {
    command: 'provider-check',
    text: 'name="HashPro Energy" contract_price=500 hashrate=100TH days=180 payout=3 referral=3',
  },
  { command: 'provider-check', text: 'contract_price=6 hashrate=100TH days=365 maintenance=0.018 payout=pool' },
  {
    command: 'provider-check',
    text: 'text="保本保息，每天固定收益 2%，三级返佣，提现需先缴纳手续费，四川水电矿场" contract_price=100 hashrate=10TH days=365',
  },
  { command: 'provider-check', text: 'url=https://antpool-cloud.xyz name=AntPool' },
  { command: 'news-digest', text: '' },
  { command: 'news-digest', text: 'currency=eur limit=2' },
  { command: 'news-digest', text: 'note list' },
  { command: 'news-digest', text: `note add "${NOTE}" date=2021-04`, ctx: { canManage: true } },
  { command: 'news-digest', text: 'note add "x"', ctx: { canManage: false } },
  { command: 'news-digest', text: 'status' },
  { command: 'news-digest', text: 'subscribe daily 09:00 Asia/Taipei', ctx: { canManage: true } },
  { command: 'news-digest', text: 'status' },
  { command: 'news-digest', text: 'subscribe cron="*/5 * * * *"', ctx: { canManage: true } },
  { command: 'news-digest', text: 'unsubscribe', ctx: { canManage: true } },
  { command: 'chart', text: 'hashprice period=1y' },
  { command: 'chart', text: 'hashprice period=all currency=eur' },
  { command: 'chart', text: 'hashprice period=3m currency=cny' },
  { command: 'chart', text: 'difficulty period=6m' },
  { command: 'chart', text: 'pools' },
  { command: 'chart', text: 'hashrice' },
  { command: 'alert', text: 'difficulty', ctx: { canManage: true } },
  { command: 'alert', text: 'difficulty before=24h', ctx: { canManage: true } },
  { command: 'alert', text: 'difficulty before=soon', ctx: { canManage: true } },
  { command: 'alert', text: 'hashprice below=45', ctx: { canManage: true } },
  { command: 'alert', text: 'hashprice below=60 currency=eur unit=ph cooldown=30m', ctx: { canManage: true } },
  { command: 'alert', text: 'price below=80000 currency=eur', ctx: { canManage: true } },
  { command: 'alert', text: 'blocks pool=ocean', ctx: { canManage: true } },
  { command: 'alert', text: 'blocks pool=oceen', ctx: { canManage: true } },
  { command: 'alert', text: 'hashprice', ctx: { canManage: true } },
  { command: 'alert', text: 'hashprice below=45 cooldown=soon', ctx: { canManage: true } },
  { command: 'alert', text: 'remove 99', ctx: { canManage: true } },
  { command: 'alert', text: 'difficulty', ctx: { canManage: false } },
  { command: 'alert', text: 'list' },
  { command: 'alert', text: 'sometimes' },
  { command: 'rig', text: 'save garage s21xp count=3 0.06 pool_fee=2%' },
  { command: 'rig', text: 'list' },
  { command: 'rig', text: 'save Garage!! s21xp' },
  { command: 'rig', text: 'save garage 0.06' },
  { command: 'rig', text: 'remove nope' },
  { command: 'yield', text: 'rig=garage' },
  { command: 'yield', text: 'rig=nope' },
  { command: 'break-even', text: 'rig=garage hardware_cost=3500' },
  { command: 'help', text: 'alert' },
  { command: 'help', text: 'chart' },
  { command: 'help', text: '' },
  { command: 'help', text: 'yield' },
  { command: 'help', text: 'break-even' },
  { command: 'help', text: 'provider-check' },
  { command: 'help', text: 'news-digest' },
  { command: 'help', text: 'models' },
  { command: 'yeld', text: 's21xp' },
];
const DATA_CASES = LIVE.filter((c) =>
  ['yield', 'break-even', 'provider-check', 'news-digest', 'chart', 'alert'].includes(c.command),
);

let up: FakeUpstream;
const dumped: string[] = [];

beforeAll(async () => {
  up = await startFakeUpstream();
});
afterAll(async () => {
  await up.close();
  if (process.env.DUMP_REPLIES) writeFileSync(path.join(os.tmpdir(), 'hashdesk-replies.txt'), dumped.join('\n'));
});

async function replies(state: 'live' | 'stale' | 'none', cases: readonly Case[]) {
  const clock = manualClock();
  up.reset();
  if (state === 'none') up.faultAll({ status: 503 });
  const rt: Runtime = await testRuntime(up, { clock, dataDir: tempDir() });
  const out: Array<{ c: Case; lang: Lang; surface: Surface; lines: string[]; text: number }> = [];
  try {
    if (state === 'stale') {
      for (const c of cases) await dispatch(c.command, { text: c.text }, { lang: 'en', platform: 'test' }, rt.deps);
      clock.advance(20 * 60_000);
      up.faultAll({ status: 503 });
    }
    for (const lang of LANGS)
      for (const surface of ['console', 'discord', 'telegram'] as const)
        for (const c of cases) {
          const ctx: Context = {
            lang,
            // subscriptions are made on a chat surface; the console shows the same text as Discord's
            platform: surface === 'telegram' ? 'telegram' : 'discord',
            scope: `${surface}:${lang}`,
            channelId: `${surface}-${lang}`,
            userId: 'u1',
            commandStyle: STYLE[surface],
            ...c.ctx,
          };
          const reply = await dispatch(c.command, { text: c.text }, ctx, rt.deps);
          out.push({ c, lang, surface, lines: read(reply, surface), text: readText(reply, surface).length });
        }
  } finally {
    await rt.close();
  }
  return out;
}

function problems(r: { c: Case; lang: Lang; surface: Surface; lines: string[]; text: number }): string[] {
  const found: string[] = [];
  const text = r.lines.join('\n');
  if (/\{\w+\}/.test(text)) found.push(`unfilled placeholder: ${/\{\w+\}/.exec(text)![0]}`);
  if (/\bNaN\b|\bInfinity\b|\bundefined\b|\[object /.test(text)) found.push('NaN/Infinity/undefined');
  const seen = new Set<string>();
  // (the chart repeats the reply's title and labels, so repeats are looked for in the text part only)
  for (const l of r.lines
    .slice(0, r.text)
    .map((x) => x.trim())
    .filter((x) => x.length > 3)) {
    if (seen.has(l)) found.push(`line twice: ${l}`);
    seen.add(l);
  }
  if (r.lang !== 'en') {
    for (const l of r.lines) {
      const words = englishWords(l);
      if (words.length) found.push(`English ${JSON.stringify(words)} in: ${l}`);
    }
  }
  if (r.lang === 'zh-Hant') {
    // The user's own words quoted back (「…」, "…") and headlines stay as they were written.
    const own = r.lines
      .filter((l) => !HEADLINE.test(l))
      .join('\n')
      .replace(/「[^」]*」|"[^"]*"/g, '');
    const chars = simplifiedOnly(own);
    if (chars.length) found.push(`简体 ${chars.join('')} in 繁體`);
  }
  return found;
}

function report(all: Awaited<ReturnType<typeof replies>>, state: string): string[] {
  const bad: string[] = [];
  for (const r of all) {
    dumped.push(`=== ${state} ${r.lang} ${r.surface}: ${r.c.command} ${r.c.text}`, ...r.lines);
    for (const p of problems(r)) bad.push(`[${state} ${r.lang} ${r.surface}] ${r.c.command} ${r.c.text}: ${p}`);
  }
  return [...new Set(bad)];
}

test('live: every reply in one language only, nothing unfilled or repeated', async () => {
  const all = await replies('live', LIVE);
  expect(report(all, 'live')).toEqual([]);
  // 繁體 is its own text, not the 简体 one: a reply with Han text differs between the scripts.
  const hans = all.filter((r) => r.lang === 'zh-Hans').map((r) => r.lines.join('\n'));
  const hant = all.filter((r) => r.lang === 'zh-Hant').map((r) => r.lines.join('\n'));
  const same = hans.filter((h, i) => HAN.test(h) && simplifiedOnly(h).length > 0 && h === hant[i]);
  expect(same).toEqual([]);
}, 60_000);

test('stale data: the warnings are in the reply language', async () => {
  expect(report(await replies('stale', DATA_CASES), 'stale')).toEqual([]);
}, 60_000);

test('no data: the outage messages are in the reply language', async () => {
  expect(report(await replies('none', DATA_CASES), 'none')).toEqual([]);
}, 60_000);

test('alert posts: every kind in every language on every surface', () => {
  const kinds: Array<[AlertRule, AlertEvent]> = [
    [
      { kind: 'difficulty', rearm: 0.02, cooldownMs: 0 },
      {
        kind: 'retarget',
        key: 'r',
        at: 1_789_980_000_000,
        height: 967_680,
        difficulty: 146e12,
        changePct: 10,
        meanBlockSeconds: 545.5,
        nextEstimatePct: 0.4,
        hashpriceChangePct: -9.09,
      },
    ],
    [
      { kind: 'difficulty', rearm: 0.02, cooldownMs: 0, beforeMs: 86_400_000 },
      {
        kind: 'retargetSoon',
        key: 's',
        at: 1_789_980_000_000,
        height: 969_696,
        eta: 1_790_050_000_000,
        estimatePct: 2.1,
      },
    ],
    [
      { kind: 'blocks', pool: 'antpool', poolName: 'AntPool', rearm: 0.02, cooldownMs: 0 },
      {
        kind: 'block',
        key: 'b',
        at: 1_789_980_000_000,
        height: 967_968,
        hash: 'ab'.repeat(32),
        rewardBtc: 3.14,
        feesBtc: 0.015,
        sinceLastMs: 4_200_000,
      },
    ],
    [
      { kind: 'hashprice', below: 44, unit: 'sats', rearm: 0.02, cooldownMs: 3_600_000 },
      { kind: 'hashprice', key: 'h', at: 1_789_980_000_000, value: 43.31, threshold: 44, direction: 'below' },
    ],
    [
      { kind: 'hashprice', above: 0.05, unit: 'th', rearm: 0.02, cooldownMs: 0 },
      { kind: 'hashprice', key: 'h', at: 1_789_980_000_000, value: 0.051, threshold: 0.05, direction: 'above' },
    ],
    [
      { kind: 'price', below: 80_000, rearm: 0.02, cooldownMs: 0 },
      { kind: 'price', key: 'p', at: 1_789_980_000_000, value: 79_500, threshold: 80_000, direction: 'below' },
    ],
  ];
  const bad: string[] = [];
  for (const lang of LANGS)
    for (const [rule, event] of kinds) {
      const alert: Alert = {
        id: 7,
        platform: 'telegram',
        channelId: '-1',
        scope: 's',
        rule,
        lang,
        currency: 'eur',
        state: { armed: false, lastFiredAt: null },
        pausedReason: null,
        paused: false,
        createdBy: null,
        createdAt: 0,
      };
      const reply = alertPost(alert, event);
      for (const surface of ['console', 'discord', 'telegram'] as const) {
        const r = {
          c: { command: 'alert-post', text: event.kind },
          lang,
          surface,
          lines: read(reply, surface),
          text: readText(reply, surface).length,
        };
        dumped.push(`=== post ${lang} ${surface}: ${event.kind}`, ...r.lines);
        for (const p of problems(r)) bad.push(`[post ${lang} ${surface}] ${event.kind}: ${p}`);
      }
    }
  expect(bad).toEqual([]);
});
