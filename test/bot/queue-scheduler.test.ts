// Digest schedules on BullMQ (real Redis; skipped without REDIS_URL). Two schedulers share one store
// and one Redis, as two instances would; the two-process test (two-processes.test.ts) repeats this
// with real processes, PostgreSQL and a SIGKILL.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Queue } from 'bullmq';
import { SqliteStore } from '../../bot/store/sqlite-store.js';
import { DigestScheduler, type Poster } from '../../bot/scheduler.js';
import { QueueScheduling, connectionFromUrl, croneRepeatStrategy, schedulerId } from '../../bot/queue-scheduler.js';
import { systemClock } from '../../bot/runtime.js';
import type { Reply } from '../../commands/index.js';
import { memoryLogger, tempDir } from '../helpers.js';

const REDIS_URL = process.env.REDIS_URL;
const run = REDIS_URL ? test : test.skip;
if (!REDIS_URL) process.stdout.write('BullMQ suite skipped: REDIS_URL is not set\n');

const REPLY: Reply = { kind: 'ok', title: 'digest', tone: 'info', fields: [], lines: [] };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(pred: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await pred()) && Date.now() < end) await sleep(50);
}

test('the repeat strategy gives the same instants as the schedule parser (croner), in the time zone', () => {
  // Monday 09:00 in Shanghai (UTC+8) after Friday 2026-09-18 12:00 UTC is Monday 2026-09-21 01:00 UTC.
  const from = Date.UTC(2026, 8, 18, 12, 0, 0);
  expect(croneRepeatStrategy(from, { pattern: '0 9 * * 1', tz: 'Asia/Shanghai' })).toBe(Date.UTC(2026, 8, 21, 1, 0, 0));
  // Strictly after: a call at a slot gives the next one (daily 08:30 UTC).
  const slot = Date.UTC(2026, 8, 19, 8, 30, 0);
  expect(croneRepeatStrategy(slot, { pattern: '30 8 * * *', tz: 'UTC' })).toBe(slot + 86_400_000);
  expect(croneRepeatStrategy(slot, { every: 1000 })).toBeUndefined();
});

test('connection options come from the URL (password, db, TLS) without losing BullMQ’s retry setting', () => {
  expect(connectionFromUrl('rediss://user:p%40ss@cache.example:6380/2')).toEqual({
    host: 'cache.example',
    port: 6380,
    username: 'user',
    password: 'p@ss',
    db: 2,
    tls: {},
    maxRetriesPerRequest: null,
  });
  expect(connectionFromUrl('redis://[::1]')).toMatchObject({ host: '::1', port: 6379 });
});

describe('with Redis', () => {
  let store: SqliteStore;
  let prefix: string;
  const instances: QueueScheduling[] = [];

  beforeEach(async () => {
    store = await SqliteStore.open(tempDir());
    prefix = `test:${randomUUID()}:`;
  });
  afterEach(async () => {
    await Promise.all(instances.splice(0).map((i) => i.close()));
    await store.close();
  });

  function instance(
    sent: { who: string; channel: string }[],
    who: string,
    opts: { start?: boolean; redisUrl?: string; logger?: ReturnType<typeof memoryLogger> } = {},
  ) {
    const poster: Poster = {
      post: (channel) => {
        sent.push({ who, channel });
        return Promise.resolve({ ok: true });
      },
    };
    const scheduler = new DigestScheduler({
      store,
      posters: { telegram: poster },
      clock: systemClock,
      logger: memoryLogger(),
      render: () => Promise.resolve(REPLY),
    });
    const q = new QueueScheduling({
      redisUrl: opts.redisUrl ?? REDIS_URL!,
      prefix,
      scheduler,
      store,
      platforms: ['telegram'],
      logger: opts.logger ?? memoryLogger(),
      lockMs: 2_000,
      ratePerSecond: { telegram: 28 },
    });
    instances.push(q);
    if (opts.start !== false) q.start(500);
    return q;
  }

  const subscribe = (channelId: string, schedule = '* * * * * *') =>
    store.upsertSubscription({
      platform: 'telegram',
      channelId,
      scope: `tg:${channelId}`,
      schedule,
      tz: 'UTC',
      lang: 'en',
      currency: 'usd',
      createdBy: null,
      createdAt: Date.now(),
    });

  async function sentSlots(subId: number): Promise<string[]> {
    const rows = await store.db
      .selectFrom('deliveries')
      .select(['slot', 'status'])
      .where('subscription_id', '=', subId)
      .orderBy('slot')
      .execute();
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    return rows.map((r) => r.slot);
  }

  run(
    'two instances: every slot of every subscription posted once, none skipped; one stops, the other goes on',
    async () => {
      const subs = await Promise.all(['1', '2', '3'].map((c) => subscribe(c)));
      const sent: { who: string; channel: string }[] = [];
      const a = instance(sent, 'a');
      instance(sent, 'b');
      await until(() => sent.length >= 9);
      await sleep(1500);
      await a.close(); // instance a goes away (gracefully: its jobs in progress finish)
      const before = sent.length;
      await until(() => sent.filter((s) => s.who === 'b').length > 0 && sent.length >= before + 6);
      await Promise.all(instances.splice(0).map((i) => i.close()));
      for (const sub of subs) {
        const slots = await sentSlots(sub.id);
        // Consecutive seconds from the first slot to the last: none lost, none twice.
        const ms = slots.map((s) => Date.parse(s));
        expect(ms.length).toBeGreaterThanOrEqual(4);
        for (let i = 1; i < ms.length; i++) expect(ms[i]! - ms[i - 1]!).toBe(1000);
        expect(sent.filter((s) => s.channel === sub.channelId)).toHaveLength(slots.length);
      }
    },
    30_000,
  );

  run(
    'schedulers follow the store: subscribe adds, a new schedule updates, pause and unsubscribe remove, orphans go',
    async () => {
      const q = instance([], 'a', { start: false });
      const queue = new Queue('digests-telegram', {
        connection: connectionFromUrl(REDIS_URL!),
        prefix: `${prefix}bull`,
      });
      const list = async () =>
        Object.fromEntries((await queue.getJobSchedulers(0, -1)).map((s) => [s.key, `${s.pattern} ${s.tz}`]));
      try {
        // An orphan left behind (its subscription was deleted while every instance was down).
        await queue.upsertJobScheduler('sub:999', { pattern: '0 9 * * *', tz: 'UTC' }, { name: 'digest' });
        const one = await subscribe('10', '0 9 * * *');
        const two = await subscribe('20', '0 18 * * 5');
        await q.reconcile();
        expect(await list()).toEqual({
          [schedulerId(one.id)]: '0 9 * * * UTC',
          [schedulerId(two.id)]: '0 18 * * 5 UTC',
        });

        // Writes notify the scheduler: no explicit reconcile below.
        await store.upsertSubscription({ ...two, schedule: '0 7 * * 1', tz: 'Asia/Shanghai' });
        await until(async () => (await list())[schedulerId(two.id)] === '0 7 * * 1 Asia/Shanghai');
        expect((await list())[schedulerId(two.id)]).toBe('0 7 * * 1 Asia/Shanghai');
        await store.pauseSubscription(one.id, 'forbidden');
        await until(async () => !(schedulerId(one.id) in (await list())));
        expect(Object.keys(await list())).toEqual([schedulerId(two.id)]);
        await store.removeSubscription('telegram', '20');
        await until(async () => Object.keys(await list()).length === 0);
        expect(await list()).toEqual({});
        // Re-subscribing clears the pause and brings the schedule back.
        await subscribe('10', '0 9 * * *');
        await until(async () => schedulerId(one.id) in (await list()));
        expect(await q.reconcile()).toEqual({ added: 0, updated: 0, removed: 0 });
        expect(await list()).toEqual({ [schedulerId(one.id)]: '0 9 * * * UTC' });
        expect(await q.status()).toBe('bullmq');
      } finally {
        await queue.close();
      }
    },
    30_000,
  );

  run(
    'Redis stopped and restarted empty mid-run: no crash, health says so, schedules come back and the missed slots are posted',
    async () => {
      const port = await new Promise<number>((resolve) => {
        const probe = createServer();
        probe.listen(0, '127.0.0.1', () => {
          const p = (probe.address() as { port: number }).port;
          probe.close(() => resolve(p));
        });
      });
      const startRedis = () =>
        spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
          stdio: 'ignore',
        });
      let server = startRedis();
      try {
        const sub = await subscribe('7');
        const sent: { who: string; channel: string }[] = [];
        const logger = memoryLogger();
        const q = instance(sent, 'a', { redisUrl: `redis://127.0.0.1:${port}`, logger });
        await until(() => sent.length >= 2);
        server.kill('SIGKILL');
        await until(async () => (await q.status()) === 'bullmq (redis unavailable)');
        expect(await q.status()).toBe('bullmq (redis unavailable)');
        const during = sent.length;
        await sleep(2500); // slots pass while Redis is away
        expect(sent.length - during).toBeLessThanOrEqual(1); // (one job may have been in hand)
        server = startRedis(); // a Redis without persistence: the schedulers are gone
        await until(() => sent.length >= during + 5, 20_000);
        expect(await q.status()).toBe('bullmq');
        await Promise.all(instances.splice(0).map((i) => i.close()));
        // Every second from the first slot to the last, posted once: the first job after the outage
        // posted the slots missed meanwhile (within the 15-minute grace period).
        const slots = (await sentSlots(sub.id)).map((x) => Date.parse(x));
        for (let i = 1; i < slots.length; i++) expect(slots[i]! - slots[i - 1]!).toBe(1000);
        expect(sent).toHaveLength(slots.length);
        expect(logger.records.some((r) => r.msg === 'digest schedules reconciled')).toBe(true);
      } finally {
        server.kill('SIGKILL');
      }
    },
    40_000,
  );
});
