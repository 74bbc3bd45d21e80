// The real discord.js client against a fake Discord (REST + gateway) and the fake upstream, all on loopback.
import { ApplicationCommandOptionType as T } from 'discord.js';
import { commands, dispatch } from '../../../commands/index.js';
import { createDiscordAdapter, type DiscordAdapter } from '../../../adapters/discord/adapter.js';
import { startFakeDiscord, interactionPayload, type FakeDiscord, type RecordedRequest } from '../../fakes/discord.js';
import { startFakeUpstream, type FakeUpstream } from '../../fakes/upstream.js';
import { memoryLogger, testRuntime } from '../../helpers.js';
import type { Runtime } from '../../../bot/runtime.js';

let up: FakeUpstream;
let discord: FakeDiscord;
let rt: Runtime;
let adapter: DiscordAdapter;
const logger = memoryLogger();

async function startAdapter(runtime: Runtime, deferAfterMs: number): Promise<DiscordAdapter> {
  const a = createDiscordAdapter({
    token: 'fake-token-discord-abc',
    apiUrl: discord.apiUrl,
    commands,
    run: (name, input, ctx) => dispatch(name, input, ctx, runtime.deps),
    logger,
    deferAfterMs,
  });
  const ready = new Promise<void>((resolve) => a.client.once('clientReady', () => resolve()));
  await a.start();
  await ready;
  return a;
}

beforeAll(async () => {
  up = await startFakeUpstream();
  discord = await startFakeDiscord();
  rt = await testRuntime(up, { env: { HTTP_TIMEOUT_MS: '2000' } });
  adapter = await startAdapter(rt, 1000);
  // warm the cache
  await dispatch('yield', { text: '100TH' }, { lang: 'en', platform: 'test' }, rt.deps);
});

afterAll(async () => {
  await adapter.stop();
  await rt.close();
  await discord.close();
  await up.close();
});

const callbackOf = (id: string) => (r: RecordedRequest) =>
  r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`);
type Body = {
  type: number;
  data?: { embeds?: Array<Record<string, unknown>>; flags?: number; allowed_mentions?: unknown; choices?: unknown[] };
};

test('warm data: callback type 4 with the embed, no mentions allowed', async () => {
  const i = interactionPayload({
    name: 'yield',
    options: [
      { name: 'model', type: T.String, value: 's21xp' },
      { name: 'electricity', type: T.Number, value: 0.05 },
      { name: 'pool_fee', type: T.Number, value: 2 },
      { name: 'uptime', type: T.Number, value: 98 },
    ],
  });
  discord.dispatch('INTERACTION_CREATE', i.payload);
  const cb = await discord.waitFor(callbackOf(i.id));
  const body = cb.body as Body;
  expect(body.type).toBe(4);
  expect(body.data?.allowed_mentions).toEqual({ parse: [] });
  expect(body.data?.flags ?? 0).toBe(0);
  const embed = body.data!.embeds![0]!;
  expect(embed.title).toBe('Daily yield: 1× Antminer S21 XP');
  expect(JSON.stringify(embed.fields)).toContain('$10.06');
  expect((embed.footer as { text: string }).text).toMatch(/mempool\.space/);
});

test('the free-text args option takes the console syntax', async () => {
  const i = interactionPayload({
    name: 'break-even',
    options: [{ name: 'args', type: T.String, value: 'contract_price=6 hashrate=100TH days=365 maintenance=0.018' }],
  });
  discord.dispatch('INTERACTION_CREATE', i.payload);
  const body = (await discord.waitFor(callbackOf(i.id))).body as Body;
  expect(body.data!.embeds![0]!.title).toBe('Cloud contract: 100 TH/s for 365 days');
});

test('bad input: ephemeral reply (flags 64) with the core message', async () => {
  const i = interactionPayload({ name: 'yield', options: [{ name: 'hashrate', type: T.String, value: '12XH' }] });
  discord.dispatch('INTERACTION_CREATE', i.payload);
  const body = (await discord.waitFor(callbackOf(i.id))).body as Body;
  expect(body.type).toBe(4);
  expect(body.data?.flags).toBe(64);
  expect(body.data!.embeds![0]!.title).toBe('hashrate "12XH": use a number with a unit, like 110TH or 1.2PH');
});

test('zh-CN locale answers in Chinese', async () => {
  const i = interactionPayload({
    name: 'yield',
    locale: 'zh-CN',
    options: [{ name: 'hashrate', type: T.String, value: '100TH' }],
  });
  discord.dispatch('INTERACTION_CREATE', i.payload);
  const body = (await discord.waitFor(callbackOf(i.id))).body as Body;
  expect(body.data!.embeds![0]!.title).toBe('每日收益');
});

test('zh-TW locale answers in 繁體', async () => {
  const i = interactionPayload({
    name: 'yield',
    locale: 'zh-TW',
    options: [{ name: 'hashrate', type: T.String, value: '100TH' }],
  });
  discord.dispatch('INTERACTION_CREATE', i.payload);
  const body = (await discord.waitFor(callbackOf(i.id))).body as Body;
  const e = body.data!.embeds![0]!;
  expect(e.title).toBe('每日收益');
  expect(JSON.stringify(e)).toContain('產出（扣除礦池費和在線率後）');
  expect(JSON.stringify(e)).not.toContain('产出');
});

test('autocomplete: type 8 with at most 25 model choices, from local data', async () => {
  const before = up.total();
  const i = interactionPayload({
    name: 'yield',
    type: 4,
    options: [{ name: 'model', type: T.String, value: 's19', focused: true }],
  });
  discord.dispatch('INTERACTION_CREATE', i.payload);
  const body = (await discord.waitFor(callbackOf(i.id))).body as {
    type: number;
    data: { choices: Array<{ name: string; value: string }> };
  };
  expect(body.type).toBe(8);
  expect(body.data.choices.length).toBeGreaterThan(3);
  expect(body.data.choices.length).toBeLessThanOrEqual(25);
  expect(body.data.choices.map((c) => c.value)).toContain('s19xp');
  expect(up.total()).toBe(before);
  const c = interactionPayload({
    name: 'yield',
    type: 4,
    options: [{ name: 'currency', type: T.String, value: 'c', focused: true }],
  });
  discord.dispatch('INTERACTION_CREATE', c.payload);
  const cb = (await discord.waitFor(callbackOf(c.id))).body as { data: { choices: Array<{ value: string }> } };
  expect(cb.data.choices.map((x) => x.value)).toEqual(['cad', 'chf', 'cny']);
});

test('a rejected reply (expired interaction) is logged and the bot carries on', async () => {
  discord.failWhen(/\/callback$/, 404);
  const i = interactionPayload({ name: 'yield', options: [{ name: 'hashrate', type: T.String, value: '100TH' }] });
  discord.dispatch('INTERACTION_CREATE', i.payload);
  await discord.waitFor(callbackOf(i.id));
  await new Promise((r) => setTimeout(r, 100));
  discord.failWhen(null);
  expect(logger.records.some((r) => r.msg === 'discord reply failed' && r.fields?.interaction === i.id)).toBe(true);
  const next = interactionPayload({ name: 'yield', options: [{ name: 'hashrate', type: T.String, value: '100TH' }] });
  discord.dispatch('INTERACTION_CREATE', next.payload);
  expect(((await discord.waitFor(callbackOf(next.id))).body as Body).type).toBe(4);
});

test('the token never appears in a log line', () => {
  expect(JSON.stringify(logger.records)).not.toContain('fake-token-discord-abc');
});

describe('the 3-second rule with a slow or hanging upstream', () => {
  let slowRt: Runtime;
  let slow: DiscordAdapter;
  beforeAll(async () => {
    await adapter.stop();
    slowRt = await testRuntime(up, { env: { HTTP_TIMEOUT_MS: '1500' } });
    slow = await startAdapter(slowRt, 150);
  });
  afterAll(async () => {
    await slow.stop();
    await slowRt.close();
    up.reset();
  });

  test('defers (type 5) and then edits @original when the upstream is slow', async () => {
    up.fault('/mempool/api/v1/prices', { delayMs: 600 });
    const i = interactionPayload({ name: 'yield', options: [{ name: 'hashrate', type: T.String, value: '100TH' }] });
    discord.dispatch('INTERACTION_CREATE', i.payload);
    const cb = await discord.waitFor(callbackOf(i.id));
    expect((cb.body as Body).type).toBe(5);
    const edit = await discord.waitFor(
      (r) =>
        r.method === 'PATCH' &&
        r.path === `/webhooks/${i.payload.application_id as string}/${i.token}/messages/@original`,
    );
    expect((edit.body as Body['data'])!.embeds![0]!.title).toBe('Daily yield');
    expect(edit.at).toBeGreaterThan(cb.at);
  });

  test('when every source hangs, the deferred reply becomes a private error, never "did not respond"', async () => {
    const cold = await testRuntime(up, { env: { HTTP_TIMEOUT_MS: '300' } });
    await slow.stop();
    slow = await startAdapter(cold, 150);
    up.faultAll({ hang: true });
    const i = interactionPayload({ name: 'yield', options: [{ name: 'hashrate', type: T.String, value: '100TH' }] });
    discord.dispatch('INTERACTION_CREATE', i.payload);
    expect(((await discord.waitFor(callbackOf(i.id))).body as Body).type).toBe(5);
    await discord.waitFor((r) => r.method === 'DELETE' && r.path.endsWith(`${i.token}/messages/@original`));
    const follow = await discord.waitFor(
      (r) => r.method === 'POST' && r.path === `/webhooks/${i.payload.application_id as string}/${i.token}`,
    );
    expect((follow.body as { flags: number }).flags).toBe(64);
    expect(JSON.stringify(follow.body)).toMatch(/Live data is unavailable/);
    up.faultAll(null);
    await cold.close();
  });
});

test('DISCORD_SHARD_IDS of DISCORD_SHARD_COUNT: this process identifies as shard 1 of 2', async () => {
  const sharded = createDiscordAdapter({
    token: 'fake-token-discord-abc',
    apiUrl: discord.apiUrl,
    commands,
    run: (name, input, ctx) => dispatch(name, input, ctx, rt.deps),
    logger,
    shards: { ids: [1], count: 2 },
  });
  const ready = new Promise<void>((resolve) => sharded.client.once('clientReady', () => resolve()));
  await sharded.start();
  await ready;
  expect(discord.identifyShards.at(-1)).toEqual([1, 2]);
  await sharded.stop();
});
