// End to end: the built CLI in a child process against the fake upstream on loopback.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startFakeUpstream, type FakeUpstream } from '../../fakes/upstream.js';
import { tempDir } from '../../helpers.js';

const CLI = path.resolve('dist', 'bot', 'cli.js');
const MAIN = path.resolve('dist', 'bot', 'main.js');

let up: FakeUpstream;
beforeAll(async () => {
  up = await startFakeUpstream();
});
afterAll(async () => {
  await up.close();
});
beforeEach(() => up.reset());

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(script: string, args: string[], input?: string, env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: { PATH: process.env.PATH ?? '', ...up.env, DATA_DIR: tempDir(), HTTP_TIMEOUT_MS: '500', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

test('one command with --json prints one JSON object and exits 0', async () => {
  const r = await run(CLI, ['yield', 's21xp', '0.05', 'pool_fee=2%', 'uptime=98%', '--json']);
  expect(r.code).toBe(0);
  const lines = r.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  const j = JSON.parse(lines[0]!) as Record<string, unknown>;
  expect(j).toHaveProperty('btcPerDay');
  expect(j.satsPerDay as number).toBeCloseTo(12_353, -1);
  expect(j.currency).toBe('usd');
  expect((j.data as Record<string, unknown>).height).toBe(967_731);
});

test('a quoted model name survives the shell (argv keeps the space)', async () => {
  const r = await run(CLI, ['yield', 'model=S21 XP', '0.05', '--json']);
  expect(r.code).toBe(0);
  expect((JSON.parse(r.stdout) as Record<string, unknown>).model).toBe('s21xp');
});

test('bad input exits 2 with the message on stderr, nothing on stdout', async () => {
  const r = await run(CLI, ['yield', 'hashrate=12XH']);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim()).toBe('hashrate "12XH": use a number with a unit, like 110TH or 1.2PH');
});

test('--lang zh answers in Chinese', async () => {
  const r = await run(CLI, ['break-even', 's21xp', '0.05', 'hardware_cost=3500', '--lang', 'zh-Hans']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('回本');
});

test('the console reads commands line by line from a pipe, with one shared cache', async () => {
  const input = [
    'yield 100TH 3000W 0.05 --json',
    'break-even s21xp 0.05 hardware_cost=3500 --json',
    'yield nonsense',
    'help',
  ].join('\n');
  const r = await run(CLI, [], input);
  expect(r.code).toBe(0);
  const lines = r.stdout.split('\n');
  const first = JSON.parse(lines[0]!) as Record<string, unknown>;
  expect(first).toHaveProperty('profitPerDay');
  const second = JSON.parse(lines[1]!) as Record<string, unknown>;
  expect(second).toHaveProperty('paybackDays');
  expect(r.stdout).toContain('I don\'t understand "nonsense"');
  expect(r.stdout).toContain('hashdesk commands');
  // both commands share one cache: one request per endpoint
  expect(up.counts.get('/mempool/api/v1/mining/hashrate/3d')).toBe(1);
});

test('npm start without tokens opens the console', async () => {
  const r = await run(MAIN, [], 'yield 100TH 3000W 0.05 --json\n');
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout.trim()) as Record<string, unknown>).toHaveProperty('btcPerDay');
});

test('an invalid environment variable is named, with exit 2', async () => {
  const r = await run(CLI, ['yield', '100TH'], '', { MEMPOOL_API_URL: 'not a url' });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/MEMPOOL_API_URL: must be an http\(s\) URL/);
});
