// Two real bot processes (npm start's main.js) sharing Redis (and PostgreSQL), against the fake
// platforms and the fake upstream: Discord shards split across them, and scheduled digests with one
// process SIGKILLed mid-run. Skipped (and said so) without REDIS_URL / DATABASE_URL.
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { ApplicationCommandOptionType as T } from 'discord.js';
import { startFakeDiscord, interactionPayload, type FakeDiscord } from './fakes/discord.js';
import { startFakeUpstream, type FakeUpstream } from './fakes/upstream.js';
import { request } from 'node:http';
import { Queue } from 'bullmq';
import { commandUpdate, startFakeTelegram, type FakeTelegram } from './fakes/telegram.js';
import { connectionFromUrl } from '../bot/queue-scheduler.js';
import { SqliteStore } from '../bot/store/sqlite-store.js';
import { portOf, spawnBot, type BotProcess } from './helpers.js';

const REDIS_URL = process.env.REDIS_URL;
const DATABASE_URL = process.env.DATABASE_URL;
const run = REDIS_URL ? test : test.skip;
const runShared = REDIS_URL && DATABASE_URL ? test : test.skip;
if (!REDIS_URL) process.stdout.write('two-process suite skipped: REDIS_URL is not set\n');
else if (!DATABASE_URL) process.stdout.write('two-process digest test skipped: DATABASE_URL is not set\n');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let up: FakeUpstream;
let discord: FakeDiscord;
const children: ChildProcess[] = [];
beforeAll(async () => {
  up = await startFakeUpstream();
  discord = await startFakeDiscord();
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await discord.close();
  await up.close();
});

const spawnMain = (env: Record<string, string>): BotProcess => spawnBot({ ...up.env, ...env }, children);

function httpGet(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(body));
    })
      .on('error', reject)
      .end();
  });
}

function bot(shard: number, prefix: string): { child: ChildProcess; out: () => string } {
  return spawnMain({
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_TOKEN: 'two-process-token',
    DISCORD_SHARD_COUNT: '2',
    DISCORD_SHARD_IDS: String(shard),
    REDIS_URL: REDIS_URL!,
    REDIS_KEY_PREFIX: prefix,
  });
}

run('cold interactions on both processes cost one upstream request per endpoint; each is answered once', async () => {
  const prefix = `two:${randomUUID()}:`;
  const a = bot(0, prefix);
  const b = bot(1, prefix);
  const ready = (o: string): boolean => o.includes('discord connected') && o.includes('redis connected');
  for (let i = 0; i < 200 && !(ready(a.out()) && ready(b.out())); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(discord.identifyShards.map((s) => s.join('/')).sort()).toEqual(['0/2', '1/2']);
  const sent = Array.from({ length: 20 }, (_, k) => {
    const i = interactionPayload({ name: 'yield', options: [{ name: 'hashrate', type: T.String, value: '100TH' }] });
    discord.dispatch('INTERACTION_CREATE', i.payload, k % 2);
    return i.id;
  });
  for (const id of sent)
    await discord.waitFor((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`), 10_000);
  await new Promise((r) => setTimeout(r, 300));
  for (const id of sent)
    expect(
      discord.requests.filter((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`)),
    ).toHaveLength(1);
  expect(up.counts.get('/mempool/api/v1/mining/hashrate/3d')).toBe(1);
  expect(up.counts.get('/mempool/api/v1/prices')).toBe(1);
  expect(up.counts.get('/mempool/api/blocks/tip/height')).toBe(1);
  a.child.kill('SIGTERM');
  b.child.kill('SIGTERM');
});

runShared(
  'scheduled digests on two processes: every slot posted once; SIGKILL one mid-run and the other takes over, losing no slot',
  async () => {
    const token = 'two-process-telegram';
    const telegram: FakeTelegram = await startFakeTelegram(token);
    // Sends take a while, so the kill is likely to land while the killed process holds jobs.
    telegram.sendLatency(250);
    const schema = `two_${randomUUID().slice(0, 8)}`;
    const store = await SqliteStore.openPostgres(DATABASE_URL!, schema);
    const chats = ['101', '102', '103', '104', '105', '106'];
    try {
      const env = {
        TELEGRAM_BOT_TOKEN: token,
        TELEGRAM_API_URL: telegram.apiRoot,
        TELEGRAM_WEBHOOK_URL: 'https://bot.example/tg',
        TELEGRAM_WEBHOOK_SECRET: 'two-process-secret',
        REDIS_URL: REDIS_URL!,
        REDIS_KEY_PREFIX: `two:${randomUUID()}:`,
        DATABASE_URL: DATABASE_URL!,
        DATABASE_SCHEMA: schema,
        DIGEST_QUEUE_LOCK_MS: '2000',
      };
      // Subscriptions that exist when the processes start (each reconciles its schedulers at start;
      // later changes reach the schedulers from whichever process handles the command). Every 4 s
      // (the Telegram pacer allows one message per chat per ~3.2 s).
      const subs = [];
      for (const chat of chats)
        subs.push(
          await store.upsertSubscription({
            platform: 'telegram',
            channelId: chat,
            scope: `tg:${chat}`,
            schedule: '*/4 * * * * *',
            tz: 'UTC',
            lang: 'en',
            currency: 'usd',
            createdBy: null,
            // From 3 s on: no catch-up of slots that pass while the processes start.
            createdAt: Date.now() + 3000,
          }),
        );
      const a = spawnMain(env);
      const b = spawnMain(env);
      const ready = (o: string): boolean => o.includes('digest schedules on BullMQ');
      for (let i = 0; i < 200 && !(ready(a.out()) && ready(b.out())); i++) await sleep(50);
      expect(ready(a.out()) && ready(b.out())).toBe(true);
      // A digest whose text fits a caption is one sendPhoto; a longer one a photo and messages.
      const post = (c: { method: string }): boolean => c.method === 'sendMessage' || c.method === 'sendPhoto';
      const sends = () => telegram.calls.filter(post);
      await telegram.waitFor(post, 15_000);
      await sleep(8100); // two more slots on both processes
      // Kill a the moment a message arrives (a's or b's: either way a may hold jobs in flight).
      await telegram.waitFor(post, 5_000);
      a.child.kill('SIGKILL');
      const killedAt = Date.now();
      // b must take over a's stalled jobs (lock 2 s) and keep posting: wait (up to 40 s on a loaded
      // machine) until every subscription has a slot sent well after the kill.
      const lastSent = async (id: number): Promise<number> => {
        const r = await store.db
          .selectFrom('deliveries')
          .select('slot')
          .where('subscription_id', '=', id)
          .where('status', '=', 'sent')
          .orderBy('slot', 'desc')
          .executeTakeFirst();
        return r ? Date.parse(r.slot) : 0;
      };
      for (let i = 0; i < 400; i++) {
        const last = await Promise.all(subs.map((sub) => lastSent(sub.id)));
        if (last.every((t) => t > killedAt + 6000)) break;
        await sleep(100);
      }
      await sleep(1000); // let jobs in progress finish before looking at the log
      const metrics = await httpGet(portOf(b.out()), '/metrics');
      b.child.kill('SIGTERM');
      await new Promise((resolve) => b.child.once('exit', resolve));

      // Jobs b re-ran after a died holding them (BullMQ stalled-job recovery), by subscription id.
      const takenOver = new Set(
        [...b.out().matchAll(/"job":"repeat:sub:(\d+):\d+"[^\n]*digest job taken over/g)].map((m) => Number(m[1])),
      );
      let duplicates = 0;
      for (const sub of subs) {
        const rows = await store.db
          .selectFrom('deliveries')
          .select(['slot', 'status'])
          .where('subscription_id', '=', sub.id)
          .orderBy('slot')
          .execute();
        // Every 4-second slot from the first to well after the kill, sent, none missing.
        expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
        expect(rows.length).toBeGreaterThanOrEqual(4);
        const ms = rows.map((r) => Date.parse(r.slot));
        for (let i = 1; i < ms.length; i++) expect(ms[i]! - ms[i - 1]!).toBe(4000);
        expect(ms.at(-1)!).toBeGreaterThan(killedAt + 6000);
        // Messages: exactly one per slot, except that a job a was running when it died may repeat
        // the one send that was in flight (no platform offers an idempotency key): at most one extra,
        // and only for a subscription whose job b took over.
        const got = sends().filter((c) => String(c.body.chat_id) === sub.channelId).length;
        const extra = got - rows.length;
        expect(extra).toBeGreaterThanOrEqual(0);
        expect(extra).toBeLessThanOrEqual(takenOver.has(sub.id) ? 1 : 0);
        duplicates += extra;
      }
      // b's /metrics counts the re-runs it logged.
      const reruns = Number(/hashdesk_digest_jobs_total\{run="rerun"\} (\d+)/.exec(metrics)?.[1] ?? 0);
      expect(reruns).toBe([...b.out().matchAll(/digest job taken over/g)].length);
      expect(metrics).toMatch(/hashdesk_digest_jobs_total\{run="first"\} [1-9]/);
      process.stdout.write(
        `two-process digests: ${subs.length} subscriptions, ${takenOver.size} jobs taken over after SIGKILL, ${duplicates} repeated sends\n`,
      );
    } finally {
      await store.db.schema.dropSchema(schema).ifExists().cascade().execute();
      await store.close();
      await telegram.close();
    }
  },
  120_000,
);

runShared(
  'Telegram webhook behind a load balancer: subscribe through one process, status through the other; the schedule is in BullMQ at once',
  async () => {
    const token = 'two-process-webhook';
    const telegram = await startFakeTelegram(token);
    const schema = `two_${randomUUID().slice(0, 8)}`;
    const prefix = `two:${randomUUID()}:`;
    const env = {
      TELEGRAM_BOT_TOKEN: token,
      TELEGRAM_API_URL: telegram.apiRoot,
      TELEGRAM_WEBHOOK_URL: 'https://bot.example/tg',
      TELEGRAM_WEBHOOK_SECRET: 'lb-secret',
      REDIS_URL: REDIS_URL!,
      REDIS_KEY_PREFIX: prefix,
      DATABASE_URL: DATABASE_URL!,
      DATABASE_SCHEMA: schema,
    };
    const a = spawnMain(env);
    const b = spawnMain(env);
    const queue = new Queue('digests-telegram', { connection: connectionFromUrl(REDIS_URL!), prefix: `${prefix}bull` });
    const store = await SqliteStore.openPostgres(DATABASE_URL!, schema);
    try {
      const ready = (o: string): boolean => o.includes('digest schedules on BullMQ') && portOf(o) > 0;
      for (let i = 0; i < 200 && !(ready(a.out()) && ready(b.out())); i++) await sleep(50);
      const post = (port: number, update: unknown): Promise<number> =>
        new Promise((resolve, reject) => {
          const req = request(
            {
              host: '127.0.0.1',
              port,
              path: '/tg',
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'lb-secret' },
            },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            },
          );
          req.on('error', reject);
          req.end(JSON.stringify(update));
        });
      const chat = { id: 9001, type: 'private', first_name: 'Miner' };
      const replyTo = (since: number) => (c: { method: string; body: Record<string, unknown>; at: number }) =>
        c.method === 'sendMessage' && Number(c.body.chat_id) === 9001 && c.at > since;
      let t0 = performance.now();
      expect(
        await post(
          portOf(a.out()),
          commandUpdate('/news_digest subscribe daily 09:00 Asia/Shanghai', { chat, userId: 9001 }),
        ),
      ).toBe(200);
      expect(String((await telegram.waitFor(replyTo(t0), 10_000)).body.text)).toMatch(/09:00/);
      // The process that took the command registered the schedule in the shared queue at once.
      const sub = await store.getSubscription('telegram', '9001');
      expect(sub).not.toBeNull();
      for (let i = 0; i < 100 && !(await queue.getJobScheduler(`sub:${sub!.id}`)); i++) await sleep(50);
      expect(await queue.getJobScheduler(`sub:${sub!.id}`)).toMatchObject({
        pattern: '0 9 * * *',
        tz: 'Asia/Shanghai',
      });
      // The other process answers status for it: no state lives in a process.
      t0 = performance.now();
      expect(await post(portOf(b.out()), commandUpdate('/news_digest status', { chat, userId: 9001 }))).toBe(200);
      expect(String((await telegram.waitFor(replyTo(t0), 10_000)).body.text)).toMatch(/Asia\/Shanghai/);
      // Unsubscribe through b: the scheduler goes.
      t0 = performance.now();
      expect(await post(portOf(b.out()), commandUpdate('/news_digest unsubscribe', { chat, userId: 9001 }))).toBe(200);
      await telegram.waitFor(replyTo(t0), 10_000);
      for (let i = 0; i < 100 && (await queue.getJobScheduler(`sub:${sub!.id}`)); i++) await sleep(50);
      expect(await queue.getJobScheduler(`sub:${sub!.id}`)).toBeUndefined();
    } finally {
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      await queue.close();
      await store.db.schema.dropSchema(schema).ifExists().cascade().execute();
      await store.close();
      await telegram.close();
    }
  },
  60_000,
);
