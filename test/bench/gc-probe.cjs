// Preloaded into the bot process by the memory benchmark: on SIGUSR2, a full GC, then the memory
// figures on stderr (one JSON line), so retained memory can be told from heap not yet collected.
process.on('SIGUSR2', () => {
  if (global.gc) global.gc();
  const m = process.memoryUsage();
  process.stderr.write(
    `GC-PROBE ${JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, ab: m.arrayBuffers })}\n`,
  );
});
