// Disk full under a running process, on a real (tiny) tmpfs: writes fail with a clear error and no
// crash, and succeed again as soon as space is freed, without a restart. Skipped where mounting is
// not allowed (it needs root, as CI has).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../bot/store/sqlite-store.js';
import { LastGoodStore } from '../../bot/cache/last-good.js';
import { MemoryCache } from '../../bot/cache/memory-cache.js';
import { memoryLogger } from '../helpers.js';

const mnt = mkdtempSync(path.join(tmpdir(), 'hashdesk-full-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mnt], { stdio: 'ignore' });
  mounted = true;
} catch {
  process.stdout.write('disk-full suite skipped: cannot mount a tmpfs here\n');
}
afterAll(() => {
  if (mounted) execFileSync('umount', ['-l', mnt], { stdio: 'ignore' });
});

/**
 * Fills the file system until it is full: one large file, then small ones into whatever space is left
 * (a failed large write can leave its file short of full). Returns a function that frees it all.
 */
function fill(dir: string, prefix = 'filler'): () => void {
  const files: string[] = [];
  const chunk = Buffer.alloc(64 * 1024, 1);
  let data = Buffer.alloc(0);
  const big = path.join(dir, prefix);
  files.push(big);
  for (let i = 0; i < 64; i++) {
    data = Buffer.concat([data, chunk]);
    try {
      writeFileSync(big, data);
    } catch {
      break;
    }
  }
  for (let i = 0; i < 1000; i++) {
    const f = path.join(dir, `${prefix}-${i}`);
    try {
      writeFileSync(f, Buffer.alloc(4096, 1));
      files.push(f);
    } catch {
      files.push(f);
      break;
    }
  }
  return () => files.forEach((f) => rmSync(f, { force: true }));
}

const note = (i: number) => ({
  scope: 's',
  text: `note ${i} ${'x'.repeat(400)}`,
  source: null,
  date: '2021-04',
  createdAt: i,
});

(mounted ? test : test.skip)(
  'the store: writes fail while the disk is full, and work again once space is freed',
  async () => {
    const dir = path.join(mnt, 'data');
    const store = await SqliteStore.open(dir);
    await store.addNote(note(0));
    const free = fill(mnt);
    let failed = 0;
    for (let i = 1; i <= 400; i++) {
      try {
        await store.addNote(note(i));
      } catch (err) {
        failed++;
        expect(String(err)).toMatch(/full|SQLITE_FULL|disk/i);
      }
    }
    expect(failed).toBeGreaterThan(0);
    free();
    // no restart: the same store writes again
    const after = await store.addNote(note(999));
    expect(after.id).toBeGreaterThan(0);
    expect((await store.listNotes('s')).some((n) => n.text.startsWith('note 999'))).toBe(true);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  },
);

(mounted ? test : test.skip)(
  'last-good.json: a failed save is logged and the next save after space returns works',
  async () => {
    const dir = path.join(mnt, 'lg');
    const cache = new MemoryCache();
    const logger = memoryLogger();
    const lg = new LastGoodStore(dir, cache, logger, 0);
    await cache.set('k', { value: 'x'.repeat(200_000), fetchedAt: 1 }, 60_000);
    // The first test's database may still hold deleted pages for a moment after close: fill, wait,
    // then fill what that freed too.
    const first = fill(mnt);
    await new Promise((r) => setTimeout(r, 300));
    const second = fill(mnt, 'top');
    const free = (): void => {
      first();
      second();
    };
    await lg.flush();
    const line = logger.records.find((r) => r.msg === 'could not save last-good values');
    expect(String(line?.fields?.error)).toMatch(/could not write .*last-good\.json: .*ENOSPC/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]); // no partial file left
    free();
    await lg.flush();
    const again = new MemoryCache();
    expect(await new LastGoodStore(dir, again, memoryLogger()).restore(1e15, 2)).toBe(1);
  },
);
