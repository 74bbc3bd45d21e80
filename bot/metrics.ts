// Prometheus metrics (prom-client) and the health facts /healthz reports. One registry per runtime,
// so tests and several runtimes in one process do not share counters.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();
  readonly commands = new Counter({
    name: 'hashdesk_commands_total',
    help: 'Commands run, by name and outcome',
    labelNames: ['command', 'outcome'],
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'hashdesk_command_seconds',
    help: 'Command latency (dispatch to reply), by name',
    labelNames: ['command'],
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly cache = new Counter({
    name: 'hashdesk_cache_events_total',
    help: 'Cache hits, misses and stale serves',
    labelNames: ['event'],
    registers: [this.registry],
  });
  readonly upstreamRequests = new Counter({
    name: 'hashdesk_upstream_requests_total',
    help: 'Upstream HTTP requests, by source',
    labelNames: ['source'],
    registers: [this.registry],
  });
  readonly upstreamErrors = new Counter({
    name: 'hashdesk_upstream_errors_total',
    help: 'Upstream failures, by source',
    labelNames: ['source'],
    registers: [this.registry],
  });
  readonly digests = new Counter({
    name: 'hashdesk_digests_total',
    help: 'Scheduled digests, by result',
    labelNames: ['result'],
    registers: [this.registry],
  });
  readonly digestJobs = new Counter({
    name: 'hashdesk_digest_jobs_total',
    help: 'BullMQ digest jobs run by this instance: first runs, re-runs of jobs whose instance died, failures',
    labelNames: ['run'],
    registers: [this.registry],
  });
  /** Last successful upstream answer per source (epoch ms), for /healthz. */
  readonly lastSuccess = new Map<string, number>();

  constructor(defaults = false) {
    if (defaults) collectDefaultMetrics({ register: this.registry, prefix: 'hashdesk_' });
  }
}
