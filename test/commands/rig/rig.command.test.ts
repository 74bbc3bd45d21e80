// Saved rigs: per user, private, typed arguments override them option by option.
import { dispatch, type Reply } from '../../../commands/index.js';
import type { Context } from '../../../commands/core/types.js';
import { startFakeUpstream, type FakeUpstream } from '../../fakes/upstream.js';
import { manualClock, tempDir, testRuntime } from '../../helpers.js';
import type { Runtime } from '../../../bot/runtime.js';

let up: FakeUpstream;
let rt: Runtime;
beforeAll(async () => {
  up = await startFakeUpstream();
  rt = await testRuntime(up, { clock: manualClock(), dataDir: tempDir() });
});
afterAll(async () => {
  await rt.close();
  await up.close();
});

const alice: Context = { lang: 'en', platform: 'telegram', userId: '11', channelId: '-5', scope: 'telegram:-5' };
const bob: Context = { ...alice, userId: '22' };
const run = (command: string, text: string, ctx: Context = alice): Promise<Reply> =>
  dispatch(command, { text }, ctx, rt.deps);

test('save, list, use: yield rig=garage is yield with the saved arguments', async () => {
  const saved = await run('rig', 'save garage s21xp count=3 0.06 currency=eur pool_fee=2%');
  expect(saved.kind).toBe('ok');
  expect(saved.title).toBe('Rig garage saved: s21xp count=3 0.06 currency=eur pool_fee=2%');
  expect((await run('rig', 'list')).lines).toEqual(['garage: s21xp count=3 0.06 currency=eur pool_fee=2%']);
  const viaRig = await run('yield', 'rig=garage');
  const direct = await run('yield', 's21xp count=3 0.06 currency=eur pool_fee=2%');
  expect(viaRig.kind).toBe('ok');
  expect(viaRig.json).toEqual(direct.json);
});

test('typed arguments override the rig, option by option; a typed machine replaces the rig’s machine', async () => {
  const cheaper = await run('yield', 'rig=garage 0.04');
  expect(cheaper.json).toEqual((await run('yield', 's21xp count=3 0.04 currency=eur pool_fee=2%')).json);
  const other = await run('yield', 'rig=garage 100TH 3250W');
  expect(other.json).toEqual((await run('yield', '100TH 3250W 0.06 currency=eur pool_fee=2%')).json);
  // typed options (Discord) override too
  const typed = await dispatch('yield', { options: { rig: 'garage', pool_fee: 0 } }, alice, rt.deps);
  expect(typed.json).toEqual((await run('yield', 's21xp count=3 0.06 currency=eur pool_fee=0%')).json);
  const be = await run('break-even', 'rig=garage hardware_cost=3500');
  expect(be.kind).toBe('ok');
  expect(be.title).toBe('Break-even: 3× Antminer S21 XP');
});

test('rigs are private: another user in the same group cannot use or see them', async () => {
  const r = await run('yield', 'rig=garage', bob);
  expect(r.kind).toBe('user-error');
  expect(r.title).toBe('You have no rig "garage" (see rig list).');
  expect((await run('rig', 'list', bob)).title).toMatch(/^No saved rigs yet/);
});

test('bad input: the name, a rig without a machine, an unknown action', async () => {
  expect((await run('rig', 'save Garage!! s21xp')).title).toBe(
    'name "garage!!": use a name of letters, digits, - or _ (at most 24), e.g. rig save garage …',
  );
  expect((await run('rig', 'save shed 0.06')).title).toBe(
    'Give a hashrate (like 110TH) or a model (like model=s19xp).',
  );
  expect((await run('rig', 'rename garage')).kind).toBe('user-error');
  expect((await run('rig', 'remove garage')).title).toBe('Rig garage removed.');
  expect((await run('yield', 'rig=garage')).kind).toBe('user-error');
});

test('at most 20 rigs per user; saving an existing name replaces it', async () => {
  for (let i = 0; i < 20; i++) expect((await run('rig', `save r${i} 100TH 3250W`, bob)).kind).toBe('ok');
  expect((await run('rig', 'save r21 100TH 3250W', bob)).title).toMatch(/You have 20 rigs/);
  expect((await run('rig', 'save r3 200TH 3500W', bob)).kind).toBe('ok');
  expect((await run('rig', 'list', bob)).lines).toContain('r3: 200TH 3500W');
});

test('alert margin rig=…: the rig as saved, its profit now in the confirmation, only the owner’s rig', async () => {
  const dm: Context = {
    lang: 'en',
    platform: 'telegram',
    userId: '33',
    channelId: '33',
    scope: 'telegram:33',
    canManage: true,
  };
  await run('rig', 'save shed s21xp 0.11 pool_fee=1%', dm);
  const r = await run('alert', 'margin rig=shed below=0', dm);
  expect(r.kind).toBe('ok');
  expect(r.title).toMatch(/^Alert \d+ set: rig shed earning less than \$0\.00\/day\.$/);
  const profit = (await run('yield', 's21xp 0.11 pool_fee=1%', dm)).json as { profitPerDay: number };
  const shown = Number(/^It is \$(\d+\.\d+)\/day now\.$/.exec(r.lines[0]!)?.[1]);
  expect(shown).toBeCloseTo(profit.profitPerDay, 3);
  const [alert] = await rt.store.listAlerts('telegram', '33');
  expect(alert!.rule.rig).toMatchObject({
    name: 'shed',
    hashrateThs: 270,
    powerW: 3645,
    electricity: 0.11,
    poolFee: 0.01,
  });
  // someone else's rig name is not found
  expect((await run('alert', 'margin rig=shed below=0', { ...dm, userId: '44', channelId: '44' })).title).toBe(
    'You have no rig "shed" (see rig list).',
  );
});
