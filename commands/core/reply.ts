// Small Reply builders the commands share.
import type { Reply } from './types.js';

/** A reply that is only a title and lines (confirmations, lists, refusals shown as information). */
export function infoReply(title: string, lines: string[] = [], tone: Reply['tone'] = 'info', json?: unknown): Reply {
  return { kind: 'ok', title, tone, fields: [], lines, ...(json !== undefined ? { json } : {}) };
}

/** The HTTP-style code a platform refusal starts with ("403 Forbidden: …" → "403"), or "—". */
export function refusalCode(reason: string): string {
  return /^\d{3}\b/.exec(reason)?.[0] ?? '—';
}
