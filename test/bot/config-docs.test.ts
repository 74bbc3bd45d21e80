// Every environment variable hashdesk reads is documented in the README's table and in .env.example.
import { readFileSync } from 'node:fs';
import { CONFIG_KEYS } from '../../bot/config.js';

const readme = readFileSync('README.md', 'utf8');
const example = readFileSync('.env.example', 'utf8');

test.each(CONFIG_KEYS.map((k) => [k]))('%s is in the README configuration table and in .env.example', (key) => {
  expect(readme).toMatch(new RegExp(`^\\| \`${key}\` \\|`, 'm'));
  expect(example).toMatch(new RegExp(`^#? ?${key}=`, 'm'));
});
