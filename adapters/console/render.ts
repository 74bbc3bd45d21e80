// Reply → plain text for terminals. Strips control characters from every string, since some
// upstream text (coinbase tags, feed titles) can carry terminal escapes.
import type { CommandStyle, Reply } from '../../commands/index.js';

/** How console and CLI users type commands: `break-even` (the core's default). */
export const CONSOLE_STYLE: CommandStyle = { prefix: '', separator: '-' };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const clean = (s: string): string => s.replace(CONTROL, '');

export function renderText(reply: Reply): string {
  const out: string[] = [];
  out.push(clean(reply.title));
  if (reply.kind !== 'ok') return out.join('\n');
  out.push('='.repeat(Math.min(60, Math.max(10, [...reply.title].length))));
  if (reply.headline) out.push(clean(reply.headline), '');
  const colon = reply.lang && reply.lang !== 'en' ? '：' : ':';
  for (const f of reply.fields) {
    const value = clean(f.value).split('\n');
    if (value.length === 1) out.push(`${clean(f.name)}${colon}${colon === ':' ? ' ' : ''}${value[0]}`);
    else out.push(`${clean(f.name)}${colon}`, ...value.map((v) => `  ${v}`));
  }
  if (reply.lines.length) out.push('', ...reply.lines.map(clean));
  if (reply.footnote)
    out.push(
      '',
      ...clean(reply.footnote)
        .split('\n')
        .map((l) => `· ${l}`),
    );
  return out.join('\n');
}

/** One JSON line for `--json`: the command's result, or `{error}` for failures. */
export function renderJson(reply: Reply): string {
  return JSON.stringify(reply.json ?? { title: reply.title });
}
