// Reply → Telegram HTML (https://core.telegram.org/bots/api#html-style): every user- or upstream-
// supplied string escaped, messages split under the 4096-character limit at line boundaries.
import type { CommandStyle, Reply } from '../../commands/index.js';

/** How Telegram users type commands: `/break_even` (a-z, 0-9 and _ only in command names). */
export const TELEGRAM_STYLE: CommandStyle = { prefix: '/', separator: '_' };

export const MESSAGE_LIMIT = 4096;
/** Lines longer than this are split before markup is added, so no tag is ever cut in half. */
const LINE_PIECE = 3500;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Splits raw text so that each piece, once escaped, stays within LINE_PIECE characters. */
function pieces(raw: string): string[] {
  if (raw.length <= LINE_PIECE / 5) return [raw]; // escaping grows a character to 5 at most
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of raw) {
    const cost = ch === '&' ? 5 : ch === '<' || ch === '>' ? 4 : ch.length;
    if (size + cost > LINE_PIECE) {
      out.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += cost;
  }
  out.push(current);
  return out;
}

/** One rendered line per element; `tag` wraps each piece of the line. */
function lines(raw: string, tag?: 'b' | 'i'): string[] {
  return raw
    .split('\n')
    .flatMap((line) => pieces(line).map((p) => (tag && p ? `<${tag}>${escapeHtml(p)}</${tag}>` : escapeHtml(p))));
}

/** An https/http link as <a>; anything else as its text (the URL is never trusted as markup). */
function link(text: string, url: string): string {
  const label = escapeHtml(text.slice(0, 300));
  if (!/^https?:\/\/[^\s"<>]+$/i.test(url)) return label;
  return `<a href="${escapeHtml(url).replace(/"/g, '&quot;')}">${label}</a>`;
}

/** The reply as HTML lines (not yet split into messages). */
export function renderHtmlLines(reply: Reply): string[] {
  const out = [...lines(reply.title, 'b')];
  if (reply.kind !== 'ok') return out;
  if (reply.headline) out.push(...lines(reply.headline, 'b'));
  const colon = reply.lang && reply.lang !== 'en' ? '：' : ': ';
  for (const f of reply.fields) {
    if (f.links?.length) {
      // Headlines as links: the title is the link text, the URL never shown raw.
      out.push(
        '',
        ...lines(f.name, 'b'),
        ...f.links.map((l) => `• ${link(l.text, l.url)}${l.after ? ` ${escapeHtml(l.after)}` : ''}`),
      );
      continue;
    }
    const value = f.value.split('\n');
    if (value.length === 1)
      out.push(`<b>${escapeHtml(f.name)}${colon.trim()}</b>${colon.slice(1)}${lines(f.value).join(' ')}`);
    else out.push('', ...lines(f.name, 'b'), ...lines(f.value));
  }
  if (reply.lines.length) out.push('', ...reply.lines.flatMap((l) => lines(l)));
  if (reply.footnote) out.push('', ...lines(reply.footnote, 'i'));
  return out;
}

/** Messages of at most 4096 characters, split between lines. */
export function renderHtml(reply: Reply, extraLine?: string): string[] {
  const all = renderHtmlLines(reply);
  if (extraLine) all.push(...lines(extraLine, 'i'));
  const messages: string[] = [];
  let current = '';
  // UTF-16 length is never below the character count, so this stays under the limit.
  for (const line of all) {
    if (current && current.length + 1 + line.length > MESSAGE_LIMIT) {
      messages.push(current);
      current = line;
    } else current = current ? `${current}\n${line}` : line;
  }
  if (current.trim()) messages.push(current);
  return messages;
}
