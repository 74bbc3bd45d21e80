// Long adversarial inputs in every text field (each at its own maximum length), in both scripts and
// with ideographic spaces: every command still answers. Before the patterns read normalised text,
// "四川" + 1,490 spaces + "x" took ~0.85 s of blocked event loop (cubic backtracking), 35 ms now;
// the structural guarantee (no whitespace run survives normalisation) is asserted directly.
import { commands, dispatch } from '../../../commands/index.js';
import { INPUT_MAX } from '../../../commands/core/dispatch.js';
import { normaliseAdText } from '../../../commands/provider-check/extract.js';
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

const N = 7000;
/** Just under the 2,000 characters a command's text may have. */
const M = 1980;
const hostile: Record<string, string> = {
  spaces: `四川${' '.repeat(N)}x`,
  ideographic: `四川${'\u3000'.repeat(N)}x`,
  traditional: `四川的${' \u3000\t'.repeat(N / 3)}水電x`,
  mixedWs: `日收益${' \n\t'.repeat(N / 3)}%`,
  digits: '1'.repeat(N),
  commas: '1,'.repeat(N / 2),
  dots: '1.'.repeat(N / 2),
  percent: `${'1 '.repeat(N / 2)}`,
  usdt: `${'9 '.repeat(N / 2)}USDT/`,
  level: `${'1-'.repeat(N / 2)}level`,
  farms: `farms in${' '.repeat(N)}x`,
  fullwidth: '１'.repeat(N),
  // Numbers with units and currency marks as the argument parser reads them (key=value and bare),
  // within the 2,000 characters a command's text may have (longer text is refused before parsing).
  // 40 letters after a digit took exponential time in a nested-repetition pattern (never finishing).
  unitLetters: `price=0${'a'.repeat(40)}!`,
  unitLettersLong: `price=0${'a'.repeat(M)}!`,
  hanUnits: `0${'元'.repeat(M)}x!`,
  perKwh: `0.4${'/度'.repeat(M / 2)}电x`,
  marks: `${'¥'.repeat(M)}0.4`,
  hashrateWords: `100${'T'.repeat(M)}算力!`,
  glued: `电费${'0.'.repeat(M / 2)}元`,
};

const specs = commands.find((c) => c.name === 'provider-check')!.options.filter((o) => o.kind === 'text');

test.each(Object.entries(hostile))('provider-check: %s in every text field', async (_name, value) => {
  for (const o of specs) {
    const reply = await dispatch(
      'provider-check',
      { options: { [o.name]: value.slice(0, o.max ?? 100) } },
      { lang: 'en', platform: 'test' },
      rt.deps,
    );
    expect(reply.kind).not.toBe('internal-error');
    // free-text fields are read; formatted ones (url, payout, observer…) may refuse the value politely
    if (o.name === 'name' || o.name === 'text') expect(reply.kind === 'ok' ? 'answered' : o.name).toBe('answered');
  }
  expect(normaliseAdText(value)).not.toMatch(/\s{2}/);
  const asText = await dispatch(
    'provider-check',
    { text: `text="${value.slice(0, 1490)}"` },
    { lang: 'zh-Hans', platform: 'test' },
    rt.deps,
  );
  expect(asText.kind).toBe('ok');
});

test.each(Object.entries(hostile))('yield and break-even parse %s without a crash', async (_name, value) => {
  for (const name of ['yield', 'break-even', 'news-digest', 'help']) {
    const reply = await dispatch(name, { text: value }, { lang: 'en', platform: 'test' }, rt.deps);
    expect(reply.title.length).toBeGreaterThan(0);
  }
});

test('input over the limit is refused with the limit named', async () => {
  const reply = await dispatch(
    'provider-check',
    { text: `text="${'x'.repeat(INPUT_MAX + 1)}"` },
    { lang: 'en', platform: 'test' },
    rt.deps,
  );
  expect(reply.kind).toBe('user-error');
  expect(reply.title).toMatch(/too long .*limit is 8000/);
});
