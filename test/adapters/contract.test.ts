// One contract for every surface (vercel/chat style): every command × language × outcome (success,
// user error, data unavailable, stale data, internal error) is rendered by the console, Discord and
// Telegram renderers, and each rendering must
//  1. exist: a non-empty message;
//  2. fit the platform's limits (Discord: embed title 256, description 4096, 25 fields of 256/1024,
//     footer 2048, 6000 in all, no empty field; Telegram: messages of at most 4096 characters);
//  3. lose nothing: the reply's title, headline, every field name, every line of every field value
//     (or link text), every line and the footnote are all there, after markup is taken off;
//  4. carry no markup the platform would reject or misread (Telegram: only its HTML tags, balanced,
//     `&` and `<` escaped, links http(s) only; Discord: markdown in the text escaped; console: no
//     markup at all, no control characters);
//  5. name commands the way that surface runs them (Telegram `/break_even`, Discord `/break-even`,
//     console `break-even`): every `/command` in a reply is one the surface has.
import type { APIEmbed } from 'discord.js';
import { commands, dispatch, type CommandStyle, type Context, type Deps, type Reply } from '../../commands/index.js';
import { t, type Lang } from '../../commands/core/messages.js';
import { CONSOLE_STYLE, renderText } from '../../adapters/console/render.js';
import { DISCORD_STYLE, EMBED_LIMITS, embedLength, renderEmbed } from '../../adapters/discord/render.js';
import { MESSAGE_LIMIT, TELEGRAM_STYLE, renderHtml } from '../../adapters/telegram/render.js';
import { telegramName } from '../../adapters/telegram/commands.js';
import { startFakeUpstream, type FakeUpstream } from '../fakes/upstream.js';
import { manualClock, tempDir, testRuntime } from '../helpers.js';
import type { Runtime } from '../../bot/runtime.js';

type Outcome = 'success' | 'user-error' | 'unavailable' | 'stale' | 'internal-error';
type Surface = 'console' | 'discord' | 'telegram';
const LANGS: readonly Lang[] = ['en', 'zh-Hans', 'zh-Hant'];
const STYLES: Record<Surface, CommandStyle> = {
  console: CONSOLE_STYLE,
  discord: DISCORD_STYLE,
  telegram: TELEGRAM_STYLE,
};

interface Case {
  command: string;
  text: string;
  manage?: boolean;
  /** Surfaces the case runs on (subscriptions and alerts live in chats; the console refuses them). */
  only?: readonly Surface[];
}
const CHATS: readonly Surface[] = ['discord', 'telegram'];
/** A note with markup in it: each surface must show it as typed. */
const NOTE = 'US share **7.5%** <b>(conference)</b> & more';

// Every command, with what it is asked most and with its longest answers (help with 19+ options,
// a provider-check with every flag, a digest with notes, headlines and a chart).
const SUCCESS: Case[] = [
  { command: 'yield', text: 's21xp 0.05 pool_fee=2% uptime=98%' },
  { command: 'yield', text: 's21xp count=3 0.4 currency=cny' },
  { command: 'yield', text: '100TH 3250W' },
  { command: 'break-even', text: 's21xp 0.05 hardware_cost=3500' },
  { command: 'break-even', text: 's21xp 0.09 hardware_cost=3500 months=36' },
  { command: 'break-even', text: 'hashrate=100TH days=365 contract_price=6 maintenance=0.018' },
  {
    command: 'provider-check',
    text: 'text="保本保息，每天固定收益 2%，三级返佣，提现需先缴纳手续费，四川水电矿场 **VIP** _x_ [link](https://a.example)" contract_price=100 hashrate=10TH days=365 url=https://antpool-cloud.xyz name="Hash *Pro* Energy"',
  },
  { command: 'provider-check', text: 'contract_price=6 hashrate=100TH days=365 maintenance=0.018 payout=pool' },
  {
    command: 'news-digest',
    text: 'note add "US share **7.5%** <b>(conference)</b> & more" date=2021-04',
    manage: true,
  },
  { command: 'news-digest', text: '' },
  { command: 'news-digest', text: 'note list' },
  { command: 'news-digest', text: 'subscribe daily 09:00 Asia/Taipei', manage: true, only: CHATS },
  { command: 'news-digest', text: 'status', only: CHATS },
  { command: 'chart', text: 'hashprice period=1y' },
  { command: 'chart', text: 'pools' },
  { command: 'alert', text: 'hashprice below=45', manage: true, only: CHATS },
  { command: 'alert', text: 'list', only: CHATS },
  { command: 'rig', text: 'save garage s21xp count=3 0.06' },
  { command: 'rig', text: 'list' },
  { command: 'help', text: '' },
  ...commands.map((c) => ({ command: 'help', text: c.name })),
  { command: 'help', text: 'models' },
];

const USER_ERROR: Case[] = [
  { command: 'yield', text: 'electricity=abc' },
  { command: 'yield', text: '100' },
  { command: 'yield', text: 's19jpr 0.05' },
  { command: 'break-even', text: 's21xp 0.05 foo=1' },
  { command: 'provider-check', text: 'days=-3' },
  { command: 'news-digest', text: 'subscribe sometimes', manage: true },
  { command: 'news-digest', text: 'note add "x"', manage: false },
  { command: 'chart', text: 'hashrice' },
  { command: 'alert', text: 'sometimes', manage: true },
  { command: 'rig', text: 'remove nope' },
  { command: 'yeld', text: 's21xp' },
  { command: 'news-digest', text: 'subscribe daily 09:00', only: ['console'] },
  { command: 'alert', text: 'difficulty', only: ['console'] },
];

// What needs live data, for the outage and stale outcomes.
const DATA: Case[] = [
  { command: 'yield', text: 's21xp 0.05' },
  { command: 'break-even', text: 's21xp 0.05 hardware_cost=3500' },
  { command: 'provider-check', text: 'contract_price=6 hashrate=100TH days=365 payout=pool' },
  { command: 'news-digest', text: '' },
  { command: 'chart', text: 'hashprice' },
  { command: 'chart', text: 'difficulty' },
];

interface Rendered {
  outcome: Outcome;
  c: Case;
  lang: Lang;
  surface: Surface;
  reply: Reply;
}

let up: FakeUpstream;
const rendered: Rendered[] = [];

function ctxFor(lang: Lang, surface: Surface, c: Case): Context {
  return {
    lang,
    platform: surface === 'console' ? 'console' : surface,
    scope: `contract:${surface}:${lang}`,
    channelId: `contract-${surface}-${lang}`,
    userId: 'u1',
    commandStyle: STYLES[surface],
    canManage: c.manage ?? true,
  };
}

/** Runs the cases on every surface's context and keeps the replies (rendered per surface later). */
async function collect(outcome: Outcome, cases: readonly Case[], deps: (rt: Runtime) => Deps, rt: Runtime) {
  const out: Array<Rendered> = [];
  for (const lang of LANGS)
    for (const surface of ['console', 'discord', 'telegram'] as const)
      for (const c of cases.filter((x) => !x.only || x.only.includes(surface))) {
        const reply = await dispatch(c.command, { text: c.text }, ctxFor(lang, surface, c), deps(rt));
        out.push({ outcome, c, lang, surface, reply });
      }
  return out;
}

const all: Array<Rendered> = [];

beforeAll(async () => {
  up = await startFakeUpstream();
  const clock = manualClock();
  const live = await testRuntime(up, { clock, dataDir: tempDir() });
  try {
    all.push(...(await collect('success', SUCCESS, (rt) => rt.deps, live)));
    all.push(...(await collect('user-error', USER_ERROR, (rt) => rt.deps, live)));
    // An internal error: the market port throws something no command expects.
    const broken = (rt: Runtime): Deps => ({
      ...rt.deps,
      market: new Proxy(rt.deps.market, {
        get: () => () => {
          throw new TypeError("Cannot read properties of undefined (reading 'tip')");
        },
      }),
    });
    all.push(...(await collect('internal-error', DATA, broken, live)));
    // Stale: the cache was filled, 20 minutes pass, then every source fails.
    clock.advance(20 * 60_000);
    up.faultAll({ status: 503 });
    all.push(...(await collect('stale', DATA, (rt) => rt.deps, live)));
  } finally {
    await live.close();
  }
  // Unavailable: a fresh runtime with every source down.
  const down = await testRuntime(up, { clock: manualClock(), dataDir: tempDir() });
  try {
    all.push(...(await collect('unavailable', DATA, (rt) => rt.deps, down)));
  } finally {
    await down.close();
  }
  rendered.push(...all);
}, 120_000);

afterAll(async () => {
  await up.close();
});

test('every outcome happened as labelled', () => {
  const kinds = (o: Outcome) => new Set(all.filter((r) => r.outcome === o).map((r) => r.reply.kind));
  expect(
    all
      .filter((r) => r.outcome === 'success' && r.reply.kind !== 'ok')
      .map((r) => `${r.c.command} ${r.c.text}: ${r.reply.title}`),
  ).toEqual([]);
  expect(kinds('user-error')).toEqual(new Set(['user-error']));
  expect(kinds('internal-error')).toEqual(new Set(['internal-error']));
  // provider-check still judges what the offer says, and says the economics wait for live data
  const noMarket = (r: Rendered): boolean =>
    r.c.command === 'provider-check' &&
    r.reply.lines.some((l) => l.startsWith(t(r.lang, 'pc.noMarket', { datum: '' }).split('(')[0]!.split('（')[0]!));
  expect(
    all
      .filter((r) => r.outcome === 'unavailable' && r.reply.kind !== 'unavailable' && !noMarket(r))
      .map((r) => `${r.c.command} ${r.c.text}: ${r.reply.title}`),
  ).toEqual([]);
  // stale data still answers, and says so
  expect(kinds('stale')).toEqual(new Set(['ok']));
  for (const r of all.filter((x) => x.outcome === 'stale')) expect(r.reply.footnote ?? '').not.toBe('');
});

// ---- what each surface shows, as plain text, and its own checks ----------------------------------

const unescapeMd = (s: string): string => s.replace(/\\([\\`*_{}[\]()#+\-.!|>~<:])/g, '$1');
const unescapeHtml = (s: string): string =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

function discordText(e: APIEmbed): string {
  return unescapeMd(
    [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text ?? '']
      // masked links: the text is what is read
      .map((x) => x.replace(/\[([^\]]*)\]\(<[^>]*>\)/g, '$1').replace(/\*\*/g, ''))
      .join('\n'),
  );
}

/** The pieces of a reply that every surface must show. */
function units(reply: Reply): string[] {
  const out = [reply.title];
  if (reply.kind === 'ok') {
    if (reply.headline) out.push(reply.headline);
    for (const f of reply.fields) {
      out.push(f.name);
      if (f.links?.length) out.push(...f.links.map((l) => l.text.slice(0, 300)));
      else out.push(...f.value.split('\n'));
    }
    out.push(...reply.lines, ...(reply.footnote ?? '').split('\n'));
  }
  // For errors, the surfaces show the title (the whole message); anything else would be lost.
  return out.map((u) => u.replace(/\s+/g, ' ').trim()).filter((u) => u.length > 0);
}

const squash = (s: string): string => s.replace(/\s+/g, ' ');

function surfaceProblems(r: Rendered): string[] {
  const found: string[] = [];
  let text: string;
  if (r.surface === 'console') {
    text = renderText(r.reply);
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text)) found.push('control character');
    // (the user's own note, shown as typed, may contain anything)
    if (/<\/?(?:b|i|a)\b[^>]*>|\*\*[^*]+\*\*/.test(text.split(NOTE).join(''))) found.push('markup in plain text');
  } else if (r.surface === 'discord') {
    const e = renderEmbed(r.reply);
    const len = (s: string | undefined) => [...(s ?? '')].length;
    if (len(e.title) > EMBED_LIMITS.title) found.push('title over 256');
    if (len(e.description) > EMBED_LIMITS.description) found.push('description over 4096');
    if ((e.fields?.length ?? 0) > EMBED_LIMITS.fields) found.push('over 25 fields');
    for (const f of e.fields ?? []) {
      if (!f.name.trim() || !f.value.trim()) found.push('empty field name or value');
      if (len(f.name) > EMBED_LIMITS.fieldName || len(f.value) > EMBED_LIMITS.fieldValue)
        found.push('field over limit');
    }
    if (len(e.footer?.text) > EMBED_LIMITS.footer) found.push('footer over 2048');
    if (embedLength(e) > EMBED_LIMITS.total) found.push('embed over 6000');
    if (!e.title && !e.description) found.push('embed with neither title nor description');
    text = discordText(e);
    // markdown the core never writes must have come from the data unescaped
    const raw = [e.description ?? '', ...(e.fields ?? []).map((f) => f.value)].join('\n');
    if (/(?<!\\)\*\*(?!\s)[^*\n]*VIP|(?<!\\)_x(?<!\\)_/.test(raw)) found.push('unescaped markdown from the input');
  } else {
    const parts = renderHtml(r.reply);
    if (!parts.length) found.push('no message');
    for (const p of parts) {
      if (p.length > MESSAGE_LIMIT) found.push(`message of ${p.length} characters`);
      found.push(...htmlProblems(p));
    }
    text = parts.map(unescapeHtml).join('\n');
  }
  if (!text.trim()) found.push('empty reply');
  const shown = squash(text);
  for (const u of units(r.reply)) if (!shown.includes(u)) found.push(`lost: ${u.slice(0, 80)}`);
  found.push(...commandNameProblems(text, r.surface));
  return found;
}

const TELEGRAM_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'a',
  'code',
  'pre',
  'blockquote',
]);

/** Telegram's HTML parser rejects unknown tags, unbalanced tags and bare `&`/`<`. */
function htmlProblems(html: string): string[] {
  const found: string[] = [];
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z-]+)([^>]*)>|&(#\d+|[a-z]+);|&|</gi)) {
    const [whole, close, tag, attrs] = m;
    if (whole === '&' || whole === '<') {
      found.push(`bare ${whole}`);
      continue;
    }
    if (whole.startsWith('&')) {
      if (!/^&(amp|lt|gt|quot|#\d+);$/.test(whole)) found.push(`unknown entity ${whole}`);
      continue;
    }
    const name = tag!.toLowerCase();
    if (!TELEGRAM_TAGS.has(name)) found.push(`tag <${name}>`);
    if (close) {
      if (stack.pop() !== name) found.push(`unbalanced </${name}>`);
    } else {
      if (name === 'a' && !/^ href="https?:\/\/[^"]+"$/.test(attrs ?? '')) found.push(`link ${whole.slice(0, 60)}`);
      if (name !== 'a' && attrs) found.push(`attributes on <${name}>`);
      stack.push(name);
    }
  }
  if (stack.length) found.push(`unclosed <${stack.join('>, <')}>`);
  return found;
}

/** Command names each surface runs: every `/name` a reply mentions must be one of them. */
const RUNNABLE: Record<Surface, Set<string>> = {
  console: new Set(),
  discord: new Set(commands.map((c) => c.name)),
  telegram: new Set([...commands.map((c) => telegramName(c.name)), 'start']),
};

function commandNameProblems(text: string, surface: Surface): string[] {
  const found: string[] = [];
  // a slash at the start or after a space or bracket is a command (not TH/s, J/TH, 元/度 or a URL)
  for (const m of text.matchAll(/(?:^|[\s(（「"“])\/([a-z][a-z0-9_-]*)/gm)) {
    const name = m[1]!;
    if (!RUNNABLE[surface].has(name)) found.push(`names /${name}, which ${surface} cannot run`);
  }
  if (surface === 'console') {
    // the console runs `break-even`, never its chat forms
    for (const c of commands.filter((x) => x.name.includes('-')))
      if (text.includes(telegramName(c.name))) found.push(`names ${telegramName(c.name)}`);
  }
  return found;
}

describe.each(['console', 'discord', 'telegram'] as const)('%s', (surface) => {
  test.each(['success', 'user-error', 'unavailable', 'stale', 'internal-error'] as const)(
    '%s: every reply exists, fits, loses nothing, has valid markup and runnable command names',
    (outcome) => {
      const mine = rendered.filter((r) => r.surface === surface && r.outcome === outcome);
      expect(mine.length).toBeGreaterThan(0);
      const bad = mine.flatMap((r) =>
        [...new Set(surfaceProblems(r))].map((p) => `[${r.lang}] ${r.c.command} ${r.c.text.slice(0, 40)}: ${p}`),
      );
      expect(bad).toEqual([]);
    },
  );
});

test('help names every option of every command on every surface', () => {
  for (const surface of ['console', 'discord', 'telegram'] as const)
    for (const lang of LANGS)
      for (const c of commands) {
        const r = rendered.find(
          (x) => x.surface === surface && x.lang === lang && x.c.command === 'help' && x.c.text === c.name,
        )!;
        const text =
          surface === 'console'
            ? renderText(r.reply)
            : surface === 'discord'
              ? discordText(renderEmbed(r.reply))
              : renderHtml(r.reply).map(unescapeHtml).join('\n');
        for (const o of c.options.filter((x) => !x.greedy))
          expect([surface, lang, c.name, text.includes(o.name)]).toEqual([surface, lang, c.name, true]);
      }
});
