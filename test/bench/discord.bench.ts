// Interaction → callback latency through the real discord.js client and the fake Discord on loopback.
import { ApplicationCommandOptionType as T } from 'discord.js';
import { commands, dispatch, type Reply } from '../../commands/index.js';
import { createDiscordAdapter } from '../../adapters/discord/adapter.js';
import { startFakeDiscord, interactionPayload, type InteractionOptionInput } from '../fakes/discord.js';
import type { Runtime } from '../../bot/runtime.js';
import { createLogger } from '../../bot/logger.js';
import { measureRoundTrips, ratioRow, type Row } from './bench.js';

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
  const measure = (label: string, name: string, options: InteractionOptionInput[]): Promise<Row> =>
    measureRoundTrips(label, 'CPU µs/interaction', rt, n, async () => {
      const i = interactionPayload({ name, options });
      const t0 = performance.now();
      discord.dispatch('INTERACTION_CREATE', i.payload);
      const cb = await discord.waitFor((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${i.id}/`));
      discord.requests.length = 0;
      return cb.at - t0;
    });
  const noop = await measure('no-op interaction', 'noop', []);
  const yieldRow = await measure('/yield model:s21xp electricity:0.05', 'yield', [
    { name: 'model', type: T.String, value: 's21xp' },
    { name: 'electricity', type: T.Number, value: 0.05 },
  ]);
  const rows = [noop, yieldRow, ratioRow('/yield ÷ no-op', yieldRow, noop)];
  await adapter.stop();
  await discord.close();
  return rows;
}
