// `rig`: save the arguments people retype every day under a name (`rig save garage s21xp count=3 0.06
// currency=eur pool_fee=2%`), then `yield rig=garage`, `break-even rig=garage hardware_cost=…`. Rigs are
// per user, private to them in groups too.
import type { CommandSpec, Context, OptionsOf, OptionSpec, Reply } from '../core/types.js';
import type { Deps } from '../core/ports.js';
import { t } from '../core/messages.js';
import { infoReply } from '../core/reply.js';
import { UserError } from '../core/errors.js';
import { readOptions } from '../core/options.js';
import { tokenize } from '../core/args.js';
import { resolveRig } from '../mining/inputs.js';
import { yieldCommand } from '../yield/yield.command.js';
import { rigOwner } from '../core/owner.js';

/** Rigs one user may keep. */
export const RIGS_MAX = 20;
const NAME = /^[a-z0-9][a-z0-9_-]{0,23}$/;

const OPTIONS = [
  {
    name: 'args',
    kind: 'text',
    max: 400,
    greedy: true,
    description: {
      en: 'save NAME s21xp count=3 0.06 · list · remove NAME',
      zh: 'save 名称 s21xp count=3 0.06 · list · remove 名称',
    },
  },
] as const satisfies readonly OptionSpec[];
type Opts = OptionsOf<typeof OPTIONS>;

async function run(o: Opts, ctx: Context, deps: Deps): Promise<Reply> {
  const { lang } = ctx;
  const store = deps.rigs;
  if (!store) return infoReply(t(lang, 'rig.unavailable'), [], 'warn');
  const text = (o.args ?? '').trim();
  const tokens = text ? tokenize(text) : [];
  const action = tokens[0]?.toLowerCase() ?? 'list';
  const owner = rigOwner(ctx);
  if (action === 'list') {
    const rigs = await store.listRigs(owner);
    if (!rigs.length) return infoReply(t(lang, 'rig.none', {}, ctx.commandStyle));
    return infoReply(
      t(lang, 'rig.list', { count: rigs.length }),
      rigs.map((r) => t(lang, 'label', { label: r.name, value: r.args })),
      'info',
      { rigs },
    );
  }
  const name = (tokens[1] ?? '').toLowerCase();
  if (!NAME.test(name))
    throw new UserError('error.invalid', { name: 'name', value: name.slice(0, 30), hint: 'hint.rigName' });
  if (action === 'remove') {
    if (!(await store.removeRig(owner, name))) throw new UserError('rig.missing', { name });
    return infoReply(t(lang, 'rig.removed', { name }), [], 'good');
  }
  if (action !== 'save')
    throw new UserError('error.invalid', { name: 'rig', value: action.slice(0, 30), hint: 'hint.rigAction' });
  // What follows the name is checked the way yield reads it: a rig must name a machine or a hashrate.
  const args = text.replace(/^\s*save\s+\S+\s*/i, '').trim();
  if (!args) throw new UserError('error.missing', { name: 'rig', hint: 'hint.rigArgs' });
  if (/(^|\s)rig=/i.test(args))
    throw new UserError('error.invalid', { name: 'rig', value: 'rig=', hint: 'hint.rigArgs' });
  resolveRig(readOptions(yieldCommand, { text: args }, lang), { hashrateRequired: true });
  if (!(await store.saveRig(owner, { name, args: args.slice(0, 300), createdAt: deps.clock.now() }, RIGS_MAX)))
    throw new UserError('rig.full', { max: RIGS_MAX });
  return infoReply(t(lang, 'rig.saved', { name, args }), [t(lang, 'rig.use', { name }, ctx.commandStyle)], 'good');
}

/** `rig`: saved rigs, per user. */
export const rigCommand = {
  name: 'rig',
  description: { en: 'Save a rig under a name, then yield rig=NAME', zh: '按名称保存矿机参数，然后用 yield rig=名称' },
  options: OPTIONS,
  subcommands: [
    { name: 'list', description: { en: 'Your saved rigs', zh: '您保存的矿机' }, options: [] },
    { name: 'save', description: { en: 'Save NAME with its arguments', zh: '保存名称及其参数' }, options: [] },
    { name: 'remove', description: { en: 'Remove rig NAME', zh: '删除矿机' }, options: [] },
  ],
  examples: ['save garage s21xp count=3 0.06 currency=eur pool_fee=2%', 'list', 'remove garage'],
  run,
} satisfies CommandSpec<typeof OPTIONS>;
