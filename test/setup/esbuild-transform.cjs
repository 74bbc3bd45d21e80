// Jest transformer: TypeScript → CommonJS with esbuild (type-checking is `npm run typecheck`'s job).
// esbuild ships its binaries as npm packages for every platform, so `npm ci` works everywhere.
const { transformSync } = require('esbuild');
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');

// Cached transforms are keyed by this file's own text too, so a change here re-transforms everything.
const SELF = createHash('sha1').update(readFileSync(__filename)).digest('hex');

module.exports = {
  getCacheKey(source, filename) {
    return createHash('sha1').update(SELF).update(filename).update(source).digest('hex');
  },
  process(source, filename) {
    const result = transformSync(source, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
      // Lazy `await import()` (platform libraries loaded only when configured) becomes require():
      // jest's CommonJS sandbox cannot run a native dynamic import without an experimental flag.
      supported: { 'dynamic-import': false },
    });
    return { code: result.code };
  },
};
