// A hostile and faulty outside world against the real bot process (npm start's main.js): malformed
// request lines, hostile and oversized webhook bodies, a replayed update, database connections
// terminated, a stolen long poll and a rejected token. Every one must be survived (or, for the
// token, end the process non-zero with one clear line).
import type { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import pg from 'pg';
import { commandUpdate, startFakeTelegram, type FakeTelegram } from './fakes/telegram.js';
import { startFakeUpstream, type FakeUpstream } from './fakes/upstream.js';
import { portOf, spawnBot, type BotProcess } from './helpers.js';

const DATABASE_URL = process.env.DATABASE_URL;
const TOKEN = '424242:hostile-test-token';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let up: FakeUpstream;
let tg: FakeTelegram;
const children: ChildProcess[] = [];
beforeAll(async () => {
  up = await startFakeUpstream();
  tg = await startFakeTelegram(TOKEN);
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await tg.close();
  await up.close();
});

type Bot = BotProcess;
const spawnMain = (env: Record<string, string>): Bot => spawnBot({ ...up.env, ...env }, children);

async function until(pred: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await sleep(25);
  }
}

function http(
  port: number,
  p: string,
  opts: { method?: string; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: p, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Sends bytes as they are (a request line no HTTP client would send) and returns the first response line. */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => s.write(bytes));
    let got = '';
    s.on('data', (d: Buffer) => {
      got += d.toString('latin1');
      if (got.includes('\r\n')) s.destroy();
    });
    s.on('close', () => resolve(got.split('\r\n')[0] ?? ''));
    s.on('error', () => resolve(got.split('\r\n')[0] ?? ''));
    s.setTimeout(3000, () => s.destroy());
  });
}

const sentTo = (chatId: number) => tg.calls.filter((c) => c.method === 'sendMessage' && c.body.chat_id === chatId);

describe('webhook mode (PostgreSQL when DATABASE_URL is set)', () => {
  let bot: Bot;
  let port = 0;
  const app = `hashdesk-hostile-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    const db = DATABASE_URL
      ? {
          DATABASE_URL: `${DATABASE_URL}${DATABASE_URL.includes('?') ? '&' : '?'}application_name=${app}`,
          DATABASE_SCHEMA: `hostile_${randomUUID().slice(0, 8)}`,
        }
      : {};
    // No webhook secret: the endpoint is unauthenticated, the worst case.
    bot = spawnMain({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_URL: tg.apiRoot,
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg/hook',
      ...db,
    });
    await until(() => bot.out().includes('hashdesk running'), 15_000);
    port = portOf(bot.out());
  });
  afterAll(async () => {
    bot.child.kill('SIGTERM');
    await bot.exited;
  });

  const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
    http(port, '/tg/hook', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

  test('malformed request lines get 400 and the process goes on', async () => {
    for (const target of ['http://[', 'http://[::1', '//[', 'http://a:b@[', 'http://%', '/%zz', '*']) {
      const line = await raw(port, `GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(line).toMatch(/^HTTP\/1\.1 (400|404)/);
    }
    expect(await raw(port, 'NOT HTTP AT ALL\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw(port, `GET /${'a'.repeat(100_000)} HTTP/1.1\r\n\r\n`)).toMatch(/^HTTP\/1\.1 (400|404|414|431)/);
    expect(bot.child.exitCode).toBeNull();
    expect((await http(port, '/healthz')).status).toBe(200);
  });

  test('hostile bodies: not an update → 400, oversized → 413, never a crash', async () => {
    for (const body of ['null', '[]', '"x"', '42', '{}', '{"update_id":"1"}', '{"update_id":-1}', '{', '\u0000'])
      expect((await post(body)).status).toBe(400);
    expect((await post(Buffer.alloc(2_000_000, 0x20))).status).toBe(413);
    // no content-length (chunked): counted while it arrives, cut at the limit
    const chunked = await new Promise<number>((resolve) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/tg/hook', method: 'POST', headers: { 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', () => resolve(413));
      for (let i = 0; i < 40; i++) req.write(Buffer.alloc(64_000, 0x20));
      req.end();
    });
    expect(chunked).toBe(413);
    // an update whose message has an unexpected shape is handled without a crash
    for (const body of [
      { update_id: 900001, message: null },
      { update_id: 900002, message: { text: 5 } },
      { update_id: 900003, inline_query: { query: null } },
      { update_id: 900004, message: { chat: { id: 'x' }, text: '/yield' } },
    ])
      expect((await post(JSON.stringify(body))).status).toBe(200);
    await sleep(200);
    expect(bot.child.exitCode).toBeNull();
    expect((await http(port, '/healthz')).status).toBe(200);
  });

  test('a replayed update (same update_id) is answered once', async () => {
    const update = commandUpdate('/yield 100TH', { chat: { id: 6101, type: 'private' } });
    for (let i = 0; i < 3; i++) expect((await post(JSON.stringify(update))).status).toBe(200);
    await tg.waitFor((c) => c.method === 'sendMessage' && c.body.chat_id === 6101);
    await sleep(500);
    expect(sentTo(6101)).toHaveLength(1);
  });

  (DATABASE_URL ? test : test.skip)('database connections terminated: the process survives and answers', async () => {
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    try {
      const r = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
        [app],
      );
      expect(r.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    await sleep(300);
    expect(bot.child.exitCode).toBeNull();
    // the next update needs the store (de-duplication) and still gets its answer
    await post(JSON.stringify(commandUpdate('/yield 100TH', { chat: { id: 6102, type: 'private' } })));
    await tg.waitFor((c) => c.method === 'sendMessage' && c.body.chat_id === 6102, 10_000);
    expect((await http(port, '/healthz')).status).toBe(200);
  });
});

test('polling survives a stolen long poll (409) and resumes; /healthz follows its state', async () => {
  tg.fault('getUpdates', {
    status: 409,
    description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    times: 2,
  });
  const bot = spawnMain({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_URL: tg.apiRoot });
  try {
    await until(() => /conflict \(409\)/.test(bot.out()), 15_000);
    tg.push(commandUpdate('/yield 100TH', { chat: { id: 6201, type: 'private' } }));
    await tg.waitFor((c) => c.method === 'sendMessage' && c.body.chat_id === 6201, 15_000);
    expect(bot.child.exitCode).toBeNull();
    const health = await http(portOf(bot.out()), '/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ platforms: { telegram: true } });
  } finally {
    bot.child.kill('SIGTERM');
    await bot.exited;
  }
});

test('a rejected token ends the process with exit code 1 and one clear line', async () => {
  const bot = spawnMain({ TELEGRAM_BOT_TOKEN: '999:not-the-token', TELEGRAM_API_URL: tg.apiRoot });
  const code = await bot.exited;
  expect(code).toBe(1);
  expect(bot.out()).toMatch(/could not start: telegram rejected the token \(404 Not Found\): check TELEGRAM_BOT_TOKEN/);
  expect(bot.out()).not.toContain('not-the-token');
});
