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

test('a long title is cut at 256 with a marker', () => {
  const e = renderEmbed(reply({ title: 'x'.repeat(400) }));
  expect([...e.title!].length).toBe(256);
  expect(e.title!.endsWith(TRUNCATION_MARKER)).toBe(true);
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
  const e = renderEmbed(reply({ title: '收'.repeat(300) }));
  expect([...e.title!].length).toBe(256);
});
