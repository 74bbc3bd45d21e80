// A fake Discord on 127.0.0.1: REST (the routes discord.js uses for interactions and commands) and a
// WebSocket gateway (HELLO, IDENTIFY → READY, heartbeat ACK, then dispatches we send). The real
// discord.js client talks to it; tests assert on what the REST side receives.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const APP_ID = '200000000000000001';
export const BOT_USER_ID = '200000000000000001';

export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  body: unknown;
  at: number;
}

export interface FakeDiscord {
  /** Value for discord.js `rest.api` / DISCORD_API_URL. */
  apiUrl: string;
  requests: RecordedRequest[];
  /** Commands registered by bulk overwrite, by scope ('global' or a guild id). */
  commands: Map<string, unknown[]>;
  /** Make requests whose path matches answer with this status (e.g. 401 for an expired token). */
  failWhen(match: RegExp | null, status?: number): void;
  /** Resolves once a gateway session is READY. */
  ready(): Promise<void>;
  /** Sends a gateway dispatch (e.g. INTERACTION_CREATE) to every session, or only to one shard's. */
  dispatch(t: string, d: unknown, shard?: number): void;
  /** Waits for a recorded request matching the predicate. */
  waitFor(pred: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  identifies: number;
  /** The shard [id, count] of every IDENTIFY received. */
  identifyShards: Array<[number, number]>;
  /** Enforce a global requests-per-second limit on channel messages; counts the 429s given. */
  enforceLimit(perSecond: number): void;
  tooMany(): number;
  /** The install types the application allows (Developer Portal → Installation): '0' guild, '1' user. */
  installTypes: string[];
  close(): Promise<void>;
}

let snowflake = 300000000000000000n;
export function nextId(): string {
  snowflake += 1n;
  return snowflake.toString();
}

export interface InteractionOptionInput {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: InteractionOptionInput[];
}

/** An INTERACTION_CREATE payload shaped like Discord's documented one (type 2 command, 4 autocomplete). */
export function interactionPayload(opts: {
  name: string;
  options?: InteractionOptionInput[];
  type?: 2 | 4;
  locale?: string;
  guildId?: string;
  permissions?: string;
  /** Who installed what was run: the bot in the server (default) or the asker's user install. */
  install?: 'guild' | 'user';
  /** A group DM (context 2); otherwise a server with guildId, else the bot's DM. */
  groupDm?: boolean;
}): { id: string; token: string; payload: Record<string, unknown> } {
  const id = nextId();
  const token = `tok_${id}`;
  const user = { id: '400000000000000001', username: 'miner', discriminator: '0', global_name: 'Miner', avatar: null };
  const payload: Record<string, unknown> = {
    id,
    application_id: APP_ID,
    type: opts.type ?? 2,
    token,
    version: 1,
    locale: opts.locale ?? 'en-US',
    app_permissions: '2248473465835073',
    entitlements: [],
    // As Discord sends them: "0" (guild install) = the server's id, or "0" in the bot's DM; "1" = the user.
    authorizing_integration_owners:
      opts.install === 'user' || opts.groupDm ? { '1': '400000000000000001' } : { '0': opts.guildId ?? '0' },
    context: opts.groupDm ? 2 : opts.guildId ? 0 : 1,
    attachment_size_limit: 10485760,
    data: { id: '500000000000000001', name: opts.name, type: 1, options: opts.options ?? [] },
    channel_id: '600000000000000001',
    channel: { id: '600000000000000001', type: opts.groupDm ? 3 : opts.guildId ? 0 : 1, name: 'mining' },
  };
  if (opts.guildId) {
    payload.guild_id = opts.guildId;
    payload.guild_locale = 'en-US';
    payload.guild = { id: opts.guildId, locale: 'en-US', features: [] };
    payload.member = {
      user,
      roles: [],
      permissions: opts.permissions ?? '0',
      joined_at: '2025-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
    };
  } else {
    payload.user = user;
  }
  return { id, token, payload };
}

function messageObject(body: unknown): Record<string, unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  return {
    id: nextId(),
    type: 20,
    channel_id: '600000000000000001',
    content: b.content ?? '',
    embeds: b.embeds ?? [],
    attachments: [],
    author: { id: BOT_USER_ID, username: 'hashdesk', discriminator: '0', bot: true, avatar: null },
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    pinned: false,
    flags: b.flags ?? 0,
  };
}

export async function startFakeDiscord(): Promise<FakeDiscord> {
  const requests: RecordedRequest[] = [];
  const commands = new Map<string, unknown[]>();
  const sockets = new Set<WebSocket>();
  const shardOf = new Map<WebSocket, number>();
  const waiters: Array<{ pred: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }> = [];
  let fail: { match: RegExp; status: number } | null = null;
  const fake = { installTypes: ['0', '1'] };
  let readyResolve: () => void = () => {};
  let readyPromise = new Promise<void>((r) => (readyResolve = r));
  let seq = 0;
  let wsUrl = '';
  const state = { identifies: 0 };
  const identifyShards: Array<[number, number]> = [];
  let limit: number | null = null;
  let rejected = 0;
  const sent: number[] = [];

  const json = (res: ServerResponse, status: number, body?: unknown): void => {
    if (body === undefined) {
      res.writeHead(status);
      res.end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const route = (req: IncomingMessage, res: ServerResponse, buf: Buffer): void => {
    const raw = buf.toString('latin1');
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(u.pathname).replace(/^\/api(\/v\d+)?/, '');
    let body: unknown = undefined;
    if (raw) {
      const type = req.headers['content-type'] ?? '';
      if (type.includes('application/json')) body = JSON.parse(buf.toString('utf8')) as unknown;
      else {
        // multipart (attachments): keep the JSON part
        const m = /name="payload_json"\r\n(?:Content-Type: application\/json\r\n)?\r\n([\s\S]*?)\r\n--/.exec(raw);
        const files = [...raw.matchAll(/filename="([^"]+)"/g)].map((f) => f[1]!);
        const json = m ? (JSON.parse(Buffer.from(m[1]!, 'latin1').toString('utf8')) as Record<string, unknown>) : {};
        body = { ...json, files };
      }
    }
    const rec: RecordedRequest = { method: req.method ?? 'GET', path, query: u.search, body, at: performance.now() };
    requests.push(rec);
    for (const w of [...waiters]) {
      if (w.pred(rec)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(rec);
      }
    }
    if (fail && fail.match.test(path)) {
      json(res, fail.status, { message: 'fake failure', code: fail.status === 404 ? 10062 : 0 });
      return;
    }
    const m = req.method;
    if (m === 'GET' && path === '/gateway/bot') {
      json(res, 200, {
        url: wsUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    } else if (m === 'GET' && path === '/applications/@me') {
      json(res, 200, {
        id: APP_ID,
        name: 'hashdesk',
        flags: 0,
        integration_types_config: Object.fromEntries(
          fake.installTypes.map((k) => [k, { oauth2_install_params: { scopes: ['applications.commands'] } }]),
        ),
      });
    } else if (m === 'GET' && path === '/users/@me') {
      json(res, 200, { id: BOT_USER_ID, username: 'hashdesk', discriminator: '0', bot: true });
    } else if (m === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      json(res, 204);
    } else if (/^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path)) {
      if (m === 'DELETE') json(res, 204);
      else json(res, 200, messageObject(body));
    } else if (m === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(path)) {
      json(res, 200, messageObject(body));
    } else if (/^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const scope = /guilds\/(\d+)/.exec(path)?.[1] ?? 'global';
      if (m === 'PUT') {
        const list = (body as Array<Record<string, unknown>>).map((c) => ({
          id: nextId(),
          application_id: APP_ID,
          version: '1',
          ...c,
        }));
        commands.set(scope, list);
        json(res, 200, list);
      } else json(res, 200, commands.get(scope) ?? []);
    } else if (m === 'POST' && /^\/channels\/\d+\/messages$/.test(path)) {
      if (limit !== null) {
        const now = performance.now();
        while (sent.length && sent[0]! <= now - 1000) sent.shift();
        if (sent.length >= limit) {
          rejected++;
          res.writeHead(429, {
            'content-type': 'application/json',
            'retry-after': '1',
            'x-ratelimit-global': 'true',
            'x-ratelimit-scope': 'global',
          });
          res.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: 1, global: true }));
          return;
        }
        sent.push(now);
      }
      json(res, 200, messageObject(body));
    } else {
      json(res, 404, { message: 'Unknown route', code: 0 });
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => route(req, res, Buffer.concat(chunks)));
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41250 }, s: null, t: null }));
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString()) as { op: number; d: unknown };
      if (msg.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      if (msg.op === 2) {
        state.identifies++;
        const d = msg.d as { shard?: [number, number] };
        if (d.shard) {
          identifyShards.push(d.shard);
          shardOf.set(ws, d.shard[0]);
        }
        ws.send(
          JSON.stringify({
            op: 0,
            t: 'READY',
            s: ++seq,
            d: {
              v: 10,
              user: {
                id: BOT_USER_ID,
                username: 'hashdesk',
                discriminator: '0',
                bot: true,
                avatar: null,
                global_name: null,
              },
              guilds: [],
              session_id: `session_${seq}`,
              resume_gateway_url: wsUrl,
              shard: d.shard ?? [0, 1],
              application: { id: APP_ID, flags: 0 },
            },
          }),
        );
        readyResolve();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  wsUrl = `ws://127.0.0.1:${port}`;

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    requests,
    get installTypes() {
      return fake.installTypes;
    },
    set installTypes(v: string[]) {
      fake.installTypes = v;
    },
    commands,
    failWhen(match, status = 401) {
      fail = match ? { match, status } : null;
    },
    ready: () => readyPromise,
    dispatch(t, d, shard) {
      const frame = JSON.stringify({ op: 0, t, s: ++seq, d });
      for (const ws of sockets) if (shard === undefined || shardOf.get(ws) === shard) ws.send(frame);
    },
    waitFor(pred, timeoutMs = 5000) {
      const found = requests.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('fake discord: request not received in time')), timeoutMs);
        waiters.push({
          pred,
          resolve: (r) => {
            clearTimeout(timer);
            resolve(r);
          },
        });
      });
    },
    enforceLimit(perSecond) {
      limit = perSecond;
    },
    tooMany: () => rejected,
    identifyShards,
    get identifies() {
      return state.identifies;
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      readyPromise = new Promise<void>((r) => (readyResolve = r));
    },
  };
}
