import { dispatch, type Reply } from '../../../commands/index.js';
import { startFakeUpstream, type FakeUpstream } from '../../fakes/upstream.js';
import { manualClock, testRuntime } from '../../helpers.js';
import type { Runtime } from '../../../bot/runtime.js';

let up: FakeUpstream;
let rt: Runtime;
const clock = manualClock(Date.UTC(2026, 8, 19, 19, 0, 0));

beforeAll(async () => {
  up = await startFakeUpstream();
});
afterAll(async () => {
  await up.close();
});
beforeEach(async () => {
  up.reset();
  rt = await testRuntime(up, { clock });
});
afterEach(async () => {
  await rt.close();
});

const run = (text: string, lang: 'en' | 'zh-Hans' = 'en'): Promise<Reply> =>
  dispatch('break-even', { text }, { lang, platform: 'test' }, rt.deps);
type J = Record<string, number | null | string | Record<string, unknown>>;

describe('rig mode (mining-math.md §6–§7 worked example)', () => {
  test('0.03/kWh, 2 %/month, 3,500 USD: payback day ≈ 919 and the halving shown', async () => {
    const r = await run('s21xp 0.03 hardware_cost=3500 pool_fee=2% uptime=98%');
    expect(r.kind).toBe('ok');
    const j = r.json as J;
    expect(j.paybackDays as number).toBeCloseTo(919.3, 0);
    expect(j.breakEvenPrice as number).toBeCloseTo(21_245, -1);
    // independent: break-even electricity = revenue per day / kWh per day
    const revenue =
      ((270 * 20_116_567.61 * (3.125 + 270_908_142 / 144 / 1e8)) / 132_757_073_449_487.5) * 0.98 * 0.98 * 81_445;
    expect(j.breakEvenElectricity as number).toBeCloseTo(revenue / (3.645 * 24), 4);
    expect(j.staticPaybackDays as number).toBeCloseTo(470.7, 0);
    expect(j.paybackDate).toBe(
      new Date(clock.now() + (j.paybackDays as number) * 86_400_000).toISOString().slice(0, 10),
    );
    expect((j.halving as Record<string, number>).height).toBe(1_050_000);
    expect(r.fields.map((f) => f.name)).toContain('Halving');
  });

  test('0.05/kWh, 2 %/month: never pays back, unprofitable from the halving', async () => {
    const j = (await run('s21xp 0.05 hardware_cost=3500 pool_fee=2% uptime=98%')).json as J;
    expect(j.paybackDays).toBeNull();
    expect(j.unprofitableFromHeight).toBe(1_050_000);
    expect(j.cumulativeProfit as number).toBeCloseTo(2322, -1);
  });

  test('growth 0 and a longer horizon: payback day ≈ 937', async () => {
    const j = (await run('s21xp 0.05 hardware_cost=3500 pool_fee=2% uptime=98% difficulty_growth=0 months=60'))
      .json as J;
    expect(j.paybackDays as number).toBeCloseTo(937.1, 0);
  });

  test('payback beyond the horizon is reported as not within it', async () => {
    const r = await run('s21xp 0.01 hardware_cost=50000 difficulty_growth=0 months=12');
    expect((r.json as J).paybackDays).toBeNull();
    expect(r.fields.find((f) => f.name === 'Payback (simulated)')?.value).toBe('not within 12 months');
  });

  test('without hardware cost: break-even figures only', async () => {
    const j = (await run('100TH 3000W 0.05')).json as J;
    expect(j.paybackDays).toBeNull();
    expect(j.breakEvenElectricity as number).toBeGreaterThan(0);
  });

  test('Chinese', async () => {
    const r = await run('s21xp 0.03 hardware_cost=3500', 'zh-Hans');
    expect(r.title).toContain('回本分析');
    expect(r.fields.map((f) => f.value).join(' ')).toContain('/天');
  });
});

describe('contract mode (mining-math.md §8)', () => {
  test('100 TH, 365 days, 6/TH upfront, 0.018/TH/day: total cost, revenue, ROI, break-even price', async () => {
    const r = await run('contract_price=6 hashrate=100TH days=365 maintenance=0.018 pool_fee=2%');
    expect(r.kind).toBe('ok');
    const j = r.json as J;
    expect(j.totalCost).toBeCloseTo(600 + 0.018 * 100 * 365, 9);
    expect(j.btcMined as number).toBeCloseTo(0.015233, 5);
    expect(j.projectedRevenue as number).toBeCloseTo((j.btcMined as number) * 81_445, 6);
    expect(j.roiPct as number).toBeCloseTo((((j.projectedRevenue as number) - 1257) / 1257) * 100, 9);
    expect(j.breakEvenPrice as number).toBeCloseTo(82_516, -1);
  });

  test('hashrate defaults to 1 TH; a 3-year contract notes the halving', async () => {
    const r = await run('contract_price=20 days=1095');
    const j = r.json as J;
    expect(j.hashrateThs).toBe(1);
    expect(j.crossesHalving).toBe(true);
    expect(r.lines.join(' ')).toMatch(/halving at block 1,050,000/);
  });

  test.each([
    ['contract_price=6 hashrate=100TH', /days is missing: a contract needs its length, like days=365/],
    ['contract_price=6 days=0', /days "0" is out of range/],
    ['contract_price=6 days=99999', /days "99999" is out of range/],
    ['contract_price=-1 days=10', /contract_price "-1"/],
    ['contract_price=6 days=365 model=s19', /contract_price and model cannot be used together/],
    ['s21xp 0.05 hardware_cost=abc', /hardware_cost "abc"/],
    ['s21xp 0.05 difficulty_growth=50%', /difficulty_growth "50%" is out of range.*-10% and 10%/],
    ['100TH 0.05', /Give the power/],
  ])('%s', async (text, message) => {
    const r = await run(text);
    expect(r.kind).toBe('user-error');
    expect(r.title).toMatch(message);
  });
});

describe('the headline states the outcome', () => {
  test('pays back: in how many days, on which date', async () => {
    const r = await run('s21xp 0.05 hardware_cost=3500');
    const j = r.json as { paybackDays: number | null; paybackDate: string | null };
    if (j.paybackDays !== null)
      expect(r.headline).toBe(
        `Pays back in ${Math.round(j.paybackDays).toLocaleString('en-US')} days (${j.paybackDate})`,
      );
    else expect(r.headline).toMatch(/^Does not pay back within \d+ months/);
  });
  test('does not pay back: says so, and why', async () => {
    const r = await run('s19jpro 0.07 hardware_cost=9000 months=36');
    expect(r.headline).toMatch(/^Does not pay back within 36 months(: (turns unprofitable|loses money).*)?$/);
  });
  test('without hardware_cost: the break-even power price once, and a hint to add the hardware cost', async () => {
    const r = await run('s21xp 0.05');
    expect(r.headline).toMatch(/^Profitable while electricity costs less than \$\d/);
    const text = [r.headline, ...r.lines, ...r.fields.map((f) => `${f.name} ${f.value}`)].join('\n');
    expect(text.match(/Break-even electricity \(today\)/g)).toHaveLength(1);
    expect(r.lines.join('\n')).toMatch(/Add hardware_cost= .* break-even s21xp 0\.05 hardware_cost=3500/);
  });
  test('in Chinese too, with Chinese punctuation', async () => {
    const r = await run('s21xp 0.05', 'zh-Hans');
    expect(r.headline).toMatch(/^电价低于 .* 时盈利$/);
    const never = await run('s21xp 0.05 hardware_cost=3500', 'zh-Hans');
    if (never.headline?.includes('无法回本')) expect(never.headline).toMatch(/^\d+ 个月内无法回本：/);
  });
});
