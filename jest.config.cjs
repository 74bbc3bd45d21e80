/** Jest runs the TypeScript sources through esbuild (no type-check here: `npm run typecheck` does that). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/test/setup/loopback-only.cjs'],
  transform: {
    '^.+\\.ts$': '<rootDir>/test/setup/esbuild-transform.cjs',
    // opencc-js's dictionaries are ES modules: esbuild turns them into CommonJS for jest too.
    'opencc-js/.+\\.js$': '<rootDir>/test/setup/esbuild-transform.cjs',
  },
  transformIgnorePatterns: ['/node_modules/(?!opencc-js/)'],
  // Sources import './x.js' (NodeNext ESM); under jest resolve those to the .ts files.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 20000,
};
