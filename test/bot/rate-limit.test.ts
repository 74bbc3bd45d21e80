// Flood limits through the runtime, as every surface calls it: commands per user and per chat a
// minute (told once, then quiet), new websites a user may look up an hour (counted upstream).
import { WindowLimiter } from '../../bot/rate-limit.js';
import { startFakeUpstream, type FakeUpstream } from '../fakes/upstream.js';
import { manualClock, testRuntime } from '../helpers.js';

let up: FakeUpstream;
beforeAll(async () => {
  up = await startFakeUpstream();
});
afterAll(() => up.close());

test('one user: 20 commands a minute answered, the 21st told to wait, later ones quiet; a minute on, answered again', async () => {
  const clock = manualClock();
  const rt = await testRuntime(up, { clock, env: { WEB_CHECKS: 'false' } });
  try {
    const ctx = {
      lang: 'en' as const,
      platform: 'telegram' as const,
      userId: '77',
      scope: 'telegram:77',
      channelId: '77',
    };
    const replies = [];
    for (let i = 0; i < 25; i++) replies.push(await rt.run('help', {}, ctx));
    expect(replies.slice(0, 20).every((r) => r.kind === 'ok')).toBe(true);
    expect(replies[20]).toMatchObject({ kind: 'user-error', errorCode: 'rate-limited' });
    expect(replies[20]!.title).toMatch(/wait \d+ s/);
    expect(replies[20]!.silent).toBeUndefined();
    expect(replies.slice(21).every((r) => r.silent === true)).toBe(true);
    // another user is not affected
    expect((await rt.run('help', {}, { ...ctx, userId: '78', scope: 'telegram:78', channelId: '78' })).kind).toBe('ok');
    clock.advance(60_001);
    expect((await rt.run('help', {}, ctx)).kind).toBe('ok');
    const zh = await testRuntime(up, { clock, env: { WEB_CHECKS: 'false', RATE_LIMIT_USER_PER_MINUTE: '1' } });
    await zh.run('help', {}, { ...ctx, lang: 'zh-Hans' });
    expect((await zh.run('help', {}, { ...ctx, lang: 'zh-Hans' })).title).toMatch(
      /^命令发送过快：请等待 \d+ 秒后再试。$/,
    );
    await zh.close();
  } finally {
    await rt.close();
  }
});

test('one group: 60 commands a minute from many users, then the group waits', async () => {
  const clock = manualClock();
  const rt = await testRuntime(up, { clock, env: { WEB_CHECKS: 'false' } });
  try {
    const kinds = [];
    for (let i = 0; i < 65; i++)
      kinds.push(
        (
          await rt.run(
            'help',
            {},
            { lang: 'en', platform: 'telegram', userId: String(i), scope: 'telegram:-100', channelId: '-100' },
          )
        ).errorCode ?? 'ok',
      );
    expect(kinds.filter((k) => k === 'ok')).toHaveLength(60);
    expect(kinds.slice(60).every((k) => k === 'rate-limited')).toBe(true);
  } finally {
    await rt.close();
  }
});

test('website checks: at most 10 new domains per user an hour reach RDAP; the reply says why the rest were not looked up', async () => {
  const clock = manualClock();
  const rt = await testRuntime(up, { clock, env: { RATE_LIMIT_USER_PER_MINUTE: '0' } });
  try {
    const before = up.total('/rdap');
    let last: Awaited<ReturnType<typeof rt.run>> | undefined;
    for (let i = 0; i < 15; i++)
      last = await rt.run(
        'provider-check',
        { options: { url: `https://cloud-${i}.example` } },
        { lang: 'en', platform: 'telegram', userId: '90', scope: 'telegram:90', channelId: '90' },
      );
    expect(up.total('/rdap') - before).toBe(10);
    expect(last?.lines.join('\n') + (last?.footnote ?? '')).toMatch(/checked 10 new websites in the last hour/);
    // the same domain again costs nothing new and is still answered from the cache
    const again = await rt.run(
      'provider-check',
      { options: { url: 'https://cloud-3.example' } },
      { lang: 'en', platform: 'telegram', userId: '90', scope: 'telegram:90', channelId: '90' },
    );
    expect(JSON.stringify(again)).not.toMatch(/new websites in the last hour/);
  } finally {
    await rt.close();
  }
});

test('the limiter keeps its map bounded', () => {
  const clock = manualClock();
  const l = new WindowLimiter(5, 1000, clock);
  for (let i = 0; i < 50_000; i++) {
    l.take(`k${i}`);
    clock.advance(1);
  }
  expect(l.size).toBeLessThanOrEqual(20_001);
});
