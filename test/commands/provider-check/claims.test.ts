// R4 (farms in mainland China), C1 (contact and pressure), E9 (claimed power price), E10 (capacity claims).
import { dispatch, type Reply } from '../../../commands/index.js';
import {
  checkCapacity,
  checkChinaFarm,
  checkContact,
  checkPowerPrice,
} from '../../../commands/provider-check/checks.calc.js';
import { scanKeywords } from '../../../commands/provider-check/extract.js';
import { startFakeUpstream, type FakeUpstream } from '../../fakes/upstream.js';
import { manualClock, testRuntime } from '../../helpers.js';
import type { Runtime } from '../../../bot/runtime.js';

describe('the checks', () => {
  test.each([
    ['Sichuan hydro', true],
    ['四川水电', true],
    ['Inner Mongolia', true],
    ['mainland China', true],
    ['Hong Kong', false],
    ['香港', false],
    ['Texas, USA', false],
    ['Kazakhstan', false],
  ])('R4 farm_location=%s → %s', (where, flagged) => {
    expect(checkChinaFarm(where, null) !== null).toBe(flagged);
  });

  test('R4 and C1 from ad text', () => {
    const codes = (t: string) => scanKeywords(t).map((k) => `${k.code}:${k.phrase}`);
    expect(codes('我们在四川水电矿场有 5000 台矿机')).toContain('R4:四川水电矿场');
    expect(codes('Our farms in Xinjiang run 24/7')).toContain('R4:farms in Xinjiang');
    expect(codes('老师带单，名额有限！')).toEqual(expect.arrayContaining(['C1:老师带单, 名额有限']));
    expect(codes('Limited slots, act now')).toEqual(expect.arrayContaining(['C1:Limited slots, act now']));
    expect(codes('A hosting contract in Texas')).toEqual([]);
  });

  test('C1: unsolicited DM, dating and "teacher" groups are medium; an ad or a website is not a signal', () => {
    for (const c of ['dm', 'dating', 'group'])
      expect(checkContact(c, null)).toMatchObject({ code: 'C1', severity: 'medium', message: `C1${c}` });
    for (const c of ['ad', 'website', 'friend', undefined]) expect(checkContact(c, null)).toBeNull();
  });

  test('E9: below 0.03 USD/kWh after conversion', () => {
    expect(checkPowerPrice(0.02, 1)).toMatchObject({ code: 'E9', severity: 'medium' });
    expect(checkPowerPrice(0.05, 1)).toBeNull();
    // 0.2 CNY/kWh at 0.14 USD per CNY = 0.028 USD → flagged; 0.3 CNY = 0.042 USD → not.
    expect(checkPowerPrice(0.2, 0.14)?.values.power).toBeCloseTo(0.028, 10);
    expect(checkPowerPrice(0.3, 0.14)).toBeNull();
  });

  test('E10: machines × TH against the claimed total; a large claim in machines, MW and network share', () => {
    // 1,000 S21 XP (270 TH, 3,645 W) make 270 PH/s; a 500 PH claim is off by 46 %.
    expect(checkCapacity({ claimedThs: 500_000, machines: 1000, machineThs: 270, machineW: 3645 })).toMatchObject({
      code: 'E10',
      message: 'E10mismatch',
      values: { implied: 270_000, claimed: 500_000 },
    });
    expect(checkCapacity({ claimedThs: 280_000, machines: 1000, machineThs: 270, machineW: 3645 })).toBeNull();
    // 1 EH/s = 1e6 TH/s: ⌈1e6 / 270⌉ = 3,704 machines × 3,645 W = 13.5 MW; network 950 EH/s → 0.105 %.
    const big = checkCapacity({ claimedThs: 1e6, machineThs: 270, machineW: 3645, networkThs: 950e6 })!;
    expect(big).toMatchObject({ severity: 'medium', message: 'E10large', values: { count: 3704 } });
    expect(big.values.mw).toBeCloseTo((3704 * 3645) / 1e6, 10);
    expect(big.values.share).toBeCloseTo((1e6 / 950e6) * 100, 10);
    expect(checkCapacity({ claimedThs: 2e7, machineThs: 270, machineW: 3645 })?.severity).toBe('high');
    expect(checkCapacity({ claimedThs: 5e5, machineThs: 270, machineW: 3645 })).toBeNull();
  });
});

describe('end to end', () => {
  let up: FakeUpstream;
  let rt: Runtime;
  beforeAll(async () => {
    up = await startFakeUpstream();
    rt = await testRuntime(up, { clock: manualClock() });
  });
  afterAll(async () => {
    await rt.close();
    await up.close();
  });

  const run = (text: string, lang: 'en' | 'zh-Hans' = 'en'): Promise<Reply> =>
    dispatch('provider-check', { text }, { lang, platform: 'test' }, rt.deps);
  const flags = (r: Reply) => (r.json as { flags: Array<{ code: string; severity: string; message: string }> }).flags;

  test('every new signal in one offer, in English and Chinese, with the live difficulty for the network share', async () => {
    const text =
      'name=MegaHash contract_price=5 days=365 payout=pool maintenance=0.01 farm_location="Sichuan hydro" contact=dm power_price=0.02 claimed_total=2EH machine=s21xp';
    const r = await run(text);
    const byCode = Object.fromEntries(flags(r).map((f) => [f.code, f]));
    expect(byCode.R4?.message).toContain('Sichuan hydro');
    expect(byCode.C1?.message).toMatch(/unsolicited direct message/);
    expect(byCode.E9?.message).toContain('0.02 USD/kWh, is below 0.03');
    // 2 EH/s at 270 TH per S21 XP: 7,408 machines × 3,645 W ≈ 27 MW; the network from the sample's difficulty.
    const networkThs = (132_757_073_449_487.5 * 2 ** 32) / 600 / 1e12;
    const share = ((2e6 / networkThs) * 100).toFixed(2);
    expect(byCode.E10?.message).toContain('7,408 machines');
    expect(byCode.E10?.message).toContain(`≈ ${Math.round((7408 * 3645) / 1e5) / 10} MW`);
    expect(byCode.E10?.message).toContain(`(${share}% of the network)`);
    const zh = await run(text, 'zh-Hans');
    expect(JSON.stringify(zh)).toContain('中国大陆自 2021 年起禁止挖矿');
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
  });

  test('bad values name the option', async () => {
    expect((await run('contact=phone')).title).toMatch(/^contact "phone"/);
    expect((await run('machines=-3')).title).toMatch(/^machines /);
    expect((await run('claimed_total=lots')).title).toMatch(/^claimed_total "lots"/);
  });
});
