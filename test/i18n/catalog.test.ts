// The catalogs: same keys and placeholders in every language, 繁體 current and free of 简体-only
// characters, the mining glossary converted as reviewed, and no key that nothing uses.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { en } from '../../commands/core/messages/en.js';
import { zhHans } from '../../commands/core/messages/zh-hans.js';
import { zhHant, zhHantTexts } from '../../commands/core/messages/zh-hant.js';
import { MINING_GLOSSARY } from '../../commands/core/messages/zh-hant.overrides.js';
import { commands } from '../../commands/index.js';
import { REGULATOR_ENTRIES } from '../../commands/provider-check/regulators.data.js';
import { specTexts, toTraditional } from './zh-hant.gen.js';
import { simplifiedOnly } from './scripts.js';

const keys = Object.keys(en) as Array<keyof typeof en>;
const placeholders = (s: string): string[] => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();

test('every language has exactly the English keys, with the same placeholders', () => {
  for (const [name, cat] of [
    ['zh-Hans', zhHans],
    ['zh-Hant', zhHant],
  ] as const) {
    expect(Object.keys(cat).sort()).toEqual([...keys].sort());
    const wrong = keys.filter((k) => placeholders(cat[k]).join() !== placeholders(en[k]).join());
    expect({ name, wrong }).toEqual({ name, wrong: [] });
  }
});

test('zh-hant.ts is what `npm run i18n` makes of zh-hans.ts and the specs (regenerate it if not)', () => {
  const expected: Record<string, string> = {};
  for (const k of keys) expected[k] = toTraditional(zhHans[k]);
  expect(zhHant).toEqual(expected);
  const texts: Record<string, string> = {};
  for (const s of specTexts([commands, REGULATOR_ENTRIES])) texts[s] = toTraditional(s);
  expect(zhHantTexts).toEqual(texts);
});

test('no 简体-only character survives in any 繁體 string', () => {
  const bad: string[] = [];
  for (const s of [...Object.values(zhHant), ...Object.values(zhHantTexts)]) {
    const chars = simplifiedOnly(s);
    if (chars.length) bad.push(`${chars.join('')}: ${s}`);
  }
  expect(bad).toEqual([]);
});

test('the check is real: it finds 简体 characters and passes 繁體 ones (干, 台, 后 and 里 are both)', () => {
  expect(simplifiedOnly('矿机每天的收益')).toEqual(['矿', '机']);
  expect(simplifiedOnly('礦機每天的收益，干擾、台灣、皇后、公里')).toEqual([]);
});

test.each(MINING_GLOSSARY.map(([s, t]) => [s, t]))('mining term %s is written %s in 繁體', (s, t) => {
  expect(toTraditional(s)).toBe(t);
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.includes(`${path.sep}messages${path.sep}`) ? [p] : [];
  });
}

test('no dead keys: each is used by name, or by a prefix the code completes (`pc.flag.${…}`)', () => {
  const root = path.resolve(__dirname, '../..');
  const code = ['commands', 'adapters', 'bot']
    .flatMap((d) => sources(path.join(root, d)))
    .map((f) => readFileSync(f, 'utf8'));
  const all = code.join('\n');
  const dynamic = [...all.matchAll(/`([a-z]+(?:\.[a-zA-Z-]+)*\.)\$\{/g)].map((m) => m[1]!);
  const unused = keys.filter((k) => !all.includes(`'${k}'`) && !dynamic.some((p) => k.startsWith(p)));
  expect(unused).toEqual([]);
});
