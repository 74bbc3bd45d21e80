// The real bot process (the bundle `npm start` runs, with its node flags) loads only what its
// configuration uses: which of Node's own modules are loaded is read from the process itself
// (process.moduleLoadList, printed by the benchmark's preloaded probe on SIGUSR2).
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ApplicationCommandOptionType as T } from 'discord.js';
import { startFakeTelegram, commandUpdate, type FakeTelegram } from '../fakes/telegram.js';
import { startFakeDiscord, interactionPayload, type FakeDiscord } from '../fakes/discord.js';
import { startFakeUpstream, type FakeUpstream } from '../fakes/upstream.js';
import { tempDir } from '../helpers.js';

let up: FakeUpstream;
let tg: FakeTelegram;
let discord: FakeDiscord;
const children: ChildProcess[] = [];
beforeAll(async () => {
  up = await startFakeUpstream();
  tg = await startFakeTelegram('1:lean');
  discord = await startFakeDiscord();
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await tg.close();
  await discord.close();
  await up.close();
});

/** The node flags of `npm start` (package.json), so the process is the one users run. */
function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } };
  return pkg.scripts.start.split(/\s+/).filter((w) => w.startsWith('--'));
}

function start(env: Record<string, string>): { out: () => string; child: ChildProcess } {
  const probe = path.resolve('test', 'bench', 'gc-probe.cjs');
  const child = spawn(process.execPath, [...startFlags(), '-r', probe, path.resolve('dist', 'bot', 'main.js')], {
    env: { PATH: process.env.PATH ?? '', ...up.env, DATA_DIR: tempDir(), PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return { out: () => out, child };
}

async function until(pred: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Node's built-in modules the process has loaded, read after a command was answered. */
async function builtins(bot: { out: () => string; child: ChildProcess }): Promise<string[]> {
  bot.child.kill('SIGUSR2');
  await until(() => bot.out().includes('GC-PROBE '), 'the probe');
  const line = bot.out().split('GC-PROBE ').pop()!.split('\n')[0]!;
  return (JSON.parse(line) as { builtins: string[] }).builtins;
}

// Node's own fetch (undici and web streams), http2 and readline cost several MiB each at start.
const neverAtStart = ['internal/deps/undici/undici', 'http2', 'readline', 'readline/promises'];

test('Telegram only: no Discord client, no undici, no http2, no readline — after a command too', async () => {
  const bot = start({ TELEGRAM_BOT_TOKEN: '1:lean', TELEGRAM_API_URL: tg.apiRoot });
  await until(() => bot.out().includes('hashdesk running'), 'the bot to start');
  tg.push(commandUpdate('/yield s21xp 0.05'));
  await tg.waitFor((c) => c.method === 'sendMessage');
  const loaded = await builtins(bot);
  expect(loaded).toContain('https'); // the probe sees the process's modules
  for (const m of neverAtStart) expect(loaded).not.toContain(m);
  // discord.js brings ws and zlib streams of its own; with no token its chunk is never imported
  expect(bot.out()).not.toMatch(/discord/i);
});

test('the bundle leaves out what its libraries load but never use (whatwg-url and tr46 for node-fetch)', () => {
  const dir = path.resolve('dist', 'chunks');
  const bundle = readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
  expect(bundle).toContain('telegram'); // the Telegram client is in it
  expect(bundle).not.toContain('PROCESSING_OPTIONS'); // tr46's Unicode processing
});

test('Discord only: the gateway client without readline or the Telegram client', async () => {
  const bot = start({ DISCORD_TOKEN: 'lean-token', DISCORD_API_URL: discord.apiUrl });
  await until(() => bot.out().includes('hashdesk running'), 'the bot to start');
  const it = interactionPayload({ name: 'yield', options: [{ name: 'hashrate', type: T.String, value: '100TH' }] });
  discord.dispatch('INTERACTION_CREATE', it.payload);
  await discord.waitFor((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${it.id}/`));
  const loaded = await builtins(bot);
  // discord.js's REST client brings undici (and with it http2 and Node's web globals) by design.
  expect(loaded).not.toContain('readline');
  expect(bot.out()).not.toMatch(/telegram/i);
});
