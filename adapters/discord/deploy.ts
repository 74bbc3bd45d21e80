// `hashdesk discord deploy [--guild ID]`: registers every command with one bulk overwrite
// (https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands)
// and reports what changed. Guild commands update at once (for testing); global ones are for production.
import { REST, Routes, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';

export interface DeployResult {
  scope: string;
  /** Links that add the bot to a server (guild install) and the commands to a user's account (user install). */
  installLinks: { guild: string; user: string };
  /** Whether the application allows user installs (Developer Portal → Installation); undefined if not told. */
  userInstall?: boolean;
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: string[];
}

type Json = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** The fields we send, in a stable form, so an unchanged command compares equal to Discord's copy. */
function comparable(c: Record<string, unknown>): string {
  const pick = (o: Record<string, unknown>, keys: string[]): Record<string, unknown> =>
    Object.fromEntries(keys.filter((k) => o[k] !== undefined && o[k] !== null).map((k) => [k, o[k]]));
  const opts = ((c.options as Array<Record<string, unknown>> | undefined) ?? []).map((o) =>
    pick({ ...o, required: o.required ?? false }, [
      'name',
      'type',
      'description',
      'description_localizations',
      'required',
      'choices',
      'min_value',
      'max_value',
      'max_length',
      'autocomplete',
    ]),
  );
  return JSON.stringify({
    ...pick(c, [
      'name',
      'description',
      'name_localizations',
      'description_localizations',
      'default_member_permissions',
      'integration_types',
      'contexts',
    ]),
    options: opts,
  });
}

/** Permissions the bot asks for in a server: view channels, send messages, embed links, attach files. */
export const BOT_PERMISSIONS = (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n);

export function installLinks(applicationId: string): { guild: string; user: string } {
  const base = `https://discord.com/oauth2/authorize?client_id=${encodeURIComponent(applicationId)}`;
  return {
    guild: `${base}&integration_type=0&scope=bot+applications.commands&permissions=${BOT_PERMISSIONS}`,
    user: `${base}&integration_type=1&scope=applications.commands`,
  };
}

export async function deployCommands(opts: {
  token: string;
  apiUrl: string;
  commands: Json[];
  guildId?: string;
}): Promise<DeployResult> {
  const rest = new REST({ api: opts.apiUrl }).setToken(opts.token);
  const app = (await rest.get(Routes.currentApplication())) as {
    id: string;
    integration_types_config?: Record<string, unknown>;
  };
  const route = opts.guildId
    ? Routes.applicationGuildCommands(app.id, opts.guildId)
    : Routes.applicationCommands(app.id);
  // Server commands have no install contexts: Discord takes those only on global commands.
  const commands = opts.guildId
    ? opts.commands.map(({ integration_types: _i, contexts: _c, ...rest }) => rest)
    : opts.commands;
  const existing = (await rest.get(route)) as Array<Record<string, unknown>>;
  const before = new Map(existing.map((c) => [String(c.name), comparable(c)]));
  const result: DeployResult = {
    scope: opts.guildId ? `guild ${opts.guildId}` : 'global',
    installLinks: installLinks(app.id),
    ...(app.integration_types_config ? { userInstall: '1' in app.integration_types_config } : {}),
    added: [],
    updated: [],
    removed: [],
    unchanged: [],
  };
  for (const c of commands) {
    const prev = before.get(c.name);
    if (prev === undefined) result.added.push(c.name);
    else if (prev !== comparable(c)) result.updated.push(c.name);
    else result.unchanged.push(c.name);
    before.delete(c.name);
  }
  result.removed.push(...before.keys());
  await rest.put(route, { body: commands });
  return result;
}

export function formatDeployResult(r: DeployResult): string {
  const list = (xs: string[]): string => (xs.length ? xs.join(', ') : '—');
  return [
    `Registered ${r.added.length + r.updated.length + r.unchanged.length} commands (${r.scope}, one bulk overwrite).`,
    `  added:     ${list(r.added)}`,
    `  updated:   ${list(r.updated)}`,
    `  removed:   ${list(r.removed)}`,
    `  unchanged: ${list(r.unchanged)}`,
    '',
    `Add the bot to a server (digests, alerts, every command): ${r.installLinks.guild}`,
    `Add the commands to your own account (yield, break-even, provider-check, chart, the digest, rig and help in any DM, group DM or server): ${r.installLinks.user}`,
    ...(r.userInstall === false
      ? ['User install is off for this application: turn it on under Installation in the Discord Developer Portal.']
      : []),
    ...(r.scope !== 'global'
      ? ['Server commands are not user-installable: deploy without --guild for the user install.']
      : []),
  ].join('\n');
}
