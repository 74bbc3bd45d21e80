// Lint: type-checked typescript-eslint rules, and the import direction of the architecture
// (commands/ imports no runtime, adapter or platform library; adapters never import bot/).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const platformLibs = ['discord.js', 'telegraf', 'axios', 'node-cache', 'ioredis', 'pg', 'libsql', 'kysely'];

const corePaths = [
  ...platformLibs,
  'node:fs',
  'node:fs/promises',
  'node:http',
  'node:https',
  'node:net',
  'fs',
  'http',
  'https',
].map((name) => ({
  name,
  message: 'commands/ is the pure core: no I/O, no platform library (see STYLE.md rule 1).',
}));

/** The core's import rule, with more forbidden patterns for a part of it. */
const coreImports = (...more) => [
  'error',
  {
    paths: corePaths,
    patterns: [
      { group: ['**/bot/**', '**/adapters/**'], message: 'commands/ must not import the runtime or adapters.' },
      ...more,
    ],
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.bench/**',
      'node_modules/**',
      'coverage/**',
      '**/*.cjs',
      '*.mjs',
      'scripts/*.mjs',
      'test/setup/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['commands/**/*.ts'],
    rules: {
      'no-restricted-imports': coreImports(),
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'commands/ reads no environment: use the ports.' },
      ],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'use the Clock port' }],
    },
  },
  // The core's parser and catalogs know no command and no preset table: those come through the specs.
  {
    files: ['commands/core/**/*.ts'],
    rules: {
      'no-restricted-imports': coreImports({
        group: ['../*/**', '!../core/**'],
        message: 'commands/core imports no command folder (presets reach the parser through OptionSpec.models).',
      }),
    },
  },
  // Each adapter uses its own platform library only, and no other adapter.
  ...[
    ['discord', 'telegraf', 'telegram'],
    ['telegram', 'discord.js', 'discord'],
    ['console', null, null],
  ].map(([self, otherLib, otherAdapter]) => ({
    files: [`adapters/${self}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...(otherLib ? [otherLib] : ['discord.js', 'telegraf']).map((name) => ({
              name,
              message: `adapters/${self} must not use another platform's library.`,
            })),
          ],
          patterns: [
            { group: ['**/bot/**'], message: 'adapters translate only; bot/ wires them, not the other way round.' },
            {
              group: otherAdapter
                ? [`**/adapters/${otherAdapter}/**`, `../${otherAdapter}/**`]
                : ['../discord/**', '../telegram/**'],
              message: 'adapters do not import each other.',
            },
          ],
        },
      ],
    },
  })),
  // bot/ reaches the platform adapters only through bot/platforms.ts (and the CLI's console/deploy).
  {
    files: ['bot/**/*.ts'],
    ignores: ['bot/platforms.ts', 'bot/cli.ts', 'bot/main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['discord.js', 'telegraf'].map((name) => ({
            name,
            message: 'bot/ uses platform libraries only through the adapters (bot/platforms.ts).',
          })),
          patterns: [
            {
              group: ['**/adapters/**'],
              message: 'bot/ imports adapters only in bot/platforms.ts (and the CLI entry points).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
