// Per-key sliding-window limits: commands per user and per chat, new website checks per user. The
// map of keys is bounded (keys whose window has passed are dropped as it grows).
import type { Clock } from '../commands/core/ports.js';

/** Most keys kept before a sweep; far above a busy bot's active users in one window. */
const SWEEP_AT = 20_000;

export type Take = { ok: true } | { ok: false; retryInMs: number; firstRefusal: boolean };

export class WindowLimiter {
  private readonly hits = new Map<string, { times: number[]; warned: boolean }>();

  constructor(
    /** Events allowed per window; 0 turns the limit off. */
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  /** Counts one event for `key`; refused once `limit` events fell within the window. */
  take(key: string): Take {
    if (this.limit <= 0) return { ok: true };
    const now = this.clock.now();
    let entry = this.hits.get(key);
    if (!entry) {
      if (this.hits.size >= SWEEP_AT) this.sweep(now);
      entry = { times: [], warned: false };
      this.hits.set(key, entry);
    }
    const times = entry.times;
    while (times.length && times[0]! <= now - this.windowMs) times.shift();
    if (times.length < this.limit) {
      times.push(now);
      entry.warned = false;
      return { ok: true };
    }
    const firstRefusal = !entry.warned;
    entry.warned = true;
    return { ok: false, retryInMs: times[0]! + this.windowMs - now, firstRefusal };
  }

  /** Whether `key` still has room (does not count). */
  has(key: string): boolean {
    const times = this.hits.get(key)?.times;
    if (!times || this.limit <= 0) return true;
    const now = this.clock.now();
    return times.filter((t) => t > now - this.windowMs).length < this.limit;
  }

  get size(): number {
    return this.hits.size;
  }

  private sweep(now: number): void {
    for (const [k, e] of this.hits)
      if (!e.times.length || e.times[e.times.length - 1]! <= now - this.windowMs) this.hits.delete(k);
  }
}
