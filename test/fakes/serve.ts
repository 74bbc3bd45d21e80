// Runs the fake upstream on its own for trying the bot by hand offline:
//   npx tsx test/fakes/serve.ts   → prints the env lines to export.
import { startFakeUpstream } from './upstream.js';

void startFakeUpstream().then((up) => {
  for (const [k, v] of Object.entries(up.env)) process.stdout.write(`export ${k}=${v}\n`);
});
