import { EMBED_LIMITS, embedLength, renderEmbed, TRUNCATION_MARKER } from '../../../adapters/discord/render.js';
import type { Reply } from '../../../commands/index.js';

const reply = (over: Partial<Reply>): Reply => ({
  kind: 'ok',
  title: 't',
  tone: 'info',
  fields: [],
  lines: [],
  ...over,
});

test('a title too long for Discord goes whole into the description, never cut', () => {
  const long = `Live data is unavailable right now: ${'no source answered; '.repeat(15)}Try again in a minute.`;
  const e = renderEmbed(reply({ title: long }));
  expect(e.title).toBeUndefined();
  expect(e.description!.startsWith(long)).toBe(true);
});

test('user and upstream text is escaped: markdown and masked links show as typed', () => {
  const e = renderEmbed(
    reply({
      title: '**Free** _hash_',
      lines: ['[click here](https://evil.example) `code` # heading'],
      fields: [{ name: 'Notes', value: '~~gone~~ ||spoiler||' }],
    }),
  );
  expect(e.title).toBe('\\*\\*Free\\*\\* \\_hash\\_');
  expect(e.description).not.toMatch(/(?<!\\)\[click here\]\(/);
  expect(e.description).toContain('\\`code\\`');
  expect(e.fields![0]!.value).toBe('\\~\\~gone\\~\\~ \\|\\|spoiler\\|\\|');
});

test('a long option list is split over several fields, never cut', () => {
  const lines = Array.from({ length: 40 }, (_, i) => `option_${i}: ${'a description of the option '.repeat(2)}`);
  const e = renderEmbed(reply({ fields: [{ name: 'Options', value: lines.join('\n') }] }));
  const shown = e.fields!.map((f) => f.value).join('\n');
  for (let i = 0; i < 40; i++) expect(shown).toContain(`option\\_${i}:`);
  expect(e.fields!.every((f) => [...f.value].length <= 1024)).toBe(true);
  expect(e.fields![1]!.name).toBe('Options (2)');
});

test('more than 25 fields: 25 shown, the last says how many were left out', () => {
  const e = renderEmbed(reply({ fields: Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, value: 'v' })) }));
  expect(e.fields).toHaveLength(25);
  expect(e.fields![24]).toEqual({ name: TRUNCATION_MARKER, value: '+6' });
});

test('field values over 1024 and a description over 4096 are cut', () => {
  const e = renderEmbed(reply({ fields: [{ name: 'n', value: 'v'.repeat(2000) }], lines: ['d'.repeat(5000)] }));
  expect([...e.fields![0]!.value].length).toBe(1024);
  expect([...e.description!].length).toBeLessThanOrEqual(4096);
});

test('the whole embed stays within 6000 characters', () => {
  const e = renderEmbed(
    reply({
      title: 'T'.repeat(300),
      lines: ['L'.repeat(4000)],
      fields: Array.from({ length: 25 }, () => ({ name: 'N'.repeat(100), value: 'V'.repeat(1000) })),
      footnote: 'F'.repeat(3000),
    }),
  );
  expect(embedLength(e)).toBeLessThanOrEqual(EMBED_LIMITS.total);
  expect(e.description!.endsWith(TRUNCATION_MARKER)).toBe(true);
});

test('colour follows the tone; multi-byte text is counted in characters', () => {
  expect(renderEmbed(reply({ tone: 'good' })).color).not.toBe(renderEmbed(reply({ tone: 'bad' })).color);
  const e = renderEmbed(reply({ title: '收'.repeat(250) }));
  expect([...e.title!].length).toBe(250);
  expect(renderEmbed(reply({ title: '收'.repeat(300) })).title).toBeUndefined();
});
