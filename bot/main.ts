// The composition root for `npm start`: platform adapters when their tokens are set, otherwise the
// console (the zero-config way to try hashdesk).
import { runConsole } from '../adapters/console/console.js';
import { loadConfigOrReport, secretsOf } from './config.js';
import { createLogger } from './logger.js';
import { createRuntime } from './runtime.js';
import { startPlatforms } from './platforms.js';
import { startOpsServer } from './ops-server.js';

async function main(): Promise<number> {
  const config = loadConfigOrReport();
  if (!config) return 2;
  const platforms = Boolean(config.DISCORD_TOKEN || config.TELEGRAM_BOT_TOKEN);
  const logger = createLogger({ level: config.LOG_LEVEL ?? (platforms ? 'info' : 'warn'), secrets: secretsOf(config) });
  const runtime = await createRuntime(config, logger);
  if (platforms) {
    // /healthz and /metrics (and the Telegram webhook, when used) on PORT.
    let started: Awaited<ReturnType<typeof startPlatforms>> = [];
    const ops = await startOpsServer(config.PORT, runtime, {
      platforms: () =>
        Object.fromEntries(started.filter((p) => p.name !== 'scheduler').map((p) => [p.name, p.connected()])),
      scheduler: () => started.find((p) => p.name === 'scheduler')?.status?.() ?? Promise.resolve('starting'),
    });
    logger.info('ops server listening', { port: ops.port });
    started = await startPlatforms(config, runtime, logger, ops);
    logger.info('hashdesk running', { platforms: started.map((p) => p.name) });
    // Graceful shutdown: close gateways and pollers, flush the last good values.
    await new Promise<void>((resolve) => {
      const stop = (signal: string): void => {
        logger.info('shutting down', { signal });
        resolve();
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    // The scheduler first: digests in progress finish while the platforms can still post them.
    await Promise.allSettled(started.filter((p) => p.name === 'scheduler').map((p) => p.stop()));
    await Promise.allSettled(started.filter((p) => p.name !== 'scheduler').map((p) => p.stop()));
    await ops.close();
    await runtime.close();
    return 0;
  }
  try {
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
  },
  (err: unknown) => {
    process.stderr.write(`hashdesk: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
