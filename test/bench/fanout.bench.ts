// Fan-out of one scheduled digest to 1,000 subscriptions per platform through the real libraries,
// against the fakes enforcing the platforms' limits: total time vs the floor the limits impose.
import { commands, dispatch } from '../../commands/index.js';
import { createDiscordAdapter } from '../../adapters/discord/adapter.js';
import { createTelegramAdapter } from '../../adapters/telegram/adapter.js';
import { startFakeDiscord } from '../fakes/discord.js';
import { startFakeTelegram } from '../fakes/telegram.js';
import { createLogger } from '../../bot/logger.js';
import { createScheduler, PACERS } from '../../bot/platforms.js';
import type { Runtime } from '../../bot/runtime.js';
import type { Row } from './bench.js';

export async function fanoutBench(rt: Runtime, n: number): Promise<Row[]> {
  const logger = createLogger({ level: 'silent', secrets: [] });
  const discord = await startFakeDiscord();
  const tg = await startFakeTelegram('9:fanout');
  discord.enforceLimit(50);
  tg.enforceLimits(30, 20);
  const run = (name: string, input: Parameters<typeof dispatch>[1], ctx: Parameters<typeof dispatch>[2]) =>
    dispatch(name, input, ctx, rt.deps);
  const da = createDiscordAdapter({ token: 'b', apiUrl: discord.apiUrl, commands, run, logger });
  const ta = createTelegramAdapter({ token: '9:fanout', apiRoot: tg.apiRoot, commands, run, logger });
  await ta.start();
  const ready = new Promise<void>((resolve) => da.client.once('clientReady', () => resolve()));
  await da.start();
  await ready;
  const rows: Row[] = [];
  for (const platform of ['telegram', 'discord'] as const) {
    const created = Date.now() - 60_000;
    for (let i = 0; i < n; i++) {
      await rt.store.upsertSubscription({
        platform,
        channelId: platform === 'telegram' ? String(100000 + i) : String(800000000000000000n + BigInt(i)),
        scope: `${platform}:${i}`,
        schedule: '* * * * *',
        tz: 'UTC',
        lang: 'en',
        currency: 'usd',
        createdBy: null,
        createdAt: created,
      });
    }
    const poster =
      platform === 'telegram'
        ? { telegram: { post: ta.post } }
        : { discord: { post: (c: string, r: Parameters<typeof da.post>[1]) => da.post(c, r) } };
    const scheduler = createScheduler(rt, poster, logger, PACERS());
    const t0 = performance.now();
    const result = await scheduler.tick();
    const seconds = (performance.now() - t0) / 1000;
    const limit = platform === 'telegram' ? 30 : 50;
    const floor = (result.posted - 1) / limit;
    rows.push({
      name: `${platform}: ${n} subscriptions, limit ${limit}/s`,
      values: {
        posted: String(result.posted),
        failed: String(result.failed),
        'total s': seconds.toFixed(1),
        'floor s': floor.toFixed(1),
        'vs floor': `${(((seconds - floor) / floor) * 100).toFixed(1)}%`,
        '429s': String(platform === 'telegram' ? tg.tooMany() : discord.tooMany()),
      },
    });
    for (const s of await rt.store.listSubscriptions()) await rt.store.removeSubscription(s.platform, s.channelId);
  }
  await ta.stop();
  await da.stop();
  await tg.close();
  await discord.close();
  return rows;
}
