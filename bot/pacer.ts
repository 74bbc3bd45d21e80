// Paces sends under the platforms' limits: a global rate, and optionally a per-chat rate
// (Telegram: ~30 messages/s overall, 20/min per group; Discord: 50 requests/s).
// https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this
// https://discord.com/developers/docs/topics/rate-limits#global-rate-limit

export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realPacerClock: PacerClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class Pacer {
  private nextGlobal = 0;
  private readonly nextByKey = new Map<string, number>();
  private calls = 0;
  private lastGrant = -Infinity;

  constructor(
    private readonly perSecond: number,
    private readonly perKeyPerMinute: number | null = null,
    private readonly clock: PacerClock = realPacerClock,
  ) {}

  /** Resolves when a send to `key` may go out; reserves its slot at once (fair, FIFO per call). */
  async acquire(key?: string): Promise<void> {
    const now = this.clock.now();
    // Chats whose next allowed send is already past need no entry: drop them now and then.
    if (++this.calls % 1024 === 0) for (const [k, t] of this.nextByKey) if (t <= now) this.nextByKey.delete(k);
    let at = Math.max(now, this.nextGlobal);
    if (key !== undefined && this.perKeyPerMinute !== null) {
      at = Math.max(at, this.nextByKey.get(key) ?? 0);
      this.nextByKey.set(key, at + 60_000 / this.perKeyPerMinute);
    }
    const interval = 1000 / this.perSecond;
    this.nextGlobal = Math.max(this.nextGlobal, at) + interval;
    if (at > now) await this.clock.sleep(at - now);
    // After a late wake-up (an event-loop stall) the sends whose times passed meanwhile would all go at
    // once and could cross the platform's 1-second window: a grant closer than half an interval to the
    // previous one waits for the full interval. (Half: timer jitter alone must not slow the pace.)
    for (let t = this.clock.now(); t < this.lastGrant + interval / 2; t = this.clock.now())
      await this.clock.sleep(this.lastGrant + interval - t);
    this.lastGrant = this.clock.now();
  }

  /** Chats with a pending per-chat wait (for tests and metrics). */
  get trackedKeys(): number {
    return this.nextByKey.size;
  }

  /** After a 429: nothing goes out for `ms`. */
  hold(ms: number): void {
    this.nextGlobal = Math.max(this.nextGlobal, this.clock.now() + ms);
  }
}
