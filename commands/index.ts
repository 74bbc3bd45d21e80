// The explicit list of commands. Adapters derive their platform commands from it.
import type { CommandSpec } from './core/types.js';
import { yieldCommand } from './yield/yield.command.js';
import { breakEvenCommand } from './break-even/break-even.command.js';
import { createHelpCommand } from './help/help.command.js';
import { providerCheckCommand } from './provider-check/provider-check.command.js';
import { newsDigestCommand } from './news-digest/news-digest.command.js';
import { chartCommand } from './chart/chart.command.js';
import { alertCommand } from './alert/alert.command.js';
import { rigCommand } from './rig/rig.command.js';
import { dispatchWith } from './core/dispatch.js';
import type { Context, Reply } from './core/types.js';
import type { Deps } from './core/ports.js';
import type { RawInput } from './core/options.js';

const helpCommand = createHelpCommand(() => commands);

/** Every command, in the order help lists them. */
export const commands: readonly CommandSpec[] = [
  yieldCommand,
  breakEvenCommand,
  providerCheckCommand,
  newsDigestCommand,
  chartCommand,
  alertCommand,
  rigCommand,
  helpCommand,
];

export type {
  CommandSpec,
  CommandStyle,
  Reply,
  ReplyField,
  Context,
  Options,
  OptionSpec,
  Tone,
  ChartSpec,
  BarChartSpec,
  LineChartSpec,
  ChartPanel,
  ChartSeries,
  ChartValueFormat,
} from './core/types.js';
export type { Deps, MarketData, Clock, Logger } from './core/ports.js';

/** Runs a command by name: the single entry point for every surface. Never throws. */
export function dispatch(name: string, input: RawInput, ctx: Context, deps: Deps): Promise<Reply> {
  return dispatchWith(commands, name, input, ctx, deps);
}

export type { RawInput };
