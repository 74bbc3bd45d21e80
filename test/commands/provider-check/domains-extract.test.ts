import { domainToASCII } from 'node:url';
import { lookAlike, officialPool, parseLink, type ParsedLink } from '../../../commands/provider-check/domains.calc.js';
import { extractOffer, scanKeywords } from '../../../commands/provider-check/extract.js';
import { score, type Finding } from '../../../commands/provider-check/checks.calc.js';

const parsed = (raw: string): ParsedLink => {
  const p = parseLink(raw);
  if (typeof p === 'string') throw new Error(p);
  return p;
};

describe('look-alike host matcher', () => {
  test.each([
    ['https://www.antpool.com/observer', undefined],
    ['https://v3.antpool.com', undefined],
    ['https://www.f2pool.com', undefined],
    ['https://pool.braiins.com', undefined],
    ['https://antpool.com.example.xyz', 'extra-labels'],
    ['https://antpool.com-login.site', 'extra-labels'],
    ['https://antp00l.com', 'homoglyph'],
    ['https://f2p001.com', 'homoglyph'],
    ['https://antpoool.com', 'typo'],
    ['https://antpool.net', 'typo'],
    [`https://${domainToASCII('аntpool.com')}`, 'punycode'],
    [`https://${domainToASCII('vіabtc.com')}`, 'punycode'],
    ['https://viabtc-cloudmining.io', 'brand-word'],
    ['https://example.org', undefined],
    ['https://hashrate.shop', undefined],
  ])('%s → %s', (raw, kind) => {
    expect(lookAlike(parsed(raw))?.kind).toBe(kind);
  });

  test('only exact allowlisted hosts are official observer hosts', () => {
    expect(officialPool('www.antpool.com')).toBe('antpool');
    expect(officialPool('antpool.com.evil.xyz')).toBeUndefined();
    expect(officialPool('evil.antpool.com')).toBeUndefined();
  });

  test.each([
    ['file:///etc/passwd', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['data:text/html,x', 'scheme'],
    ['https://a:b@antpool.com/', 'credentials'],
    ['https://', 'invalid'],
  ])('%s is refused as %s', (raw, problem) => expect(parseLink(raw)).toBe(problem));

  test('IP literals in any notation are recognised', () => {
    for (const raw of ['http://127.0.0.1/x', 'http://[::1]/', 'http://2130706433/', 'http://0x7f000001/'])
      expect(parsed(raw).isIp).toBe(true);
  });
});

describe('ad text extraction', () => {
  test.each([
    [
      '100T 永久算力 日息0.5% 三级返佣 900 USDT',
      { hashrateThs: 100, days: 'lifetime', dailyPct: 0.5, referralLevels: 3, totalPrice: 900 },
    ],
    ['S21 云算力 200T 365天 月息6% 每天收益 12 USDT', { hashrateThs: 200, days: 365, dailyPct: 0.2, dailyAmount: 12 }],
    [
      'Buy 1.5PH for 180 days, only $2,400! Daily ROI 1.2%. No electricity fee. 2-level referral bonus',
      { hashrateThs: 1500, days: 180, totalPrice: 2400, dailyPct: 1.2, noMaintenanceFee: true, referralLevels: 2 },
    ],
    ['Withdrawal fee 12%. Payouts in our own token.', { withdrawalFeePct: 12, tokenPayout: true }],
  ])('%s', (text, expected) => {
    expect(extractOffer(text)).toMatchObject(expected);
  });

  test('keyword scanner names the phrase it matched', () => {
    expect(scanKeywords('保本保息 躺赚 解冻费 连接钱包')).toEqual(
      expect.arrayContaining([
        { code: 'P4', phrase: '保本' },
        { code: 'E2', phrase: '保息, 躺赚' },
        { code: 'P3C', phrase: '解冻费' },
        { code: 'C2', phrase: '连接钱包' },
      ]),
    );
    expect(scanKeywords('A normal mining contract with pool output.')).toEqual([]);
  });
});

describe('score and bands (provider-check.md §8)', () => {
  const f = (severity: Finding['severity'], points?: number): Finding => ({
    code: 'X',
    severity,
    message: 'E1',
    values: {},
    ...(points ? { points } : {}),
  });
  test.each([
    [[], 95, 'consistent'],
    [[f('medium')], 90, 'consistent'],
    [[f('high')], 75, 'consistent'],
    [[f('high'), f('medium')], 65, 'unclear'],
    [[f('high'), f('high')], 50, 'unclear'],
    [[f('high'), f('high'), f('medium')], 40, 'high-risk'],
    [[f('critical')], 10, 'implausible'],
    [[f('critical'), f('positive', 10)], 10, 'implausible'],
    [[f('medium'), f('positive', 15)], 95, 'consistent'],
    [[f('critical'), f('critical')], 0, 'implausible'],
  ] as Array<[Finding[], number, string]>)('%#: %j → %i %s', (findings, value, band) => {
    expect(score(findings)).toEqual({ score: value, band });
  });
});

describe('registrable domains from the Public Suffix List', () => {
  const reg = (raw: string) => {
    const l = parseLink(raw);
    if (typeof l === 'string') throw new Error(l);
    return { registrable: l.registrable, shared: l.sharedSuffix };
  };
  test.each([
    ['https://superhash.github.io/plans', 'github.io', 'github.io'],
    ['https://cloud-mine.vercel.app', 'vercel.app', 'vercel.app'],
    ['http://btc-yield.blogspot.com', 'blogspot.com', 'blogspot.com'],
    ['https://shop.minerio.com.br', 'minerio.com.br', undefined],
    ['https://www.hash.co.uk', 'hash.co.uk', undefined],
    ['https://a.b.example.com.cn', 'example.com.cn', undefined],
    ['https://xn--80ak6aa92e.com', 'xn--80ak6aa92e.com', undefined],
    ['https://www.antpool.com', 'antpool.com', undefined],
  ])('%s → %s', (raw, registrable, shared) => {
    expect(reg(raw)).toEqual({ registrable, shared });
  });
});

describe('繁體 ad text matches the 简体 patterns', () => {
  test.each([
    ['三級返傭，老師帶單，名額有限，四川水電礦場', ['P1', 'C1', 'R4']],
    ['提現需先繳納10%個人所得稅', ['P3C']],
    ['帳戶已凍結', ['P3F']],
    ['保本保息，穩賺不賠', ['P4', 'E2']],
    ['算力NFT，可在二級市場交易', ['T1']],
  ])('%s', (text, codes) => {
    const found = scanKeywords(text).map((k) => k.code);
    for (const c of codes) expect(found).toContain(c);
  });
});
