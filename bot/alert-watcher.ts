// The alert watcher: one loop per process polls the chain tip (ALERT_POLL_SECONDS) and, on a new tip,
// reloads what depends on it (difficulty, the retarget estimate, the newest blocks) past the cache's
// TTL; the fee mean every poll; prices through the cache. Every alert is then judged against that one
// snapshot, so 10,000 alerts cost the same upstream requests as one. Each event is claimed in the
// store's event log before it is posted: it posts at most once, across restarts, kill -9 and several
// instances. State (the baseline, hysteresis) is saved before the claim, so a crash never re-fires.
import type { Alert, Logger, PostOutcome } from '../commands/core/ports.js';
import type { Reply } from '../commands/index.js';
import { alertPost } from '../commands/alert/alert.command.js';
import { evaluate, needsPrice, type AlertEvent, type ChainSnapshot } from '../commands/alert/evaluate.calc.js';
import type { ChainNow, LiveMarketData } from './market-data.js';
import type { SqliteStore } from './store/sqlite-store.js';
import type { Pacer } from './pacer.js';
import type { Poster } from './scheduler.js';

export interface AlertWatcherOptions {
  store: SqliteStore;
  market: Pick<LiveMarketData, 'tipNow' | 'chainNow' | 'price'>;
  posters: Partial<Record<'discord' | 'telegram', Poster>>;
  pacers?: Partial<Record<'discord' | 'telegram', Pacer>>;
  clock: { now(): number };
  logger: Logger;
  pollMs: number;
  onPosted?: (n: number) => void;
}

export interface WatchResult {
  alerts: number;
  events: number;
  posted: number;
  failed: number;
}

export class AlertWatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private lastTip: number | null = null;
  private stopped = false;

  constructor(private readonly o: AlertWatcherOptions) {}

  start(): void {
    const loop = async (): Promise<void> => {
      if (this.stopped) return;
      this.running = this.tick().catch((err: unknown) =>
        this.o.logger.warn('alert watch failed', { error: err instanceof Error ? err.message : String(err) }),
      );
      await this.running;
      if (!this.stopped) this.timer = setTimeout(() => void loop(), this.o.pollMs).unref();
    };
    this.timer = setTimeout(() => void loop(), Math.min(1000, this.o.pollMs)).unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One poll: the snapshot, every active alert judged against it, its events posted once. */
  async tick(): Promise<WatchResult> {
    const { store, market, clock } = this.o;
    const alerts = (await store.activeAlerts()).filter((a) => this.o.posters[a.platform]);
    const result: WatchResult = { alerts: alerts.length, events: 0, posted: 0, failed: 0 };
    if (!alerts.length) return result; // nothing to judge: nothing is asked upstream
    const height = await market.tipNow();
    const full = height !== this.lastTip;
    const chain: ChainNow = await market.chainNow(full);
    this.lastTip = height;
    const currencies = [...new Set(alerts.filter((a) => needsPrice(a.rule)).map((a) => a.currency))];
    const prices: Record<string, number> = {};
    for (const c of currencies) {
      try {
        prices[c] = (await market.price(c)).value;
      } catch {
        // that currency's alerts wait for the next poll
      }
    }
    const snap: ChainSnapshot = {
      at: clock.now(),
      height,
      difficulty: chain.difficulty,
      retarget: chain.retarget,
      feesPerBlockBtc: chain.feesPerBlockBtc,
      blocks: chain.blocks,
      prices,
    };
    for (const alert of alerts) {
      try {
        const { events, state } = evaluate(alert, snap);
        if (JSON.stringify(state) !== JSON.stringify(alert.state)) await store.saveAlertState(alert.id, state);
        for (const event of events) {
          result.events++;
          const outcome = await this.deliver({ ...alert, state }, event);
          if (outcome === 'posted') result.posted++;
          if (outcome === 'failed') result.failed++;
        }
      } catch (err) {
        result.failed++;
        this.o.logger.warn('alert evaluation failed', {
          alert: alert.id,
          error: err instanceof Error ? err.message : String(err),
        });
      }
    }
    if (result.posted) this.o.onPosted?.(result.posted);
    return result;
  }

  private async send(poster: Poster, alert: Alert, reply: Reply): Promise<PostOutcome> {
    await this.o.pacers?.[alert.platform]?.acquire(alert.channelId);
    return poster.post(alert.channelId, reply, alert.lang);
  }

  private async deliver(alert: Alert, event: AlertEvent): Promise<'posted' | 'failed' | 'taken'> {
    const { store, clock, logger } = this.o;
    if (!(await store.claimAlertEvent(alert.id, event.key, clock.now()))) return 'taken';
    const poster = this.o.posters[alert.platform]!;
    const reply = alertPost(alert, event);
    let outcome = await this.send(poster, alert, reply);
    // A refusal that says nothing arrived (429 with its wait, a 5xx before any part) is tried again,
    // twice; a timeout or a reset may have arrived, so it is not.
    for (let attempt = 1; attempt < 3 && !outcome.ok && !outcome.permanent && notDelivered(outcome); attempt++) {
      await new Promise((r) =>
        setTimeout(r, Math.min(30_000, outcome.ok ? 0 : (outcome.retryAfterMs ?? 1000 * attempt))),
      );
      outcome = await this.send(poster, alert, reply);
    }
    if (outcome.ok) {
      await store.finishAlertEvent(alert.id, event.key, 'sent', clock.now());
      logger.info('alert posted', { alert: alert.id, event: event.key, platform: alert.platform });
      return 'posted';
    }
    // At most once: a failed post is not retried (the next event of the alert will be), since a send
    // that timed out may have arrived.
    await store.finishAlertEvent(alert.id, event.key, 'failed', clock.now(), outcome.reason);
    if (outcome.permanent) await store.pauseAlertFor(alert.id, outcome.reason);
    logger.warn('alert post failed', {
      alert: alert.id,
      event: event.key,
      reason: outcome.reason,
      paused: outcome.permanent,
    });
    return 'failed';
  }
}

function notDelivered(o: PostOutcome): boolean {
  return !o.ok && (o.partsSent ?? 0) === 0 && (o.retryAfterMs !== undefined || /^(HTTP )?5\d\d\b/.test(o.reason));
}
