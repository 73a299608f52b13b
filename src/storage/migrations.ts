import { StorageError } from './errors.js'
import type { SqlDatabase } from './sqlite-driver.js'

/** One step of the schema, in each engine's dialect; both engines number the same steps alike. */
export interface Migration {
  /** Versions are 1, 2, 3… in order; each applied one is a row of schema_migrations. */
  version: number
  sqlite: string
  postgres: string
}

/**
 * Append only: a released migration never changes, since databases in the field already ran it. Times are
 * milliseconds since the epoch (UTC); user_hash is hashUser's output, never an id.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sqlite: `
      CREATE TABLE queries (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        platform TEXT NOT NULL,
        user_hash TEXT,
        command TEXT NOT NULL,
        query TEXT NOT NULL,
        query_norm TEXT NOT NULL,
        query_key TEXT NOT NULL,
        answered INTEGER NOT NULL,
        result_ids TEXT NOT NULL
      );
      CREATE INDEX queries_at ON queries (at);
      CREATE INDEX queries_key ON queries (query_key, at);

      CREATE TABLE feedback (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        platform TEXT NOT NULL,
        user_hash TEXT,
        record_id TEXT NOT NULL,
        query_key TEXT,
        helpful INTEGER NOT NULL
      );
      CREATE INDEX feedback_at ON feedback (at);

      CREATE TABLE daily_quotes (
        slot TEXT PRIMARY KEY,
        record_id TEXT NOT NULL,
        round INTEGER NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX daily_quotes_round ON daily_quotes (round);
    `,
    postgres: `
      CREATE TABLE queries (
        id BIGSERIAL PRIMARY KEY,
        at BIGINT NOT NULL,
        platform TEXT NOT NULL,
        user_hash TEXT,
        command TEXT NOT NULL,
        query TEXT NOT NULL,
        query_norm TEXT NOT NULL,
        query_key TEXT NOT NULL,
        answered SMALLINT NOT NULL,
        result_ids TEXT NOT NULL
      );
      CREATE INDEX queries_at ON queries (at);
      CREATE INDEX queries_key ON queries (query_key, at);

      CREATE TABLE feedback (
        id BIGSERIAL PRIMARY KEY,
        at BIGINT NOT NULL,
        platform TEXT NOT NULL,
        user_hash TEXT,
        record_id TEXT NOT NULL,
        query_key TEXT,
        helpful SMALLINT NOT NULL
      );
      CREATE INDEX feedback_at ON feedback (at);

      CREATE TABLE daily_quotes (
        slot TEXT PRIMARY KEY,
        record_id TEXT NOT NULL,
        round INTEGER NOT NULL,
        at BIGINT NOT NULL
      );
      CREATE INDEX daily_quotes_round ON daily_quotes (round);
    `,
  },
  {
    // One vote per user and passage (the latest one kept), claims of deliveries shared by every process,
    // and (PostgreSQL) settings shared by every instance: the salt.
    version: 2,
    sqlite: `
      DELETE FROM feedback WHERE user_hash IS NOT NULL AND id NOT IN (
        SELECT max(id) FROM feedback WHERE user_hash IS NOT NULL GROUP BY user_hash, record_id
      );
      CREATE UNIQUE INDEX feedback_vote ON feedback (user_hash, record_id) WHERE user_hash IS NOT NULL;

      CREATE TABLE delivery_claims (
        id TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX delivery_claims_expiry ON delivery_claims (expires_at);
    `,
    postgres: `
      DELETE FROM feedback WHERE user_hash IS NOT NULL AND id NOT IN (
        SELECT max(id) FROM feedback WHERE user_hash IS NOT NULL GROUP BY user_hash, record_id
      );
      CREATE UNIQUE INDEX feedback_vote ON feedback (user_hash, record_id) WHERE user_hash IS NOT NULL;

      CREATE TABLE delivery_claims (
        id TEXT PRIMARY KEY,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX delivery_claims_expiry ON delivery_claims (expires_at);

      CREATE TABLE settings (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    // What each request got: direct, closest (« Le plus proche dans l'article ») or refused. Rows written
    // before stay NULL (what they got is not known): `answered` still says whether something was shown.
    version: 3,
    sqlite: `
      ALTER TABLE queries ADD COLUMN outcome TEXT CHECK (outcome IN ('direct', 'closest', 'refused'));
    `,
    postgres: `
      ALTER TABLE queries ADD COLUMN outcome TEXT CHECK (outcome IN ('direct', 'closest', 'refused'));
    `,
  },
]

export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0

/** The version table, the same in both engines: one row per migration applied. */
export const VERSION_TABLE = 'schema_migrations'

export function schemaTooNew(where: string, current: number, latest: number): StorageError {
  return new StorageError(
    'STORAGE_SCHEMA_TOO_NEW',
    `${where} has schema version ${current}, this code knows up to ${latest}: update the code`,
  )
}

/**
 * Brings a SQLite file to SCHEMA_VERSION. One IMMEDIATE transaction, version read inside it: two processes
 * opening a new file at once cannot both run a migration. Files written before schema_migrations existed
 * kept their version in PRAGMA user_version: it counts as those rows. PRAGMA user_version is still written,
 * so that older code refuses a file migrated past what it knows.
 */
export function migrate(db: SqlDatabase, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations.at(-1)?.version ?? 0
  return db.immediate(() => {
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${VERSION_TABLE} (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)`,
    )
    const legacy = Number(
      db.prepare<[], { user_version: number }>('PRAGMA user_version').get()?.user_version ?? 0,
    )
    const recorded = Number(
      db.prepare<[], { version: number | null }>(`SELECT max(version) AS version FROM ${VERSION_TABLE}`).get()
        ?.version ?? 0,
    )
    const current = Math.max(legacy, recorded)
    if (current > latest) throw schemaTooNew(db.file, current, latest)
    const record = db.prepare(`INSERT OR IGNORE INTO ${VERSION_TABLE} (version, applied_at) VALUES (?, ?)`)
    for (let version = recorded + 1; version <= legacy; version++) record.run(version, Date.now())
    for (const migration of migrations) {
      if (migration.version <= current) continue
      db.exec(migration.sqlite)
      record.run(migration.version, Date.now())
      // user_version lives in the file header and is written by this transaction, so a failed
      // migration leaves the tables, the rows and the version as they were.
      db.exec(`PRAGMA user_version = ${migration.version}`)
    }
    return latest
  })
}
