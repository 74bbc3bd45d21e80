// Jest transformer: TypeScript → CommonJS with esbuild (type-checking is `npm run typecheck`'s job).
// esbuild ships its binaries as npm packages for every platform, so `npm ci` works everywhere.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const result = transformSync(source, {
      loader: 'ts',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
    });
    return { code: result.code };
  },
};
