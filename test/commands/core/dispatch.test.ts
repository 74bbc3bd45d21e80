import { commands, dispatch } from '../../../commands/index.js';
import type { Deps } from '../../../commands/core/ports.js';
import type { OptionsOf } from '../../../commands/core/types.js';
import type { yieldCommand } from '../../../commands/yield/yield.command.js';
import type { chartCommand } from '../../../commands/chart/chart.command.js';
import { manualClock, memoryLogger } from '../../helpers.js';

function depsWith(
  market: Partial<Deps['market']>,
  logger = memoryLogger(),
): Deps & { logger: ReturnType<typeof memoryLogger> } {
  return {
    clock: manualClock(),
    logger,
    market: {
      network: () => Promise.reject(new Error('not used')),
      price: () => Promise.reject(new Error('not used')),
      retarget: () => Promise.resolve(null),
      pools: () => Promise.reject(new Error('not used')),
      miningHistory: () => Promise.reject(new Error('not used')),
      rewardHistory: () => Promise.reject(new Error('not used')),
      priceHistory: () => Promise.resolve(null),
      ...market,
    },
  };
}

test('unknown command names the known ones', async () => {
  const r = await dispatch('yeild', {}, { lang: 'en', platform: 'test' }, depsWith({}));
  expect(r.kind).toBe('user-error');
  expect(r.title).toBe(
    `Unknown command "yeild". Did you mean yield? Commands: ${commands.map((c) => c.name).join(', ')}.`,
  );
});

test('lang= and --lang set the reply language on any surface, and are not read as arguments', async () => {
  for (const text of ['lang=zh', '--lang zh', 'models lang=zh-TW']) {
    const r = await dispatch('help', { text }, { lang: 'en', platform: 'telegram' }, depsWith({}));
    expect(r.kind).toBe('ok');
    expect(r.title).toMatch(/[\u4e00-\u9fff]/);
  }
  const en = await dispatch('help', { text: 'lang=en' }, { lang: 'zh-Hans', platform: 'telegram' }, depsWith({}));
  expect(en.title).toMatch(/^[\x20-\x7e]+$/);
});

test('help, hints and examples name commands as the surface types them', async () => {
  const tg = {
    lang: 'en' as const,
    platform: 'telegram' as const,
    commandStyle: { prefix: '/', separator: '_' } as const,
  };
  const help = await dispatch('help', {}, tg, depsWith({}));
  const all = JSON.stringify([help.title, help.fields, help.lines]); // what the user reads
  expect(all).toContain('/break_even');
  expect(all).toContain('/provider_check');
  expect(all).not.toMatch(/[^/_a-z]break-even|news-digest/);
  const unknown = await dispatch('brake_even', {}, tg, depsWith({}));
  expect(unknown.title).toMatch(/Did you mean \/break_even\?.*\/news_digest/);
  const discord = await dispatch(
    'help',
    { text: 'break-even' },
    { ...tg, commandStyle: { prefix: '/', separator: '-' } },
    depsWith({}),
  );
  expect(discord.fields[0]!.value).toMatch(/^\/break-even /);
});

test('Telegram-style and slash names reach the same command', async () => {
  for (const name of ['break_even', '/break-even', 'BREAK-EVEN', 'breakeven']) {
    const r = await dispatch(name, { text: 'hashrate=bad' }, { lang: 'en', platform: 'test' }, depsWith({}));
    expect(r.title).toMatch(/^hashrate "bad"/);
  }
});

test('an unexpected failure becomes "something went wrong (ref …)" with the stack logged under the same ref', async () => {
  const deps = depsWith({ network: () => Promise.reject(new TypeError('boom')) });
  const r = await dispatch('yield', { text: '100TH' }, { lang: 'en', platform: 'test' }, deps);
  expect(r.kind).toBe('internal-error');
  expect(r.title).toMatch(/^Something went wrong \(ref [a-z0-9]{6}\)/);
  expect(r.title).not.toContain('boom');
  const logged = deps.logger.records.find((x) => x.level === 'error');
  expect(logged?.fields?.ref).toBe(r.ref);
  expect(String(logged?.fields?.error)).toContain('TypeError: boom');
});

test('typed options from a platform win over the same option in the text', async () => {
  const deps = depsWith({});
  const r = await dispatch(
    'yield',
    { text: 'hashrate=bad', options: { hashrate: 100 } },
    { lang: 'en', platform: 'test' },
    deps,
  );
  // hashrate=100 (number, TH/s) replaced the bad text value, so the error is now about the data port
  expect(r.kind).toBe('internal-error');
});

test('help lists every command; help <command> shows its options; help models lists presets', async () => {
  const deps = depsWith({});
  const all = await dispatch('help', {}, { lang: 'en', platform: 'test' }, deps);
  expect(all.fields.map((f) => f.name)).toEqual(commands.map((c) => c.name));
  const one = await dispatch('help', { text: 'break_even' }, { lang: 'zh-Hans', platform: 'test' }, deps);
  expect(one.title).toMatch(/^break-even：盈亏平衡/);
  expect(one.fields[1]?.value).toContain('hardware_cost');
  const models = await dispatch('help', { text: 'models' }, { lang: 'en', platform: 'test' }, deps);
  expect(models.lines.length).toBeGreaterThanOrEqual(15);
});

test('every model option brings its presets (the core has none of its own)', () => {
  const models = commands.flatMap((c) => c.options.filter((o) => o.kind === 'model').map((o) => [c.name, o] as const));
  expect(models.length).toBeGreaterThan(0);
  for (const [, o] of models) expect(o.models?.find('s21xp')?.id).toBe('s21xp');
});

test('run reads options typed from its spec (checked by npm run typecheck)', () => {
  type YieldOptions = OptionsOf<typeof yieldCommand.options>;
  type ChartOptions = OptionsOf<(typeof chartCommand)['options']>;
  const ok: YieldOptions = { hashrate: 100, electricity: 0.05, currency: 'eur' };
  // @ts-expect-error a hashrate is a number of TH/s once parsed, never the text typed
  const text: YieldOptions = { hashrate: '100TH' };
  // @ts-expect-error a choice option is one of its choices
  const period: ChartOptions = { period: 'fortnight' };
  expect([ok, text, period]).toHaveLength(3);
});

test('key=value words after an action are read by their option spec, with its bounds, as typed options are', async () => {
  const chat = { lang: 'en' as const, platform: 'telegram' as const, channelId: '-1', canManage: true };
  const deps = { ...depsWith({}), alerts: {} as NonNullable<Deps['alerts']> };
  const long = await dispatch('alert', { text: `blocks pool=${'x'.repeat(61)}` }, chat, deps);
  expect(long.kind).toBe('user-error');
  expect(long.title).toMatch(/^pool "x+…?" is out of range/);
  const word = await dispatch('alert', { text: 'hashprice below=45 soon' }, chat, deps);
  expect(word.title).toMatch(/^alert "soon"/);
  const digest = await dispatch('news-digest', { text: 'hours=abc' }, { lang: 'en', platform: 'test' }, deps);
  expect(digest.title).toMatch(/^hours "abc"/);
});
