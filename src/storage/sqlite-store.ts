import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Logger } from '../logger.js'
import { prepareDataDir } from './data-dir.js'
import { StorageError } from './errors.js'
import { IN_MEMORY, openDatabase } from './open-database.js'
import { checkGivenSalt, newSalt, resolveSalt, restoreSaltFile } from './salt.js'
import { SqliteStore } from './sqlite-store-class.js'

export { IN_MEMORY, SqliteStore }
export const DATABASE_FILE = 'ia-cinema.sqlite'

export interface OpenSqliteStoreOptions {
  /** Folder of the database and the salt file, created if missing; IN_MEMORY for a throwaway store. */
  dataDir: string
  /** DATA_SALT when set; otherwise the salt kept in `<dataDir>/salt`, created on first start. */
  salt?: string
  /** Where a failing disk is reported (once per episode). */
  logger?: Logger
}

export interface OpenedSqliteStore {
  store: SqliteStore
  /** For hashUser. */
  salt: string
  file: string
}

/**
 * The bot's store: creates `dataDir` and `<dataDir>/ia-cinema.sqlite` if needed, migrates the schema, checks
 * that the file can be written, and settles the salt (given, kept, or generated and kept with mode 0600).
 * Throws StorageError (one line) when any of it fails; STORAGE_DIR_UNUSABLE names the folder's problem.
 */
export function openSqliteStore(options: OpenSqliteStoreOptions): OpenedSqliteStore {
  if (options.dataDir === IN_MEMORY) {
    const salt = options.salt === undefined ? newSalt() : checkGivenSalt(options.salt)
    return { store: new SqliteStore(openDatabase(IN_MEMORY)), salt, file: IN_MEMORY }
  }
  const { dataDir } = options
  prepareDataDir(dataDir)
  let salt: string
  try {
    salt = resolveSalt(dataDir, options.salt)
  } catch (error) {
    if (error instanceof StorageError) throw error
    throw new StorageError(
      'STORAGE_OPEN_FAILED',
      `cannot read or write the salt in ${dataDir}: ${(error as Error).message}`,
      { cause: error },
    )
  }
  const file = path.join(dataDir, DATABASE_FILE)
  const reopen = () => {
    // The folder may have gone with the file: it comes back, with the salt in use (and a damaged file was
    // moved aside by the store before it closed its handle).
    prepareDataDir(dataDir)
    if (options.salt === undefined) restoreSaltFile(dataDir, salt)
    return openDatabase(file, { checkWritable: true })
  }
  const store = new SqliteStore(openDatabase(file, { checkWritable: true }), {
    reopen,
    logger: options.logger,
  })
  return { store, salt, file }
}

/**
 * For tools that read what the bot wrote (npm run report): fails with STORAGE_NOT_FOUND rather than create
 * an empty database, and leaves the salt alone (a salt written here could differ from DATA_SALT).
 */
export function openExistingSqliteStore(dataDir: string): { store: SqliteStore; file: string } {
  const file = path.join(dataDir, DATABASE_FILE)
  if (!existsSync(file))
    throw new StorageError(
      'STORAGE_NOT_FOUND',
      `no database at ${file} (the bot creates it on its first start)`,
    )
  return { store: new SqliteStore(openDatabase(file)), file }
}
