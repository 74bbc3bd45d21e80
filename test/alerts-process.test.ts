// Alerts through the real bot process (npm start's main.js, ALERT_POLL_SECONDS=1): three Telegram groups
// subscribe; the fake chain crosses a +10 % retarget with a block by AntPool; the process is killed
// (SIGKILL) and started again on the same DATA_DIR; fees go up and down. Each group gets exactly the
// posts its alert asked for.
import type { ChildProcess } from 'node:child_process';
import { commandUpdate, startFakeTelegram, type ApiCall, type FakeTelegram } from './fakes/telegram.js';
import { startFakeUpstream, type FakeUpstream } from './fakes/upstream.js';
import { setChain, START, type ChainState } from './fakes/chain.js';
import { spawnBot, tempDir, type BotProcess } from './helpers.js';

const TOKEN = '88:tg-alert-process';
const GROUPS = { difficulty: -2001, hashprice: -2002, blocks: -2003 } as const;
let up: FakeUpstream;
let tg: FakeTelegram;
const children: ChildProcess[] = [];
const dataDir = tempDir();
let chain: ChainState = { ...START };

beforeAll(async () => {
  up = await startFakeUpstream();
  setChain(up, chain);
  tg = await startFakeTelegram(TOKEN);
  for (const chat of Object.values(GROUPS)) tg.members.set(`${chat}:5001`, 'administrator');
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await tg.close();
  await up.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const start = async (): Promise<BotProcess> => {
  const bot = spawnBot(
    { ...up.env, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_URL: tg.apiRoot, ALERT_POLL_SECONDS: '1', DATA_DIR: dataDir },
    children,
  );
  for (let i = 0; i < 200 && !bot.out().includes('telegram polling'); i++) await sleep(50);
  expect(bot.out()).toContain('telegram polling');
  return bot;
};
const posts = (chat: number): ApiCall[] =>
  tg.calls.filter(
    (c) => c.method === 'sendMessage' && Number(c.body.chat_id) === chat && /alert \d+ ·/.test(String(c.body.text)),
  );
async function waitPosts(chat: number, n: number, ms = 10_000): Promise<void> {
  for (let t = 0; t < ms && posts(chat).length < n; t += 100) await sleep(100);
}
async function say(chat: number, text: string): Promise<string> {
  const t0 = performance.now();
  tg.push(commandUpdate(text, { chat: { id: chat, type: 'supergroup', title: `g${chat}` }, userId: 5001 }));
  const c = await tg.waitFor((x) => x.method === 'sendMessage' && Number(x.body.chat_id) === chat && x.at > t0, 10_000);
  return String(c.body.text);
}

test('retarget, block and hashprice alerts post once each, across a kill -9 and a restart', async () => {
  const first = await start();
  expect(await say(GROUPS.difficulty, '/alert difficulty')).toMatch(/Alert \d+ set/);
  expect(await say(GROUPS.hashprice, '/alert hashprice below=44 cooldown=0')).toMatch(/Alert \d+ set/);
  expect(await say(GROUPS.blocks, '/alert blocks pool=antpool')).toMatch(/Alert \d+ set/);
  await sleep(2500); // a few polls on the unchanged chain: nothing
  expect([GROUPS.difficulty, GROUPS.hashprice, GROUPS.blocks].map((g) => posts(g).length)).toEqual([0, 0, 0]);

  chain = {
    ...chain,
    height: 967_968,
    difficulty: START.difficulty * 1.1,
    blocks: [...chain.blocks, { height: 967_968, pool: 'antpool', poolName: 'AntPool', time: 1_789_980_000 }],
  };
  setChain(up, chain);
  await Promise.all([waitPosts(GROUPS.difficulty, 1), waitPosts(GROUPS.blocks, 1), waitPosts(GROUPS.hashprice, 1)]);
  expect([GROUPS.difficulty, GROUPS.hashprice, GROUPS.blocks].map((g) => posts(g).length)).toEqual([1, 1, 1]);

  first.child.kill('SIGKILL');
  await first.exited;
  await start();
  await sleep(3000); // several polls after the restart: nothing repeated
  expect([GROUPS.difficulty, GROUPS.hashprice, GROUPS.blocks].map((g) => posts(g).length)).toEqual([1, 1, 1]);

  chain = { ...chain, feesBtc: 0.2 }; // hashprice back above 44.88: re-armed, no post
  setChain(up, chain);
  await sleep(2500);
  expect(posts(GROUPS.hashprice)).toHaveLength(1);
  chain = { ...chain, feesBtc: 0.01 }; // below 44 again
  setChain(up, chain);
  await waitPosts(GROUPS.hashprice, 2);
  await sleep(1500);
  expect([GROUPS.difficulty, GROUPS.hashprice, GROUPS.blocks].map((g) => posts(g).length)).toEqual([1, 2, 1]);
}, 60_000);
