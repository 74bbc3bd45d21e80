// Scheduled digests on BullMQ, for several instances sharing Redis and PostgreSQL. Every active
// subscription is one BullMQ job scheduler (`sub:<id>`, its cron and time zone); each slot becomes one
// job, taken by one worker among all instances. A worker that dies mid-job loses its lock and BullMQ
// hands the job to another instance (stalled-job recovery). The delivery log in the shared store is
// still claimed per (subscription, slot), so a re-run job posts only what was not posted.
//
// Slots are computed by the same croner code as everywhere else (a custom repeat strategy), so the
// queue and the in-process scheduler agree on every instant. One queue per platform carries BullMQ's
// global rate limiter: the limit holds for all instances together, not per process.
import { Queue, Worker, type ConnectionOptions, type Job, type RepeatStrategy } from 'bullmq';
import type { Logger, Subscription } from '../commands/core/ports.js';
import { nextSlot } from '../commands/news-digest/schedule.calc.js';
import { STALE_CLAIM_MS, type DigestScheduler, type TickResult } from './scheduler.js';
import type { SqliteStore } from './store/sqlite-store.js';

type Platform = Subscription['platform'];

export interface QueueSchedulingOptions {
  redisUrl: string;
  /** Key prefix (REDIS_KEY_PREFIX); queues live under `<prefix>bull`. */
  prefix: string;
  scheduler: DigestScheduler;
  store: Pick<SqliteStore, 'listSubscriptions' | 'onSubscriptionsChanged'>;
  /** Platforms this instance can post to: it runs their workers and keeps their schedulers. */
  platforms: readonly Platform[];
  logger: Logger;
  /** A job whose worker stops renewing its lock for this long is handed to another worker. */
  lockMs: number;
  /** Queue-wide (all instances) posts per second, by platform. */
  ratePerSecond: Partial<Record<Platform, number>>;
  /** Full reconcile of schedulers with the store (default 5 min), besides after every change. */
  reconcileEveryMs?: number;
  /** Concurrent jobs per worker (default 8). */
  concurrency?: number;
  /** Called once per job run (metrics). */
  onJob?(run: 'first' | 'rerun' | 'failed'): void;
}

export interface ReconcileResult {
  added: number;
  updated: number;
  removed: number;
}

interface DigestJob {
  subscriptionId: number;
  platform: Platform;
  channelId: string;
}

export const schedulerId = (subscriptionId: number): string => `sub:${subscriptionId}`;

/** BullMQ's next-run function over croner: the first slot strictly after `millis`. */
export const croneRepeatStrategy: RepeatStrategy = (millis, opts) =>
  opts.pattern ? nextSlot({ cron: opts.pattern, tz: opts.tz ?? 'UTC' }, millis) : undefined;

/** ioredis options from a redis:// or rediss:// URL (BullMQ workers need maxRetriesPerRequest: null). */
export function connectionFromUrl(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  const db = Number(url.pathname.replace('/', '') || 0);
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || 6379),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(Number.isInteger(db) && db > 0 ? { db } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

export class QueueScheduling {
  private readonly queues = new Map<Platform, Queue<DigestJob>>();
  private readonly workers: Worker<DigestJob>[] = [];
  private readonly stopListening: () => void;
  private timer: NodeJS.Timeout | null = null;
  private reconciling: Promise<ReconcileResult> | null = null;
  private again = false;
  /** A Redis error was seen (an outage may have emptied Redis): reconcile again soon. */
  private dirty = false;
  private lastReconcile = 0;
  private lastErrorLog = 0;
  private closed = false;

  constructor(private readonly o: QueueSchedulingOptions) {
    const connection = connectionFromUrl(o.redisUrl);
    const prefix = `${o.prefix}bull`;
    const settings = { repeatStrategy: croneRepeatStrategy };
    for (const platform of o.platforms) {
      const name = `digests-${platform}`;
      const queue = new Queue<DigestJob>(name, { connection, prefix, settings });
      queue.on('error', (err) => this.redisError('digest queue error', err));
      this.queues.set(platform, queue);
      const rate = o.ratePerSecond[platform];
      const worker = new Worker<DigestJob>(name, (job) => this.process(job), {
        connection,
        prefix,
        settings,
        concurrency: o.concurrency ?? 8,
        lockDuration: o.lockMs,
        stalledInterval: o.lockMs,
        maxStalledCount: 3,
        ...(rate ? { limiter: { max: rate, duration: 1000 } } : {}),
      });
      worker.on('error', (err) => this.redisError('digest worker error', err));
      worker.on('failed', (job, err) => {
        o.onJob?.('failed');
        o.logger.warn('digest job failed', { job: job?.id, attempts: job?.attemptsMade, error: err.message });
      });
      this.workers.push(worker);
    }
    // Subscribe/unsubscribe/pause on any instance updates the shared schedulers at once.
    this.stopListening = o.store.onSubscriptionsChanged(() => void this.reconcile().catch(() => undefined));
  }

  /**
   * Starts the periodic reconcile and runs the first one (in the background: Redis may be down).
   * After a Redis error it reconciles every `retryMs` until one succeeds: a Redis that restarts
   * without persistence comes back without the schedulers.
   */
  start(retryMs = 5_000): void {
    void this.reconcile().catch(() => undefined);
    const every = this.o.reconcileEveryMs ?? 300_000;
    this.timer = setInterval(
      () => {
        if (this.dirty || Date.now() - this.lastReconcile >= every) void this.reconcile().catch(() => undefined);
      },
      Math.min(retryMs, every),
    );
    this.timer.unref();
    this.o.logger.info('digest schedules on BullMQ', { platforms: this.o.platforms, lockMs: this.o.lockMs });
  }

  /**
   * Makes the job schedulers match the active subscriptions. Schedulers are listed before
   * subscriptions, so a subscription another instance adds meanwhile is never taken for an orphan.
   * Calls during a run coalesce into one more run.
   */
  reconcile(): Promise<ReconcileResult> {
    if (this.reconciling) {
      this.again = true;
      return this.reconciling;
    }
    this.reconciling = (async () => {
      let total: ReconcileResult = { added: 0, updated: 0, removed: 0 };
      do {
        this.again = false;
        const r = await this.reconcileOnce();
        total = {
          added: total.added + r.added,
          updated: total.updated + r.updated,
          removed: total.removed + r.removed,
        };
      } while (this.again && !this.closed);
      return total;
    })().finally(() => {
      this.reconciling = null;
    });
    return this.reconciling;
  }

  private async reconcileOnce(): Promise<ReconcileResult> {
    const result: ReconcileResult = { added: 0, updated: 0, removed: 0 };
    this.dirty = false;
    this.lastReconcile = Date.now();
    try {
      const existing = new Map<Platform, Map<string, { pattern?: string; tz?: string }>>();
      for (const [platform, queue] of this.queues) {
        const list = await queue.getJobSchedulers(0, -1);
        existing.set(
          platform,
          new Map(
            list.map((s) => [s.key, { ...(s.pattern ? { pattern: s.pattern } : {}), ...(s.tz ? { tz: s.tz } : {}) }]),
          ),
        );
      }
      const subs = await this.o.store.listSubscriptions();
      for (const [platform, queue] of this.queues) {
        const have = existing.get(platform)!;
        const want = subs.filter((s) => s.platform === platform && !s.pausedReason);
        for (const sub of want) {
          const id = schedulerId(sub.id);
          const current = have.get(id);
          have.delete(id);
          if (current && current.pattern === sub.schedule && current.tz === sub.tz) continue;
          try {
            await queue.upsertJobScheduler(
              id,
              { pattern: sub.schedule, tz: sub.tz },
              {
                name: 'digest',
                data: { subscriptionId: sub.id, platform: sub.platform, channelId: sub.channelId },
                opts: {
                  attempts: 3,
                  backoff: { type: 'exponential', delay: 5_000 },
                  removeOnComplete: { count: 1000 },
                  removeOnFail: { count: 1000 },
                },
              },
            );
            if (current) result.updated++;
            else result.added++;
          } catch (err) {
            this.dirty = true;
            this.o.logger.error('digest schedule not registered', {
              subscription: sub.id,
              error: err instanceof Error ? err.message : String(err),
            });
          }
        }
        for (const orphan of have.keys()) {
          if (await queue.removeJobScheduler(orphan)) result.removed++;
        }
      }
      if (result.added || result.updated || result.removed)
        this.o.logger.info('digest schedules reconciled', { ...result });
    } catch (err) {
      this.redisError('digest schedules not reconciled', err);
      throw err;
    }
    return result;
  }

  private async process(job: Job<DigestJob>): Promise<TickResult | 'gone'> {
    const { subscriptionId, platform, channelId } = job.data;
    const slot = job.opts.prevMillis ?? job.timestamp;
    // A re-run (its worker died or it failed) takes over the claim its earlier run left 'pending':
    // BullMQ only re-runs a job whose lock has expired, i.e. at least lockMs after the last renewal,
    // and renewals come every lockMs/2, so a dead run's claim is at least lockMs/2 old by then. A
    // first run leaves other slots' fresh claims alone (a slow send waiting in the pacer is not dead).
    const rerun = job.attemptsStarted > 1 || job.stalledCounter > 0;
    if (rerun) this.o.logger.info('digest job taken over', { job: job.id, slot: new Date(slot).toISOString() });
    this.o.onJob?.(rerun ? 'rerun' : 'first');
    const result = await this.o.scheduler.deliverSubscription(
      { id: subscriptionId, platform, channelId },
      slot,
      rerun ? Math.floor(this.o.lockMs / 2) : STALE_CLAIM_MS,
    );
    // Unsubscribed or paused since the slot was scheduled: drop its scheduler (reconcile would too).
    if (result === 'gone') await this.queues.get(platform)?.removeJobScheduler(schedulerId(subscriptionId));
    return result;
  }

  /** For /healthz: `bullmq`, or `bullmq (redis unavailable)`. */
  async status(): Promise<string> {
    const queue = this.queues.values().next().value;
    if (!queue) return 'bullmq';
    const ready = await Promise.race([
      queue.getJobSchedulersCount().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 250).unref()),
    ]);
    return ready ? 'bullmq' : 'bullmq (redis unavailable)';
  }

  /** Stops taking jobs, waits for the ones in progress, closes the connections. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopListening();
    if (this.timer) clearInterval(this.timer);
    await this.reconciling?.catch(() => undefined);
    await Promise.allSettled(this.workers.map((w) => w.close()));
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
  }

  /** Redis outages make every client report each retry; one line a minute is enough. */
  private redisError(message: string, err: unknown): void {
    this.dirty = true;
    const now = Date.now();
    if (now - this.lastErrorLog < 60_000) return;
    this.lastErrorLog = now;
    this.o.logger.warn(message, { error: err instanceof Error ? err.message : String(err) });
  }
}
