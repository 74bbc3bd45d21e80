import { classifyToken, parseArgs, tokenize } from '../../../commands/core/args.js';
import { ASIC_CATALOG } from '../../../commands/mining/asic-models.js';
import { findModel, searchModels, suggestModels } from '../../../commands/mining/asic-models.js';
import { UserError } from '../../../commands/core/errors.js';
import { currencyOf } from '../../../commands/core/options.js';
import { suggest } from '../../../commands/core/suggest.js';

describe('tokenizer', () => {
  test.each([
    ['a b  c', ['a', 'b', 'c']],
    ['model="S21 XP" count=2', ['model=S21 XP', 'count=2']],
    ["'S19 XP' 0.05", ['S19 XP', '0.05']],
    ['text=“日息0.5% 永久算力”', ['text=日息0.5% 永久算力']],
    ['key=', ['key=']],
  ])('%s', (text, tokens) => expect(tokenize(text)).toEqual(tokens));

  test('an unclosed quote is a user error', () => {
    expect(() => tokenize('model="S21')).toThrow(UserError);
  });
});

describe('positional tokens by unit', () => {
  test.each([
    ['100TH', 'hashrate'],
    ['1.2PH/s', 'hashrate'],
    ['950EH', 'hashrate'],
    ['100T', 'hashrate'],
    ['3250W', 'power'],
    ['3.25kW', 'power'],
    ['21.5J/TH', 'efficiency'],
    ['0.06', 'electricity'],
    ['0.06/kWh', 'electricity'],
    ['$0.06/kWh', 'electricity'],
    ['s19xp', 'model'],
    ['S21+', 'model'],
    ['m30s++', 'model'],
    ['banana', undefined],
  ])('%s → %s', (token, kind) => expect(classifyToken(token, ASIC_CATALOG)).toBe(kind));

  test('multi-word model names without quotes, longest first', () => {
    expect(parseArgs('S21 XP Hyd 0.05', ASIC_CATALOG).positional).toEqual([
      { kind: 'model', value: 'S21 XP Hyd' },
      { kind: 'electricity', value: '0.05' },
    ]);
    expect(parseArgs('S21 Pro', ASIC_CATALOG).positional).toEqual([{ kind: 'model', value: 'S21 Pro' }]);
  });

  test('a number followed by a bare unit is one value', () => {
    expect(parseArgs('100 TH 3250 W 0.06').positional).toEqual([
      { kind: 'hashrate', value: '100TH' },
      { kind: 'power', value: '3250W' },
      { kind: 'electricity', value: '0.06' },
    ]);
  });

  test('keys are lower-cased and dashes become underscores', () => {
    expect(parseArgs('Pool-Fee=2%').named).toEqual([{ key: 'pool_fee', value: '2%' }]);
  });
});

describe('ASIC presets', () => {
  test.each(['S19 XP', 's19xp', 'S19-XP', 'Antminer S19 XP', 's19 xp'])('%s matches s19xp', (name) => {
    expect(findModel(name)?.id).toBe('s19xp');
  });
  test('M30S++ and S21+', () => {
    expect(findModel('Whatsminer M30S++')?.id).toBe('m30splusplus');
    expect(findModel('s21+')?.id).toBe('s21plus');
  });
  test('did-you-mean puts the nearest first', () => {
    expect(suggestModels('s19xpp')[0]?.id).toBe('s19xp');
    expect(suggestModels('s21 xpp')[0]?.id).toBe('s21xp');
  });
  test('search for autocomplete: at most 25, substring match', () => {
    expect(searchModels('').length).toBeLessThanOrEqual(25);
    expect(searchModels('m6').map((m) => m.id)).toEqual(expect.arrayContaining(['m60', 'm60s', 'm63s', 'm66']));
  });
  test('at least 15 presets, each with a consistent efficiency', () => {
    const all = searchModels('', 100);
    expect(all.length).toBeGreaterThanOrEqual(15);
    for (const m of all)
      expect(Math.abs(m.powerW / m.hashrateThs - m.efficiencyJth) / m.efficiencyJth).toBeLessThan(0.05);
  });
});

describe('currencies by the names people type', () => {
  test.each([
    ['rmb', 'cny'],
    ['人民币', 'cny'],
    ['人民幣', 'cny'],
    ['yen', 'jpy'],
    ['欧元', 'eur'],
    ['USD', 'usd'],
    ['新台幣', 'twd'],
  ])('currency=%s → %s', (typed, code) => {
    expect(currencyOf(typed)).toBe(code);
  });
  test('autocomplete finds a currency by code, name and Chinese name', () => {
    const spec = { name: 'currency', kind: 'currency', description: { en: '', zh: '' } } as const;
    expect(suggest(spec, 'rmb').map((s) => s.value)).toEqual(['cny']);
    expect(suggest(spec, '人民').map((s) => s.value)).toEqual(['cny']);
    expect(suggest(spec, 'yen').map((s) => s.value)).toEqual(['jpy']);
    expect(suggest(spec, 'e').map((s) => s.value)).toContain('eur');
  });
});
