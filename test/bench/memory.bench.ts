// Resident memory of the real bot process (main.js) per surface: 5 s after it is ready, and after
// 10,000 commands through the fake platform (RSS from /proc, as `ps` shows it).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApplicationCommandOptionType as T } from 'discord.js';
import { commandUpdate, startFakeTelegram } from '../fakes/telegram.js';
import { interactionPayload, startFakeDiscord } from '../fakes/discord.js';
import type { FakeUpstream } from '../fakes/upstream.js';
import type { Row } from './bench.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rssMiB(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return kb / 1024;
}

/** CPU time the process has used so far (user + system, ms), from /proc. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the line)
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

function spawnBot(main: string, env: Record<string, string>): { child: ChildProcess; out: () => string } {
  // The node flags `npm start` uses (package.json), so the figures are those of the real start.
  const pkg = JSON.parse(readFileSync(path.resolve(path.dirname(main), '..', '..', 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const flags = pkg.scripts.start.split(/\s+/).filter((w) => w.startsWith('--'));
  const probe = path.resolve(path.dirname(main), '..', '..', 'test', 'bench', 'gc-probe.cjs');
  const child = spawn(process.execPath, [...flags, '--expose-gc', '-r', probe, main], {
    env: {
      PATH: process.env.PATH ?? '',
      ...(process.env.MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX } : {}),
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'hashdesk-mem-')),
      PORT: '0',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_USER_PER_MINUTE: '0',
      RATE_LIMIT_CHAT_PER_MINUTE: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return { child, out: () => out };
}

/** Full GC in the bot, then its RSS and heap in use (MiB). */
async function afterGc(bot: { child: ChildProcess; out: () => string }): Promise<{ rss: number; heap: number }> {
  const seen = bot.out().split('GC-PROBE').length;
  bot.child.kill('SIGUSR2');
  await until(() => bot.out().split('GC-PROBE').length > seen, 5000);
  const last = bot.out().split('GC-PROBE ').pop()!.split('\n')[0]!;
  const m = JSON.parse(last) as { rss: number; heapUsed: number };
  if (process.env.BENCH_VERBOSE) process.stdout.write(`${last}\n`);
  return { rss: m.rss / 1048576, heap: m.heapUsed / 1048576 };
}

/** Waits (10 s at most) until every reply of a batch has arrived. */
async function settled(done: () => boolean): Promise<void> {
  const end = Date.now() + 10_000;
  while (!done() && Date.now() < end) await sleep(2);
}

async function until(pred: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('bot did not get ready');
    await sleep(20);
  }
}

function row(
  name: string,
  ready: number,
  readyGc: { rss: number; heap: number },
  afterRss: number,
  afterGcd: { rss: number; heap: number },
  n: number,
  cpuPerCommand: number,
): Row {
  return {
    name,
    values: {
      'RSS 5 s after ready': `${ready.toFixed(1)} MiB`,
      'heap in use (after GC)': `${readyGc.heap.toFixed(1)} MiB`,
      [`RSS after ${n} commands`]: `${afterRss.toFixed(1)} MiB`,
      [`heap in use after ${n} (after GC)`]: `${afterGcd.heap.toFixed(1)} MiB`,
      'RSS after that GC': `${afterGcd.rss.toFixed(1)} MiB`,
      'bot CPU µs/command': cpuPerCommand.toFixed(0),
    },
  };
}

/** Starts the bot with `env`, measures it ready, sends `n` commands through `send`, measures again. */
async function measureSurface(
  name: string,
  main: string,
  env: Record<string, string>,
  n: number,
  send: (i: number) => Promise<void>,
): Promise<Row> {
  const bot = spawnBot(main, { ...env, LOG_LEVEL: 'info' });
  try {
    await until(() => bot.out().includes('hashdesk running'), 20_000);
    await sleep(5000);
    const ready = rssMiB(bot.child.pid!);
    const readyGc = await afterGc(bot);
    const cpu0 = cpuMs(bot.child.pid!);
    for (let i = 0; i < n; i++) await send(i);
    // (each batch of 100 is answered in full before the next: the CPU time is that of n answers)
    const cpuPerCommand = ((cpuMs(bot.child.pid!) - cpu0) * 1000) / n;
    return row(name, ready, readyGc, rssMiB(bot.child.pid!), await afterGc(bot), n, cpuPerCommand);
  } finally {
    bot.child.kill('SIGTERM');
  }
}

export async function memoryBench(up: FakeUpstream, n = 10_000): Promise<Row[]> {
  // The bundle `npm start` runs (npm run build), not the bench's own tsc output.
  const main = path.resolve(
    path.dirname(new URL(import.meta.url).pathname),
    '..',
    '..',
    '..',
    'dist',
    'bot',
    'main.js',
  );
  const tg = await startFakeTelegram('1:mem');
  const telegram = await measureSurface(
    'Telegram only (polling)',
    main,
    { ...up.env, TELEGRAM_BOT_TOKEN: '1:mem', TELEGRAM_API_URL: tg.apiRoot },
    n,
    async (i) => {
      tg.push(commandUpdate('/yield s21xp 0.05', { chat: { id: 7000 + (i % 50), type: 'private' } }));
      if (i % 100 === 99) {
        await settled(() => tg.calls.filter((c) => c.method === 'sendMessage').length >= 100);
        tg.calls.length = 0;
      }
    },
  );
  await tg.close();
  const discord = await startFakeDiscord();
  const gateway = await measureSurface(
    'Discord only (gateway)',
    main,
    { ...up.env, DISCORD_TOKEN: 'mem-token', DISCORD_API_URL: discord.apiUrl },
    n,
    async (i) => {
      const it = interactionPayload({ name: 'yield', options: [{ name: 'hashrate', type: T.String, value: '100TH' }] });
      discord.dispatch('INTERACTION_CREATE', it.payload);
      if (i % 100 === 99) {
        await settled(
          () =>
            discord.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/interactions/')).length >= 100,
        );
        discord.requests.length = 0;
      }
    },
  );
  await discord.close();
  return [telegram, gateway];
}
