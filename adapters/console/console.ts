// The console adapter: one command per line from a terminal or a pipe, one process, one shared cache.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { dispatch, type Deps } from '../../commands/index.js';
import type { Lang } from '../../commands/core/messages.js';
import { renderJson, renderText } from './render.js';
import { splitFlags } from './argv.js';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  deps: Deps;
  lang: Lang;
  json: boolean;
  /** Show a prompt (interactive terminal). */
  prompt: boolean;
}

/** Reads lines until EOF or `exit`; resolves when done. Never throws on bad input. */
export async function runConsole(opts: ConsoleOptions): Promise<void> {
  const rl = createInterface({ input: opts.input, terminal: false });
  const write = (s: string): void => {
    opts.output.write(s + '\n');
  };
  const showPrompt = (): void => {
    if (opts.prompt) opts.output.write('hashdesk> ');
  };
  if (opts.prompt) {
    write('hashdesk console. Try: yield s21xp 0.05 pool_fee=2%  ·  help  ·  exit');
  }
  showPrompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) {
      showPrompt();
      continue;
    }
    if (line === 'exit' || line === 'quit') break;
    const { rest, json, lang } = splitFlags(line);
    const space = rest.search(/\s/);
    const name = space === -1 ? rest : rest.slice(0, space);
    const args = space === -1 ? '' : rest.slice(space + 1);
    const reply = await dispatch(name, { text: args }, { lang: lang ?? opts.lang, platform: 'console' }, opts.deps);
    write((json ?? opts.json) ? renderJson(reply) : renderText(reply) + '\n');
    showPrompt();
  }
  rl.close();
}
