// Alerts: judging 10,000 alerts on one new block (time, upstream requests), and the fan-out of one
// retarget to 1,000 Telegram groups through telegraf against the fake Bot API enforcing Telegram's limits.
import { commands, dispatch } from '../../commands/index.js';
import { createTelegramAdapter } from '../../adapters/telegram/adapter.js';
import { startFakeTelegram } from '../fakes/telegram.js';
import { setChain, START, type ChainState } from '../fakes/chain.js';
import type { FakeUpstream } from '../fakes/upstream.js';
import { createLogger } from '../../bot/logger.js';
import { PACERS } from '../../bot/platforms.js';
import { AlertWatcher } from '../../bot/alert-watcher.js';
import type { Runtime } from '../../bot/runtime.js';
import type { Alert } from '../../commands/core/ports.js';
import type { Row } from './bench.js';

export async function alertsBench(rt: Runtime, up: FakeUpstream, n = 10_000, chats = 1_000): Promise<Row[]> {
  const logger = createLogger({ level: 'silent', secrets: [] });
  let chain: ChainState = { ...START };
  setChain(up, chain);
  const base: Omit<Alert, 'id' | 'pausedReason' | 'paused'> = {
    platform: 'telegram',
    channelId: '',
    scope: 'bench',
    rule: { kind: 'hashprice', below: 10, unit: 'sats', rearm: 0.02, cooldownMs: 0 },
    lang: 'en',
    currency: 'usd',
    state: { armed: true, lastFiredAt: null, fired: 0 },
    createdBy: null,
    createdAt: 0,
  };
  for (let i = 0; i < n; i++) await rt.store.addAlert({ ...base, channelId: `q${i}` }, 10);
  const quiet = { post: () => Promise.resolve({ ok: true } as const) };
  const judge = new AlertWatcher({
    store: rt.store,
    market: rt.market,
    posters: { telegram: quiet },
    clock: rt.deps.clock,
    logger,
    pollMs: 1000,
  });
  await judge.tick();
  chain = { ...chain, height: chain.height + 1 };
  setChain(up, chain);
  const before = up.total('/mempool');
  const t0 = performance.now();
  const r = await judge.tick();
  const evalMs = performance.now() - t0;
  const requests = up.total('/mempool') - before;
  for (let i = 0; i < n; i++) await rt.store.removeAlert('telegram', `q${i}`, i + 1);

  // Fan-out: one retarget, `chats` groups following difficulty, the real adapter and the shared pacers.
  const tg = await startFakeTelegram('9:alerts');
  tg.enforceLimits(30, 20);
  const ta = createTelegramAdapter({
    token: '9:alerts',
    apiRoot: tg.apiRoot,
    commands,
    run: (name, input, ctx) => dispatch(name, input, ctx, rt.deps),
    logger,
  });
  await ta.start();
  const epoch = Math.floor(chain.height / 2016) * 2016;
  for (let i = 0; i < chats; i++)
    await rt.store.addAlert(
      {
        ...base,
        channelId: String(-100_000 - i),
        rule: { kind: 'difficulty', rearm: 0.02, cooldownMs: 0 },
        state: { armed: true, lastFiredAt: null, epoch, difficulty: chain.difficulty },
      },
      10,
    );
  const fan = new AlertWatcher({
    store: rt.store,
    market: rt.market,
    posters: { telegram: { post: (c, reply, l) => ta.post(c, reply, l) } },
    pacers: PACERS(),
    clock: rt.deps.clock,
    logger,
    pollMs: 1000,
  });
  await fan.tick();
  chain = { ...chain, height: epoch + 2016, difficulty: chain.difficulty * 1.05 };
  setChain(up, chain);
  const t1 = performance.now();
  const f = await fan.tick();
  const fanMs = performance.now() - t1;
  await ta.stop();
  await tg.close();
  return [
    {
      name: `${n.toLocaleString('en-US')} hashprice alerts, one new block`,
      values: {
        'alerts judged': String(r.alerts),
        'time ms': evalMs.toFixed(0),
        'upstream requests': String(requests),
        posted: String(r.posted),
        '429s': '—',
      },
    },
    {
      name: `one retarget to ${chats.toLocaleString('en-US')} Telegram groups (limits 30/s, 20/min per group)`,
      values: {
        'alerts judged': String(f.alerts),
        'time ms': fanMs.toFixed(0),
        'upstream requests': '—',
        posted: String(f.posted),
        '429s': String(tg.tooMany()),
      },
    },
  ];
}
