// Every environment variable hashdesk reads is documented in the README's table and in .env.example.
import { readFileSync } from 'node:fs';
import { CONFIG_KEYS } from '../../bot/config.js';

const readme = readFileSync('README.md', 'utf8');
const example = readFileSync('.env.example', 'utf8');

test.each(CONFIG_KEYS.map((k) => [k]))('%s is in the README configuration table and in .env.example', (key) => {
  expect(readme).toMatch(new RegExp(`^\\| \`${key}\` \\|`, 'm'));
  expect(example).toMatch(new RegExp(`^#? ?${key}=`, 'm'));
});

test('the Dockerfile starts the bot with the node flags of npm start', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } };
  const npmStart = pkg.scripts.start.split(/\s+/).slice(1);
  const cmd = /^CMD (\[.*\])$/m.exec(readFileSync('Dockerfile', 'utf8'))?.[1];
  expect(JSON.parse(cmd ?? '[]')).toEqual(['node', ...npmStart]);
});
