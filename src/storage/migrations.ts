import { StorageError } from './errors.js'
import type { SqlDatabase } from './sqlite-driver.js'

export interface Migration {
  /** PRAGMA user_version once applied; versions are 1, 2, 3… in order. */
  version: number
  sql: string
}

/**
 * Append only: a released migration never changes, since databases in the field already ran it. Times are
 * milliseconds since the epoch (UTC); user_hash is hashUser's output, never an id.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
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
  },
]

export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0

/**
 * Brings the schema to SCHEMA_VERSION. One IMMEDIATE transaction, version read inside it: two processes
 * opening a new file at once cannot both run a migration.
 */
export function migrate(db: SqlDatabase, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations.at(-1)?.version ?? 0
  return db.immediate(() => {
    const current = Number(
      db.prepare<[], { user_version: number }>('PRAGMA user_version').get()?.user_version ?? 0,
    )
    if (current > latest)
      throw new StorageError(
        'STORAGE_SCHEMA_TOO_NEW',
        `${db.file} has schema version ${current}, this code knows up to ${latest}: update the code`,
      )
    for (const migration of migrations) {
      if (migration.version <= current) continue
      db.exec(migration.sql)
      // user_version lives in the file header and is written by this transaction, so a failed
      // migration leaves both the tables and the version as they were.
      db.exec(`PRAGMA user_version = ${migration.version}`)
    }
    return latest
  })
}
