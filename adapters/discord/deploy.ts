// `hashdesk discord deploy [--guild ID]`: registers every command with one bulk overwrite
// (https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands)
// and reports what changed. Guild commands update at once (for testing); global ones are for production.
import { REST, Routes, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';

export interface DeployResult {
  scope: string;
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
    ]),
    options: opts,
  });
}

export async function deployCommands(opts: {
  token: string;
  apiUrl: string;
  commands: Json[];
  guildId?: string;
}): Promise<DeployResult> {
  const rest = new REST({ api: opts.apiUrl }).setToken(opts.token);
  const app = (await rest.get(Routes.currentApplication())) as { id: string };
  const route = opts.guildId
    ? Routes.applicationGuildCommands(app.id, opts.guildId)
    : Routes.applicationCommands(app.id);
  const existing = (await rest.get(route)) as Array<Record<string, unknown>>;
  const before = new Map(existing.map((c) => [String(c.name), comparable(c)]));
  const result: DeployResult = {
    scope: opts.guildId ? `guild ${opts.guildId}` : 'global',
    added: [],
    updated: [],
    removed: [],
    unchanged: [],
  };
  for (const c of opts.commands) {
    const prev = before.get(c.name);
    if (prev === undefined) result.added.push(c.name);
    else if (prev !== comparable(c as unknown as Record<string, unknown>)) result.updated.push(c.name);
    else result.unchanged.push(c.name);
    before.delete(c.name);
  }
  result.removed.push(...before.keys());
  await rest.put(route, { body: opts.commands });
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
  ].join('\n');
}
