// Structured JSON logs (pino) on stderr. Every configured secret is replaced by "[redacted]" in every
// line, whatever field it hides in (messages, error texts, URLs).
import { destination, pino, stdTimeFunctions, type DestinationStream } from 'pino';
import type { Logger } from '../commands/core/ports.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export function createLogger(opts: {
  level: LogLevel;
  secrets: readonly string[];
  /** Where lines go (default stderr); tests pass a collector. */
  destination?: DestinationStream;
}): Logger {
  const secrets = opts.secrets.filter((s) => s.length >= 4);
  // JSON-escaped forms too, so a secret inside a quoted string is caught as well.
  const needles = [...new Set(secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]))];
  const redact = (line: string): string => needles.reduce((out, n) => out.split(n).join('[redacted]'), line);
  const log = pino(
    {
      level: opts.level,
      base: null,
      messageKey: 'msg',
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: { streamWrite: redact },
    },
    opts.destination ?? destination(2),
  );
  return {
    info: (msg, fields) => log.info(fields ?? {}, msg),
    warn: (msg, fields) => log.warn(fields ?? {}, msg),
    error: (msg, fields) => log.error(fields ?? {}, msg),
  };
}
