// Persists the last good upstream values under DATA_DIR so a restart without network still answers
// (labelled stale). Writes are debounced and atomic (temp file + rename).
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Cache, CacheEntry } from './cache.js';
import type { Logger } from '../../commands/core/ports.js';

const FILE = 'last-good.json';
const VERSION = 1;

export class LastGoodStore {
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly cache: Cache,
    private readonly logger: Logger,
    private readonly debounceMs = 1000,
  ) {}

  /** Loads saved entries into the cache, marked restored (stale until refreshed). */
  async restore(maxAgeMs: number, now: number): Promise<number> {
    let text: string;
    try {
      text = await readFile(path.join(this.dir, FILE), 'utf8');
    } catch {
      return 0;
    }
    try {
      const data = JSON.parse(text) as { version: number; entries: Record<string, CacheEntry> };
      if (data.version !== VERSION) return 0;
      let n = 0;
      for (const [key, e] of Object.entries(data.entries)) {
        const age = now - e.fetchedAt;
        if (typeof e.fetchedAt !== 'number' || age > maxAgeMs || age < 0) continue;
        await this.cache.set(key, { value: e.value, fetchedAt: e.fetchedAt, restored: true }, maxAgeMs - age);
        n++;
      }
      return n;
    } catch (err) {
      this.logger.warn('ignoring unreadable last-good file', { error: String(err) });
      return 0;
    }
  }

  /** Schedules a write of the current cache contents. */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.debounceMs);
    this.timer.unref();
  }

  /** Writes now (also on shutdown). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.writing = this.writing
      .then(() => this.write())
      .catch((err: unknown) => {
        this.logger.warn('could not save last-good values', { error: String(err) });
      });
    return this.writing;
  }

  private async write(): Promise<void> {
    const entries: Record<string, CacheEntry> = {};
    for (const [k, e] of await this.cache.entries()) {
      entries[k] = { value: e.value, fetchedAt: e.fetchedAt };
    }
    await mkdir(this.dir, { recursive: true });
    const target = path.join(this.dir, FILE);
    const tmp = `${target}.${process.pid}.tmp`;
    try {
      await writeFile(tmp, JSON.stringify({ version: VERSION, entries }), 'utf8');
      await rename(tmp, target);
    } catch (err) {
      // A partial temp file (disk full) would keep holding the space the next write needs.
      await rm(tmp, { force: true }).catch(() => undefined);
      throw new Error(`could not write ${target}: ${err instanceof Error ? err.message : String(err)}`, {
        cause: err,
      });
    }
  }
}
