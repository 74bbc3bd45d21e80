// `npm run i18n`: rewrites commands/core/messages/zh-hant.ts from zh-hans.ts and the command specs.
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { generateZhHant, specTexts } from './zh-hant.gen.js';
import { commands } from '../../commands/index.js';
import { REGULATOR_ENTRIES } from '../../commands/provider-check/regulators.data.js';

const file = new URL('../../commands/core/messages/zh-hant.ts', import.meta.url);
writeFileSync(file, generateZhHant(specTexts([commands, REGULATOR_ENTRIES])));
execFileSync('npx', ['prettier', '--write', file.pathname], { stdio: 'inherit' });
