// Alerts end to end in one process: three Telegram groups subscribe through the real telegraf bot and the
// fake Bot API; the fake chain moves (a +10 % retarget with a block by AntPool, fees down, up, down);
// the watcher posts each event once per group, also after a restart.
import { commands, dispatch } from '../../commands/index.js';
import { createTelegramAdapter, type TelegramAdapter } from '../../adapters/telegram/adapter.js';
import { commandUpdate, startFakeTelegram, type ApiCall, type FakeTelegram } from '../fakes/telegram.js';
import { startFakeUpstream, type FakeUpstream } from '../fakes/upstream.js';
import { setChain, START, type ChainState } from '../fakes/chain.js';
import { randomUUID } from 'node:crypto';
import { manualClock, memoryLogger, tempDir, testRuntime } from '../helpers.js';
import { SqliteStore } from '../../bot/store/sqlite-store.js';
import { AlertWatcher } from '../../bot/alert-watcher.js';
import type { Runtime } from '../../bot/runtime.js';

const TOKEN = '77:tg-alerts';
const GROUPS = { difficulty: -1001, hashprice: -1002, blocks: -1003 } as const;
let up: FakeUpstream;
let tg: FakeTelegram;
let rt: Runtime;
let ta: TelegramAdapter;
const clock = manualClock(Date.UTC(2026, 8, 19, 19, 0, 0));
const logger = memoryLogger();
let chain: ChainState = { ...START };

const watcher = (): AlertWatcher =>
  new AlertWatcher({
    store: rt.store,
    market: rt.market,
    posters: { telegram: { post: (c, r, l) => ta.post(c, r, l) } },
    clock: rt.deps.clock,
    logger,
    pollMs: 1000,
  });
const move = (next: Partial<ChainState>): void => {
  chain = { ...chain, ...next };
  setChain(up, chain);
  clock.advance(60_000);
};
const postsIn = (chat: number): ApiCall[] =>
  tg.calls.filter(
    (c) => c.method === 'sendMessage' && Number(c.body.chat_id) === chat && /alert \d+ ·/.test(String(c.body.text)),
  );

async function say(chat: number, text: string): Promise<string> {
  const t0 = performance.now();
  tg.push(commandUpdate(text, { chat: { id: chat, type: 'supergroup', title: `g${chat}` }, userId: 5001 }));
  return String(
    (await tg.waitFor((c) => c.method === 'sendMessage' && Number(c.body.chat_id) === chat && c.at > t0)).body.text,
  );
}

beforeAll(async () => {
  up = await startFakeUpstream();
  setChain(up, chain);
  tg = await startFakeTelegram(TOKEN);
  rt = await testRuntime(up, { clock, logger, env: { HTTP_TIMEOUT_MS: '2000' } });
  ta = createTelegramAdapter({
    token: TOKEN,
    apiRoot: tg.apiRoot,
    commands,
    run: (name, input, ctx) => dispatch(name, input, ctx, rt.deps),
    logger,
  });
  await ta.start();
  for (const chat of Object.values(GROUPS)) tg.members.set(`${chat}:5001`, 'administrator');
});
afterAll(async () => {
  await ta.stop();
  await rt.close();
  await tg.close();
  await up.close();
});

test('three groups subscribe; the confirmations say where each value stands now', async () => {
  expect(await say(GROUPS.difficulty, '/alert difficulty')).toMatch(
    /Alert \d+ set: every difficulty adjustment\.<\/b>[\s\S]*Difficulty is 132\.76 T now/,
  );
  expect(await say(GROUPS.hashprice, '/alert hashprice below=44 cooldown=0')).toMatch(
    /Alert \d+ set: hashprice below 44 sats\/TH\/day\.[\s\S]*It is 47\.64 sats\/TH\/day now\.[\s\S]*re-arms once the value is back past 44\.88 sats\/TH\/day; no cooldown/,
  );
  expect(await say(GROUPS.blocks, '/alert blocks pool=antpool')).toMatch(/each block AntPool finds/);
  // a member who is not an admin may list, not add
  tg.members.set(`${GROUPS.blocks}:5001`, 'member');
  expect(await say(GROUPS.blocks, '/alert difficulty')).toMatch(/Only members who can manage this channel/);
  expect(await say(GROUPS.blocks, '/alert list')).toMatch(/#\d+ each block AntPool finds · waiting/);
  tg.members.set(`${GROUPS.blocks}:5001`, 'administrator');
});

test('nothing is posted for the state at creation', async () => {
  const w = watcher();
  expect(await w.tick()).toMatchObject({ alerts: 3, events: 0 });
  // the same tip again: only the tip and the fee mean are asked; the blocks and difficulty stay cached
  const before = new Map(up.counts);
  expect(await w.tick()).toMatchObject({ events: 0 });
  const asked = [...up.counts]
    .filter(([k, v]) => v !== (before.get(k) ?? 0))
    .map(([k]) => k)
    .sort();
  expect(asked).toEqual(['/mempool/api/blocks/tip/height', '/mempool/api/v1/mining/reward-stats/144']);
});

test('a +10 % retarget with a block by AntPool: one post in each group that asked, none twice', async () => {
  const w = watcher();
  await w.tick();
  move({
    height: 967_968,
    difficulty: START.difficulty * 1.1,
    blocks: [...chain.blocks, { height: 967_968, pool: 'antpool', poolName: 'AntPool', time: 1_789_980_000 }],
    nextEstimatePct: 0.4,
  });
  const r = await w.tick();
  expect(r.posted).toBe(3); // retarget, block, and hashprice (now 43.31 < 44)
  await w.tick();
  await w.tick();
  expect(postsIn(GROUPS.difficulty)).toHaveLength(1);
  expect(String(postsIn(GROUPS.difficulty)[0]!.body.text)).toMatch(
    /Difficulty adjusted \+10(\.0)?%[\s\S]*146\.03 T[\s\S]*545 s[\s\S]*-9\.1%/,
  );
  expect(postsIn(GROUPS.blocks)).toHaveLength(1);
  expect(String(postsIn(GROUPS.blocks)[0]!.body.text)).toMatch(/AntPool found block 967,968/);
  expect(postsIn(GROUPS.hashprice)).toHaveLength(1);
  expect(String(postsIn(GROUPS.hashprice)[0]!.body.text)).toMatch(
    /Hashprice fell below 44 sats\/TH\/day: 43\.31 sats\/TH\/day now/,
  );
  // another pool's block: nothing in the blocks group
  move({
    height: 967_969,
    blocks: [...chain.blocks, { height: 967_969, pool: 'foundryusa', poolName: 'Foundry USA', time: 1_789_980_600 }],
  });
  await w.tick();
  expect(postsIn(GROUPS.blocks)).toHaveLength(1);
});

test('a restart repeats nothing (state and claims are in the store)', async () => {
  const fresh = watcher(); // a new process: no memory of the last tip
  expect(await fresh.tick()).toMatchObject({ posted: 0 });
  expect(postsIn(GROUPS.difficulty)).toHaveLength(1);
  expect(postsIn(GROUPS.hashprice)).toHaveLength(1);
});

test('fees up (recovered past 44.88, re-armed) and down again: the hashprice alert fires a second time', async () => {
  const w = watcher();
  move({ feesBtc: 0.2 });
  await w.tick();
  expect(postsIn(GROUPS.hashprice)).toHaveLength(1);
  move({ feesBtc: 0.01 });
  await w.tick();
  await w.tick();
  expect(postsIn(GROUPS.hashprice)).toHaveLength(2);
  expect(postsIn(GROUPS.difficulty)).toHaveLength(1);
});

test('a group that removed the bot: its alert is paused with the reason, the others go on', async () => {
  tg.failChat(GROUPS.blocks, 403);
  const w = watcher();
  move({
    height: 967_970,
    blocks: [...chain.blocks, { height: 967_970, pool: 'antpool', poolName: 'AntPool', time: 1_789_981_200 }],
  });
  await w.tick();
  const [a] = await rt.store.listAlerts('telegram', String(GROUPS.blocks));
  expect(a!.pausedReason).toMatch(/403/);
  tg.failChat(GROUPS.blocks, null);
  expect(await say(GROUPS.blocks, '/alert list')).toMatch(/stopped: the bot could not post here \(error 403\)/);
});

test('2,000 alerts on one new block cost one set of upstream requests (the bench runs 10,000)', async () => {
  const store = rt.store;
  const base = (await store.listAlerts('telegram', String(GROUPS.hashprice)))[0]!;
  for (let i = 0; i < 2000; i++)
    await store.addAlert({ ...base, channelId: `bulk-${i}`, rule: { ...base.rule, below: 10 } }, 100);
  const w = watcher();
  await w.tick();
  move({ height: 967_971 });
  const before = up.total('/mempool');
  const r = await w.tick();
  expect(r.alerts).toBeGreaterThan(2000);
  // tip, hashrate/3d, difficulty-adjustment, blocks, reward-stats/144: once each
  expect(up.total('/mempool') - before).toBe(5);
});

describe('two instances at once (two store connections, two watchers, the same alerts)', () => {
  const DATABASE_URL = process.env.DATABASE_URL;
  const backends: Array<[string, () => Promise<[SqliteStore, SqliteStore]>]> = [
    [
      'sqlite',
      async () => {
        const dir = tempDir();
        const a = await SqliteStore.open(dir);
        const b = await SqliteStore.open(dir);
        return [a, b];
      },
    ],
  ];
  if (DATABASE_URL)
    backends.push([
      'postgres',
      async () => {
        const schema = `t_${randomUUID().replace(/-/g, '')}`;
        const a = await SqliteStore.openPostgres(DATABASE_URL, schema);
        const b = await SqliteStore.openPostgres(DATABASE_URL, schema);
        return [a, b];
      },
    ]);

  test.each(backends)('%s: every event is posted once', async (_name, open) => {
    const [a, b] = await open();
    const sent: string[] = [];
    const poster = {
      post: async (channelId: string) => {
        await new Promise((r) => setTimeout(r, 5)); // a real send takes a moment: the ticks overlap
        sent.push(channelId);
        return { ok: true } as const;
      },
    };
    const w = (store: SqliteStore): AlertWatcher =>
      new AlertWatcher({
        store,
        market: rt.market,
        posters: { telegram: poster },
        clock: rt.deps.clock,
        logger,
        pollMs: 1000,
      });
    const base = {
      platform: 'telegram' as const,
      scope: 's',
      lang: 'en' as const,
      currency: 'usd',
      createdBy: null,
      createdAt: 0,
    };
    for (let i = 0; i < 20; i++)
      await a.addAlert(
        {
          ...base,
          channelId: `c${i}`,
          rule: { kind: 'difficulty', rearm: 0.02, cooldownMs: 0 },
          state: {
            armed: true,
            lastFiredAt: null,
            epoch: Math.floor(chain.height / 2016) * 2016,
            difficulty: chain.difficulty,
          },
        },
        100,
      );
    const [wa, wb] = [w(a), w(b)];
    await Promise.all([wa.tick(), wb.tick()]);
    move({ height: chain.height + 2016, difficulty: chain.difficulty * 1.05 });
    const [ra, rb] = await Promise.all([wa.tick(), wb.tick()]);
    expect(ra.posted + rb.posted).toBe(20);
    expect(new Set(sent).size).toBe(20);
    expect(sent).toHaveLength(20);
    await Promise.all([wa.tick(), wb.tick()]);
    expect(sent).toHaveLength(20);
    await a.close();
    await b.close();
  });
});

test('hostile or broken upstream answers: the watcher carries on, posts nothing false, never throws', async () => {
  const w = watcher();
  await w.tick();
  const posted = () =>
    tg.calls.filter((c) => c.method === 'sendMessage' && /alert \d+ ·/.test(String(c.body.text))).length;
  const n = posted();
  move({ height: chain.height + 1 });
  for (const body of [
    'not json',
    'null',
    '[{"id":"x"}]',
    JSON.stringify([
      {
        id: 'a'.repeat(64),
        height: 1,
        timestamp: 5,
        extras: { reward: 1, totalFees: 1, pool: { slug: 'x'.repeat(500), name: 'y' } },
      },
    ]),
  ]) {
    up.fault('/mempool/api/v1/blocks', { status: 200, body });
    await expect(w.tick()).resolves.toMatchObject({ failed: 0 });
    move({ height: chain.height + 1 });
  }
  // no source knows the tip: the poll gives up with a clear error (the loop logs it and polls again)
  up.fault('/mempool/api/blocks/tip/height', { status: 200, body: 'NaN' });
  up.fault('/blockchain/q/getblockcount', { status: 500 });
  await expect(w.tick()).rejects.toThrow(/height unavailable/);
  clock.advance(120_000); // past the parking of the failed sources
  setChain(up, chain);
  expect(posted()).toBe(n);
});
