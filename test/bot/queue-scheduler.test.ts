// Digest ticks on BullMQ shared by two instances (real Redis; skipped without REDIS_URL).
import { randomUUID } from 'node:crypto';
import { SqliteStore } from '../../bot/store/sqlite-store.js';
import { DigestScheduler, type Poster } from '../../bot/scheduler.js';
import { startQueueTicker } from '../../bot/queue-scheduler.js';
import type { Reply } from '../../commands/index.js';
import { manualClock, memoryLogger, tempDir } from '../helpers.js';

const REDIS_URL = process.env.REDIS_URL;
const run = REDIS_URL ? test : test.skip;
if (!REDIS_URL) process.stdout.write('BullMQ suite skipped: REDIS_URL is not set\n');

const REPLY: Reply = { kind: 'ok', title: 'digest', tone: 'info', fields: [], lines: [] };

async function until(pred: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
}

run('two instances share one schedule: every slot posted once, and a stopped instance loses no slot', async () => {
  const store = await SqliteStore.open(tempDir());
  const clock = manualClock(Date.UTC(2026, 8, 19, 8, 59, 0));
  await store.upsertSubscription({
    platform: 'telegram',
    channelId: '1',
    scope: 's',
    schedule: '* * * * *',
    tz: 'UTC',
    lang: 'en',
    currency: 'usd',
    createdBy: null,
    createdAt: clock.now(),
  });
  const sent: string[] = [];
  const poster = (who: string): Poster => ({
    post: () => {
      sent.push(who);
      return Promise.resolve({ ok: true });
    },
  });
  const make = (who: string) =>
    new DigestScheduler({
      store,
      posters: { telegram: poster(who) },
      clock,
      logger: memoryLogger(),
      render: () => Promise.resolve(REPLY),
    });
  const prefix = `test:${randomUUID()}:`;
  const a = await startQueueTicker({
    redisUrl: REDIS_URL!,
    prefix,
    scheduler: make('a'),
    logger: memoryLogger(),
    everyMs: 200,
  });
  const b = await startQueueTicker({
    redisUrl: REDIS_URL!,
    prefix,
    scheduler: make('b'),
    logger: memoryLogger(),
    everyMs: 200,
  });
  try {
    clock.set(Date.UTC(2026, 8, 19, 9, 0, 20));
    await until(() => sent.length >= 1);
    await new Promise((r) => setTimeout(r, 800)); // several more ticks on both workers
    expect(sent).toHaveLength(1);
    await a.close(); // instance a goes away
    clock.set(Date.UTC(2026, 8, 19, 9, 1, 20));
    await until(() => sent.length >= 2);
    await new Promise((r) => setTimeout(r, 600));
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe('b');
    expect((await store.lastDelivery(1))?.slot).toBe('2026-09-19T09:01:00.000Z');
  } finally {
    await a.close().catch(() => undefined);
    await b.close();
    await store.close();
  }
});
