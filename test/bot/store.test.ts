// The store contract on SQLite, and on PostgreSQL when DATABASE_URL is set (skipped and said so otherwise).
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
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

  test('notes are numbered per community: a new community starts at #1; numbers stay when others go', async () => {
    const scope = (n: string) => `numbers:${n}:${Math.random()}`;
    const [x, y] = [scope('x'), scope('y')];
    const add = (s: string, text: string, store: SqliteStore = a) =>
      store.addNote({ scope: s, text, source: null, date: '2026-09', createdAt: 1 });
    expect((await add(x, 'x1')).id).toBe(1);
    expect((await add(x, 'x2', b)).id).toBe(2);
    expect((await add(y, 'y1')).id).toBe(1);
    expect((await add(x, 'x3')).id).toBe(3);
    expect(await a.removeNote(x, 2)).toBe(true);
    expect((await a.listNotes(x)).map((n) => n.id).sort()).toEqual([1, 3]);
    expect(await a.removeNote(y, 3)).toBe(false); // #3 is x's, not y's
    // two instances adding at once: distinct numbers
    const both = await Promise.all([add(y, 'y2'), add(y, 'y3', b), add(y, 'y4'), add(y, 'y5', b)]);
    expect(new Set(both.map((n) => n.id)).size).toBe(4);
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

test('the note-number migration numbers existing notes per community, in the order they were added', async () => {
  const dir = tempDir();
  const Database = (await import('libsql')).default;
  const { Kysely, Migrator, SqliteDialect } = await import('kysely');
  const { migrations } = await import('../../bot/store/sqlite-store.js');
  mkdirSync(dir, { recursive: true });
  const raw = new Database(path.join(dir, 'hashdesk.db'));
  const db = new Kysely<Record<string, never>>({ dialect: new SqliteDialect({ database: raw }) });
  const all = migrations('sqlite');
  const before = Object.fromEntries(Object.entries(all).filter(([name]) => name < '0006'));
  await new Migrator({ db, provider: { getMigrations: () => Promise.resolve(before) } }).migrateToLatest();
  for (const [scope, text] of [
    ['a', 'a1'],
    ['b', 'b1'],
    ['a', 'a2'],
    ['a', 'a3'],
    ['b', 'b2'],
  ])
    raw
      .prepare('INSERT INTO notes (scope, text, source, date, created_at) VALUES (?, ?, NULL, ?, 1)')
      .run(scope, text, '2021-04');
  await db.destroy();
  const store = await SqliteStore.open(dir); // runs 0006
  expect((await store.listNotes('a')).map((n) => [n.id, n.text]).sort()).toEqual([
    [1, 'a1'],
    [2, 'a2'],
    [3, 'a3'],
  ]);
  expect((await store.listNotes('b')).map((n) => [n.id, n.text]).sort()).toEqual([
    [1, 'b1'],
    [2, 'b2'],
  ]);
  expect((await store.addNote({ scope: 'b', text: 'b3', source: null, date: '2021', createdAt: 2 })).id).toBe(3);
  await store.close();
});
