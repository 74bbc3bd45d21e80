// How each surface's language tag maps to a reply language, and how people type one.
import { langFromLocale, parseLang } from '../../commands/core/messages.js';
import { splitFlags } from '../../adapters/console/argv.js';
import { loadConfig } from '../../bot/config.js';
import { dispatch } from '../../commands/index.js';
import { startFakeUpstream, type FakeUpstream } from '../fakes/upstream.js';
import { testRuntime } from '../helpers.js';
import type { Runtime } from '../../bot/runtime.js';

test.each([
  // Telegram language_code (IETF tags, lower case, as the apps send them)
  ['zh', 'zh-Hans'],
  ['zh-cn', 'zh-Hans'],
  ['zh-hans', 'zh-Hans'],
  ['zh-sg', 'zh-Hans'],
  ['zh-hans-raw', 'zh-Hans'],
  ['zh-tw', 'zh-Hant'],
  ['zh-hk', 'zh-Hant'],
  ['zh-mo', 'zh-Hant'],
  ['zh-hant', 'zh-Hant'],
  ['zh-hant-raw', 'zh-Hant'],
  // Discord locales
  ['zh-CN', 'zh-Hans'],
  ['zh-TW', 'zh-Hant'],
  ['en-US', 'en'],
  ['en-GB', 'en'],
  ['ja', 'en'],
  ['', 'en'],
  [undefined, 'en'],
  ['zhx', 'en'],
] as const)('locale %p → %s', (locale, lang) => {
  expect(langFromLocale(locale)).toBe(lang);
});

test.each([
  ['en', 'en'],
  ['zh', 'zh-Hans'],
  ['zh-CN', 'zh-Hans'],
  ['zh_cn', 'zh-Hans'],
  ['zh-Hans', 'zh-Hans'],
  ['zh-TW', 'zh-Hant'],
  ['zh-HK', 'zh-Hant'],
  ['zh-Hant', 'zh-Hant'],
  ['ZH-HANT-TW', 'zh-Hant'],
  ['fr', undefined],
  ['zh-xx', undefined],
  ['chinese', undefined],
] as const)('typed language %p → %p', (typed, lang) => {
  expect(parseLang(typed)).toBe(lang);
});

test('the console and CLI read --lang zh-TW, --lang=zh-Hant and lang=zh-HK', () => {
  expect(splitFlags('yield 100TH --lang zh-TW').lang).toBe('zh-Hant');
  expect(splitFlags('yield 100TH --lang=zh-Hant').lang).toBe('zh-Hant');
  expect(splitFlags('lang=zh-HK yield 100TH').lang).toBe('zh-Hant');
  expect(splitFlags('yield 100TH --lang zh').lang).toBe('zh-Hans');
});

test('DEFAULT_LANG takes the same forms and refuses others, naming the accepted ones', () => {
  expect(loadConfig({ DEFAULT_LANG: 'zh-TW' }).DEFAULT_LANG).toBe('zh-Hant');
  expect(loadConfig({ DEFAULT_LANG: 'zh' }).DEFAULT_LANG).toBe('zh-Hans');
  expect(loadConfig({}).DEFAULT_LANG).toBe('en');
  expect(() => loadConfig({ DEFAULT_LANG: 'klingon' })).toThrow(/DEFAULT_LANG.*zh-TW/s);
});

describe('lang= in a command on any surface', () => {
  let up: FakeUpstream;
  let rt: Runtime;
  beforeAll(async () => {
    up = await startFakeUpstream();
    rt = await testRuntime(up);
  });
  afterAll(async () => {
    await rt.close();
    await up.close();
  });
  const run = (text: string) => dispatch('yield', { text }, { lang: 'en', platform: 'telegram' }, rt.deps);

  test('lang=zh-TW answers in 繁體, lang=zh in 简体', async () => {
    expect((await run('100TH lang=zh-TW')).fields[0]!.value).toContain('產出');
    expect((await run('100TH --lang zh')).fields[0]!.value).toContain('产出');
  });

  test('a language we do not have is a clear error naming the accepted ones', async () => {
    const r = await run('100TH lang=fr');
    expect(r.kind).toBe('user-error');
    expect(r.title).toBe('lang "fr": use en, zh (简体中文) or zh-TW (繁體中文)');
  });
});
