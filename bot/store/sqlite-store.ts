// SQLite store (libsql: better-sqlite3's API with prebuilt binaries) behind Kysely, in WAL mode under
// DATA_DIR, with versioned migrations. The same Kysely queries can run on a server database later.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'libsql';
import { Kysely, Migrator, SqliteDialect, sql, type Generated, type Migration, type MigrationProvider } from 'kysely';
import type { Note, NotesStore } from '../../commands/core/ports.js';

interface NotesTable {
  id: Generated<number>;
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
}

export interface Schema {
  notes: NotesTable;
  subscriptions: SubscriptionsTable;
  deliveries: DeliveriesTable;
}

/** Versioned migrations, applied in name order and recorded by Kysely. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_notes': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('notes')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('source', 'text')
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('notes_scope').on('notes').column('scope').execute();
    },
  },
  '0002_subscriptions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('subscriptions')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('schedule', 'text', (c) => c.notNull())
        .addColumn('tz', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('paused_reason', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addUniqueConstraint('subscriptions_channel', ['platform', 'channel_id'])
        .execute();
      // One row per subscription and slot: the key that makes each slot post exactly once.
      await db.schema
        .createTable('deliveries')
        .addColumn('subscription_id', 'integer', (c) => c.notNull())
        .addColumn('slot', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempted_at', 'integer', (c) => c.notNull())
        .addColumn('error', 'text')
        .addPrimaryKeyConstraint('deliveries_pk', ['subscription_id', 'slot'])
        .execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(MIGRATIONS) };

export class SqliteStore implements NotesStore {
  private constructor(readonly db: Kysely<Schema>) {}

  /** Opens (creating) DATA_DIR/hashdesk.db in WAL mode and migrates it to the latest version. */
  static async open(dataDir: string, file = 'hashdesk.db'): Promise<SqliteStore> {
    mkdirSync(dataDir, { recursive: true });
    const database = new Database(file === ':memory:' ? ':memory:' : path.join(dataDir, file));
    database.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;',
    );
    const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: database }) });
    const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
    if (error) {
      await db.destroy();
      throw new Error(
        `database migration failed: ${error instanceof Error ? error.message : JSON.stringify(error)} (${results?.map((r) => `${r.migrationName}:${r.status}`).join(', ')})`,
      );
    }
    return new SqliteStore(db);
  }

  async journalMode(): Promise<string> {
    const r = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(this.db);
    return r.rows[0]?.journal_mode ?? '';
  }

  async addNote(note: Omit<Note, 'id'>): Promise<Note> {
    const row = await this.db
      .insertInto('notes')
      .values({ scope: note.scope, text: note.text, source: note.source, date: note.date, created_at: note.createdAt })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      id: row.id,
      scope: row.scope,
      text: row.text,
      source: row.source,
      date: row.date,
      createdAt: row.created_at,
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
      id: r.id,
      scope: r.scope,
      text: r.text,
      source: r.source,
      date: r.date,
      createdAt: r.created_at,
    }));
  }

  async removeNote(scope: string, id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('notes').where('scope', '=', scope).where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
