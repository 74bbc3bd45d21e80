import { ApplicationCommandOptionType } from 'discord.js';
import { commands } from '../../../commands/index.js';
import { DESCRIPTION_MAX, NAME_PATTERN, OPTIONS_MAX, toDiscordCommands } from '../../../adapters/discord/commands.js';
import { deployCommands, formatDeployResult } from '../../../adapters/discord/deploy.js';
import { startFakeDiscord } from '../../fakes/discord.js';
import { simplifiedOnly } from '../../i18n/scripts.js';

const built = toDiscordCommands(commands);

test('every core command is a slash command', () => {
  expect(built.map((c) => c.name)).toEqual(commands.map((c) => c.name));
});

test.each(built.map((c) => [c.name, c]))('%s follows Discord naming and size rules', (_n, c) => {
  const names = [c.name, ...Object.values(c.name_localizations ?? {})];
  for (const n of names) {
    expect(n).toMatch(NAME_PATTERN);
    expect(n).toBe(n!.toLowerCase());
  }
  const descriptions = [c.description, ...Object.values(c.description_localizations ?? {})];
  for (const d of descriptions) {
    expect(d!.length).toBeGreaterThan(0);
    expect(d!.length).toBeLessThanOrEqual(DESCRIPTION_MAX);
  }
  expect(c.description_localizations?.['zh-CN']).toBeTruthy();
  expect(c.description_localizations?.['zh-TW']).toBeTruthy();
  const top = c.options ?? [];
  const subs = top.filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
  for (const sub of subs) {
    expect(sub.name).toMatch(NAME_PATTERN);
    expect(sub.description.length).toBeLessThanOrEqual(DESCRIPTION_MAX);
    // every subcommand's own options follow the same rules (unique, required first, within limits)
    const own = (sub as { options?: typeof top }).options ?? [];
    expect(own.length).toBeLessThanOrEqual(OPTIONS_MAX);
    expect(new Set(own.map((o) => o.name)).size).toBe(own.length);
    let optional = false;
    for (const o of own) {
      expect(o.name).toMatch(NAME_PATTERN);
      expect(o.description.length).toBeLessThanOrEqual(DESCRIPTION_MAX);
      if (!o.required) optional = true;
      else expect(optional).toBe(false);
    }
  }
  const options = subs.length ? ((subs[0] as { options?: typeof top }).options ?? []) : top;
  expect(top.length).toBeLessThanOrEqual(OPTIONS_MAX);
  expect(options.length).toBeLessThanOrEqual(OPTIONS_MAX);
  expect(new Set(options.map((o) => o.name)).size).toBe(options.length);
  let seenOptional = false;
  for (const o of options) {
    expect(o.name).toMatch(NAME_PATTERN);
    expect(o.name).toBe(o.name.toLowerCase());
    expect(o.description.length).toBeLessThanOrEqual(DESCRIPTION_MAX);
    expect(o.description_localizations?.['zh-CN']?.length ?? 0).toBeGreaterThan(0);
    expect(o.description_localizations?.['zh-TW']?.length ?? 0).toBeGreaterThan(0);
    if (!o.required) seenOptional = true;
    else expect(seenOptional).toBe(false);
  }
  expect(options.some((o) => o.name === 'args' && o.type === ApplicationCommandOptionType.String)).toBe(true);
  expect(JSON.stringify(c).length).toBeLessThanOrEqual(8000);
});

test('zh-TW clients see 繁體 names and descriptions, zh-CN clients 简体, everywhere in the tree', () => {
  const texts = (node: unknown, locale: 'zh-CN' | 'zh-TW'): string[] => {
    if (!node || typeof node !== 'object') return [];
    const o = node as Record<string, unknown>;
    const own = ['name_localizations', 'description_localizations'].flatMap((k) => {
      const v = (o[k] as Record<string, string> | undefined)?.[locale];
      return v ? [v] : [];
    });
    return [...own, ...Object.values(o).flatMap((v) => (Array.isArray(v) ? v.flatMap((x) => texts(x, locale)) : []))];
  };
  const tw = built.flatMap((c) => texts(c, 'zh-TW'));
  const cn = built.flatMap((c) => texts(c, 'zh-CN'));
  expect(tw.length).toBe(cn.length);
  expect(tw.filter((s) => simplifiedOnly(s).length)).toEqual([]);
  expect(tw).toContain('雲算力檢查');
  expect(tw).toContain('礦機或算力每天的收益：BTC、法幣、電費、利潤、算力價格');
  expect(cn).toContain('矿机或算力每天的收益：BTC、法币、电费、利润、算力价格');
});

test('typed options: numbers with bounds, autocomplete for model and currency, choices', () => {
  const y = built.find((c) => c.name === 'yield')!;
  const opt = (n: string) => y.options!.find((o) => o.name === n) as unknown as Record<string, unknown>;
  expect(opt('power')).toMatchObject({ type: ApplicationCommandOptionType.Number, min_value: 0 });
  expect(opt('pool_fee')).toMatchObject({ type: ApplicationCommandOptionType.Number, min_value: 0, max_value: 10 });
  expect(opt('count')).toMatchObject({ type: ApplicationCommandOptionType.Integer, min_value: 1, max_value: 100000 });
  expect(opt('model')).toMatchObject({ type: ApplicationCommandOptionType.String, autocomplete: true });
  expect(opt('currency')).toMatchObject({ autocomplete: true });
  expect(opt('fees')).toMatchObject({
    choices: [
      { name: 'on', value: 'on' },
      { name: 'off', value: 'off' },
    ],
  });
});

test('/news-digest: subcommands, visible to every member (managing is checked at run time)', () => {
  const nd = built.find((c) => c.name === 'news-digest')!;
  expect(nd.options!.map((o) => o.name)).toEqual(['show', 'subscribe', 'unsubscribe', 'status', 'note']);
  expect(nd.options!.every((o) => o.type === ApplicationCommandOptionType.Subcommand)).toBe(true);
  expect(nd.default_member_permissions).toBeUndefined();
  expect(built.find((c) => c.name === 'yield')!.default_member_permissions).toBeUndefined();
});

test('install contexts: what answers the asker comes with a user install too; alerts only with the bot', () => {
  const byName = new Map(built.map((c) => [c.name, c]));
  for (const name of ['yield', 'break-even', 'provider-check', 'news-digest', 'chart', 'rig', 'help']) {
    expect(byName.get(name)!.integration_types).toEqual([0, 1]); // guild install, user install
    expect(byName.get(name)!.contexts).toEqual([0, 1, 2]); // server, bot DM, group DM
  }
  expect(byName.get('alert')!.integration_types).toEqual([0]);
  expect(byName.get('alert')!.contexts).toEqual([0, 1]);
});

test('deploy prints both install links; server commands go without install contexts', async () => {
  const discord = await startFakeDiscord();
  try {
    const guild = await deployCommands({
      token: 't',
      apiUrl: discord.apiUrl,
      commands: built,
      guildId: '700000000000000003',
    });
    const sent = discord.commands.get('700000000000000003') as Array<Record<string, unknown>>;
    expect(sent.every((c) => !('contexts' in c) && !('integration_types' in c))).toBe(true);
    expect(formatDeployResult(guild)).toMatch(/deploy without --guild for the user install/);
    const global = await deployCommands({ token: 't', apiUrl: discord.apiUrl, commands: built });
    const text = formatDeployResult(global);
    const links = [...text.matchAll(/https:\/\/discord\.com\/oauth2\/authorize\?\S+/g)].map((m) => new URL(m[0]));
    expect(links).toHaveLength(2);
    const [guildLink, userLink] = links as [URL, URL];
    expect(guildLink.searchParams.get('integration_type')).toBe('0');
    expect(guildLink.searchParams.get('scope')).toBe('bot applications.commands');
    // view channel, send messages, embed links, attach files
    expect(BigInt(guildLink.searchParams.get('permissions')!)).toBe(
      (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n),
    );
    expect(userLink.searchParams.get('integration_type')).toBe('1');
    expect(userLink.searchParams.get('scope')).toBe('applications.commands');
    expect(guildLink.searchParams.get('client_id')).toMatch(/^\d+$/);
    expect(text).not.toMatch(/User install is off/);
    const globalSent = discord.commands.get('global') as Array<Record<string, unknown>>;
    expect(globalSent.find((c) => c.name === 'yield')!.integration_types).toEqual([0, 1]);
    discord.installTypes = ['0'];
    expect(formatDeployResult(await deployCommands({ token: 't', apiUrl: discord.apiUrl, commands: built }))).toMatch(
      /User install is off for this application: turn it on under Installation/,
    );
  } finally {
    await discord.close();
  }
});

test('deploy: one bulk overwrite to the guild, and a report of what changed', async () => {
  const discord = await startFakeDiscord();
  try {
    const first = await deployCommands({
      token: 't',
      apiUrl: discord.apiUrl,
      commands: built,
      guildId: '700000000000000001',
    });
    expect(first.added).toEqual(built.map((c) => c.name));
    const puts = discord.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.path).toMatch(/^\/applications\/\d+\/guilds\/700000000000000001\/commands$/);
    const changed = built.map((c) => (c.name === 'yield' ? { ...c, description: 'changed' } : c));
    const second = await deployCommands({
      token: 't',
      apiUrl: discord.apiUrl,
      commands: changed.filter((c) => c.name !== 'help'),
      guildId: '700000000000000001',
    });
    expect(second.updated).toEqual(['yield']);
    expect(second.removed).toEqual(['help']);
    expect(second.unchanged).toEqual(['break-even', 'provider-check', 'news-digest', 'chart', 'alert', 'rig']);
    expect(formatDeployResult(second)).toMatch(/updated:\s+yield/);
    const global = await deployCommands({ token: 't', apiUrl: discord.apiUrl, commands: built });
    expect(global.scope).toBe('global');
    expect(discord.requests.filter((r) => r.method === 'PUT').at(-1)!.path).toMatch(/^\/applications\/\d+\/commands$/);
  } finally {
    await discord.close();
  }
});

test('each args option shows an example of its own command or subcommand, in every language', () => {
  type Opt = { name: string; description: string; description_localizations: Record<string, string>; options?: Opt[] };
  const tree = built as unknown as Array<{ name: string; options?: Opt[] }>;
  const args = (name: string, sub?: string) => {
    const cmd = tree.find((c) => c.name === name)!;
    const opts = sub ? cmd.options!.find((o) => o.name === sub)!.options : cmd.options;
    return (
      opts as Array<{ name: string; description: string; description_localizations: Record<string, string> }>
    ).find((o) => o.name === 'args')!;
  };
  expect(args('yield').description).toBe('Arguments as text, e.g. s21xp 0.05 pool_fee=2% uptime=98%');
  expect(args('provider-check').description).toMatch(/e\.g\. name=.*contract_price=/);
  expect(args('chart', 'hashprice').description).toBe('Arguments as text, e.g. period=1y');
  expect(args('rig', 'save').description).toMatch(/e\.g\. garage s21xp/);
  expect(args('alert', 'blocks').description_localizations['zh-TW']).toBe('文本參數，例如 pool=ocean');
  // without an example of its own, the subcommand says what it does
  expect(args('alert', 'pause').description).toBe('Pause alert N');
  for (const c of tree)
    for (const o of [c, ...(c.options ?? [])].flatMap((x) => x.options ?? []))
      if (o.name === 'args') {
        expect(o.description.length).toBeLessThanOrEqual(100);
        if (c.name !== 'yield' && c.name !== 'break-even') expect(o.description).not.toContain('3250W');
      }
});
