import { Writable } from 'node:stream';
import { createLogger } from '../../bot/logger.js';
import { loadConfig, secretsOf } from '../../bot/config.js';

function collector(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

test('JSON lines with level, time and message; secrets redacted wherever they appear', async () => {
  const config = loadConfig({
    DISCORD_TOKEN: 'MTIz.discord-secret.abc',
    TELEGRAM_BOT_TOKEN: '123456:telegram-secret',
    COINGECKO_API_KEY: 'CG-secret-key',
    DATABASE_URL: 'postgres://bot:db%20pass%2Fword@db.example:5432/hashdesk',
    REDIS_URL: 'redis://:redis-secret@cache.example:6379',
  });
  const { lines, stream } = collector();
  const log = createLogger({ level: 'info', secrets: secretsOf(config), destination: stream });
  log.info('connected with MTIz.discord-secret.abc', {
    token: '123456:telegram-secret',
    nested: { url: 'https://api.example/bot123456:telegram-secret/getMe' },
  });
  log.warn('upstream failed', {
    error: 'GET https://x?key=CG-secret-key failed',
    db: 'password db pass/word',
    redis: 'redis-secret',
  });
  log.error('boom', { quoted: 'a "MTIz.discord-secret.abc" b' });
  await new Promise((r) => setImmediate(r));
  expect(lines).toHaveLength(3);
  const all = lines.join('\n');
  for (const secret of ['discord-secret', 'telegram-secret', 'CG-secret-key', 'db pass/word', 'redis-secret'])
    expect(all).not.toContain(secret);
  const first = JSON.parse(lines[0]!) as Record<string, unknown>;
  expect(first).toMatchObject({ level: 'info', msg: 'connected with [redacted]', token: '[redacted]' });
  expect(typeof first.time).toBe('string');
});

test('below the level nothing is written; silent writes nothing', async () => {
  const { lines, stream } = collector();
  createLogger({ level: 'warn', secrets: [], destination: stream }).info('hidden');
  createLogger({ level: 'silent', secrets: [], destination: stream }).error('hidden too');
  await new Promise((r) => setImmediate(r));
  expect(lines).toEqual([]);
});
