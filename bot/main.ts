// The composition root for `npm start`: platform adapters when their tokens are set, otherwise the
// console (the zero-config way to try hashdesk).
import { loadConfigOrReport, secretsOf } from './config.js';
import { createLogger } from './logger.js';
import { createRuntime } from './runtime.js';
import { startPlatforms } from './platforms.js';
import { startOpsServer } from './ops-server.js';
import { randomBytes } from 'node:crypto';

/** Logs an error that escaped every handler under a short ref, then ends the process non-zero. */
function dieOn(kind: string, err: unknown, log: (msg: string, fields: Record<string, unknown>) => void): void {
  const ref = randomBytes(3).toString('hex');
  log(`${kind}: the process cannot go on safely and exits`, {
    ref,
    error: err instanceof Error ? (err.stack ?? err.message) : String(err),
  });
  process.exitCode = 1;
  // Let the log line reach its destination, then leave (never linger half-broken).
  setTimeout(() => process.exit(1), 200).unref();
}

let logError: (msg: string, fields: Record<string, unknown>) => void = (msg, fields) =>
  process.stderr.write(`hashdesk: ${msg} ${JSON.stringify(fields)}\n`);
process.on('uncaughtException', (err) => dieOn('uncaught exception', err, logError));
process.on('unhandledRejection', (err) => dieOn('unhandled rejection', err, logError));

async function main(): Promise<number> {
  const config = loadConfigOrReport();
  if (!config) return 2;
  const platforms = Boolean(config.DISCORD_TOKEN || config.TELEGRAM_BOT_TOKEN);
  const logger = createLogger({ level: config.LOG_LEVEL ?? (platforms ? 'info' : 'warn'), secrets: secretsOf(config) });
  logError = (msg, fields) => logger.error(msg, fields);
  const runtime = await createRuntime(config, logger);
  if (platforms) {
    // /healthz and /metrics (and the Telegram webhook, when used) on PORT.
    let started: Awaited<ReturnType<typeof startPlatforms>> = [];
    let ready = false;
    const ops = await startOpsServer(config.PORT, runtime, {
      platforms: () =>
        Object.fromEntries(
          started
            .filter((p) => p.name !== 'scheduler' && p.name !== 'alerts')
            .map((p) => [p.name, p.state?.() ?? p.connected()]),
        ),
      scheduler: () => started.find((p) => p.name === 'scheduler')?.status?.() ?? Promise.resolve('starting'),
      ready: () => ready,
    });
    logger.info('ops server listening', { port: ops.port });
    let fatal: Error | null = null;
    let wake: () => void = () => {};
    const stopped = new Promise<string>((resolve) => {
      wake = () => resolve('fatal');
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    try {
      started = await startPlatforms(config, runtime, logger, ops, (err) => {
        fatal = err;
        wake();
      });
    } catch (err) {
      // A platform that cannot start (rejected token, unreachable after retries) ends the process.
      process.stderr.write(`hashdesk: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
      await Promise.allSettled(started.map((p) => p.stop()));
      await ops.close();
      await runtime.close().catch(() => {});
      return 1;
    }
    ready = true;
    logger.info('hashdesk running', { platforms: started.map((p) => p.name) });
    void runtime.warm();
    // Graceful shutdown: close gateways and pollers, flush the last good values.
    const signal = await stopped;
    logger.info('shutting down', { signal });
    // The scheduler first: digests in progress finish while the platforms can still post them.
    const runners = (p: { name: string }): boolean => p.name === 'scheduler' || p.name === 'alerts';
    await Promise.allSettled(started.filter(runners).map((p) => p.stop()));
    await Promise.allSettled(started.filter((p) => !runners(p)).map((p) => p.stop()));
    await ops.close();
    await runtime.close();
    if (fatal) {
      process.stderr.write(`hashdesk: stopped: ${(fatal as Error).message}\n`);
      return 1;
    }
    return 0;
  }
  try {
    // readline and the console renderer load only when there is no platform to run.
    const { runConsole } = await import('../adapters/console/console.js');
    await runConsole({
      input: process.stdin,
      output: process.stdout,
      deps: runtime.deps,
      lang: config.DEFAULT_LANG,
      json: false,
      prompt: process.stdin.isTTY === true,
    });
  } finally {
    await runtime.close();
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    // Nothing should keep a stopped bot alive (a pending timer, an open socket of a library): after
    // a graceful shutdown the process leaves within a second whatever is still open.
    setTimeout(() => process.exit(code), code === 0 ? 1000 : 500).unref();
  },
  (err: unknown) => {
    process.stderr.write(`hashdesk: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 500).unref();
  },
);
