// Preloaded into the bot process by the memory benchmark (and test/bot/lean-start.test.ts): on
// SIGUSR2, a full GC, then the memory figures and the built-in modules loaded so far on stderr (one
// JSON line), so retained memory can be told from heap not yet collected.
process.on('SIGUSR2', () => {
  if (global.gc) global.gc();
  const m = process.memoryUsage();
  const builtins = process.moduleLoadList.filter((n) => n.startsWith('NativeModule ')).map((n) => n.slice(13));
  process.stderr.write(
    `GC-PROBE ${JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, ab: m.arrayBuffers, builtins })}\n`,
  );
});
