#!/usr/bin/env node
// `hashdesk <command> [args] [--json] [--lang zh]` runs one command and exits (0 ok, 2 bad input,
// 1 data unavailable or internal error); `hashdesk` alone opens the console.
import { argvToText, splitFlags } from '../adapters/console/argv.js';
import { renderJson, renderText } from '../adapters/console/render.js';
import { runConsole } from '../adapters/console/console.js';
import { loadConfigOrReport, secretsOf } from './config.js';
import { createLogger } from './logger.js';
import { createRuntime } from './runtime.js';
import { discordDeployCommand } from './platforms.js';
import { renderChartPng } from './chart.js';
import { writeFile } from 'node:fs/promises';

export async function cli(argv: readonly string[]): Promise<number> {
  const config = loadConfigOrReport();
  if (!config) return 2;
  if (argv[0] === 'discord' && argv[1] === 'deploy') {
    try {
      process.stdout.write((await discordDeployCommand(config, argv.slice(2))) + '\n');
      return 0;
    } catch (err) {
      process.stderr.write(`discord deploy failed: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
  }
  const { rest, json, lang: langFlag, chart } = splitFlags(argvToText(argv));
  const lang = langFlag ?? config.DEFAULT_LANG;
  const logger = createLogger({ level: config.LOG_LEVEL ?? 'warn', secrets: secretsOf(config) });
  const runtime = await createRuntime(config, logger);
  try {
    if (!rest) {
      await runConsole({
        input: process.stdin,
        output: process.stdout,
        deps: runtime.deps,
        lang,
        json: json ?? false,
        prompt: process.stdin.isTTY === true,
      });
      return 0;
    }
    const space = rest.search(/\s/);
    const name = space === -1 ? rest : rest.slice(0, space);
    const text = space === -1 ? '' : rest.slice(space + 1);
    const reply = await runtime.run(name, { text }, { lang, platform: 'cli' });
    if (reply.kind === 'ok') {
      process.stdout.write((json ? renderJson(reply) : renderText(reply)) + '\n');
      if (chart && reply.chart) {
        await writeFile(chart, renderChartPng(reply.chart));
        process.stderr.write(`chart written to ${chart}\n`);
      } else if (chart) {
        process.stderr.write('this reply has no chart\n');
      }
      return 0;
    }
    if (json) process.stdout.write(renderJson(reply) + '\n');
    process.stderr.write(reply.title + '\n');
    return reply.kind === 'user-error' ? 2 : 1;
  } finally {
    await runtime.close();
  }
}

cli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`hashdesk: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
