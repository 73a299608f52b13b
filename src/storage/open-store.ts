import type { Logger } from '../logger.js'
import type { DeskReader } from './desk-reader.js'
import { postgresDeskReader } from './postgres-desk-reader.js'
import { openPostgresReader, openPostgresStore } from './postgres-store.js'
import { sqliteDeskReader } from './sqlite-desk-reader.js'
import { openExistingSqliteStore, openSqliteStore } from './sqlite-store.js'
import type { Store } from './store.js'

/** The one place that picks the engine: PostgreSQL when a database URL is given, SQLite otherwise. */

export interface OpenStoreOptions {
  /** DATABASE_URL: PostgreSQL, shared by every instance given the same URL. */
  databaseUrl?: string
  /** DATA_DIR: SQLite's folder (unused with PostgreSQL, whose salt is kept in the database). */
  dataDir: string
  /** DATA_SALT. */
  salt?: string
  logger?: Logger
}

export interface OpenedStore {
  store: Store
  /** For hashUser. */
  salt: string
  /** Where the data is (a file, or PostgreSQL's host and database), for messages. */
  where: string
  /** The editor's desk's reads, on the same store. */
  desk: DeskReader
}

/** Opens, migrates and checks the store the bot writes to; StorageError (one line) when it cannot. */
export async function openStore(options: OpenStoreOptions): Promise<OpenedStore> {
  if (options.databaseUrl !== undefined) {
    const opened = await openPostgresStore({ ...options, url: options.databaseUrl })
    return { ...opened, desk: postgresDeskReader(opened.store) }
  }
  const { store, salt, file } = openSqliteStore(options)
  return { store, salt, where: file, desk: sqliteDeskReader(store) }
}

/** Opens what npm run report reads; StorageError STORAGE_NOT_FOUND when the bot has not written there yet. */
export async function openReader(options: {
  databaseUrl?: string
  dataDir: string
}): Promise<{ store: Store; where: string }> {
  if (options.databaseUrl !== undefined) return openPostgresReader(options.databaseUrl)
  const { store, file } = openExistingSqliteStore(options.dataDir)
  return { store, where: file }
}
