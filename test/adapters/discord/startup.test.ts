// `npm start` with DISCORD_TOKEN and `hashdesk discord deploy`, as child processes against the fakes.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ApplicationCommandOptionType as T } from 'discord.js';
import { startFakeDiscord, interactionPayload, type FakeDiscord } from '../../fakes/discord.js';
import { startFakeUpstream, type FakeUpstream } from '../../fakes/upstream.js';
import { tempDir } from '../../helpers.js';

const TOKEN = 'MTAx.secret-discord-token.xyz';
let up: FakeUpstream;
let discord: FakeDiscord;
beforeAll(async () => {
  up = await startFakeUpstream();
  discord = await startFakeDiscord();
});
afterAll(async () => {
  await discord.close();
  await up.close();
});

function start(
  script: string,
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; out: () => string; done: Promise<number | null> } {
  const child = spawn(process.execPath, [path.resolve('dist', 'bot', script), ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      ...up.env,
      DATA_DIR: tempDir(),
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_TOKEN: TOKEN,
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, out: () => out, done };
}

test('npm start with DISCORD_TOKEN logs in over the gateway, answers, and shuts down on SIGTERM', async () => {
  const bot = start('main.js', [], { LOG_LEVEL: 'info' });
  await discord.ready();
  for (let i = 0; i < 50 && !bot.out().includes('discord connected'); i++) await new Promise((r) => setTimeout(r, 100));
  const i = interactionPayload({ name: 'yield', options: [{ name: 'hashrate', type: T.String, value: '100TH' }] });
  discord.dispatch('INTERACTION_CREATE', i.payload);
  const cb = await discord.waitFor((r) => r.path.startsWith(`/interactions/${i.id}/`));
  expect([4, 5]).toContain((cb.body as { type: number }).type);
  expect(discord.requests.some((r) => r.method === 'PUT')).toBe(false); // no re-registration on boot
  bot.child.kill('SIGTERM');
  expect(await bot.done).toBe(0);
  expect(bot.out()).toMatch(/"msg":"shutting down"/);
  expect(bot.out()).not.toContain(TOKEN);
});

test('hashdesk discord deploy --guild registers with one bulk overwrite and prints the changes', async () => {
  const run = start('cli.js', ['discord', 'deploy', '--guild', '700000000000000002'], {});
  expect(await run.done).toBe(0);
  expect(run.out()).toMatch(/Registered \d+ commands \(guild 700000000000000002, one bulk overwrite\)/);
  expect(run.out()).toMatch(/added:\s+yield, break-even/);
  expect(discord.commands.get('700000000000000002')?.length).toBeGreaterThan(1);
  expect(run.out()).not.toContain(TOKEN);
});

test('a token Discord rejects ends npm start with exit code 1 and one line, never a lingering process', async () => {
  discord.failWhen(/\/gateway\/bot/, 401);
  try {
    const bot = start('main.js', [], { LOG_LEVEL: 'warn' });
    expect(await bot.done).toBe(1);
    expect(bot.out()).toMatch(/hashdesk: could not start: .*(token|401)/i);
    expect(bot.out()).not.toContain('secret-discord-token');
  } finally {
    discord.failWhen(null);
  }
});
