// With REDIS_URL, digest ticks come from BullMQ: one job scheduler ("every 30 s") shared by all
// instances, one worker per instance. Each tick job is taken by one worker; a killed instance's job is
// picked up by another after its lock expires. Inside a tick the delivery log (subscription, slot)
// keeps every slot posted once, whoever runs it.
import { Queue, Worker } from 'bullmq';
import type { Logger } from '../commands/core/ports.js';
import type { DigestScheduler } from './scheduler.js';

export interface QueueTicker {
  close(): Promise<void>;
}

export async function startQueueTicker(opts: {
  redisUrl: string;
  prefix: string;
  scheduler: DigestScheduler;
  logger: Logger;
  everyMs?: number;
}): Promise<QueueTicker> {
  const url = new URL(opts.redisUrl);
  const connection = {
    host: url.hostname,
    port: Number(url.port || 6379),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
  const name = 'digest-ticks';
  const queue = new Queue(name, { connection, prefix: `${opts.prefix}bull` });
  // Idempotent: every instance upserts the same scheduler id, so there is one schedule in all.
  await queue.upsertJobScheduler(
    'digest-tick',
    { every: opts.everyMs ?? 30_000 },
    { name: 'tick', opts: { removeOnComplete: 100, removeOnFail: 100 } },
  );
  const worker = new Worker(
    name,
    async () => {
      const r = await opts.scheduler.tick();
      return r;
    },
    { connection, prefix: `${opts.prefix}bull`, concurrency: 1, lockDuration: 120_000 },
  );
  worker.on('failed', (job, err) => opts.logger.warn('digest tick job failed', { job: job?.id, error: err.message }));
  worker.on('error', (err) => opts.logger.warn('digest queue error', { error: err.message }));
  opts.logger.info('digest ticks on BullMQ', { every: opts.everyMs ?? 30_000 });
  return {
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
