// Interaction → callback latency through the real discord.js client and the fake Discord on loopback.
import { ApplicationCommandOptionType as T } from 'discord.js';
import { commands, dispatch, type Reply } from '../../commands/index.js';
import { createDiscordAdapter } from '../../adapters/discord/adapter.js';
import { startFakeDiscord, interactionPayload, type InteractionOptionInput } from '../fakes/discord.js';
import type { Runtime } from '../../bot/runtime.js';
import { createLogger } from '../../bot/logger.js';
import { percentile, type Row } from './bench.js';

const NOOP: Reply = { kind: 'ok', title: 'ok', tone: 'info', fields: [], lines: [] };

export async function discordBench(rt: Runtime, n: number): Promise<Row[]> {
  const discord = await startFakeDiscord();
  const adapter = createDiscordAdapter({
    token: 'bench',
    apiUrl: discord.apiUrl,
    commands,
    // The no-op yardstick: same client, same adapter, a command that does nothing.
    run: (name, input, ctx) => (name === 'noop' ? Promise.resolve(NOOP) : dispatch(name, input, ctx, rt.deps)),
    logger: createLogger({ level: 'silent', secrets: [] }),
  });
  const ready = new Promise<void>((resolve) => adapter.client.once('clientReady', () => resolve()));
  await adapter.start();
  await ready;
  const measure = async (label: string, name: string, options: InteractionOptionInput[]): Promise<Row> => {
    const run = async (count: number, lat?: number[]): Promise<void> => {
      for (let k = 0; k < count; k++) {
        const i = interactionPayload({ name, options });
        const t0 = performance.now();
        discord.dispatch('INTERACTION_CREATE', i.payload);
        const cb = await discord.waitFor((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${i.id}/`));
        lat?.push(cb.at - t0);
        discord.requests.length = 0;
      }
    };
    await run(200); // warm-up
    const lat: number[] = [];
    const upstream0 = [...rt.requestCounts.values()].reduce((a, b) => a + b, 0);
    const cpu0 = process.cpuUsage();
    await run(n, lat);
    const cpu = process.cpuUsage(cpu0);
    lat.sort((a, b) => a - b);
    discord.requests.length = 0;
    const upstream = [...rt.requestCounts.values()].reduce((a, b) => a + b, 0) - upstream0;
    return {
      name: label,
      values: {
        'p50 ms': percentile(lat, 50).toFixed(3),
        'p99 ms': percentile(lat, 99).toFixed(3),
        'CPU µs/interaction': ((cpu.user + cpu.system) / n).toFixed(0),
        'upstream requests': String(upstream),
      },
    };
  };
  const rows = [
    await measure('no-op interaction', 'noop', []),
    await measure('/yield model:s21xp electricity:0.05', 'yield', [
      { name: 'model', type: T.String, value: 's21xp' },
      { name: 'electricity', type: T.Number, value: 0.05 },
    ]),
  ];
  const ratio = (k: string): string => (Number(rows[1]!.values[k]) / Number(rows[0]!.values[k])).toFixed(2) + '×';
  rows.push({
    name: '/yield ÷ no-op',
    values: {
      'p50 ms': ratio('p50 ms'),
      'p99 ms': ratio('p99 ms'),
      'CPU µs/interaction': ratio('CPU µs/interaction'),
      'upstream requests': '',
    },
  });
  await adapter.stop();
  await discord.close();
  return rows;
}
