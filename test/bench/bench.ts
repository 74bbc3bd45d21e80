// `npm run bench`: measured figures for the README (not a test; nothing here asserts on time).
// Everything runs against the fake upstream on 127.0.0.1.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dispatch } from '../../commands/index.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { createRuntime, type Runtime } from '../../bot/runtime.js';
import { startFakeUpstream, type FakeUpstream } from '../fakes/upstream.js';
import { discordBench } from './discord.bench.js';
import { telegramBench } from './telegram.bench.js';
import { fanoutBench } from './fanout.bench.js';
import { instancesBench } from './instances.bench.js';
import { memoryBench } from './memory.bench.js';
import { faultsBench } from './faults.bench.js';
import { chartsBench } from './charts.bench.js';
import { alertsBench } from './alerts.bench.js';

export interface Row {
  name: string;
  values: Record<string, string>;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Round-trip latency of `once()` (which sends one request and resolves to its latency in ms): 200
 * warm-up rounds, then `n` measured ones with p50/p99, CPU per round trip and upstream requests.
 */
export async function measureRoundTrips(
  label: string,
  cpuLabel: string,
  rt: { requestCounts: Map<string, number> },
  n: number,
  once: () => Promise<number>,
): Promise<Row> {
  const upstreamTotal = (): number => [...rt.requestCounts.values()].reduce((a, b) => a + b, 0);
  for (let k = 0; k < 200; k++) await once();
  const lat: number[] = [];
  const upstream0 = upstreamTotal();
  const cpu0 = process.cpuUsage();
  for (let k = 0; k < n; k++) lat.push(await once());
  const cpu = process.cpuUsage(cpu0);
  lat.sort((a, b) => a - b);
  return {
    name: label,
    values: {
      'p50 ms': percentile(lat, 50).toFixed(3),
      'p99 ms': percentile(lat, 99).toFixed(3),
      [cpuLabel]: ((cpu.user + cpu.system) / n).toFixed(0),
      'upstream requests': String(upstreamTotal() - upstream0),
    },
  };
}

/** A row of ratios `row ÷ base` for every numeric column but the upstream count. */
export function ratioRow(name: string, row: Row, base: Row): Row {
  const values: Record<string, string> = {};
  for (const k of Object.keys(row.values)) {
    values[k] = k === 'upstream requests' ? '' : (Number(row.values[k]) / Number(base.values[k])).toFixed(2) + '×';
  }
  return { name, values };
}

export function printTable(title: string, rows: Row[]): void {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r.values)))];
  const header = ['', ...cols];
  const body = rows.map((r) => [r.name, ...cols.map((c) => r.values[c] ?? '')]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string => '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  process.stdout.write(`\n${title}\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`);
  for (const b of body) process.stdout.write(line(b) + '\n');
}

async function runtimeFor(up: FakeUpstream): Promise<Runtime> {
  const config = loadConfig({
    ...up.env,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'hashdesk-bench-')),
    // the benchmark sends thousands of commands as one user on purpose
    RATE_LIMIT_USER_PER_MINUTE: '0',
    RATE_LIMIT_CHAT_PER_MINUTE: '0',
  });
  return createRuntime(config, createLogger({ level: 'silent', secrets: [] }));
}

async function warmDispatch(rt: Runtime, name: string, text: string, n: number): Promise<Row> {
  const ctx = { lang: 'en' as const, platform: 'test' as const };
  for (let i = 0; i < 5000; i++) await dispatch(name, { text }, ctx, rt.deps); // warm caches and the JIT
  const before = [...rt.requestCounts.values()].reduce((a, b) => a + b, 0);
  const lat: number[] = new Array<number>(n);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    const r = await dispatch(name, { text }, ctx, rt.deps);
    lat[i] = performance.now() - s;
    if (r.kind !== 'ok') throw new Error(`bench: ${name} failed: ${r.title}`);
  }
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  lat.sort((a, b) => a - b);
  // Throughput with 64 requests in flight, as a busy bot process sees them (still one core).
  const inFlight = 64;
  const t1 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next++ < n) await dispatch(name, { text }, ctx, rt.deps);
    }),
  );
  const concurrentWall = performance.now() - t1;
  const after = [...rt.requestCounts.values()].reduce((a, b) => a + b, 0);
  return {
    name: `${name} ${text}`,
    values: {
      'replies/s (sequential)': Math.round((n / wall) * 1000).toLocaleString('en-US'),
      'replies/s (64 in flight)': Math.round((n / concurrentWall) * 1000).toLocaleString('en-US'),
      'p50 ms': percentile(lat, 50).toFixed(4),
      'p99 ms': percentile(lat, 99).toFixed(4),
      'CPU µs/reply': ((cpu.user + cpu.system) / n).toFixed(1),
      'upstream requests': String(after - before),
    },
  };
}

async function coldBurst(up: FakeUpstream, n: number): Promise<Row> {
  up.reset();
  const rt = await runtimeFor(up);
  const ctx = { lang: 'en' as const, platform: 'test' as const };
  const t0 = performance.now();
  const replies = await Promise.all(
    Array.from({ length: n }, () => dispatch('yield', { text: 's21xp 0.05' }, ctx, rt.deps)),
  );
  const wall = performance.now() - t0;
  await rt.close();
  const ok = replies.filter((r) => r.kind === 'ok').length;
  const perEndpoint = [...up.counts.entries()].map(([p, c]) => `${p.replace(/^\/mempool\/api/, '')}=${c}`).join(', ');
  return {
    name: `${n} concurrent cold yield`,
    values: {
      ok: `${ok}/${n}`,
      'total ms': wall.toFixed(0),
      'upstream requests': String(up.total()),
      'max per endpoint': String(Math.max(...up.counts.values())),
      endpoints: perEndpoint,
    },
  };
}

export async function coreBench(): Promise<void> {
  const up = await startFakeUpstream();
  const rt = await runtimeFor(up);
  const n = Number(process.env.BENCH_N ?? 20_000);
  const workloads: Array<[string, string]> = [
    ['yield', 's21xp 0.05 pool_fee=2% uptime=98%'],
    ['yield', '100TH 3250W 0.06 currency=eur'],
    ['break-even', 's21xp 0.05 hardware_cost=3500'],
    ['break-even', 'contract_price=6 hashrate=100TH days=365 maintenance=0.018'],
  ];
  // Warm every code path first, so the first row is not measured while the JIT still settles.
  for (const [name, text] of workloads) {
    for (let i = 0; i < 5000; i++) await dispatch(name, { text }, { lang: 'en', platform: 'test' }, rt.deps);
  }
  const rows = [
    await warmDispatch(rt, 'yield', 's21xp 0.05 pool_fee=2% uptime=98%', n),
    await warmDispatch(rt, 'yield', '100TH 3250W 0.06 currency=eur', n),
    await warmDispatch(rt, 'break-even', 's21xp 0.05 hardware_cost=3500', Math.round(n / 4)),
    await warmDispatch(
      rt,
      'break-even',
      'contract_price=6 hashrate=100TH days=365 maintenance=0.018',
      Math.round(n / 4),
    ),
  ];
  printTable(`Core: warm-cache dispatch, sequential, one core (n=${n})`, rows);
  printTable('Core: cold cache', [await coldBurst(up, 1000)]);
  printTable('Charts: render time cold (a new spec each round) and cached, PNG size', await chartsBench(rt));
  printTable('Under faults: the next command after the cache expired, mempool hung (20 trials)', await faultsBench(up));
  {
    const alertsRt = await runtimeFor(up);
    printTable('Alerts: judging on one new block, and one event fanned out', await alertsBench(alertsRt, up));
    await alertsRt.close();
    up.reset();
  }
  const m = Number(process.env.BENCH_INTERACTIONS ?? 1000);
  printTable(
    `Discord: interaction → callback through discord.js and the fake Discord, warm cache (n=${m})`,
    await discordBench(rt, m),
  );
  printTable(
    `Telegram: update → reply through telegraf and the fake Bot API, warm cache (n=${m})`,
    await telegramBench(rt, m),
  );
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  try {
    printTable(`Instances sharing Redis (${redisUrl})`, await instancesBench(up, redisUrl));
  } catch (err) {
    process.stdout.write(`\ninstances benchmark skipped: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  printTable('Memory of the bot process (RSS)', await memoryBench(up, Number(process.env.BENCH_MEMORY_N ?? 10_000)));
  if (process.env.BENCH_FANOUT !== '0') {
    const f = Number(process.env.BENCH_FANOUT ?? 1000);
    printTable(`Digest fan-out: ${f} subscriptions per platform, fakes enforcing the limits`, await fanoutBench(rt, f));
  }
  await rt.close();
  await up.close();
}

if (process.argv[1] && /bench\.[jt]s$/.test(process.argv[1]) && process.env.BENCH_ONLY) {
  void (async () => {
    const up = await startFakeUpstream();
    if (process.env.BENCH_ONLY === 'memory')
      printTable(
        'Memory of the bot process (RSS)',
        await memoryBench(up, Number(process.env.BENCH_MEMORY_N ?? 10_000)),
      );
    if (process.env.BENCH_ONLY === 'charts') {
      const rt = await runtimeFor(up);
      printTable('Charts: render time cold (a new spec each round) and cached, PNG size', await chartsBench(rt));
      await rt.close();
    }
    if (process.env.BENCH_ONLY === 'alerts') {
      const rt = await runtimeFor(up);
      printTable('Alerts: judging on one new block, and one event fanned out', await alertsBench(rt, up));
      await rt.close();
    }
    if (process.env.BENCH_ONLY === 'core') {
      const rt = await runtimeFor(up);
      const n = Number(process.env.BENCH_N ?? 20_000);
      const workloads: Array<[string, string, number]> = [
        ['yield', 's21xp 0.05 pool_fee=2% uptime=98%', n],
        ['yield', '100TH 3250W 0.06 currency=eur', n],
        ['break-even', 's21xp 0.05 hardware_cost=3500', Math.round(n / 4)],
        ['break-even', 'contract_price=6 hashrate=100TH days=365 maintenance=0.018', Math.round(n / 4)],
      ];
      for (const [name, text] of workloads)
        for (let i = 0; i < 5000; i++) await dispatch(name, { text }, { lang: 'en', platform: 'test' }, rt.deps);
      const rows = [];
      for (const [name, text, count] of workloads) rows.push(await warmDispatch(rt, name, text, count));
      printTable(`Core: warm-cache dispatch, sequential, one core (n=${n})`, rows);
      printTable('Core: cold cache', [await coldBurst(up, 1000)]);
      await rt.close();
    }
    if (process.env.BENCH_ONLY === 'faults')
      printTable(
        'Under faults: the next command after the cache expired, mempool hung (20 trials)',
        await faultsBench(up),
      );
    await up.close();
    process.exit(0);
  })();
} else if (process.argv[1] && /bench\.[jt]s$/.test(process.argv[1])) {
  process.stdout.write(`hashdesk bench · node ${process.version} · ${new Date().toISOString()}\n`);
  void coreBench().then(() => process.exit(0));
}
