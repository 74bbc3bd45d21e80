// A labelled set of real-world-shaped offers (provider-check issue #11): fair contracts, honest but
// poor value, fraud in English, 简体 and 繁體 (shaped on public regulator cases and typical ads), and
// offers with nothing to judge. Minimums asserted per label: no fair offer below `unclear`, no
// honest-but-poor offer below `high-risk`, every fraud pattern `implausible`, nothing-to-judge always
// `insufficient` (score null). Market: the recorded samples (1 TH/s mines ≈ $0.0388/day gross).
import { dispatch, type Reply } from '../../../commands/index.js';
import { startFakeUpstream, type FakeUpstream } from '../../fakes/upstream.js';
import { testRuntime } from '../../helpers.js';
import type { Runtime } from '../../../bot/runtime.js';

let up: FakeUpstream;
let rt: Runtime;
beforeAll(async () => {
  up = await startFakeUpstream();
  rt = await testRuntime(up, { env: { WEB_CHECKS: 'false' } });
});
afterAll(async () => {
  await rt.close();
  await up.close();
});

type Label = 'fair' | 'poor' | 'fraud' | 'nothing' | 'not-consistent';
interface J {
  score: number | null;
  band: string;
  flags: Array<{ code: string; severity: string }>;
}

const OFFERS: Array<[Label, string, string]> = [
  // Fair: priced at about what the hashrate mines (value ratio ≈ 1), payouts at or below hashprice.
  [
    'fair',
    'issue example: estimate equal to hashprice',
    'name=Ridgeline contract_price=13 hashrate=50TH days=365 payout=0.0388 guaranteed=no payout_asset=btc',
  ],
  [
    'fair',
    'same economics, pool payouts',
    'name=Ridgeline contract_price=13 hashrate=50TH days=365 payout=pool payout_asset=btc',
  ],
  [
    'fair',
    'NiceHash-style one-day rental at hashprice',
    'name="Rental order" hashrate=100TH days=1 contract_price=0.039 payout=pool',
  ],
  ['fair', 'Braiins Hashpower-style 7-day bid', 'hashrate=1000TH days=7 contract_price=0.27 payout=pool'],
  [
    'fair',
    'hosted contract with a maintenance fee',
    'name=Example contract_price=6 hashrate=100TH days=365 maintenance=0.018 payout=pool',
  ],
  [
    'fair',
    '简体 hosted contract ad with pool payouts',
    'text="云算力合约 100T 365天 价格 600 USDT，电费 0.018 USDT/T/天，按矿池实际产出结算" payout=pool maintenance=0.018',
  ],
  [
    'fair',
    '繁體 hosted contract ad with pool payouts',
    'text="雲算力合約 100T 365天 600 USDT，電費每T每天0.018 USDT，按礦池實際產出結算" payout=pool maintenance=0.018',
  ],
  ['fair', 'two-year hosted contract', 'hashrate=10TH days=730 contract_price=14 maintenance=0.012 payout=pool'],
  ['fair', '180-day estimate below hashprice', 'contract_price=6 days=180 payout=0.036 guaranteed=no'],
  [
    'fair',
    'English ad, honest wording',
    'text="100 TH/s hosted on S21 machines, 365 days, 1,250 USDT. Payouts are the pool\'s actual output; they move with difficulty and price." payout=pool',
  ],
  // Honest but poor value for the buyer: overpriced, fees that eat the output, lifetime with a stop clause.
  ['poor', 'overpriced one-year contract', 'hashrate=10TH contract_price=25 days=365 payout=pool'],
  [
    'poor',
    'maintenance close to the output (stops early)',
    'hashrate=10TH contract_price=10 days=365 maintenance=0.036 payout=pool',
  ],
  [
    'poor',
    'lifetime contract whose fee overtakes the output',
    'days=lifetime contract_price=15 maintenance=0.035 payout=pool',
  ],
  ['poor', 'two years at twice the value', 'contract_price=30 days=730 maintenance=0.02 payout=pool'],
  ['poor', 'fixed estimate below hashprice, overpriced', 'contract_price=20 days=365 payout=0.03 guaranteed=no'],
  [
    'poor',
    'English ad, expensive',
    'text="100 TH/s for 365 days, 2,400 USDT, daily payout from the pool, maintenance 0.025 USDT/TH/day" payout=pool maintenance=0.025',
  ],
  // Fraud: regulator cases (by name), guaranteed returns, pay-to-withdraw, wallet drainers, Ponzi wording.
  ['fraud', 'HashFlare (DOJ 2022)', 'name=HashFlare'],
  ['fraud', 'BitClub Network (DOJ 2019)', 'name="BitClub Network"'],
  ['fraud', 'GAW Miners / Hashlets (SEC 2015)', 'name="GAW Miners"'],
  ['fraud', 'IcomTech (DOJ 2021)', 'name=IcomTech'],
  ['fraud', 'AirBit Club (DOJ 2020)', 'name="AirBit Club"'],
  ['fraud', 'Mining Capital Coin (DOJ 2022)', 'name="Mining Capital Coin"'],
  [
    'fraud',
    'reference: fixed payout twice hashprice',
    'name="HashPlus" hashrate=10TH contract_price=2 days=30 payout=0.08 maintenance=0',
  ],
  ['fraud', 'payout far above what a TH mines', 'contract_price=100 days=365 payout=2'],
  ['fraud', '简体: pay a "tax" to withdraw', 'text="恭喜您的账户收益已达 3,200 USDT，提现需先缴纳10%个人所得税"'],
  ['fraud', '繁體: pay a "tax" to withdraw', 'text="恭喜您的帳戶收益已達 3,200 USDT，提現需先繳納10%個人所得稅"'],
  [
    'fraud',
    'English: pay tax before withdrawal',
    'text="Your balance has reached 3,200 USDT. Pay 10% tax before withdrawal."',
  ],
  [
    'fraud',
    'English: activation fee',
    'text="Congratulations! To unlock your withdrawal, pay the 300 USDT activation fee."',
  ],
  ['fraud', '简体: deposit before withdrawing', 'text="您的收益已到账，需缴纳20%保证金才能提现"'],
  [
    'fraud',
    'account frozen until a fee is paid',
    'text="Your account has been frozen. Send a 500 USDT unfreezing fee to release your funds."',
  ],
  [
    'fraud',
    '简体 Ponzi: referral levels, teacher, guaranteed',
    'text="三级返佣，老师带单，名额有限，四川水电矿场，日息1.5%，保本保息"',
  ],
  ['fraud', '繁體 Ponzi: same words', 'text="三級返傭，老師帶單，名額有限，四川水電礦場，日息1.5%，保本保息"'],
  [
    'fraud',
    'English: guaranteed 1 % daily with referrals',
    'text="Guaranteed 1% daily return! 3-level referral bonus, withdraw anytime, risk-free cloud mining"',
  ],
  [
    'fraud',
    'fake regulator + guaranteed profit',
    'text="SEC registered company with MSB licence. Guaranteed daily profit 2%."',
  ],
  [
    'fraud',
    'connect-wallet drainer',
    'text="Connect your wallet to start free cloud mining, approve USDT to receive daily rewards"',
  ],
  ['fraud', '永久算力 with a fixed daily %', 'text="100T 永久算力 日息0.5% 三级返佣 900 USDT"'],
  // Never consistent: tokenized hashrate from an unknown issuer.
  [
    'not-consistent',
    'hashrate NFT on a secondary market',
    'text="Tokenized hashrate NFT, trade on secondary market, 100TH for 365 days 900 USDT"',
  ],
  ['not-consistent', '算力NFT with pool payouts', 'text="算力NFT 100T 365天 900 USDT 可在二级市场交易" payout=pool'],
  // Nothing to judge.
  ['nothing', 'no arguments', ''],
  ['nothing', 'a name only', 'name="SuperHash Cloud"'],
  ['nothing', 'a name and a site', 'name="Ridgeline Mining" url=https://ridgeline-mining.example'],
  ['nothing', 'a site on shared hosting', 'url=https://superhash-cloud.github.io'],
  ['nothing', 'two English words', 'text="Cloud mining"'],
  ['nothing', '简体 greeting', 'text="云算力，欢迎咨询"'],
  ['nothing', '繁體 greeting', 'text="雲算力，歡迎諮詢"'],
  ['nothing', 'Filecoin staking (not Bitcoin economics)', 'text="Filecoin 质押挖矿 1T 365天 200 USDT"'],
  ['nothing', 'a hashrate only', 'hashrate=100TH'],
];

const allowed: Record<Label, string[]> = {
  fair: ['consistent', 'unclear'],
  poor: ['consistent', 'unclear', 'high-risk'],
  fraud: ['implausible'],
  'not-consistent': ['unclear', 'high-risk', 'implausible', 'insufficient'],
  nothing: ['insufficient'],
};

async function check(text: string, lang: 'en' | 'zh-Hans'): Promise<{ r: Reply; j: J }> {
  const r = await dispatch('provider-check', { text }, { lang, platform: 'test' }, rt.deps);
  expect(r.kind).toBe('ok');
  return { r, j: r.json as J };
}

if (process.env.DUMP_BANDS)
  test('dump', async () => {
    const out: string[] = [];
    for (const [label, name, text] of OFFERS) {
      const r = await dispatch('provider-check', { text }, { lang: 'en', platform: 'test' }, rt.deps);
      const j = r.json as J & { economics: Record<string, number | null> };
      out.push(
        `${label.padEnd(14)} ${j.band.padEnd(12)} ${String(j.score).padEnd(4)} vr=${j.economics.valueRatio?.toFixed(2)} net=${j.economics.netAnnualReturnPct?.toFixed(0)} ${j.flags.map((f) => `${f.code}:${f.severity[0]}`).join(',')} | ${name}`,
      );
    }
    process.stdout.write(out.join('\n') + '\n');
  });

test('the set has at least 30 offers, every label represented', () => {
  expect(OFFERS.length).toBeGreaterThanOrEqual(30);
  for (const label of Object.keys(allowed)) expect(OFFERS.some(([l]) => l === label)).toBe(true);
});

test.each(OFFERS)('%s: %s', async (label, _name, text) => {
  for (const lang of ['en', 'zh-Hans'] as const) {
    const { r, j } = await check(text, lang);
    expect(`${j.band} (${String(j.score)})`).toMatch(new RegExp(`^(${allowed[label].join('|')}) `));
    if (j.band === 'insufficient') {
      expect(j.score).toBeNull();
      expect(r.headline).not.toMatch(/Consistent|相符/);
    }
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity|-\d+(\.\d+)?×/);
  }
});

describe('what the verdict rests on', () => {
  test('guaranteed=no with a number is an estimate (no E2); guaranteed=yes is E2', async () => {
    const est = (await check('contract_price=13 days=365 payout=0.0388 guaranteed=no', 'en')).j;
    expect(est.flags.map((f) => f.code)).not.toContain('E2');
    const fixed = (await check('contract_price=13 days=365 payout=0.0388 guaranteed=yes', 'en')).j;
    expect(fixed.flags.map((f) => `${f.code}:${f.severity}`)).toContain('E2:critical');
  });

  test('a contract that merely returns its price in a year is not a 100 % return (E6 is net)', async () => {
    // 1/365 of the price a day: gross payouts 100 % of the price a year, net 0 %
    const { j } = await check('contract_price=36.5 days=365 payout=0.1', 'en');
    const e = (j as unknown as { economics: { impliedAprPct: number; netAnnualReturnPct: number } }).economics;
    expect(e.impliedAprPct).toBeCloseTo(100, 6);
    expect(e.netAnnualReturnPct).toBeCloseTo(0, 6);
    expect(j.flags.map((f) => f.code)).not.toContain('E6');
  });

  test('the stop clause: fees past the point they exceed output are not charged, value never negative, and the reply says when it stops', async () => {
    const { r, j } = await check('days=lifetime contract_price=15 maintenance=0.035 payout=pool', 'en');
    const e = (j as unknown as { economics: { valueRatio: number; stopsAtDay: number } }).economics;
    expect(e.valueRatio).toBeGreaterThanOrEqual(0);
    expect(e.stopsAtDay).toBeGreaterThan(0);
    expect(r.lines.join('\n')).toMatch(/stop clause the contract ends around day \d+/);
  });

  test('every flag is shown: six in full, then "+N more" with their codes', async () => {
    const { r, j } = await check(
      'text="100T 永久算力 日息0.5% 三级返佣 900 USDT 老师带单 名额有限 四川水电矿场"',
      'en',
    );
    expect(j.flags.length).toBeGreaterThan(6);
    const why = r.fields[0]!.value;
    expect(why.split('\n').filter((l) => /^\d\) /.test(l))).toHaveLength(6);
    expect(why).toMatch(new RegExp(`\\+${j.flags.length - 6} more: `));
  });

  test('asks only for the fields not given', async () => {
    const { r } = await check('contract_price=6 hashrate=100TH days=365 payout=pool', 'en');
    const ask = r.lines.find((l) => l.startsWith('To check the economics'))!;
    expect(ask).toMatch(/maintenance/);
    expect(ask).not.toMatch(/contract_price|days|payout/);
  });

  test('insufficient in Chinese too, with nothing green', async () => {
    const { r, j } = await check('name="SuperHash Cloud"', 'zh-Hans');
    expect(j.band).toBe('insufficient');
    expect(r.headline).toMatch(/^信息不足，无法判断/);
    expect(r.tone).not.toBe('good');
  });
});

test('with no live data at all, what the text says still decides: pay-to-withdraw stays implausible, quoted as written', async () => {
  const dead = await testRuntime(up, { env: { WEB_CHECKS: 'false' } });
  up.faultAll({ status: 503 });
  try {
    const r = await dispatch(
      'provider-check',
      { text: 'text="恭喜您的帳戶收益已達 3,200 USDT，提現需先繳納10%個人所得稅"' },
      { lang: 'zh-Hans', platform: 'test' },
      dead.deps,
    );
    expect(r.kind).toBe('ok');
    expect((r.json as J).band).toBe('implausible');
    expect(r.fields[0]!.value).toContain('提現需先繳納10%個人所得稅');
    expect(r.lines.join('\n')).toMatch(/暂时无法获取实时行情/);
  } finally {
    up.faultAll(null);
    await dead.close();
  }
});
