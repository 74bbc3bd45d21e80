// The digest on the real platforms' libraries against the fakes: subcommands, permissions, chart
// attachments, scheduled posts and pausing a destination that refuses us.
import { ApplicationCommandOptionType as T } from 'discord.js';
import { commands, dispatch } from '../../commands/index.js';
import { createDiscordAdapter, type DiscordAdapter } from '../../adapters/discord/adapter.js';
import { createTelegramAdapter, type TelegramAdapter } from '../../adapters/telegram/adapter.js';
import { startFakeDiscord, interactionPayload, type FakeDiscord } from '../fakes/discord.js';
import { commandUpdate, groupChat, startFakeTelegram, type FakeTelegram } from '../fakes/telegram.js';
import { startFakeUpstream, type FakeUpstream } from '../fakes/upstream.js';
import { manualClock, memoryLogger, testRuntime } from '../helpers.js';
import { renderChartPng } from '../../bot/chart.js';
import { createScheduler } from '../../bot/platforms.js';
import { Pacer } from '../../bot/pacer.js';
import type { Runtime } from '../../bot/runtime.js';

const GUILD = '700000000000000009';
const MANAGE_CHANNELS = String(1 << 4);
const TOKEN = '42:tg-digest';
let up: FakeUpstream;
let discord: FakeDiscord;
let tg: FakeTelegram;
let rt: Runtime;
let da: DiscordAdapter;
let ta: TelegramAdapter;
const clock = manualClock(Date.UTC(2026, 8, 19, 8, 0, 0));
const logger = memoryLogger();

beforeAll(async () => {
  up = await startFakeUpstream();
  discord = await startFakeDiscord();
  tg = await startFakeTelegram(TOKEN);
  rt = await testRuntime(up, { clock, logger, env: { HTTP_TIMEOUT_MS: '2000' } });
  const run = (name: string, input: Parameters<typeof dispatch>[1], ctx: Parameters<typeof dispatch>[2]) =>
    dispatch(name, input, ctx, rt.deps);
  da = createDiscordAdapter({
    token: 'd',
    apiUrl: discord.apiUrl,
    commands,
    run,
    logger,
    renderChart: renderChartPng,
    deferAfterMs: 2000,
  });
  const ready = new Promise<void>((resolve) => da.client.once('clientReady', () => resolve()));
  await da.start();
  await ready;
  ta = createTelegramAdapter({ token: TOKEN, apiRoot: tg.apiRoot, commands, run, logger, renderChart: renderChartPng });
  await ta.start();
});
afterAll(async () => {
  await da.stop();
  await ta.stop();
  await rt.close();
  await tg.close();
  await discord.close();
  await up.close();
});

const callback = (id: string) =>
  discord.waitFor((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`));
type Cb = {
  type: number;
  data: {
    flags?: number;
    embeds: Array<{ title: string; image?: { url: string } }>;
    attachments?: Array<{ id?: string; filename?: string; description?: string }>;
  };
};

test('Discord /news-digest show: the embed with the regional chart attached', async () => {
  const i = interactionPayload({
    name: 'news-digest',
    guildId: GUILD,
    permissions: '0',
    options: [{ name: 'show', type: T.Subcommand, options: [] }],
  });
  discord.dispatch('INTERACTION_CREATE', i.payload);
  const body = (await callback(i.id)).body as Cb;
  expect(body.type).toBe(4);
  expect(body.data.embeds[0]!.title).toMatch(/^Mining digest/);
  expect(body.data.embeds[0]!.image?.url).toBe('attachment://digest.png');
  expect((body as unknown as { files: string[] }).files).toEqual(['digest.png']);
  // The chart's text alternative goes with the attachment (screen readers, clients without images).
  const attachment = body.data.attachments![0]!;
  expect(attachment.id).toBe('0'); // files[0]
  expect(attachment.description).toMatch(
    /^Blocks found by pools headquartered in each region.*: North America \d+\.\d%/,
  );
  // every share with one decimal, as in the text: "Asia 54.0%", never "54%"
  expect(attachment.description!.match(/\d+(?:\.\d+)?%/g)!.every((p) => /^\d+\.\d%$/.test(p))).toBe(true);
  expect(attachment.description!.length).toBeLessThanOrEqual(1024);
});

test('Discord subscribe is refused at run time without Manage Channels, accepted with it', async () => {
  const args = [{ name: 'args', type: T.String, value: 'daily 09:00 UTC' }];
  const denied = interactionPayload({
    name: 'news-digest',
    guildId: GUILD,
    permissions: '0',
    options: [{ name: 'subscribe', type: T.Subcommand, options: args }],
  });
  discord.dispatch('INTERACTION_CREATE', denied.payload);
  const d = (await callback(denied.id)).body as Cb;
  expect(d.data.flags).toBe(64);
  expect(d.data.embeds[0]!.title).toMatch(/Only members who can manage this channel/);
  const ok = interactionPayload({
    name: 'news-digest',
    guildId: GUILD,
    permissions: MANAGE_CHANNELS,
    options: [{ name: 'subscribe', type: T.Subcommand, options: args }],
  });
  discord.dispatch('INTERACTION_CREATE', ok.payload);
  const a = (await callback(ok.id)).body as Cb;
  expect(a.data.embeds[0]!.title).toMatch(/This channel gets the digest daily at 09:00 \(UTC\)/);
  expect((await rt.store.getSubscription('discord', '600000000000000001'))?.scope).toBe(`discord:${GUILD}`);
});

describe('Discord user install: where the bot is not a member, it answers the asker and keeps nothing for the chat', () => {
  const args = [{ name: 'args', type: T.String, value: 'daily 09:00 UTC' }];
  const FOREIGN = '700000000000000077';
  test.each([
    ['a group DM', { groupDm: true }],
    [
      'a server that has only the asker’s user install',
      { guildId: FOREIGN, install: 'user' as const, permissions: MANAGE_CHANNELS },
    ],
  ])('in %s: the digest is shown, subscribing and notes are refused with what to do', async (_where, where) => {
    const show = interactionPayload({
      name: 'news-digest',
      ...where,
      options: [{ name: 'show', type: T.Subcommand, options: [] }],
    });
    discord.dispatch('INTERACTION_CREATE', show.payload);
    const shown = (await callback(show.id)).body as Cb;
    expect(shown.type).toBe(4); // an interaction response: the only way to answer there
    expect(shown.data.embeds[0]!.title).toMatch(/^Mining digest/);
    const channelPosts = discord.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/channels/'));
    for (const sub of [
      { name: 'subscribe', type: T.Subcommand, options: args },
      { name: 'note', type: T.Subcommand, options: [{ name: 'args', type: T.String, value: 'add "US share 7.5%"' }] },
    ]) {
      const i = interactionPayload({ name: 'news-digest', ...where, options: [sub] });
      discord.dispatch('INTERACTION_CREATE', i.payload);
      const body = (await callback(i.id)).body as Cb;
      expect(body.data.flags).toBe(64);
      expect(body.data.embeds[0]!.title).toMatch(
        /belong to a server or chat that hashdesk is in; here it can only answer you/,
      );
    }
    expect(discord.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/channels/'))).toHaveLength(
      channelPosts.length,
    );
    expect(await rt.store.listNotes(`discord:${FOREIGN}`)).toHaveLength(0);
  });

  test('in 简体 too', async () => {
    const i = interactionPayload({
      name: 'news-digest',
      groupDm: true,
      locale: 'zh-CN',
      options: [{ name: 'subscribe', type: T.Subcommand, options: args }],
    });
    discord.dispatch('INTERACTION_CREATE', i.payload);
    expect(((await callback(i.id)).body as Cb).data.embeds[0]!.title).toMatch(/这里它只能回答你本人/);
  });
});

test('Telegram: in a group only administrators may subscribe (getChatMember); the digest comes with its chart', async () => {
  tg.members.set(`${groupChat.id}:5001`, 'member');
  let t0 = performance.now();
  tg.push(commandUpdate('/news_digest subscribe daily 09:00 UTC', { chat: groupChat }));
  const refused = await tg.waitFor((c) => c.method === 'sendMessage' && c.at > t0);
  expect(String(refused.body.text)).toMatch(/Only members who can manage this channel/);
  expect(tg.calls.some((c) => c.method === 'getChatMember' && c.body.user_id === 5001)).toBe(true);
  tg.members.set(`${groupChat.id}:5001`, 'administrator');
  t0 = performance.now();
  tg.push(commandUpdate('/news_digest subscribe daily 09:00 UTC', { chat: groupChat }));
  expect(String((await tg.waitFor((c) => c.method === 'sendMessage' && c.at > t0)).body.text)).toMatch(
    /gets the digest daily at 09:00 \(UTC\)/,
  );
  t0 = performance.now();
  tg.push(commandUpdate('/news_digest', { chat: groupChat }));
  const photo = await tg.waitFor((c) => c.method === 'sendPhoto' && c.at > t0);
  expect(photo.body.chat_id).toBe(String(groupChat.id));
  expect((photo.body.photo as { bytes: Buffer }).bytes.subarray(1, 4).toString()).toBe('PNG');
});

test('Telegram: a chart whose text fits a caption is one photo with the text as its caption; a longer one is the photo, then the text', async () => {
  let t0 = performance.now();
  tg.push(commandUpdate('/chart pools', { chat: groupChat }));
  const photo = await tg.waitFor((c) => c.method === 'sendPhoto' && c.at > t0);
  expect(String(photo.body.caption)).toMatch(
    /^<b>Blocks found by pools headquartered in each region, last 7 days<\/b>/,
  );
  expect(photo.body.parse_mode).toBe('HTML');
  await new Promise((r) => setTimeout(r, 200));
  expect(tg.calls.filter((c) => c.method === 'sendMessage' && c.at > t0)).toHaveLength(0);
  // three long notes make the digest longer than a caption
  tg.members.set(`${groupChat.id}:5001`, 'administrator');
  for (let i = 0; i < 3; i++) {
    t0 = performance.now();
    tg.push(
      commandUpdate(`/news_digest note add "${'Hashrate note '.repeat(30)}${i}" date=2026-09`, { chat: groupChat }),
    );
    await tg.waitFor((c) => c.method === 'sendMessage' && c.at > t0);
  }
  t0 = performance.now();
  tg.push(commandUpdate('/news_digest', { chat: groupChat }));
  const first = await tg.waitFor((c) => (c.method === 'sendPhoto' || c.method === 'sendMessage') && c.at > t0);
  expect(first.method).toBe('sendPhoto');
  expect(first.body.caption).toBeUndefined();
  expect(String((await tg.waitFor((c) => c.method === 'sendMessage' && c.at > t0)).body.text)).toMatch(/Mining digest/);
});

test('the scheduler posts each due slot once per channel; a refused channel is paused', async () => {
  discord.failWhen(null);
  const scheduler = createScheduler(
    rt,
    { discord: { post: (c, r) => da.post(c, r) }, telegram: { post: (c, r, l) => ta.post(c, r, l) } },
    logger,
    {
      discord: new Pacer(1000),
      telegram: new Pacer(1000, 1000),
    },
  );
  clock.set(Date.UTC(2026, 8, 19, 9, 0, 30));
  const first = await scheduler.tick();
  expect(first.posted).toBe(2);
  expect(
    discord.requests.filter((r) => r.method === 'POST' && r.path === '/channels/600000000000000001/messages'),
  ).toHaveLength(1);
  expect(
    tg.calls.filter((c) => c.method === 'sendPhoto' && c.body.chat_id === String(groupChat.id)).length,
  ).toBeGreaterThanOrEqual(2);
  expect((await scheduler.tick()).posted).toBe(0);
  // next day Discord refuses the channel (missing access): paused and reported; Telegram still posted
  discord.failWhen(/^\/channels\/\d+\/messages$/, 403);
  clock.set(Date.UTC(2026, 8, 20, 9, 0, 30));
  const second = await scheduler.tick();
  expect(second).toMatchObject({ posted: 1, paused: 1 });
  discord.failWhen(null);
  const status = await dispatch(
    'news-digest',
    { text: 'status' },
    { lang: 'en', platform: 'discord', channelId: '600000000000000001' },
    rt.deps,
  );
  expect(status.lines.join()).toMatch(/paused: the bot could not post here \(error 403\)/);
});
