// Headlines as links on the surfaces that render them; a URL that could break the markup stays text.
import type { Reply } from '../../commands/index.js';
import { renderHtml } from '../../adapters/telegram/render.js';
import { renderEmbed } from '../../adapters/discord/render.js';
import { renderText } from '../../adapters/console/render.js';

const reply: Reply = {
  kind: 'ok',
  title: 'Mining digest',
  tone: 'info',
  lines: [],
  fields: [
    {
      name: 'Headlines',
      value: '• Hashprice <falls> (x.org, 18:00 UTC) https://x.org/a?b=1&c=2',
      links: [
        { text: 'Hashprice <falls> *below* $39', url: 'https://x.org/a?b=1&c=2', after: '(x.org, 18:00 UTC)' },
        { text: 'Bad link', url: 'javascript:alert(1)', after: '(evil, 01:00 UTC)' },
        { text: 'Quote "break"', url: 'https://x.org/"><script>', after: '(evil, 02:00 UTC)' },
      ],
    },
  ],
};

test('Telegram: <a href> with the title as its text, every part escaped; other schemes stay text', () => {
  const html = renderHtml(reply).join('\n');
  expect(html).toContain(
    '• <a href="https://x.org/a?b=1&amp;c=2">Hashprice &lt;falls&gt; *below* $39</a> (x.org, 18:00 UTC)',
  );
  expect(html).toContain('• Bad link (evil, 01:00 UTC)');
  expect(html).toContain('• Quote "break" (evil, 02:00 UTC)');
  expect(html).not.toMatch(/javascript:|<script>/);
});

test('Discord: a masked link with the title escaped; other schemes stay text', () => {
  const field = renderEmbed(reply).fields![0]!;
  expect(field.value).toContain('• [Hashprice <falls> \\*below\\* $39](<https://x.org/a?b=1&c=2>) (x.org, 18:00 UTC)');
  expect(field.value).toContain('• Bad link (evil, 01:00 UTC)');
  expect(field.value).not.toContain('javascript:');
});

test('the console shows the plain value, URL included', () => {
  expect(renderText(reply)).toContain('https://x.org/a?b=1&c=2');
});
