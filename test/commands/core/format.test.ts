import {
  fmtAge,
  fmtBtc,
  fmtHashrate,
  fmtMoney,
  fmtNumber,
  fmtPct,
  fmtPower,
  fmtShare,
} from '../../../commands/core/format.js';

// The fast formatters are checked against Intl.NumberFormat, the independent reference.
const intl = (v: number, o: Intl.NumberFormatOptions, locale = 'en-US'): string =>
  new Intl.NumberFormat(locale, o).format(v);

test.each([0, 1, -1, 12.345, 1234.5, 1_234_567.891, -9_876_543.21, 0.005, 999.999, 1e20])(
  'fmtNumber(%f) equals Intl',
  (v) => {
    for (const d of [0, 1, 2, 4]) {
      expect(fmtNumber(v, 'en', d)).toBe(intl(v, { maximumFractionDigits: d }).replace(/^-0$/, '0'));
      expect(fmtNumber(v, 'zh-Hans', d)).toBe(intl(v, { maximumFractionDigits: d }, 'zh-CN').replace(/^-0$/, '0'));
    }
  },
);

test.each([
  ['usd', 'en', 10.0608, '$10.06'],
  ['usd', 'en', 81_445, '$81,445'],
  ['usd', 'en', 0.038799, '$0.0388'],
  ['usd', 'en', -5.687, '-$5.69'],
  ['usd', 'zh-Hans', 10.0608, 'US$10.06'],
  ['eur', 'en', 1234.5, '€1,234.50'],
  ['cny', 'zh-Hans', 815_775, '¥815,775'],
  ['cny', 'en', 3.2, 'CN¥3.20'],
  ['jpy', 'en', 12_778_306, '¥12,778,306'],
  ['chf', 'en', 2.5, 'CHF 2.50'],
  ['usd', 'en', 0, '$0.00'],
] as const)('fmtMoney %s %s %f', (cur, lang, v, expected) => {
  expect(fmtMoney(v, cur, lang).replace(/\u00a0/g, ' ')).toBe(expected);
});

test('fmtMoney matches Intl for ordinary amounts', () => {
  for (const v of [1, 12.34, 999.99, 5000, 12_345, 9_999_999]) {
    const o: Intl.NumberFormatOptions = {
      style: 'currency',
      currency: 'USD',
      ...(v >= 10_000 ? { maximumFractionDigits: 0 } : {}),
    };
    expect(fmtMoney(v, 'usd', 'en')).toBe(intl(v, o));
  }
});

test('non-finite numbers never print as NaN or Infinity', () => {
  for (const v of [NaN, Infinity, -Infinity]) {
    for (const s of [
      fmtNumber(v, 'en'),
      fmtMoney(v, 'usd', 'en'),
      fmtBtc(v, 'en'),
      fmtPct(v, 'en'),
      fmtHashrate(v, 'en'),
      fmtPower(v, 'en'),
    ]) {
      expect(s).toBe('—');
    }
  }
});

test('units', () => {
  expect(fmtHashrate(270, 'en')).toBe('270 TH/s');
  expect(fmtHashrate(1200, 'en')).toBe('1.2 PH/s');
  expect(fmtHashrate(933_299_493, 'en')).toBe('933.3 EH/s');
  expect(fmtPower(3645, 'en')).toBe('3,645 W');
  expect(fmtPower(24_000, 'en')).toBe('24 kW');
  expect(fmtBtc(0.00012353, 'en')).toBe('0.00012353');
  expect(fmtPct(0.565, 'en')).toBe('56.5%');
  expect(fmtAge(42_000, 'en')).toBe('42 s');
  expect(fmtAge(20 * 60_000, 'zh-Hans')).toBe('20 分钟');
});

test('shares always have one decimal, so shares side by side read alike', () => {
  expect(fmtShare(54, 'en')).toBe('54.0%');
  expect(fmtShare(35.46, 'zh-Hans')).toBe('35.5%');
  expect(fmtShare(0.04, 'en')).toBe('0.0%');
  expect(fmtShare(-0.01, 'en')).toBe('0.0%');
  expect(fmtShare(Number.NaN, 'en')).toBe('—');
});
