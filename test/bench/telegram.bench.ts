// Update → sendMessage (or answerInlineQuery) latency through the real telegraf bot and the fake Bot
// API on loopback (long polling).
import { commands, dispatch } from '../../commands/index.js';
import { createTelegramAdapter } from '../../adapters/telegram/adapter.js';
import { commandUpdate, inlineUpdate, startFakeTelegram, type ApiCall } from '../fakes/telegram.js';
import type { Runtime } from '../../bot/runtime.js';
import { createLogger } from '../../bot/logger.js';
import { measureRoundTrips, ratioRow, type Row } from './bench.js';

export async function telegramBench(rt: Runtime, n: number): Promise<Row[]> {
  const token = '1:bench';
  const tg = await startFakeTelegram(token);
  const adapter = createTelegramAdapter({
    token,
    apiRoot: tg.apiRoot,
    commands,
    run: (name, input, ctx) => dispatch(name, input, ctx, rt.deps),
    logger: createLogger({ level: 'silent', secrets: [] }),
  });
  await adapter.start();
  const measure = (
    label: string,
    make: () => { update: Record<string, unknown>; done: (c: ApiCall) => boolean },
  ): Promise<Row> =>
    measureRoundTrips(label, 'CPU µs/update', rt, n, async () => {
      const { update, done } = make();
      const t0 = performance.now();
      tg.push(update);
      const c = await tg.waitFor(done);
      tg.calls.length = 0;
      return c.at - t0;
    });
  const message = (text: string) => () => {
    const update = commandUpdate(text);
    return { update, done: (c: ApiCall) => c.method === 'sendMessage' };
  };
  const rows = [
    await measure('/start (no-op yardstick)', message('/start')),
    await measure('/yield s21xp 0.05 pool_fee=2%', message('/yield s21xp 0.05 pool_fee=2%')),
    await measure('inline "yield s19xp 0.06"', () => {
      const q = inlineUpdate('yield s19xp 0.06');
      return {
        update: q.update,
        done: (c: ApiCall) => c.method === 'answerInlineQuery' && c.body.inline_query_id === q.id,
      };
    }),
  ];
  for (const r of rows.slice(1, 3)) rows.push(ratioRow(`${r.name} ÷ no-op`, r, rows[0]!));
  await adapter.stop();
  await tg.close();
  return rows;
}
