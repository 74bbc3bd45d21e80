// SQLite store (libsql: better-sqlite3's API with prebuilt binaries) behind Kysely, in WAL mode under
// DATA_DIR, with versioned migrations. The same Kysely queries can run on a server database later.
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'libsql';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type ColumnDefinitionBuilder,
  type Generated,
  type Migration,
  type Selectable,
} from 'kysely';
import { langFromLocale } from '../../commands/core/messages.js';
import type {
  Alert,
  AlertRule,
  AlertsStore,
  AlertState,
  DeliveryRecord,
  Note,
  NotesStore,
  RigsStore,
  SavedRig,
  Subscription,
  SubscriptionsStore,
} from '../../commands/core/ports.js';

interface NotesTable {
  id: Generated<number>;
  /** The note's number in its community (what members see and remove by): 1, 2, 3 … per scope. */
  seq: number | null;
  scope: string;
  text: string;
  source: string | null;
  date: string;
  created_at: number;
}

interface SubscriptionsTable {
  id: Generated<number>;
  platform: string;
  channel_id: string;
  scope: string;
  schedule: string;
  tz: string;
  lang: string;
  currency: string;
  paused_reason: string | null;
  created_by: string | null;
  created_at: number;
}

interface DeliveriesTable {
  subscription_id: number;
  slot: string;
  status: string;
  attempted_at: number;
  error: string | null;
  /** Parts of a multi-part post already delivered (a resumed delivery starts after them). */
  parts_sent: Generated<number | null>;
}

/** Platform updates already taken (Telegram update_id), so a replayed or re-delivered one runs once. */
interface UpdatesSeenTable {
  platform: string;
  update_id: string;
  seen_at: number;
}

interface AlertsTable {
  id: Generated<number>;
  platform: string;
  channel_id: string;
  scope: string;
  /** AlertRule as JSON. */
  rule: string;
  lang: string;
  currency: string;
  /** AlertState as JSON. */
  state: string;
  paused: number;
  paused_reason: string | null;
  created_by: string | null;
  created_at: number;
}

/** One row per alert and event (retarget height, block hash, crossing): the at-most-once key. */
interface AlertEventsTable {
  alert_id: number;
  event_key: string;
  status: string;
  attempted_at: number;
  error: string | null;
}

/** Saved rigs: per user, by name. */
interface RigsTable {
  user_id: string;
  name: string;
  args: string;
  created_at: number;
}

export interface Schema {
  rigs: RigsTable;
  alerts: AlertsTable;
  alert_events: AlertEventsTable;
  notes: NotesTable;
  subscriptions: SubscriptionsTable;
  deliveries: DeliveriesTable;
  updates_seen: UpdatesSeenTable;
}

/** How long an update id is remembered (Telegram re-delivers unconfirmed updates for up to 24 h). */
const UPDATE_MEMORY_MS = 48 * 3_600_000;

export type Dialect = 'sqlite' | 'postgres';

/** Versioned migrations, applied in name order and recorded by Kysely; the same on both databases. */
export function migrations(dialect: Dialect): Record<string, Migration> {
  const id = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();
  // Epoch milliseconds do not fit a 32-bit integer.
  const ms = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    '0001_notes': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('notes')
          .ifNotExists()
          .addColumn('id', 'integer', id)
          .addColumn('scope', 'text', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('source', 'text')
          .addColumn('date', 'text', (c) => c.notNull())
          .addColumn('created_at', ms, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('notes_scope').ifNotExists().on('notes').column('scope').execute();
      },
    },
    '0002_subscriptions': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('subscriptions')
          .ifNotExists()
          .addColumn('id', 'integer', id)
          .addColumn('platform', 'text', (c) => c.notNull())
          .addColumn('channel_id', 'text', (c) => c.notNull())
          .addColumn('scope', 'text', (c) => c.notNull())
          .addColumn('schedule', 'text', (c) => c.notNull())
          .addColumn('tz', 'text', (c) => c.notNull())
          .addColumn('lang', 'text', (c) => c.notNull())
          .addColumn('currency', 'text', (c) => c.notNull())
          .addColumn('paused_reason', 'text')
          .addColumn('created_by', 'text')
          .addColumn('created_at', ms, (c) => c.notNull())
          .addUniqueConstraint('subscriptions_channel', ['platform', 'channel_id'])
          .execute();
        // One row per subscription and slot: the key that makes each slot post exactly once.
        await db.schema
          .createTable('deliveries')
          .ifNotExists()
          .addColumn('subscription_id', 'integer', (c) => c.notNull())
          .addColumn('slot', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('attempted_at', ms, (c) => c.notNull())
          .addColumn('error', 'text')
          .addPrimaryKeyConstraint('deliveries_pk', ['subscription_id', 'slot'])
          .execute();
      },
    },
    '0003_updates_and_parts': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('updates_seen')
          .ifNotExists()
          .addColumn('platform', 'text', (c) => c.notNull())
          .addColumn('update_id', 'text', (c) => c.notNull())
          .addColumn('seen_at', ms, (c) => c.notNull())
          .addPrimaryKeyConstraint('updates_seen_pk', ['platform', 'update_id'])
          .execute();
        await db.schema.alterTable('deliveries').addColumn('parts_sent', 'integer').execute();
      },
    },
    '0004_alerts': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('alerts')
          .ifNotExists()
          .addColumn('id', 'integer', id)
          .addColumn('platform', 'text', (c) => c.notNull())
          .addColumn('channel_id', 'text', (c) => c.notNull())
          .addColumn('scope', 'text', (c) => c.notNull())
          .addColumn('rule', 'text', (c) => c.notNull())
          .addColumn('lang', 'text', (c) => c.notNull())
          .addColumn('currency', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('paused_reason', 'text')
          .addColumn('created_by', 'text')
          .addColumn('created_at', ms, (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('alerts_channel')
          .ifNotExists()
          .on('alerts')
          .columns(['platform', 'channel_id'])
          .execute();
        await db.schema
          .createTable('alert_events')
          .ifNotExists()
          .addColumn('alert_id', 'integer', (c) => c.notNull())
          .addColumn('event_key', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('attempted_at', ms, (c) => c.notNull())
          .addColumn('error', 'text')
          .addPrimaryKeyConstraint('alert_events_pk', ['alert_id', 'event_key'])
          .execute();
      },
    },
    '0006_note_numbers': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('notes').addColumn('seq', 'integer').execute();
        // Existing notes are numbered in the order they were added, per community.
        await sql`UPDATE notes SET seq = (SELECT COUNT(*) FROM notes n2 WHERE n2.scope = notes.scope AND n2.id <= notes.id)`.execute(
          db,
        );
        await db.schema
          .createIndex('notes_scope_seq')
          .ifNotExists()
          .unique()
          .on('notes')
          .columns(['scope', 'seq'])
          .execute();
      },
    },
    '0005_rigs': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('rigs')
          .ifNotExists()
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('args', 'text', (c) => c.notNull())
          .addColumn('created_at', ms, (c) => c.notNull())
          .addPrimaryKeyConstraint('rigs_pk', ['user_id', 'name'])
          .execute();
      },
    },
  };
}

/** Migration attempts: a second process migrating the same fresh database at once loses the race once. */
const MIGRATE_TRIES = 5;

async function migrate(db: Kysely<Schema>, dialect: Dialect, where: string, schema?: string): Promise<void> {
  const all = migrations(dialect);
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await new Migrator({
      db,
      provider: { getMigrations: () => Promise.resolve(all) },
      // Kysely looks for its bookkeeping tables in every schema unless told which one is ours.
      ...(schema ? { migrationTableSchema: schema } : {}),
    }).migrateToLatest();
    if (!error) return;
    // SQLite has no migration lock: two processes on a fresh file race, the loser's transaction rolls
    // back (busy, "already exists", duplicate migration row). Its next attempt finds the work done.
    if (attempt < MIGRATE_TRIES) {
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
      continue;
    }
    await db.destroy();
    throw new Error(
      `database migration failed for ${where}: ${error instanceof Error ? error.message : JSON.stringify(error)} (${results?.map((r) => `${r.migrationName}:${r.status}`).join(', ')})`,
      { cause: error },
    );
  }
}

/** Postgres URL without its password, for messages. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

/**
 * Notes, subscriptions and the delivery log on SQLite (default) or PostgreSQL (DATABASE_URL): one
 * set of Kysely queries, two dialects. Numbers read back are passed through Number() because pg
 * returns bigint columns as strings.
 */
/** True for a 0-byte file last written more than 10 s ago (a truncated database, not one being made). */
function emptyAndOld(file: string): boolean {
  try {
    const st = statSync(file);
    return st.size === 0 && Date.now() - st.mtimeMs > 10_000;
  } catch {
    return false;
  }
}

export class SqliteStore implements NotesStore, SubscriptionsStore, AlertsStore, RigsStore {
  private readonly changeListeners = new Set<() => void>();

  protected constructor(
    readonly db: Kysely<Schema>,
    readonly dialect: Dialect,
  ) {}

  /** Calls `listener` after every subscription write (subscribe, unsubscribe, pause); returns an unsubscribe. */
  onSubscriptionsChanged(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }

  /** Opens PostgreSQL at `url` (optionally in `schema`, created if missing) and migrates it. */
  static async openPostgres(
    url: string,
    schema?: string,
    onPoolError: (err: Error) => void = () => {},
  ): Promise<SqliteStore> {
    // pg is loaded only for a PostgreSQL store.
    const { default: pg } = await import('pg');
    if (schema) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`);
      await client.end();
    }
    const pool = new pg.Pool({
      connectionString: url,
      max: 5,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle client whose connection dies (server restart, pg_terminate_backend, network cut) emits
    // 'error' on the pool; without a listener that is an uncaught exception. The pool drops the client
    // and the next query opens a new connection.
    pool.on('error', (err) => onPoolError(err));
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    await migrate(db, 'postgres', safeUrl(url), schema ?? 'public');
    return new SqliteStore(db, 'postgres');
  }

  /** Whether the database answers (for /healthz). */
  async ping(): Promise<boolean> {
    try {
      await sql`select 1`.execute(this.db);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Opens (creating) DATA_DIR/hashdesk.db in WAL mode and migrates it to the latest version. A file
   * that exists but is empty is refused (a truncated database would otherwise start silently as new,
   * losing every subscription); errors name the file and what to check.
   */
  static async open(dataDir: string, file = 'hashdesk.db'): Promise<SqliteStore> {
    const target = file === ':memory:' ? ':memory:' : path.join(dataDir, file);
    let database: InstanceType<typeof Database>;
    try {
      mkdirSync(dataDir, { recursive: true });
      if (target !== ':memory:') {
        // A file another process is creating this moment is empty too: only an older one is refused.
        const size = emptyAndOld(target);
        if (size)
          throw new Error(
            'the file is empty (0 bytes): restore it from a backup, or delete it to start with an empty database',
          );
      }
      database = new Database(target);
      // busy_timeout first: switching to WAL takes a lock another starting process may hold.
      database.exec('PRAGMA busy_timeout = 5000;');
      for (let attempt = 1; ; attempt++) {
        try {
          database.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
          break;
        } catch (err) {
          if (attempt >= 20 || !/locked|busy/i.test(String(err))) throw err;
          await new Promise((resolve) => setTimeout(resolve, 25 * attempt));
        }
      }
      database.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (err) {
      throw new Error(
        `cannot open the database ${target}: ${err instanceof Error ? err.message : String(err)}. Check that DATA_DIR (${dataDir}) is writable, has free space and holds a hashdesk database`,
        { cause: err },
      );
    }
    const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: database }) });
    await migrate(db, 'sqlite', target);
    return new SqliteStore(db, 'sqlite');
  }

  async journalMode(): Promise<string> {
    const r = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(this.db);
    return r.rows[0]?.journal_mode ?? '';
  }

  async addNote(note: Omit<Note, 'id'>): Promise<Note> {
    // The next number in the community; two instances adding at once collide on (scope, seq): retry.
    let row: Selectable<NotesTable> | undefined;
    for (let attempt = 0; !row; attempt++) {
      const top = await this.db
        .selectFrom('notes')
        .select((e) => e.fn.max('seq').as('seq'))
        .where('scope', '=', note.scope)
        .executeTakeFirst();
      try {
        row = await this.db
          .insertInto('notes')
          .values({
            seq: Number(top?.seq ?? 0) + 1,
            scope: note.scope,
            text: note.text,
            source: note.source,
            date: note.date,
            created_at: note.createdAt,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
      } catch (err) {
        if (attempt >= 5 || !/unique|constraint/i.test(String(err))) throw err;
      }
    }
    return {
      id: Number(row.seq ?? row.id),
      scope: row.scope,
      text: row.text,
      source: row.source,
      date: row.date,
      createdAt: Number(row.created_at),
    };
  }

  async listNotes(scope: string): Promise<Note[]> {
    const rows = await this.db
      .selectFrom('notes')
      .selectAll()
      .where('scope', '=', scope)
      .orderBy('date', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => ({
      id: Number(r.seq ?? r.id),
      scope: r.scope,
      text: r.text,
      source: r.source,
      date: r.date,
      createdAt: Number(r.created_at),
    }));
  }

  async removeNote(scope: string, id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('notes').where('scope', '=', scope).where('seq', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  private static sub(r: Selectable<SubscriptionsTable>): Subscription {
    return {
      id: Number(r.id),
      platform: r.platform as Subscription['platform'],
      channelId: r.channel_id,
      scope: r.scope,
      schedule: r.schedule,
      tz: r.tz,
      lang: langFromLocale(r.lang), // 'zh' rows from before 繁體 read as 简体
      currency: r.currency,
      pausedReason: r.paused_reason,
      createdBy: r.created_by,
      createdAt: Number(r.created_at),
    };
  }

  async upsertSubscription(s: Omit<Subscription, 'id' | 'pausedReason'>): Promise<Subscription> {
    const row = await this.db
      .insertInto('subscriptions')
      .values({
        platform: s.platform,
        channel_id: s.channelId,
        scope: s.scope,
        schedule: s.schedule,
        tz: s.tz,
        lang: s.lang,
        currency: s.currency,
        paused_reason: null,
        created_by: s.createdBy,
        created_at: s.createdAt,
      })
      .onConflict((oc) =>
        oc.columns(['platform', 'channel_id']).doUpdateSet({
          schedule: s.schedule,
          tz: s.tz,
          lang: s.lang,
          currency: s.currency,
          scope: s.scope,
          paused_reason: null,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    this.changed();
    return SqliteStore.sub(row);
  }

  async removeSubscription(platform: string, channelId: string): Promise<boolean> {
    const sub = await this.getSubscription(platform, channelId);
    if (!sub) return false;
    await this.db.deleteFrom('deliveries').where('subscription_id', '=', sub.id).execute();
    const r = await this.db.deleteFrom('subscriptions').where('id', '=', sub.id).executeTakeFirst();
    this.changed();
    return Number(r.numDeletedRows) > 0;
  }

  async getSubscription(platform: string, channelId: string): Promise<Subscription | null> {
    const row = await this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('platform', '=', platform)
      .where('channel_id', '=', channelId)
      .executeTakeFirst();
    return row ? SqliteStore.sub(row) : null;
  }

  async listSubscriptions(): Promise<Subscription[]> {
    const rows = await this.db.selectFrom('subscriptions').selectAll().orderBy('id').execute();
    return rows.map((r) => SqliteStore.sub(r));
  }

  async pauseSubscription(id: number, reason: string): Promise<void> {
    await this.db
      .updateTable('subscriptions')
      .set({ paused_reason: reason.slice(0, 200) })
      .where('id', '=', id)
      .execute();
    this.changed();
  }

  async claimDelivery(subscriptionId: number, slot: string, now: number, staleClaimMs: number): Promise<boolean> {
    const inserted = await this.db
      .insertInto('deliveries')
      .values({ subscription_id: subscriptionId, slot, status: 'pending', attempted_at: now, error: null })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return true;
    // A claim left 'pending' by a process that died: take it over (one winner, by the WHERE clause).
    const taken = await this.db
      .updateTable('deliveries')
      .set({ attempted_at: now })
      .where('subscription_id', '=', subscriptionId)
      .where('slot', '=', slot)
      .where('status', '=', 'pending')
      .where('attempted_at', '<', now - staleClaimMs)
      .executeTakeFirst();
    return Number(taken.numUpdatedRows) > 0;
  }

  async finishDelivery(
    subscriptionId: number,
    slot: string,
    status: DeliveryRecord['status'],
    now: number,
    error?: string,
  ): Promise<void> {
    await this.db
      .insertInto('deliveries')
      .values({ subscription_id: subscriptionId, slot, status, attempted_at: now, error: error ?? null })
      .onConflict((oc) =>
        oc.columns(['subscription_id', 'slot']).doUpdateSet({ status, attempted_at: now, error: error ?? null }),
      )
      .execute();
  }

  /** Records how many parts of a slot's post are delivered, so a resumed delivery skips them. */
  async progressDelivery(subscriptionId: number, slot: string, partsSent: number): Promise<void> {
    await this.db
      .updateTable('deliveries')
      .set({ parts_sent: partsSent })
      .where('subscription_id', '=', subscriptionId)
      .where('slot', '=', slot)
      .execute();
  }

  /** Parts of a slot's post delivered so far (0 when none or unknown). */
  async deliveryProgress(subscriptionId: number, slot: string): Promise<number> {
    const r = await this.db
      .selectFrom('deliveries')
      .select('parts_sent')
      .where('subscription_id', '=', subscriptionId)
      .where('slot', '=', slot)
      .executeTakeFirst();
    return Number(r?.parts_sent ?? 0);
  }

  /** Slots of a subscription still 'pending' whose claim is older than `before` (their claimer died). */
  async pendingSlots(subscriptionId: number, before: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('deliveries')
      .select('slot')
      .where('subscription_id', '=', subscriptionId)
      .where('status', '=', 'pending')
      .where('attempted_at', '<', before)
      .orderBy('slot')
      .limit(50)
      .execute();
    return rows.map((r) => r.slot);
  }

  /**
   * Takes an update id for processing: true the first time it is seen (per platform), false for a
   * replay or a re-delivery after a crash. Old ids are forgotten now and then.
   */
  async firstSeen(platform: string, updateId: number | string, now: number): Promise<boolean> {
    const r = await this.db
      .insertInto('updates_seen')
      .values({ platform, update_id: String(updateId), seen_at: now })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (++this.seenInserts % 500 === 0) {
      await this.db
        .deleteFrom('updates_seen')
        .where('seen_at', '<', now - UPDATE_MEMORY_MS)
        .execute();
    }
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  private seenInserts = 0;

  async lastDelivery(subscriptionId: number): Promise<DeliveryRecord | null> {
    const r = await this.db
      .selectFrom('deliveries')
      .selectAll()
      .where('subscription_id', '=', subscriptionId)
      .orderBy('slot', 'desc')
      .executeTakeFirst();
    return r
      ? {
          slot: r.slot,
          status: r.status as DeliveryRecord['status'],
          attemptedAt: Number(r.attempted_at),
          error: r.error,
        }
      : null;
  }

  async saveRig(user: string, rig: SavedRig, max: number): Promise<boolean> {
    const existing = await this.getRig(user, rig.name);
    if (!existing) {
      const count = await this.db
        .selectFrom('rigs')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('user_id', '=', user)
        .executeTakeFirst();
      if (Number(count?.n ?? 0) >= max) return false;
    }
    await this.db
      .insertInto('rigs')
      .values({ user_id: user, name: rig.name, args: rig.args, created_at: rig.createdAt })
      .onConflict((oc) => oc.columns(['user_id', 'name']).doUpdateSet({ args: rig.args, created_at: rig.createdAt }))
      .execute();
    return true;
  }

  async listRigs(user: string): Promise<SavedRig[]> {
    const rows = await this.db.selectFrom('rigs').selectAll().where('user_id', '=', user).orderBy('name').execute();
    return rows.map((r) => SqliteStore.rig(r));
  }

  async getRig(user: string, name: string): Promise<SavedRig | null> {
    const r = await this.db
      .selectFrom('rigs')
      .selectAll()
      .where('user_id', '=', user)
      .where('name', '=', name)
      .executeTakeFirst();
    return r ? SqliteStore.rig(r) : null;
  }

  async removeRig(user: string, name: string): Promise<boolean> {
    const r = await this.db.deleteFrom('rigs').where('user_id', '=', user).where('name', '=', name).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  private static rig(r: Selectable<RigsTable>): SavedRig {
    return { name: r.name, args: r.args, createdAt: Number(r.created_at) };
  }

  private static alert(r: Selectable<AlertsTable>): Alert {
    return {
      id: Number(r.id),
      platform: r.platform as Alert['platform'],
      channelId: r.channel_id,
      scope: r.scope,
      rule: JSON.parse(r.rule) as AlertRule,
      lang: langFromLocale(r.lang),
      currency: r.currency,
      state: JSON.parse(r.state) as AlertState,
      paused: Number(r.paused) === 1,
      pausedReason: r.paused_reason,
      createdBy: r.created_by,
      createdAt: Number(r.created_at),
    };
  }

  async addAlert(a: Omit<Alert, 'id' | 'pausedReason' | 'paused'>, max: number): Promise<Alert | null> {
    const count = await this.db
      .selectFrom('alerts')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('platform', '=', a.platform)
      .where('channel_id', '=', a.channelId)
      .executeTakeFirst();
    if (Number(count?.n ?? 0) >= max) return null;
    const row = await this.db
      .insertInto('alerts')
      .values({
        platform: a.platform,
        channel_id: a.channelId,
        scope: a.scope,
        rule: JSON.stringify(a.rule),
        lang: a.lang,
        currency: a.currency,
        state: JSON.stringify(a.state),
        paused: 0,
        paused_reason: null,
        created_by: a.createdBy,
        created_at: a.createdAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return SqliteStore.alert(row);
  }

  async listAlerts(platform: string, channelId: string): Promise<Alert[]> {
    const rows = await this.db
      .selectFrom('alerts')
      .selectAll()
      .where('platform', '=', platform)
      .where('channel_id', '=', channelId)
      .orderBy('id')
      .execute();
    return rows.map((r) => SqliteStore.alert(r));
  }

  async activeAlerts(): Promise<Alert[]> {
    const rows = await this.db
      .selectFrom('alerts')
      .selectAll()
      .where('paused', '=', 0)
      .where('paused_reason', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map((r) => SqliteStore.alert(r));
  }

  async removeAlert(platform: string, channelId: string, id: number): Promise<boolean> {
    const r = await this.db
      .deleteFrom('alerts')
      .where('platform', '=', platform)
      .where('channel_id', '=', channelId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async setAlertPaused(platform: string, channelId: string, id: number, paused: boolean): Promise<boolean> {
    const r = await this.db
      .updateTable('alerts')
      // Resuming also clears a platform refusal: the member says the channel works again.
      .set(paused ? { paused: 1 } : { paused: 0, paused_reason: null })
      .where('platform', '=', platform)
      .where('channel_id', '=', channelId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async pauseAlertFor(id: number, reason: string): Promise<void> {
    await this.db
      .updateTable('alerts')
      .set({ paused_reason: reason.slice(0, 200) })
      .where('id', '=', id)
      .execute();
  }

  async saveAlertState(id: number, state: AlertState): Promise<void> {
    await this.db
      .updateTable('alerts')
      .set({ state: JSON.stringify(state) })
      .where('id', '=', id)
      .execute();
  }

  async claimAlertEvent(id: number, key: string, now: number): Promise<boolean> {
    const inserted = await this.db
      .insertInto('alert_events')
      .values({ alert_id: id, event_key: key.slice(0, 200), status: 'pending', attempted_at: now, error: null })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async finishAlertEvent(
    id: number,
    key: string,
    status: 'sent' | 'failed',
    now: number,
    error?: string,
  ): Promise<void> {
    await this.db
      .updateTable('alert_events')
      .set({ status, attempted_at: now, error: error?.slice(0, 200) ?? null })
      .where('alert_id', '=', id)
      .where('event_key', '=', key.slice(0, 200))
      .execute();
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
