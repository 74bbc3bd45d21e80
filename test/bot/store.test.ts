// The store contract on SQLite, and on PostgreSQL when DATABASE_URL is set (skipped and said so otherwise).
import { randomUUID } from 'node:crypto';
import { SqliteStore } from '../../bot/store/sqlite-store.js';
import pg from 'pg';
import { dispatch } from '../../commands/index.js';
import { startFakeUpstream } from '../fakes/upstream.js';
import { manualClock, tempDir, testRuntime } from '../helpers.js';

const schemas: string[] = [];
afterAll(async () => {
  if (!DATABASE_URL || schemas.length === 0) return;
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  await client.end();
});

const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL)
  process.stdout.write(
    'postgres store suite skipped: DATABASE_URL is not set (.ci/run sets it when PostgreSQL answers)\n',
  );

const backends: Array<[string, () => Promise<[SqliteStore, SqliteStore]>]> = [
  [
    'sqlite',
    async () => {
      const dir = tempDir();
      return [await SqliteStore.open(dir), await SqliteStore.open(dir)];
    },
  ],
];
if (DATABASE_URL) {
  backends.push([
    'postgres',
    async () => {
      const schema = `t_${randomUUID().replace(/-/g, '')}`;
      schemas.push(schema);
      const a = await SqliteStore.openPostgres(DATABASE_URL, schema);
      return [a, await SqliteStore.openPostgres(DATABASE_URL, schema)];
    },
  ]);
}

describe.each(backends)('%s store', (_name, open) => {
  let a: SqliteStore;
  let b: SqliteStore;
  beforeAll(async () => {
    [a, b] = await open();
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  test('notes: add, list per scope, remove', async () => {
    const n = await a.addNote({
      scope: 's1',
      text: 'US 7.5%',
      source: 'https://x.example',
      date: '2021-04',
      createdAt: 1_700_000_000_000,
    });
    expect(n).toMatchObject({ scope: 's1', text: 'US 7.5%', date: '2021-04', createdAt: 1_700_000_000_000 });
    expect(typeof n.id).toBe('number');
    expect((await b.listNotes('s1')).map((x) => x.text)).toEqual(['US 7.5%']);
    expect(await b.listNotes('s2')).toEqual([]);
    expect(await b.removeNote('s2', n.id)).toBe(false);
    expect(await b.removeNote('s1', n.id)).toBe(true);
  });

  test('subscriptions: upsert per channel, pause, remove', async () => {
    const base = {
      platform: 'telegram' as const,
      channelId: '-100',
      scope: 'telegram:-100',
      tz: 'UTC',
      lang: 'en' as const,
      currency: 'usd',
      createdBy: '1',
      createdAt: 1_700_000_000_000,
    };
    const s1 = await a.upsertSubscription({ ...base, schedule: '0 9 * * *' });
    const s2 = await b.upsertSubscription({ ...base, schedule: '0 10 * * *' });
    expect(s2.id).toBe(s1.id);
    expect((await a.listSubscriptions()).map((s) => s.schedule)).toEqual(['0 10 * * *']);
    await a.pauseSubscription(s1.id, '403 Forbidden');
    expect((await b.getSubscription('telegram', '-100'))?.pausedReason).toBe('403 Forbidden');
    expect(await b.removeSubscription('telegram', '-100')).toBe(true);
  });

  test('a subscription keeps its language: 繁體 stays 繁體, and rows from before 繁體 ("zh") read as 简体', async () => {
    const base = {
      platform: 'telegram' as const,
      scope: 't',
      schedule: '0 9 * * *',
      tz: 'Asia/Taipei',
      currency: 'twd',
      createdBy: null,
      createdAt: 0,
    };
    await a.upsertSubscription({ ...base, channelId: '-201', lang: 'zh-Hant' });
    await a.upsertSubscription({ ...base, channelId: '-202', lang: 'zh-Hans' });
    // as an older version wrote it
    await a.upsertSubscription({ ...base, channelId: '-203', lang: 'zh' as never });
    expect((await b.getSubscription('telegram', '-201'))?.lang).toBe('zh-Hant');
    expect((await b.getSubscription('telegram', '-202'))?.lang).toBe('zh-Hans');
    expect((await b.getSubscription('telegram', '-203'))?.lang).toBe('zh-Hans');
    for (const id of ['-201', '-202', '-203']) await a.removeSubscription('telegram', id);
  });

  test('two instances claiming the same slot at once: exactly one wins', async () => {
    const sub = await a.upsertSubscription({
      platform: 'discord',
      channelId: '9',
      scope: 'd',
      schedule: '0 9 * * *',
      tz: 'UTC',
      lang: 'en',
      currency: 'usd',
      createdBy: null,
      createdAt: 0,
    });
    const slot = '2026-09-19T09:00:00.000Z';
    const wins = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).claimDelivery(sub.id, slot, 1_000, 600_000)),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
    await a.finishDelivery(sub.id, slot, 'sent', 2_000);
    expect(await b.lastDelivery(sub.id)).toMatchObject({ slot, status: 'sent', attemptedAt: 2_000 });
    expect(await b.claimDelivery(sub.id, slot, 10_000_000, 600_000)).toBe(false); // sent slots are never reclaimed
  });

  test('a health ping', async () => {
    expect(await a.ping()).toBe(true);
  });
});

(DATABASE_URL ? test : test.skip)('the whole runtime on PostgreSQL: notes through news-digest', async () => {
  const up = await startFakeUpstream();
  const schema = `t_${randomUUID().replace(/-/g, '')}`;
  schemas.push(schema);
  const rt = await testRuntime(up, {
    clock: manualClock(),
    env: { DATABASE_URL: DATABASE_URL!, DATABASE_SCHEMA: schema },
  });
  try {
    expect(rt.store.dialect).toBe('postgres');
    const ctx = { lang: 'en' as const, platform: 'test' as const, scope: 'pg' };
    await dispatch('news-digest', { text: 'note add "On Postgres" date=2026-09' }, ctx, rt.deps);
    const list = await dispatch('news-digest', { text: 'note list' }, ctx, rt.deps);
    expect(list.lines.join()).toContain('On Postgres');
  } finally {
    await rt.close();
    await up.close();
  }
});

describe('storage faults', () => {
  test('processes migrating one fresh DATA_DIR at once all start (no "table already exists")', async () => {
    const { spawn } = await import('node:child_process');
    const path = await import('node:path');
    const dir = tempDir();
    const runs = Array.from(
      { length: 4 },
      () =>
        new Promise<{ code: number | null; out: string }>((resolve) => {
          const child = spawn(
            process.execPath,
            [path.resolve('dist', 'bot', 'cli.js'), 'news-digest', 'note', 'list'],
            {
              env: { PATH: process.env.PATH ?? '', DATA_DIR: dir, WEB_CHECKS: 'false' },
              stdio: ['ignore', 'pipe', 'pipe'],
            },
          );
          let out = '';
          child.stdout.on('data', (d: Buffer) => (out += d.toString()));
          child.stderr.on('data', (d: Buffer) => (out += d.toString()));
          child.on('close', (code) => resolve({ code, out }));
        }),
    );
    for (const r of await Promise.all(runs)) {
      expect(r.out).not.toMatch(/already exists|migration failed/);
      expect(r.code).toBe(0);
    }
    const store = await SqliteStore.open(dir);
    expect((await store.listNotes('x')).length).toBe(0);
    await store.close();
  });

  test('an empty (0-byte) database file is refused with its path and what to do, not opened as new', async () => {
    const { writeFileSync, utimesSync } = await import('node:fs');
    const dir = tempDir();
    writeFileSync(`${dir}/hashdesk.db`, '');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(`${dir}/hashdesk.db`, hourAgo, hourAgo); // truncated long ago, not being created now
    await expect(SqliteStore.open(dir)).rejects.toThrow(
      new RegExp(`cannot open the database ${dir}/hashdesk.db: the file is empty .*restore it from a backup`),
    );
  });

  test('a file that is not a database is refused with its path', async () => {
    const { writeFileSync } = await import('node:fs');
    const dir = tempDir();
    writeFileSync(`${dir}/hashdesk.db`, 'this is not sqlite'.repeat(100));
    await expect(SqliteStore.open(dir)).rejects.toThrow(
      /cannot open the database .*hashdesk\.db: .*holds a hashdesk database/,
    );
  });
});
