import type { CommandSpec, Context, OptionSpec, OptionsOf, Reply, ReplyField } from '../core/types.js';
import { invocation, t, localized } from '../core/messages.js';
import { optionHint } from '../core/options.js';
import { ASIC_MODELS } from '../mining/asic-models.js';
import { fmtList, fmtNumber } from '../core/format.js';

const OPTIONS = [
  {
    name: 'topic',
    kind: 'text',
    max: 40,
    greedy: true,
    description: { en: 'A command name, or "models"', zh: '命令名，或 "models"' },
  },
] as const satisfies readonly OptionSpec[];

/** Builds `help` over a command list (injected to avoid an import cycle with the registry). */
export function createHelpCommand(list: () => readonly CommandSpec[]) {
  return {
    name: 'help',
    description: { en: "List the commands, or show one command's options", zh: '列出命令，或显示某个命令的选项' },
    options: OPTIONS,
    examples: ['', 'yield', 'models'],
    run(o, ctx): Promise<Reply> {
      return Promise.resolve(helpReply(list(), o, ctx));
    },
  } satisfies CommandSpec<typeof OPTIONS>;
}

function helpReply(
  all: readonly CommandSpec[],
  o: OptionsOf<typeof OPTIONS>,
  { lang, commandStyle: style }: Context,
): Reply {
  const call = (name: string, args = ''): string => `${invocation(name, style)} ${args}`.trim();
  const topic = (o.topic ?? '').toLowerCase().replace(/_/g, '-');
  if (topic === 'models') {
    return {
      kind: 'ok',
      title: t(lang, 'help.models'),
      tone: 'info',
      fields: [],
      lines: ASIC_MODELS.map((m) =>
        t(lang, 'label', {
          label: m.id,
          value: fmtList(
            [
              m.name,
              `${fmtNumber(m.hashrateThs, lang, 1)} TH/s`,
              `${fmtNumber(m.powerW, lang, 0)} W`,
              `${fmtNumber(m.efficiencyJth, lang, 1)} J/TH`,
            ],
            lang,
          ),
        }),
      ),
      json: { models: ASIC_MODELS },
    };
  }
  const cmd = all.find((c) => c.name === topic);
  if (cmd) {
    const fields: ReplyField[] = [
      { name: t(lang, 'help.examples'), value: cmd.examples.map((e) => call(cmd.name, e)).join('\n') },
      {
        name: t(lang, 'help.options'),
        value: cmd.options
          .map((s) =>
            t(lang, 'help.option', {
              name: s.name,
              description: localized(s.description, lang),
              hint: optionHint(s, lang),
            }),
          )
          .join('\n'),
      },
    ];
    return {
      kind: 'ok',
      title: t(lang, 'label', { label: invocation(cmd.name, style), value: localized(cmd.description, lang) }),
      tone: 'info',
      fields,
      lines: [],
      json: { command: cmd.name, options: cmd.options.map((s) => s.name) },
    };
  }
  return {
    kind: 'ok',
    title: t(lang, 'help.title'),
    tone: 'info',
    fields: all.map((c) => ({
      name: invocation(c.name, style),
      value:
        `${localized(c.description, lang)}\n${t(lang, 'label', { label: t(lang, 'help.examples'), value: call(c.name, c.examples[0] ?? '') })}`.trim(),
    })),
    lines: [t(lang, 'help.intro', {}, style)],
    json: { commands: all.map((c) => c.name) },
  };
}
