// Shared test wiring: a runtime pointed at the fake upstream, with an injectable clock and a
// temporary DATA_DIR.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../bot/config.js';
import { createRuntime, type Runtime } from '../bot/runtime.js';
import type { Clock, Logger } from '../commands/core/ports.js';
import type { FakeUpstream } from './fakes/upstream.js';

export interface MutableClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

/** A clock tests move by hand. Starts at the sample capture time (2026-09-19 19:00 UTC). */
export function manualClock(start = Date.UTC(2026, 8, 19, 19, 0, 0)): MutableClock {
  let now = start;
  return {
    now: () => now,
    set: (ms) => {
      now = ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

export interface LogRecord {
  level: string;
  msg: string;
  fields?: Record<string, unknown>;
}

export function memoryLogger(): Logger & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  const add = (level: string) => (msg: string, fields?: Record<string, unknown>) => {
    records.push({ level, msg, ...(fields ? { fields } : {}) });
  };
  return { records, info: add('info'), warn: add('warn'), error: add('error') };
}

export function tempDir(prefix = 'hashdesk-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export async function testRuntime(
  upstream: FakeUpstream,
  opts: { clock?: Clock; dataDir?: string; env?: Record<string, string>; logger?: Logger } = {},
): Promise<Runtime> {
  const config = loadConfig({
    ...upstream.env,
    DATA_DIR: opts.dataDir ?? tempDir(),
    HTTP_TIMEOUT_MS: '400',
    ...opts.env,
  });
  return createRuntime(config, opts.logger ?? memoryLogger(), opts.clock ?? manualClock());
}

/** A real bot process (npm start's main.js) with its output collected. */
export interface BotProcess {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

/**
 * Starts `dist/bot/main.js` with a fresh DATA_DIR, PORT 0 and info logs, plus `env` (the fakes' URLs,
 * tokens); `children` collects it so a suite can kill what it started.
 */
export function spawnBot(env: Record<string, string>, children: ChildProcess[]): BotProcess {
  const child = spawn(process.execPath, [path.resolve('dist', 'bot', 'main.js')], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: tempDir(), PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out: () => out, exited };
}

/** The ops port a bot process logged. */
export const portOf = (out: string): number => Number(/"port":(\d+),"msg":"ops server listening"/.exec(out)?.[1] ?? 0);
