// Scheduled digests: every due slot of every subscription is posted once. The delivery log (keyed by
// subscription and slot) is claimed before posting, so a restart neither repeats nor loses a slot;
// slots missed by more than the grace period are recorded as skipped and logged. Failures are
// isolated per destination; a destination that refuses us (403, chat not found, missing access) is
// paused and reported in `status`.
import type {
  Clock,
  Logger,
  PostOutcome,
  PostProgress,
  Subscription,
  SubscriptionsStore,
} from '../commands/core/ports.js';

export type { PostOutcome, PostProgress };
import type { Reply } from '../commands/index.js';
import type { Lang } from '../commands/core/messages.js';
import { slotsBetween } from '../commands/news-digest/schedule.calc.js';
import type { Pacer } from './pacer.js';

/**
 * Sends a rendered digest to a channel/chat; never throws for platform refusals and does not retry
 * (the scheduler is the one owner of retries). Parts before `fromPart` are not sent again.
 */
export interface Poster {
  post(channelId: string, reply: Reply, lang: Lang, progress?: PostProgress): Promise<PostOutcome>;
}

export interface SchedulerOptions {
  store: SubscriptionsStore;
  render(sub: Subscription): Promise<Reply>;
  posters: Partial<Record<Subscription['platform'], Poster>>;
  pacers?: Partial<Record<Subscription['platform'], Pacer>>;
  clock: Clock;
  logger: Logger;
  /** Slots later than this are skipped, not posted late (default 15 min). */
  graceMs?: number;
  /** How far back to look for missed slots (default 7 days). */
  lookbackMs?: number;
  /** Called after every pass (metrics). */
  onTick?(result: TickResult): void;
  /**
   * This process is the only one delivering from this store (SQLite under one DATA_DIR): a claim
   * left 'pending' from before it started belongs to a process that died, and is taken over at once
   * instead of after STALE_CLAIM_MS.
   */
  ownsStore?: boolean;
  /** First wait between retries of a transient failure without Retry-After (doubles; default 2 s). */
  retryBaseMs?: number;
}

export interface TickResult {
  posted: number;
  failed: number;
  skipped: number;
  paused: number;
}

const slotKey = (ms: number): string => new Date(ms).toISOString();
/** Concurrent deliveries per pass. */
const WORKERS = 8;
/** A 'pending' claim older than this is taken over by the in-process ticker (its claimer died). */
export const STALE_CLAIM_MS = 10 * 60_000;

/** Tries of one slot's post within its grace period. */
const MAX_ATTEMPTS = 6;

const emptyResult = (): TickResult => ({ posted: 0, failed: 0, skipped: 0, paused: 0 });

export class DigestScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<TickResult> | null = null;
  private readonly startedAt: number;

  constructor(private readonly o: SchedulerOptions) {
    this.startedAt = o.clock.now();
  }

  /** How old a 'pending' claim must be before this process takes it over. */
  private staleClaimMs(now: number): number {
    return this.o.ownsStore ? Math.max(0, Math.min(STALE_CLAIM_MS, now - this.startedAt)) : STALE_CLAIM_MS;
  }

  /** One pass over all subscriptions; concurrent calls share the pass in progress. */
  tick(): Promise<TickResult> {
    if (!this.running) {
      this.running = this.pass().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  /**
   * Delivers the due slots of one subscription, up to and including `slotMs` (a queue job's slot, which
   * may be a few ms ahead of this machine's clock). Used by the BullMQ engine: a job fires per
   * subscription and slot; the delivery log still decides, so a re-run job (its instance died) posts
   * only what was not posted. `staleClaimMs`: a 'pending' claim of the job's own slot older than this
   * is taken over (a re-run job's earlier run is dead); other slots' claims go stale after 10 minutes.
   */
  async deliverSubscription(
    ref: Pick<Subscription, 'id' | 'platform' | 'channelId'>,
    slotMs: number,
    staleClaimMs: number,
  ): Promise<TickResult | 'gone'> {
    const sub = await this.o.store.getSubscription(ref.platform, ref.channelId);
    if (!sub || sub.id !== ref.id || sub.pausedReason || !this.o.posters[sub.platform]) return 'gone';
    const result = emptyResult();
    const now = Math.max(this.o.clock.now(), slotMs);
    // Everything due since the last delivery, up to this job's slot (slots that passed while no worker
    // ran, e.g. Redis was away, are posted if within the grace period) ...
    const active = await this.deliverDue(sub, now, result, STALE_CLAIM_MS);
    // ... then the job's own slot, which a re-run job may find before the last delivery (later jobs
    // posted since), where the catch-up never looks. A no-op when it was just posted.
    if (active) await this.deliverSlot(sub, slotMs, now, result, staleClaimMs);
    this.o.onTick?.(result);
    return result;
  }

  private grace(): number {
    return this.o.graceMs ?? 15 * 60_000;
  }

  private lookback(): number {
    return this.o.lookbackMs ?? 7 * 86_400_000;
  }

  private async pass(): Promise<TickResult> {
    const { store, clock, logger } = this.o;
    const now = clock.now();
    const result = emptyResult();
    const subs = (await store.listSubscriptions()).filter((s) => !s.pausedReason && this.o.posters[s.platform]);
    // A few workers per pass share the platform pacers: sends stay evenly spaced (no bursts from
    // a thousand timers firing together) while a slow request does not stall the others.
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < subs.length) {
        const sub = subs[next++]!;
        try {
          await this.deliverDue(sub, now, result, this.staleClaimMs(now));
        } catch (err) {
          result.failed++;
          logger.error('digest delivery failed', {
            subscription: sub.id,
            error: err instanceof Error ? err.message : String(err),
          });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(WORKERS, subs.length) }, worker));
    if (result.posted || result.failed || result.skipped) logger.info('digest tick', { ...result });
    this.o.onTick?.(result);
    return result;
  }

  /** Posts every slot due since the last delivery; false when the subscription got paused on the way. */
  private async deliverDue(sub: Subscription, now: number, result: TickResult, staleClaimMs: number): Promise<boolean> {
    // Claims left 'pending' by a process that died mid-post, wherever they lie: newer slots may have
    // been delivered since, so the walk from the last delivery below would never see them.
    for (const slot of await this.o.store.pendingSlots(sub.id, now - staleClaimMs)) {
      if (!(await this.deliverSlot(sub, Date.parse(slot), now, result, staleClaimMs))) return false;
    }
    const last = await this.o.store.lastDelivery(sub.id);
    // A slot still 'pending' (its claimer may have died) is looked at again.
    const lastSlot = last ? Date.parse(last.slot) - (last.status === 'pending' ? 1 : 0) : 0;
    const from = Math.max(sub.createdAt, lastSlot, now - this.lookback());
    for (const slot of slotsBetween({ cron: sub.schedule, tz: sub.tz }, from, now)) {
      if (!(await this.deliverSlot(sub, slot, now, result, staleClaimMs))) return false;
    }
    return true;
  }

  /**
   * Claims one slot in the delivery log and posts it, or records it skipped when it is later than the
   * grace period. Nothing happens when the slot is sent or claimed (and the claim is fresh) already.
   * Returns false when the destination refused us for good and the subscription is now paused.
   */
  private async deliverSlot(
    sub: Subscription,
    slot: number,
    now: number,
    result: TickResult,
    staleClaimMs: number,
  ): Promise<boolean> {
    const { store, clock, logger } = this.o;
    if (!(await store.claimDelivery(sub.id, slotKey(slot), now, staleClaimMs))) return true;
    if (slot < now - this.grace()) {
      await store.finishDelivery(sub.id, slotKey(slot), 'skipped', now, 'missed by more than the grace period');
      logger.warn('digest slot skipped', { subscription: sub.id, slot: slotKey(slot) });
      result.skipped++;
      return true;
    }
    const outcome = await this.deliver(sub, slotKey(slot), slot + this.grace());
    if (outcome.ok) {
      await store.finishDelivery(sub.id, slotKey(slot), 'sent', clock.now());
      result.posted++;
      return true;
    }
    await store.finishDelivery(sub.id, slotKey(slot), 'failed', clock.now(), outcome.reason);
    result.failed++;
    if (!outcome.permanent) return true;
    await store.pauseSubscription(sub.id, outcome.reason);
    logger.warn('digest subscription paused', { subscription: sub.id, platform: sub.platform, reason: outcome.reason });
    result.paused++;
    return false;
  }

  /**
   * Posts one slot, retrying transient failures (429 after its Retry-After, 5xx and network errors
   * with doubling waits) until `deadline` (the slot's grace). A multi-part post resumes at the part
   * that failed, also after a crash: delivered parts are recorded in the delivery log.
   */
  private async deliver(sub: Subscription, slot: string, deadline: number): Promise<PostOutcome> {
    const poster = this.o.posters[sub.platform]!;
    const pacer = this.o.pacers?.[sub.platform];
    const { store, clock } = this.o;
    let fromPart = await store.deliveryProgress(sub.id, slot);
    const reply = await this.o.render(sub);
    let wait = this.o.retryBaseMs ?? 2000;
    for (let attempt = 1; ; attempt++) {
      await pacer?.acquire(sub.channelId);
      const outcome = await poster.post(sub.channelId, reply, sub.lang, {
        fromPart,
        onPart: (n) => store.progressDelivery(sub.id, slot, n),
      });
      if (outcome.ok || outcome.permanent) return outcome;
      fromPart = Math.max(fromPart, outcome.partsSent ?? fromPart);
      const delay = outcome.retryAfterMs ?? wait;
      if (clock.now() + delay > deadline || attempt >= MAX_ATTEMPTS) return outcome;
      // 429: everyone on this platform waits; other transient errors only this destination.
      if (outcome.retryAfterMs !== undefined) pacer?.hold(outcome.retryAfterMs);
      this.o.logger.warn('digest post failed, retrying', {
        subscription: sub.id,
        slot,
        reason: outcome.reason,
        retryInMs: Math.round(delay),
        fromPart,
      });
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
      wait = Math.min(wait * 2, 60_000);
    }
  }

  /** Ticks every `everyMs` (default 30 s) until stopped. */
  start(everyMs = 30_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      void this.tick();
    }, everyMs);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.running) await this.running;
  }
}
