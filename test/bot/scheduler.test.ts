import { SqliteStore } from '../../bot/store/sqlite-store.js';
import { DigestScheduler, type Poster, type PostOutcome } from '../../bot/scheduler.js';
import { Pacer, type PacerClock } from '../../bot/pacer.js';
import { dispatch, type Reply } from '../../commands/index.js';
import type { Subscription } from '../../commands/core/ports.js';
import { manualClock, memoryLogger, tempDir, type MutableClock } from '../helpers.js';
import { slotsBetween } from '../../commands/news-digest/schedule.calc.js';

const DAY = 86_400_000;
const at = (iso: string): number => Date.parse(iso);
const REPLY: Reply = { kind: 'ok', title: 'digest', tone: 'info', fields: [], lines: [] };

interface Sent {
  channelId: string;
  at: number;
}

function recordingPoster(clock: MutableClock, outcomes: Record<string, PostOutcome[]> = {}): Poster & { sent: Sent[] } {
  const sent: Sent[] = [];
  return {
    sent,
    post(channelId) {
      sent.push({ channelId, at: clock.now() });
      const queue = outcomes[channelId];
      return Promise.resolve(queue && queue.length ? queue.shift()! : { ok: true });
    },
  };
}

async function subscribe(
  store: SqliteStore,
  channelId: string,
  cron: string,
  createdAt: number,
  platform: Subscription['platform'] = 'telegram',
) {
  return store.upsertSubscription({
    platform,
    channelId,
    scope: `${platform}:${channelId}`,
    schedule: cron,
    tz: 'UTC',
    lang: 'en',
    currency: 'usd',
    createdBy: null,
    createdAt,
  });
}

function scheduler(
  store: SqliteStore,
  clock: MutableClock,
  poster: Poster,
  logger = memoryLogger(),
  pacer?: Pacer,
  extra: { ownsStore?: boolean } = {},
) {
  return new DigestScheduler({
    store,
    posters: { telegram: poster, discord: poster },
    ...(pacer ? { pacers: { telegram: pacer } } : {}),
    clock,
    logger,
    render: () => Promise.resolve(REPLY),
    retryBaseMs: 5,
    ...extra,
  });
}

test('each slot is posted exactly once, also across a restart', async () => {
  const dir = tempDir();
  const clock = manualClock(at('2026-09-19T08:00:00Z'));
  let store = await SqliteStore.open(dir);
  await subscribe(store, '100', '0 9 * * *', clock.now());
  const poster = recordingPoster(clock);
  let s = scheduler(store, clock, poster);
  clock.set(at('2026-09-19T08:59:00Z'));
  expect((await s.tick()).posted).toBe(0);
  clock.set(at('2026-09-19T09:00:30Z'));
  expect((await s.tick()).posted).toBe(1);
  expect((await s.tick()).posted).toBe(0);
  await store.close();
  // restart: a new store on the same file and a new scheduler
  store = await SqliteStore.open(dir);
  s = scheduler(store, clock, poster);
  clock.set(at('2026-09-19T09:05:00Z'));
  expect((await s.tick()).posted).toBe(0);
  clock.set(at('2026-09-20T09:00:10Z'));
  expect((await s.tick()).posted).toBe(1);
  expect(poster.sent).toHaveLength(2);
  expect((await store.lastDelivery(1))?.slot).toBe('2026-09-20T09:00:00.000Z');
  await store.close();
});

test('concurrent ticks post a slot once', async () => {
  const clock = manualClock(at('2026-09-19T08:00:00Z'));
  const store = await SqliteStore.open(tempDir());
  await subscribe(store, '100', '0 9 * * *', clock.now());
  const poster = recordingPoster(clock);
  const a = scheduler(store, clock, poster);
  const b = scheduler(store, clock, poster);
  clock.set(at('2026-09-19T09:01:00Z'));
  await Promise.all([a.tick(), b.tick(), a.tick()]);
  expect(poster.sent).toHaveLength(1);
  await store.close();
});

test('a slot missed by more than the grace period is skipped and logged, not posted late', async () => {
  const clock = manualClock(at('2026-09-19T08:00:00Z'));
  const store = await SqliteStore.open(tempDir());
  await subscribe(store, '100', '0 9 * * *', clock.now());
  const poster = recordingPoster(clock);
  const logger = memoryLogger();
  clock.set(at('2026-09-19T09:40:00Z'));
  const r = await scheduler(store, clock, poster, logger).tick();
  expect(r).toMatchObject({ posted: 0, skipped: 1 });
  expect(poster.sent).toHaveLength(0);
  expect(logger.records.some((x) => x.msg === 'digest slot skipped')).toBe(true);
  expect((await store.lastDelivery(1))?.status).toBe('skipped');
  await store.close();
});

test('a claim left pending by a crashed process is taken over once it is stale', async () => {
  const clock = manualClock(at('2026-09-19T09:00:05Z'));
  const store = await SqliteStore.open(tempDir());
  const sub = await subscribe(store, '100', '0 9 * * *', at('2026-09-19T08:00:00Z'));
  // the "crashed" process claimed the slot and died before posting
  expect(await store.claimDelivery(sub.id, '2026-09-19T09:00:00.000Z', clock.now(), 600_000)).toBe(true);
  const poster = recordingPoster(clock);
  clock.set(at('2026-09-19T09:05:00Z'));
  expect((await scheduler(store, clock, poster).tick()).posted).toBe(0); // claim still fresh
  clock.set(at('2026-09-19T09:12:00Z'));
  expect((await scheduler(store, clock, poster).tick()).posted).toBe(1);
  await store.close();
});

test('a claim left pending by a crash is retried although newer slots were delivered since', async () => {
  const clock = manualClock(at('2026-09-19T09:00:05Z'));
  const store = await SqliteStore.open(tempDir());
  const sub = await subscribe(store, '100', '* * * * *', at('2026-09-19T08:00:00Z'));
  // The crashed fan-out claimed 09:00 and died; another run delivered 09:01 afterwards.
  expect(await store.claimDelivery(sub.id, '2026-09-19T09:00:00.000Z', clock.now(), 600_000)).toBe(true);
  clock.set(at('2026-09-19T09:01:05Z'));
  await store.finishDelivery(sub.id, '2026-09-19T09:01:00.000Z', 'sent', clock.now());
  const poster = recordingPoster(clock);
  // This process owns the SQLite store: a claim from before it started is dead, taken over at once.
  const s = scheduler(store, clock, poster, memoryLogger(), undefined, { ownsStore: true });
  clock.set(at('2026-09-19T09:01:30Z'));
  expect((await s.tick()).posted).toBe(1);
  const rows = await store.db.selectFrom('deliveries').selectAll().orderBy('slot').execute();
  expect(rows.map((r) => [r.slot.slice(11, 16), r.status])).toEqual([
    ['09:00', 'sent'],
    ['09:01', 'sent'],
  ]);
  expect((await s.tick()).posted).toBe(0);
  await store.close();
});

test('without owning the store, an old pending claim is retried once it is stale, whatever came after', async () => {
  const clock = manualClock(at('2026-09-19T09:00:05Z'));
  const store = await SqliteStore.open(tempDir());
  const sub = await subscribe(store, '100', '0 * * * *', at('2026-09-19T08:00:00Z'));
  expect(await store.claimDelivery(sub.id, '2026-09-19T09:00:00.000Z', clock.now(), 600_000)).toBe(true);
  const poster = recordingPoster(clock);
  clock.set(at('2026-09-19T09:10:30Z'));
  expect((await scheduler(store, clock, poster).tick()).posted).toBe(1);
  await store.close();
});

test('a transient failure is retried within the grace period and the post resumes at the failed part', async () => {
  const clock = manualClock(at('2026-09-19T08:00:00Z'));
  const store = await SqliteStore.open(tempDir());
  await subscribe(store, 'tg', '0 9 * * *', clock.now());
  const calls: number[] = [];
  let failures = 2;
  const poster: Poster = {
    async post(_channel, _reply, _lang, progress) {
      const from = progress?.fromPart ?? 0;
      calls.push(from);
      // two parts (text, chart): the first always goes through, the second fails twice (429, then 502)
      if (from === 0) await progress?.onPart?.(1);
      if (failures-- > 0)
        return failures === 1
          ? { ok: false, permanent: false, reason: 'rate limited', retryAfterMs: 5, partsSent: 1 }
          : { ok: false, permanent: false, reason: '502 Bad Gateway', partsSent: 1 };
      await progress?.onPart?.(2);
      return { ok: true };
    },
  };
  clock.set(at('2026-09-19T09:00:20Z'));
  const r = await scheduler(store, clock, poster).tick();
  expect(r).toMatchObject({ posted: 1, failed: 0 });
  expect(calls).toEqual([0, 1, 1]); // the text part was never sent again
  expect(await store.deliveryProgress(1, '2026-09-19T09:00:00.000Z')).toBe(2);
  await store.close();
});

test('after a crash mid-post the taken-over slot resumes after the parts already delivered', async () => {
  const clock = manualClock(at('2026-09-19T09:00:05Z'));
  const store = await SqliteStore.open(tempDir());
  const sub = await subscribe(store, 'tg', '0 9 * * *', at('2026-09-19T08:00:00Z'));
  expect(await store.claimDelivery(sub.id, '2026-09-19T09:00:00.000Z', clock.now(), 600_000)).toBe(true);
  await store.progressDelivery(sub.id, '2026-09-19T09:00:00.000Z', 1); // the text went out, then kill -9
  const froms: number[] = [];
  const poster: Poster = {
    post(_c, _r, _l, progress) {
      froms.push(progress?.fromPart ?? 0);
      return Promise.resolve({ ok: true });
    },
  };
  clock.set(at('2026-09-19T09:00:30Z'));
  const s = scheduler(store, clock, poster, memoryLogger(), undefined, { ownsStore: true });
  expect((await s.tick()).posted).toBe(1);
  expect(froms).toEqual([1]);
  await store.close();
});

test('a failing destination is isolated; 403 pauses it and status says so', async () => {
  const clock = manualClock(at('2026-09-19T08:00:00Z'));
  const store = await SqliteStore.open(tempDir());
  await subscribe(store, 'blocked', '0 9 * * *', clock.now());
  await subscribe(store, 'flaky', '0 9 * * *', clock.now());
  await subscribe(store, 'ok', '0 9 * * *', clock.now());
  const poster = recordingPoster(clock, {
    blocked: [{ ok: false, permanent: true, reason: '403 Forbidden: bot was kicked from the group chat' }],
    flaky: [{ ok: false, permanent: false, reason: '500 Internal Server Error' }],
  });
  clock.set(at('2026-09-19T09:00:20Z'));
  const r = await scheduler(store, clock, poster).tick();
  // flaky: the 500 is retried and the retry goes through; blocked: paused, not retried
  expect(r).toMatchObject({ posted: 2, failed: 1, paused: 1 });
  expect(poster.sent.filter((x) => x.channelId === 'flaky')).toHaveLength(2);
  const blocked = await store.getSubscription('telegram', 'blocked');
  expect(blocked?.pausedReason).toMatch(/403/);
  const status = await dispatch(
    'news-digest',
    { text: 'status' },
    { lang: 'en', platform: 'telegram', channelId: 'blocked' },
    {
      market: undefined as never,
      clock,
      logger: memoryLogger(),
      subscriptions: store,
    },
  );
  expect(status.lines.join()).toMatch(/paused: the bot could not post here \(error 403\)/);
  clock.set(at('2026-09-20T09:00:20Z'));
  await scheduler(store, clock, poster).tick();
  expect(poster.sent.filter((x) => x.channelId === 'blocked')).toHaveLength(1); // not tried again
  expect(poster.sent.filter((x) => x.channelId === 'ok')).toHaveLength(2);
  await store.close();
});

test('429: waits retry_after and tries once more', async () => {
  const clock = manualClock(at('2026-09-19T08:00:00Z'));
  const store = await SqliteStore.open(tempDir());
  await subscribe(store, 'busy', '0 9 * * *', clock.now());
  const poster = recordingPoster(clock, { busy: [{ ok: false, permanent: false, reason: '429', retryAfterMs: 20 }] });
  clock.set(at('2026-09-19T09:00:20Z'));
  const r = await scheduler(store, clock, poster, memoryLogger(), new Pacer(1000)).tick();
  expect(r.posted).toBe(1);
  expect(poster.sent).toHaveLength(2);
  await store.close();
});

describe('pacing (virtual time)', () => {
  function virtual(): PacerClock & { t: number } {
    const c = { t: 0, now: () => c.t, sleep: (ms: number) => ((c.t = Math.max(c.t, c.t + ms)), Promise.resolve()) };
    return c;
  }

  test('a global rate: 100 sends at 25/s take 99 × 40 ms', async () => {
    const clock = virtual();
    const pacer = new Pacer(25, null, clock);
    const grants: number[] = [];
    for (let i = 0; i < 100; i++) {
      await pacer.acquire();
      grants.push(clock.t);
    }
    expect(grants.at(-1)).toBeCloseTo(99 * 40, 6);
    for (let i = 1; i < grants.length; i++) expect(grants[i]! - grants[i - 1]!).toBeGreaterThanOrEqual(40 - 1e-9);
  });

  test('per chat: 20 a minute to one group, others unaffected', async () => {
    const clock = virtual();
    const pacer = new Pacer(30, 20, clock);
    const group: number[] = [];
    for (let i = 0; i < 5; i++) {
      await pacer.acquire('-100');
      group.push(clock.t);
    }
    for (let i = 1; i < group.length; i++) expect(group[i]! - group[i - 1]!).toBeGreaterThanOrEqual(3000);
  });

  test('per-chat entries whose wait has passed are dropped: 10,000 chats paced over time keep the map small', async () => {
    const clock = virtual();
    const pacer = new Pacer(30, 20, clock);
    for (let i = 0; i < 10_000; i++) await pacer.acquire(`chat-${i}`);
    // Each chat waits 3 s after its send; sends go every 33 ms, so ~90 chats are inside their wait.
    expect(pacer.trackedKeys).toBeLessThan(1024 + 100);
    // The per-chat limit still holds for a chat just paced.
    const before = clock.t;
    await pacer.acquire('chat-9999');
    expect(clock.t - before).toBeGreaterThanOrEqual(3000 - 40);
  });
});

describe('subscribe, unsubscribe, status', () => {
  const depsFor = async (clock: MutableClock) => ({
    market: undefined as never,
    clock,
    logger: memoryLogger(),
    subscriptions: await SqliteStore.open(tempDir()),
    digestMinIntervalMinutes: 60,
  });
  const ctx = {
    lang: 'en' as const,
    platform: 'telegram' as const,
    channelId: '-1001',
    scope: 'telegram:-1001',
    canManage: true,
  };

  test.each([
    ['subscribe daily 09:00', 'daily at 09:00 (UTC)', '2026-09-19 09:00 UTC'],
    ['subscribe daily 9:30 Asia/Shanghai', 'daily at 09:30 (Asia/Shanghai)', '2026-09-20 09:30 Asia/Shanghai'],
    // as people write zones and times here: CST is China Standard Time, UTC+8 an offset, cities by name
    ['subscribe daily 9am CST', 'daily at 09:00 (Asia/Shanghai)', '2026-09-20 09:00 Asia/Shanghai'],
    ['subscribe daily 09:00 UTC+8', 'daily at 09:00 (UTC+8)', '2026-09-20 09:00 UTC+8'],
    ['subscribe daily 9:30pm Beijing', 'daily at 21:30 (Asia/Shanghai)', '2026-09-19 21:30 Asia/Shanghai'],
    ['subscribe daily 21点 台北', 'daily at 21:00 (Asia/Taipei)', '2026-09-19 21:00 Asia/Taipei'],
    [
      'subscribe weekly mon 0900 hong kong',
      'every Monday at 09:00 (Asia/Hong_Kong)',
      '2026-09-21 09:00 Asia/Hong_Kong',
    ],
    [
      'subscribe weekly mon 09:00 Europe/Berlin',
      'every Monday at 09:00 (Europe/Berlin)',
      '2026-09-21 09:00 Europe/Berlin',
    ],
    ['subscribe cron="0 */2 * * *"', 'on cron "0 */2 * * *" (UTC)', '2026-09-19 10:00 UTC'],
  ])('%s', async (text, described, next) => {
    const clock = manualClock(at('2026-09-19T08:00:00Z'));
    const deps = await depsFor(clock);
    const r = await dispatch('news-digest', { text }, ctx, deps);
    expect(r.kind).toBe('ok');
    expect(r.title).toContain(described);
    // the next run as the subscriber's clock reads it
    expect(r.title).toContain(`the next one on ${next}`);
    const status = await dispatch('news-digest', { text: 'status' }, ctx, deps);
    expect(status.title).toBe(`Digest subscription: ${described}`);
    expect(status.lines[0]).toBe(`next ${next} · last —`);
    expect((await dispatch('news-digest', { text: 'unsubscribe' }, ctx, deps)).title).toBe(
      'This channel no longer gets the digest.',
    );
    await deps.subscriptions.close();
  });

  test.each([
    ['subscribe cron="*/10 * * * *"', /runs every 10 min; the minimum here is 60 min/],
    ['subscribe daily 25:00', /time "25:00": use a 24-hour time like 09:00/],
    ['subscribe weekly funday 09:00', /day "funday"/],
    ['subscribe daily 09:00 Mars/Olympus', /tz "Mars\/Olympus": use an IANA time zone/],
    ['subscribe hourly', /schedule "hourly"/],
    ['subscribe cron="not a cron"', /cron "not a cron"/],
  ])('%s is refused with a clear message', async (text, message) => {
    const deps = await depsFor(manualClock());
    const r = await dispatch('news-digest', { text }, ctx, deps);
    expect(r.kind).toBe('user-error');
    expect(r.title).toMatch(message);
    await deps.subscriptions.close();
  });

  test('only members who can manage the channel may subscribe; anyone may see status', async () => {
    const deps = await depsFor(manualClock());
    const r = await dispatch('news-digest', { text: 'subscribe daily 09:00' }, { ...ctx, canManage: false }, deps);
    expect(r.title).toMatch(/Only members who can manage this channel/);
    expect((await dispatch('news-digest', { text: 'status' }, { ...ctx, canManage: false }, deps)).kind).toBe('ok');
    await deps.subscriptions.close();
  });

  test('the console cannot subscribe (no channel)', async () => {
    const deps = await depsFor(manualClock());
    const r = await dispatch(
      'news-digest',
      { text: 'subscribe daily 09:00' },
      { lang: 'en', platform: 'console' },
      deps,
    );
    expect(r.title).toMatch(/Subscriptions are made in a Discord channel or a Telegram chat/);
    await deps.subscriptions.close();
  });

  test('subscriptions survive a restart', async () => {
    const dir = tempDir();
    let store = await SqliteStore.open(dir);
    await dispatch('news-digest', { text: 'subscribe daily 07:00' }, ctx, {
      market: undefined as never,
      clock: manualClock(),
      logger: memoryLogger(),
      subscriptions: store,
    });
    await store.close();
    store = await SqliteStore.open(dir);
    expect((await store.listSubscriptions()).map((s) => s.schedule)).toEqual(['0 7 * * *']);
    await store.close();
  });
});

test('slots over a week for a daily schedule', () => {
  const from = at('2026-09-19T00:00:00Z');
  expect(slotsBetween({ cron: '0 9 * * *', tz: 'Asia/Shanghai' }, from, from + 7 * DAY)).toHaveLength(7);
  expect(new Date(slotsBetween({ cron: '0 9 * * *', tz: 'Asia/Shanghai' }, from, from + DAY)[0]!).toISOString()).toBe(
    '2026-09-19T01:00:00.000Z',
  );
});

describe('deliverSubscription (one queue job = one subscription and slot)', () => {
  test('posts the job’s slot once; a second run of the same job posts nothing', async () => {
    const clock = manualClock(at('2026-09-19T08:00:00Z'));
    const store = await SqliteStore.open(tempDir());
    const sub = await subscribe(store, '100', '0 * * * *', clock.now());
    const poster = recordingPoster(clock);
    const s = scheduler(store, clock, poster);
    // The job fires a few ms before this machine's clock reaches the slot: the slot still counts.
    clock.set(at('2026-09-19T08:59:59.990Z'));
    expect(await s.deliverSubscription(sub, at('2026-09-19T09:00:00Z'), 10 * 60_000)).toMatchObject({ posted: 1 });
    expect(await s.deliverSubscription(sub, at('2026-09-19T09:00:00Z'), 10 * 60_000)).toMatchObject({ posted: 0 });
    expect(poster.sent).toHaveLength(1);
    expect((await store.lastDelivery(sub.id))?.slot).toBe('2026-09-19T09:00:00.000Z');
    await store.close();
  });

  test('a re-run job whose worker died takes over its pending claim, even after later slots were posted', async () => {
    const clock = manualClock(at('2026-09-19T08:00:00Z'));
    const store = await SqliteStore.open(tempDir());
    const sub = await subscribe(store, '100', '*/5 * * * *', clock.now());
    const poster = recordingPoster(clock);
    const s = scheduler(store, clock, poster);
    // A worker claimed 09:00 and died before posting; 09:05 was then posted by another job.
    expect(await store.claimDelivery(sub.id, '2026-09-19T09:00:00.000Z', at('2026-09-19T09:00:00Z'), 0)).toBe(true);
    clock.set(at('2026-09-19T09:05:00Z'));
    expect(await s.deliverSubscription(sub, at('2026-09-19T09:05:00Z'), 10 * 60_000)).toMatchObject({ posted: 1 });
    expect(poster.sent).toHaveLength(1); // 09:00 not touched: its claim is fresh by the first-run rule
    // BullMQ re-runs the 09:00 job (lock expired): the stale-claim rule for re-runs takes it over.
    clock.set(at('2026-09-19T09:05:05Z'));
    expect(await s.deliverSubscription(sub, at('2026-09-19T09:00:00Z'), 1_000)).toMatchObject({ posted: 1 });
    const rows = await store.db.selectFrom('deliveries').select(['slot', 'status']).orderBy('slot').execute();
    expect(rows).toEqual([
      { slot: '2026-09-19T09:00:00.000Z', status: 'sent' },
      { slot: '2026-09-19T09:05:00.000Z', status: 'sent' },
    ]);
    expect(poster.sent).toHaveLength(2);
    await store.close();
  });

  test('a job run later than the grace period records its slot skipped; a removed subscription is gone', async () => {
    const clock = manualClock(at('2026-09-19T08:00:00Z'));
    const store = await SqliteStore.open(tempDir());
    const sub = await subscribe(store, '100', '0 9 * * *', clock.now());
    const poster = recordingPoster(clock);
    const logger = memoryLogger();
    const s = scheduler(store, clock, poster, logger);
    clock.set(at('2026-09-19T09:20:00Z')); // Redis was down for 20 minutes
    expect(await s.deliverSubscription(sub, at('2026-09-19T09:00:00Z'), 10 * 60_000)).toMatchObject({
      posted: 0,
      skipped: 1,
    });
    expect(await store.lastDelivery(sub.id)).toMatchObject({ status: 'skipped' });
    expect(logger.records.some((r) => r.msg === 'digest slot skipped')).toBe(true);
    await store.removeSubscription('telegram', '100');
    expect(await s.deliverSubscription(sub, at('2026-09-20T09:00:00Z'), 10 * 60_000)).toBe('gone');
    expect(poster.sent).toHaveLength(0);
    await store.close();
  });
});

test('pacer: sends that queued during an event-loop stall are still released an interval apart', async () => {
  // Discrete-event time: each sleep is a timer; a stall makes every timer due before 500 ms fire at 500.
  let now = 0;
  let stallUntil = 0;
  const timers: Array<{ at: number; resolve: () => void }> = [];
  const clock: PacerClock = {
    now: () => now,
    sleep: (ms) => new Promise<void>((resolve) => timers.push({ at: Math.max(now + ms, stallUntil), resolve })),
  };
  const drive = async (): Promise<void> => {
    for (;;) {
      await new Promise((r) => setImmediate(r)); // let every woken waiter run first
      if (timers.length === 0) return;
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift()!;
      now = Math.max(now, next.at);
      next.resolve();
    }
  };
  const pacer = new Pacer(50, null, clock);
  await pacer.acquire();
  const grants = [now];
  stallUntil = 500;
  const waiters = Promise.all(
    Array.from({ length: 10 }, async () => {
      await pacer.acquire();
      grants.push(now);
    }),
  );
  await Promise.all([waiters, drive()]);
  expect(grants).toHaveLength(11);
  // Without the guard all ten would go at 500 ms together.
  expect(grants.slice(1)).toEqual(Array.from({ length: 10 }, (_, i) => 500 + 20 * i));
});
