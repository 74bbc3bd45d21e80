// Builds what `npm start` and the `hashdesk` CLI run: bot/main.ts and bot/cli.ts bundled by esbuild
// into dist/bot/ (shared code and the lazily imported parts — the Discord and Telegram adapters,
// pg, ioredis, BullMQ — as chunks in dist/chunks/, loaded only when the configuration uses them).
//
// Why a bundle and not tsc's one file per module: the bot loads ~900 modules at start; one minified
// file per entry and lazy part costs ~15 MiB less resident memory (fewer module records, shorter
// source kept for lazy compilation). Type-checking is `npm run typecheck`; stack traces map back to
// the sources with `node --enable-source-maps` (the .map files sit beside the chunks).
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Native addons and packages that read their own files at run time stay in node_modules.
const external = [
  'libsql',
  '@resvg/resvg-js',
  '@embedpdf/fonts-sc',
  '@embedpdf/fonts-tc',
  'dejavu-fonts-ttf',
  // optional native speed-ups some libraries try to load
  'zlib-sync',
  'bufferutil',
  'utf-8-validate',
  'pg-native',
  'msgpackr-extract',
];

/**
 * axios reads the global `FormData` at import time and builds its fetch adapter eagerly, which makes
 * Node load its bundled undici and web streams (~4 MiB resident in this bot) although hashdesk only
 * uses axios's http adapter (`adapter: 'http'` in bot/providers). The bundle gives axios a fetch
 * adapter that is never available, a lazy FormData check and http2 loaded on first use. The build fails if axios changes the
 * lines it patches, so an upgrade cannot silently undo (or break) this.
 */
const axiosWithoutFetch = {
  name: 'axios-without-fetch',
  setup(b) {
    b.onResolve({ filter: /^\.\/fetch\.js$/ }, (args) =>
      /axios[\\/]lib[\\/]adapters$/.test(args.resolveDir) ? { path: 'axios-fetch', namespace: 'hashdesk' } : undefined,
    );
    b.onLoad({ filter: /^axios-fetch$/, namespace: 'hashdesk' }, () => ({
      contents: 'export const getFetch = () => false;\nexport default false;\n',
      loader: 'js',
    }));
    // axios imports http2 for an option (httpVersion: 2) hashdesk never sets: load it on first use.
    b.onResolve({ filter: /^(node:)?http2$/ }, (args) =>
      /axios[\\/]lib[\\/](adapters|helpers)$/.test(args.resolveDir)
        ? { path: 'lazy-http2', namespace: 'hashdesk' }
        : undefined,
    );
    b.onLoad({ filter: /^lazy-http2$/, namespace: 'hashdesk' }, () => ({
      contents:
        "import { createRequire } from 'node:module';\n" +
        "const load = () => createRequire(import.meta.url)('node:http2');\n" +
        'export default new Proxy({}, { get: (_, key) => load()[key] });\n',
      loader: 'js',
    }));
    b.onLoad({ filter: /axios[\\/]lib[\\/]utils\.js$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      const eager = "const FormDataCtor = typeof G.FormData !== 'undefined' ? G.FormData : undefined;";
      if (!src.includes(eager))
        throw new Error(`scripts/build.mjs: axios's utils.js changed; review the FormData patch`);
      return { contents: src.replace(eager, 'const FormDataCtor = undefined;'), loader: 'js' };
    });
  },
};

/**
 * telegraf's HTTP client (node-fetch 2) requires whatwg-url at import time but uses Node's own URL
 * (`Url.URL || whatwgUrl.URL`), so the Unicode tables whatwg-url and tr46 build (~2.5 MiB resident)
 * are never used. The bundle gives node-fetch Node's URL under that name.
 */
const nodeFetchWithNodeUrl = {
  name: 'node-fetch-with-node-url',
  setup(b) {
    b.onResolve({ filter: /^whatwg-url$/ }, (args) =>
      /node-fetch[\\/]lib/.test(args.importer) ? { path: 'whatwg-url', namespace: 'hashdesk' } : undefined,
    );
    b.onLoad({ filter: /^whatwg-url$/, namespace: 'hashdesk' }, () => ({
      contents: "module.exports = { URL: require('node:url').URL };\n",
      loader: 'js',
    }));
  },
};

rmSync(path.join(root, 'dist'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['bot/main.ts', 'bot/cli.ts'],
  outdir: 'dist',
  outbase: '.',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  external,
  // CommonJS packages inside an ES module bundle still call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __hashdeskRequire } from 'node:module'; const require = __hashdeskRequire(import.meta.url);",
  },
  plugins: [axiosWithoutFetch, nodeFetchWithNodeUrl],
  logLevel: 'warning',
});
