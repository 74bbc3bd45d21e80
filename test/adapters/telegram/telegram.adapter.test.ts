// The real telegraf bot against a fake Bot API and the fake upstream, all on loopback.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { commands, dispatch } from '../../../commands/index.js';
import { createTelegramAdapter, type TelegramAdapter } from '../../../adapters/telegram/adapter.js';
import { botCommands, TELEGRAM_DESCRIPTION_MAX, TELEGRAM_NAME } from '../../../adapters/telegram/commands.js';
import { renderHtml, MESSAGE_LIMIT } from '../../../adapters/telegram/render.js';
import {
  BOT_USERNAME,
  commandUpdate,
  groupChat,
  inlineUpdate,
  startFakeTelegram,
  type ApiCall,
  type FakeTelegram,
} from '../../fakes/telegram.js';
import { startFakeUpstream, type FakeUpstream } from '../../fakes/upstream.js';
import { memoryLogger, testRuntime } from '../../helpers.js';
import type { Runtime } from '../../../bot/runtime.js';

const TOKEN = '123456:telegram-secret-token';
let up: FakeUpstream;
let tg: FakeTelegram;
let rt: Runtime;
let adapter: TelegramAdapter;
const logger = memoryLogger();

beforeAll(async () => {
  up = await startFakeUpstream();
  tg = await startFakeTelegram(TOKEN);
  rt = await testRuntime(up, { env: { HTTP_TIMEOUT_MS: '2000' } });
  await dispatch('yield', { text: '100TH' }, { lang: 'en', platform: 'test' }, rt.deps); // warm
  adapter = createTelegramAdapter({
    token: TOKEN,
    apiRoot: tg.apiRoot,
    commands,
    run: (name, input, ctx) => dispatch(name, input, ctx, rt.deps),
    logger,
  });
  await adapter.start();
});

afterAll(async () => {
  await adapter.stop();
  await rt.close();
  await tg.close();
  await up.close();
});

const sentTo =
  (chatId: number, after = 0) =>
  (c: ApiCall) =>
    c.method === 'sendMessage' && c.body.chat_id === chatId && c.at > after;
const text = (c: ApiCall): string => String(c.body.text);

test('start-up registers commands in English and, for zh, in Chinese', () => {
  const calls = tg.calls.filter((c) => c.method === 'setMyCommands');
  expect(calls).toHaveLength(2);
  const en = calls.find((c) => !c.body.language_code)!.body.commands as Array<{ command: string }>;
  expect(en.map((c) => c.command)).toEqual([
    'start',
    'yield',
    'break_even',
    'provider_check',
    'news_digest',
    'chart',
    'alert',
    'rig',
    'help',
  ]);
  const zh = calls.find((c) => c.body.language_code === 'zh')!.body.commands as Array<{ description: string }>;
  expect(zh[1]!.description).toContain('收益');
});

test('published names and descriptions follow Telegram rules', () => {
  for (const lang of ['en', 'zh-Hans'] as const) {
    for (const c of botCommands(commands, lang)) {
      expect(c.command).toMatch(TELEGRAM_NAME);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(TELEGRAM_DESCRIPTION_MAX);
    }
  }
});

test('private /yield answers in HTML with no link preview', async () => {
  const t0 = performance.now();
  tg.push(commandUpdate('/yield 100TH 3250W 0.06 pool_fee=2%'));
  const sent = await tg.waitFor(sentTo(5001, t0));
  expect(sent.body.parse_mode).toBe('HTML');
  expect(sent.body.link_preview_options).toEqual({ is_disabled: true });
  expect(text(sent)).toMatch(/^<b>Daily yield<\/b>/);
  expect(text(sent)).toContain('<b>Hashprice (gross):</b> 47.64 sats/TH/day');
});

test('group /yield@BotName works; a command for another bot is ignored', async () => {
  const t0 = performance.now();
  tg.push(commandUpdate('/yield@other_bot 100TH', { chat: groupChat }));
  tg.push(commandUpdate(`/yield@${BOT_USERNAME} model="S21 Pro" count=10 electricity=0.05`, { chat: groupChat }));
  const sent = await tg.waitFor(sentTo(groupChat.id, t0));
  expect(text(sent)).toContain('10× Antminer S21 Pro');
  await new Promise((r) => setTimeout(r, 200));
  expect(tg.calls.filter(sentTo(groupChat.id, t0))).toHaveLength(1);
});

test('/break_even in rig and contract mode', async () => {
  let t0 = performance.now();
  tg.push(commandUpdate('/break_even s21xp 0.03 hardware_cost=3500 pool_fee=2% uptime=98%'));
  expect(text(await tg.waitFor(sentTo(5001, t0)))).toMatch(/Payback \(simulated\):<\/b> day 919/);
  t0 = performance.now();
  tg.push(commandUpdate('/break_even contract_price=6 hashrate=100TH days=365 maintenance=0.018 pool_fee=2%'));
  expect(text(await tg.waitFor(sentTo(5001, t0)))).toContain('Cloud contract: 100 TH/s for 365 days');
});

test('zh language answers in Chinese', async () => {
  const t0 = performance.now();
  tg.push(commandUpdate('/yield 100TH', { languageCode: 'zh-hans' }));
  expect(text(await tg.waitFor(sentTo(5001, t0)))).toMatch(/^<b>每日收益<\/b>/);
});

test('zh-hant / zh-tw users get 繁體 replies and, in their private chat, a 繁體 command menu (set once)', async () => {
  const chat = { id: 7101, type: 'private', first_name: 'Miner' };
  const t0 = performance.now();
  tg.push(commandUpdate('/yield 100TH', { chat, userId: 7101, languageCode: 'zh-hant' }));
  const reply = text(await tg.waitFor(sentTo(7101, t0)));
  expect(reply).toContain('每日收益');
  expect(reply).toContain('產出（扣除礦池費和在線率後）');
  const menu = await tg.waitFor((c) => c.method === 'setMyCommands' && c.at > t0);
  expect(menu.body.scope).toEqual({ type: 'chat', chat_id: 7101 });
  expect((menu.body.commands as Array<{ description: string }>)[1]!.description).toContain('礦機或算力每天的收益');
  const t1 = performance.now();
  tg.push(commandUpdate('/help', { chat, userId: 7101, languageCode: 'zh-TW' }));
  expect(text(await tg.waitFor(sentTo(7101, t1)))).toContain('雲算力');
  expect(tg.calls.filter((c) => c.method === 'setMyCommands' && c.at > t0)).toHaveLength(1);
  // a 简体 user gets no per-chat menu: the global `zh` one is theirs
  const t2 = performance.now();
  tg.push(commandUpdate('/help', { chat: { ...chat, id: 7102 }, userId: 7102, languageCode: 'zh-hans' }));
  await tg.waitFor(sentTo(7102, t2));
  expect(tg.calls.filter((c) => c.method === 'setMyCommands' && c.at > t2)).toHaveLength(0);
});

test('bad input: the core message plus a one-line usage example; hostile text is escaped', async () => {
  const t0 = performance.now();
  tg.push(commandUpdate('/yield hashrate=<b>&amp;</b>'));
  const msg = text(await tg.waitFor(sentTo(5001, t0)));
  expect(msg).toContain('hashrate "&lt;b&gt;&amp;amp;&lt;/b&gt;": use a number with a unit');
  expect(msg).not.toContain('<b>&amp;');
  expect(msg).toContain('<i>Usage: /yield s21xp 0.05 pool_fee=2% uptime=98%</i>');
});

test('inline query, complete: an article with the headline, key numbers and the full reply', async () => {
  const q = inlineUpdate('yield s19xp 0.06');
  tg.push(q.update);
  const answer = await tg.waitFor((c) => c.method === 'answerInlineQuery' && c.body.inline_query_id === q.id);
  expect(answer.body.cache_time).toBeLessThanOrEqual(60);
  const [article] = answer.body.results as Array<Record<string, unknown>>;
  expect(article!.type).toBe('article');
  // the rig asked about, then the figure
  expect(String(article!.title)).toMatch(/^yield s19xp 0\.06 · .*\/day profit$/);
  expect(String(article!.description)).toContain('Per day');
  expect(String(article!.description)).toMatch(/(\S|…)$/); // never cut mid-word without a marker
  expect(answer.body.button).toBeUndefined();
  const content = article!.input_message_content as Record<string, unknown>;
  expect(String(content.message_text)).toContain('Antminer S19 XP');
  expect(content.parse_mode).toBe('HTML');
});

test('inline query, incomplete: live answers to the examples; the how-to is a button, never a posted text', async () => {
  for (const query of ['', 'yield', 'nonsense']) {
    const q = inlineUpdate(query);
    tg.push(q.update);
    const answer = await tg.waitFor((c) => c.method === 'answerInlineQuery' && c.body.inline_query_id === q.id);
    const results = answer.body.results as Array<{ title: string; input_message_content: { message_text: string } }>;
    expect(results.length).toBeGreaterThan(0);
    expect(results[0]!.title).toMatch(/^(yield|break-even) \S/);
    // what tapping posts is a real answer, not a usage hint
    for (const r of results) expect(r.input_message_content.message_text).not.toMatch(/How to use|Usage/);
    expect(answer.body.button).toMatchObject({ start_parameter: 'help' });
  }
});

test('inline query with an input error: no result to post, the error is on the button', async () => {
  const q = inlineUpdate('yield hashrate=banana');
  tg.push(q.update);
  const answer = await tg.waitFor((c) => c.method === 'answerInlineQuery' && c.body.inline_query_id === q.id);
  expect(answer.body.results).toEqual([]);
  expect(String((answer.body.button as { text: string }).text)).toMatch(/hashrate/);
});

test('inline query in Chinese', async () => {
  const q = inlineUpdate('break-even s21xp 0.05 hardware_cost=3500', 'zh-Hans');
  tg.push(q.update);
  const answer = await tg.waitFor((c) => c.method === 'answerInlineQuery' && c.body.inline_query_id === q.id);
  const content = (answer.body.results as Array<{ input_message_content: { message_text: string } }>)[0]!
    .input_message_content;
  expect(content.message_text).toContain('回本分析');
});

test('429 from sendMessage: waits retry_after and retries once', async () => {
  tg.fault('sendMessage', { status: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1 });
  const t0 = performance.now();
  tg.push(commandUpdate('/yield 100TH'));
  const first = await tg.waitFor(sentTo(5001, t0));
  const second = await tg.waitFor(sentTo(5001, first.at));
  expect(second.at - first.at).toBeGreaterThanOrEqual(900);
  expect(logger.records.some((r) => r.msg === 'telegram rate limited')).toBe(true);
});

test('403 (bot blocked): logged, no crash, polling goes on', async () => {
  tg.fault('sendMessage', { status: 403, description: 'Forbidden: bot was blocked by the user' });
  let t0 = performance.now();
  tg.push(commandUpdate('/yield 100TH'));
  await tg.waitFor(sentTo(5001, t0));
  await new Promise((r) => setTimeout(r, 100));
  expect(logger.records.some((r) => r.msg === 'telegram refused' && r.fields?.code === 403)).toBe(true);
  t0 = performance.now();
  tg.push(commandUpdate('/help'));
  expect(text(await tg.waitFor(sentTo(5001, t0)))).toContain('hashdesk commands');
});

test('inline query with a slow upstream: answered at once, "loading" on the button (nothing to post)', async () => {
  const cold = await testRuntime(up, { env: { HTTP_TIMEOUT_MS: '2000' } });
  const slow = createTelegramAdapter({
    token: TOKEN,
    apiRoot: tg.apiRoot,
    commands,
    run: (name, input, ctx) => dispatch(name, input, ctx, cold.deps),
    logger,
    inlineDeadlineMs: 200,
  });
  up.fault('/mempool/api/v1/mining/hashrate/3d', { delayMs: 1500 });
  try {
    const q = inlineUpdate('yield 100TH');
    // handled directly (as a webhook would), without a second poller on the same token
    await slow.bot.handleUpdate(q.update as never);
    const answer = await tg.waitFor((c) => c.method === 'answerInlineQuery' && c.body.inline_query_id === q.id);
    expect(answer.body.results).toEqual([]);
    expect(String((answer.body.button as { text: string }).text)).toMatch(/Fetching live data/);
    expect(answer.body.cache_time).toBeLessThanOrEqual(5);
  } finally {
    up.fault('/mempool/api/v1/mining/hashrate/3d', null);
    await slow.stop();
    await cold.close();
  }
});

test('/start introduces the bot', async () => {
  const t0 = performance.now();
  tg.push(commandUpdate('/start'));
  expect(text(await tg.waitFor(sentTo(5001, t0)))).toContain('yield');
});

test('long replies are split under 4096 characters', () => {
  const reply = {
    kind: 'ok' as const,
    title: 'T',
    tone: 'info' as const,
    fields: [],
    lines: Array.from({ length: 300 }, (_, i) => `line ${i} `.repeat(5)),
  };
  const parts = renderHtml(reply);
  expect(parts.length).toBeGreaterThan(1);
  for (const p of parts) expect([...p].length).toBeLessThanOrEqual(MESSAGE_LIMIT);
  const huge = renderHtml({ ...reply, lines: ['<&>'.repeat(5000)] });
  for (const p of huge) {
    expect([...p].length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(p).not.toMatch(/<(?!\/?[bi]>)/);
  }
});

test('the token never appears in a log line', () => {
  expect(JSON.stringify(logger.records)).not.toContain('telegram-secret-token');
});

describe('webhook mode', () => {
  let hook: TelegramAdapter;
  let port = 0;
  beforeAll(async () => {
    // a port the system just handed out and took back (a fixed range collides with ephemeral ports)
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    hook = createTelegramAdapter({
      token: TOKEN,
      apiRoot: tg.apiRoot,
      commands,
      run: (name, input, ctx) => dispatch(name, input, ctx, rt.deps),
      logger,
      webhookUrl: `https://bot.example.org/tg/hook`,
      webhookSecret: 'hook-secret',
      port,
    });
    await hook.start();
  });
  afterAll(() => hook.stop());

  const postUpdate = (update: unknown, secret?: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify(update);
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/tg/hook',
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}),
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  test('its own server answers a malformed request line with 400 and another path with 404, and goes on', async () => {
    const { connect } = await import('node:net');
    const firstLine = (bytes: string): Promise<string> =>
      new Promise((resolve) => {
        const sock = connect(port, '127.0.0.1', () => sock.write(bytes));
        let got = '';
        sock.on('data', (d: Buffer) => {
          got += d.toString('latin1');
          if (got.includes('\r\n')) sock.destroy();
        });
        sock.on('close', () => resolve(got.split('\r\n')[0] ?? ''));
        sock.on('error', () => resolve(got.split('\r\n')[0] ?? ''));
      });
    expect(await firstLine('GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await firstLine('GET /elsewhere HTTP/1.1\r\nHost: x\r\n\r\n')).toMatch(/^HTTP\/1\.1 404/);
    const t0 = performance.now();
    expect(await postUpdate(commandUpdate('/yield 100TH', { chat: { id: 779, type: 'private' } }), 'hook-secret')).toBe(
      200,
    );
    expect(text(await tg.waitFor(sentTo(779, t0)))).toContain('Daily yield');
  });

  test('setWebhook with the URL and the secret token', () => {
    const set = tg.calls.find((c) => c.method === 'setWebhook')!;
    expect(set.body.url).toBe('https://bot.example.org/tg/hook');
    expect(set.body.secret_token).toBe('hook-secret');
  });

  test('rejects a request without the matching secret header', async () => {
    const t0 = performance.now();
    expect(await postUpdate(commandUpdate('/yield 100TH', { chat: { id: 777, type: 'private' } }))).toBe(403);
    expect(await postUpdate(commandUpdate('/yield 100TH', { chat: { id: 777, type: 'private' } }), 'wrong')).toBe(403);
    await new Promise((r) => setTimeout(r, 100));
    expect(tg.calls.filter(sentTo(777, t0))).toHaveLength(0);
  });

  test('answers an update posted with the secret header', async () => {
    const t0 = performance.now();
    expect(await postUpdate(commandUpdate('/yield 100TH', { chat: { id: 778, type: 'private' } }), 'hook-secret')).toBe(
      200,
    );
    expect(text(await tg.waitFor(sentTo(778, t0)))).toContain('Daily yield');
  });
});

describe('Telegram speaks Telegram', () => {
  /** As Telegram sends it: the bot_command entity stops at the first character not in [A-Za-z0-9_@]. */
  const realUpdate = (text: string, chat: Record<string, unknown>): Record<string, unknown> => {
    const u = commandUpdate(text, { chat });
    const entityLength = /^\/[A-Za-z0-9_@]*/.exec(text)?.[0].length ?? 0;
    const message = u.message as Record<string, unknown>;
    message.entities = entityLength > 1 ? [{ type: 'bot_command', offset: 0, length: entityLength }] : [];
    return u;
  };
  const answer = async (chatId: number, t0: number): Promise<string> => text(await tg.waitFor(sentTo(chatId, t0)));

  test('/help names the commands Telegram can run, with Telegram examples', async () => {
    const t0 = performance.now();
    tg.push(realUpdate('/help', { id: 7101, type: 'private' }));
    const body = await answer(7101, t0);
    expect(body).toContain('/break_even');
    expect(body).toContain('/provider_check name=');
    expect(body).not.toMatch(/(^|[\s>])(break-even|provider-check|news-digest)\b/);
  });

  test('/break-even (cut at the hyphen by Telegram) runs break-even', async () => {
    const t0 = performance.now();
    tg.push(realUpdate('/break-even s21xp 0.05 hardware_cost=3500', { id: 7102, type: 'private' }));
    expect(await answer(7102, t0)).toMatch(/Break-even/);
  });

  test('/foo and plain text in a private chat get a short answer with the commands', async () => {
    let t0 = performance.now();
    tg.push(realUpdate('/yeild 100TH', { id: 7103, type: 'private' }));
    expect(await answer(7103, t0)).toMatch(/Unknown command "yeild"\. Did you mean \/yield\?.*\/break_even/);
    t0 = performance.now();
    tg.push(realUpdate('how much does an s21 make?', { id: 7104, type: 'private' }));
    expect(await answer(7104, t0)).toMatch(/Send me a command, e\.g\. \/yield s21xp 0\.05/);
  });

  test('in a group, messages not addressed to the bot get no answer', async () => {
    const t0 = performance.now();
    const group = { id: -1007105, type: 'supergroup', title: 'g' };
    tg.push(realUpdate('hello everyone', group));
    tg.push(realUpdate('/foo', group));
    tg.push(realUpdate('/yield@some_other_bot 100TH', group));
    tg.push(realUpdate(`/yield@${BOT_USERNAME} 100TH`, group));
    expect(await answer(-1007105, t0)).toMatch(/Daily yield/);
    await new Promise((r) => setTimeout(r, 300));
    expect(tg.calls.filter(sentTo(-1007105, t0))).toHaveLength(1);
  });

  test('in a group the answer quotes the question', async () => {
    const t0 = performance.now();
    const update = realUpdate(`/yield@${BOT_USERNAME} 100TH`, { id: -1007107, type: 'supergroup', title: 'g' });
    tg.push(update);
    const sent = await tg.waitFor(sentTo(-1007107, t0));
    expect(sent.body.reply_parameters).toEqual({
      message_id: (update.message as { message_id: number }).message_id,
      allow_sending_without_reply: true,
    });
  });

  test('"typing…" while live data is slow, before the answer', async () => {
    // a currency nobody has cached yet, from a slow source
    up.fault('/coingecko/api/v3/simple/price', { delayMs: 900 });
    up.fault('/mempool/api/v1/prices', { status: 503 });
    try {
      const t0 = performance.now();
      tg.push(realUpdate('/yield 100TH currency=sgd', { id: 7108, type: 'private' }));
      await tg.waitFor(sentTo(7108, t0), 8000);
      const calls = tg.calls.filter((c) => c.at > t0 && c.body.chat_id === 7108).map((c) => c.method);
      expect(calls.indexOf('sendChatAction')).toBeGreaterThanOrEqual(0);
      expect(calls.indexOf('sendChatAction')).toBeLessThan(calls.indexOf('sendMessage'));
    } finally {
      up.fault('/coingecko/api/v3/simple/price', null);
      up.fault('/mempool/api/v1/prices', null);
    }
  });

  test('lang=zh works on Telegram', async () => {
    const t0 = performance.now();
    tg.push(realUpdate('/yield 100TH lang=zh', { id: 7106, type: 'private' }));
    expect(await answer(7106, t0)).toMatch(/每日收益|收益/);
  });
});
