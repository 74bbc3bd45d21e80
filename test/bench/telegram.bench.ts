// Update → sendMessage (or answerInlineQuery) latency through the real telegraf bot and the fake Bot
// API on loopback (long polling).
import { commands, dispatch } from '../../commands/index.js';
import { createTelegramAdapter } from '../../adapters/telegram/adapter.js';
import { commandUpdate, inlineUpdate, startFakeTelegram, type ApiCall } from '../fakes/telegram.js';
import type { Runtime } from '../../bot/runtime.js';
import { createLogger } from '../../bot/logger.js';
import { percentile, type Row } from './bench.js';

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
  const measure = async (
    label: string,
    make: () => { update: Record<string, unknown>; done: (c: ApiCall) => boolean },
  ): Promise<Row> => {
    const run = async (count: number, lat?: number[]): Promise<void> => {
      for (let k = 0; k < count; k++) {
        const { update, done } = make();
        const t0 = performance.now();
        tg.push(update);
        const c = await tg.waitFor(done);
        lat?.push(c.at - t0);
        tg.calls.length = 0;
      }
    };
    await run(200);
    const lat: number[] = [];
    const upstream0 = [...rt.requestCounts.values()].reduce((a, b) => a + b, 0);
    const cpu0 = process.cpuUsage();
    await run(n, lat);
    const cpu = process.cpuUsage(cpu0);
    lat.sort((a, b) => a - b);
    const upstream = [...rt.requestCounts.values()].reduce((a, b) => a + b, 0) - upstream0;
    return {
      name: label,
      values: {
        'p50 ms': percentile(lat, 50).toFixed(3),
        'p99 ms': percentile(lat, 99).toFixed(3),
        'CPU µs/update': ((cpu.user + cpu.system) / n).toFixed(0),
        'upstream requests': String(upstream),
      },
    };
  };
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
  const ratio = (row: Row, k: string): string => (Number(row.values[k]) / Number(rows[0]!.values[k])).toFixed(2) + '×';
  for (const r of rows.slice(1, 3)) {
    rows.push({
      name: `${r.name} ÷ no-op`,
      values: {
        'p50 ms': ratio(r, 'p50 ms'),
        'p99 ms': ratio(r, 'p99 ms'),
        'CPU µs/update': ratio(r, 'CPU µs/update'),
        'upstream requests': '',
      },
    });
  }
  await adapter.stop();
  await tg.close();
  return rows;
}
