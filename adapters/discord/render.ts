// Reply → Discord embed within Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits):
// title 256, description 4096, 25 fields, field name 256 / value 1024, footer 2048, 6000 in total.
import { escapeMarkdown, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { CommandStyle, Reply, Tone } from '../../commands/index.js';

/** How Discord users type commands: `/break-even`. */
export const DISCORD_STYLE: CommandStyle = { prefix: '/', separator: '-' };

export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  total: 6000,
} as const;

/** What a cut-off text ends with, so readers know something is missing. */
export const TRUNCATION_MARKER = '…';

const COLOURS: Record<Tone, number> = {
  info: 0x3b82f6,
  good: 0x16a34a,
  warn: 0xf59e0b,
  bad: 0xdc2626,
  error: 0x6b7280,
};

export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + TRUNCATION_MARKER;
}

const length = (s: string | undefined): number => (s ? [...s].length : 0);

/** Total characters Discord counts against the 6000 limit. */
export function embedLength(e: APIEmbed): number {
  return (
    length(e.title) +
    length(e.description) +
    length(e.footer?.text) +
    (e.fields ?? []).reduce((n, f) => n + length(f.name) + length(f.value), 0)
  );
}

/**
 * The core's text has no markup, so every string is escaped: a feed title, note or offer name with
 * `**`, `_`, `` ` ``, `# ` or a masked link shows as typed instead of formatting the embed.
 */
const md = (text: string): string =>
  escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });

/** A field's lines over as many fields as they need (name, name (2), …): a long list is never cut. */
function splitField(name: string, value: string, inline: boolean): APIEmbedField[] {
  const out: APIEmbedField[] = [];
  let chunk = '';
  const flush = (): void => {
    const n = out.length === 0 ? name : `${name} (${out.length + 1})`;
    out.push({ name: truncate(n || '\u200b', EMBED_LIMITS.fieldName), value: chunk || '\u200b', inline });
    chunk = '';
  };
  for (const line of value.split('\n').map((l) => truncate(l, EMBED_LIMITS.fieldValue))) {
    if (chunk && length(chunk) + 1 + length(line) > EMBED_LIMITS.fieldValue) flush();
    chunk = chunk ? `${chunk}\n${line}` : line;
  }
  flush();
  return out;
}

/** "• [title](url) (source, 18:00 UTC)": a masked link; a URL that could break the markup is left out. */
function maskedLink(l: { text: string; url: string; after?: string }): string {
  const text = md(l.text.slice(0, 300)).replace(/[[\]]/g, '');
  const after = l.after ? ` ${md(l.after)}` : '';
  if (!/^https?:\/\/[^\s()<>[\]]+$/i.test(l.url)) return `• ${text}${after}`;
  return `• [${text}](<${l.url}>)${after}`;
}

/** The embed for a reply; always within every limit. */
export function renderEmbed(reply: Reply): APIEmbed {
  const title = md(reply.title);
  // A title too long for Discord's 256 (an outage message) goes whole into the description instead.
  const longTitle = length(title) > EMBED_LIMITS.title;
  const description = [
    longTitle ? title : '',
    reply.headline ? `**${md(reply.headline)}**` : '',
    ...reply.lines.map(md),
  ]
    .filter(Boolean)
    .join('\n');
  const embed: APIEmbed = {
    ...(longTitle ? {} : { title }),
    color: COLOURS[reply.tone],
  };
  if (description) embed.description = truncate(description, EMBED_LIMITS.description);
  const all = reply.fields.flatMap((f) =>
    splitField(md(f.name), f.links?.length ? f.links.map(maskedLink).join('\n') : md(f.value), f.inline ?? false),
  );
  let fields: APIEmbedField[] = all.slice(0, EMBED_LIMITS.fields);
  if (all.length > EMBED_LIMITS.fields) {
    fields[EMBED_LIMITS.fields - 1] = {
      name: TRUNCATION_MARKER,
      value: `+${all.length - EMBED_LIMITS.fields + 1}`,
    };
  }
  if (reply.footnote) embed.footer = { text: truncate(md(reply.footnote), EMBED_LIMITS.footer) };
  embed.fields = fields;
  // Over the total: shorten the description, then drop trailing fields, until it fits.
  while (embedLength(embed) > EMBED_LIMITS.total) {
    const over = embedLength(embed) - EMBED_LIMITS.total;
    if (embed.description && length(embed.description) > over + 1) {
      embed.description = truncate(embed.description, length(embed.description) - over);
    } else if (fields.length > 0) {
      fields = fields.slice(0, -1);
      embed.fields = fields;
    } else if (embed.footer) {
      embed.footer = { text: truncate(embed.footer.text, Math.max(1, length(embed.footer.text) - over)) };
    } else {
      embed.title = truncate(embed.title ?? '', Math.max(1, length(embed.title) - over));
    }
  }
  if (fields.length === 0) delete embed.fields;
  return embed;
}
