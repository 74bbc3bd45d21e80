// Two real bot processes (npm start's main.js) sharing Redis, each running one of two Discord shards
// against the fake Discord and the fake upstream. Skipped (and said so) without REDIS_URL.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ApplicationCommandOptionType as T } from 'discord.js';
import { startFakeDiscord, interactionPayload, type FakeDiscord } from './fakes/discord.js';
import { startFakeUpstream, type FakeUpstream } from './fakes/upstream.js';
import { tempDir } from './helpers.js';

const REDIS_URL = process.env.REDIS_URL;
const run = REDIS_URL ? test : test.skip;
if (!REDIS_URL) process.stdout.write('two-process suite skipped: REDIS_URL is not set\n');

let up: FakeUpstream;
let discord: FakeDiscord;
const children: ChildProcess[] = [];
beforeAll(async () => {
  up = await startFakeUpstream();
  discord = await startFakeDiscord();
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await discord.close();
  await up.close();
});

function bot(shard: number, prefix: string): { child: ChildProcess; out: () => string } {
  const child = spawn(process.execPath, [path.resolve('dist', 'bot', 'main.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      ...up.env,
      DATA_DIR: tempDir(),
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_TOKEN: 'two-process-token',
      DISCORD_SHARD_COUNT: '2',
      DISCORD_SHARD_IDS: String(shard),
      REDIS_URL: REDIS_URL!,
      REDIS_KEY_PREFIX: prefix,
      PORT: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return { child, out: () => out };
}

run('cold interactions on both processes cost one upstream request per endpoint; each is answered once', async () => {
  const prefix = `two:${randomUUID()}:`;
  const a = bot(0, prefix);
  const b = bot(1, prefix);
  const ready = (o: string): boolean => o.includes('discord connected') && o.includes('redis connected');
  for (let i = 0; i < 200 && !(ready(a.out()) && ready(b.out())); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(discord.identifyShards.map((s) => s.join('/')).sort()).toEqual(['0/2', '1/2']);
  const sent = Array.from({ length: 20 }, (_, k) => {
    const i = interactionPayload({ name: 'yield', options: [{ name: 'hashrate', type: T.String, value: '100TH' }] });
    discord.dispatch('INTERACTION_CREATE', i.payload, k % 2);
    return i.id;
  });
  for (const id of sent)
    await discord.waitFor((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`), 10_000);
  await new Promise((r) => setTimeout(r, 300));
  for (const id of sent)
    expect(
      discord.requests.filter((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`)),
    ).toHaveLength(1);
  expect(up.counts.get('/mempool/api/v1/mining/hashrate/3d')).toBe(1);
  expect(up.counts.get('/mempool/api/v1/prices')).toBe(1);
  expect(up.counts.get('/mempool/api/blocks/tip/height')).toBe(1);
  a.child.kill('SIGTERM');
  b.child.kill('SIGTERM');
});
