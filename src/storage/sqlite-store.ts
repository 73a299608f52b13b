import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Logger } from '../logger.js'
import { claimSlot } from './claim-slot.js'
import { prepareDataDir } from './data-dir.js'
import { StorageError } from './errors.js'
import { clipQuery, isUserHash, normalizeQuery, queryKeyOf } from './keys.js'
import { IN_MEMORY, openDatabase } from './open-database.js'
import { readReport } from './read-report.js'
import { checkGivenSalt, newSalt, resolveSalt, restoreSaltFile } from './salt.js'
import { describeWriteFailure, type SqlDatabase } from './sqlite-driver.js'
import { prepareStatements, type Statements } from './statements.js'
import type { FeedbackEvent, QueryEvent, Report, ReportOptions, Store, StoreHealth } from './store.js'
import { type PendingRow, WriteQueue } from './write-queue.js'

export { IN_MEMORY }
export const DATABASE_FILE = 'ia-cinema.sqlite'

const MAX_ID_LENGTH = 200
const QUERY_KEY_PATTERN = /^[0-9a-f]{6,64}$/

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
    // The folder may have gone with the file: it comes back, with the salt in use.
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

// The same list (a cached answer's) comes back at every hit: serialised once.
const serialisedIds = new WeakMap<readonly string[], string>()
function resultIdsJson(ids: readonly string[]): string {
  let json = serialisedIds.get(ids)
  if (json === undefined) {
    json = JSON.stringify(ids.map((id) => id.slice(0, MAX_ID_LENGTH)))
    serialisedIds.set(ids, json)
  }
  return json
}

function toMillis(at: Date | undefined): number {
  const ms = at?.getTime()
  return ms !== undefined && Number.isFinite(ms) ? ms : Date.now()
}

function checkUserHash(userHash: string | undefined): string | null {
  if (userHash === undefined) return null
  // The message never repeats the value: it may be the very id that must not be written anywhere.
  if (!isUserHash(userHash))
    throw new StorageError(
      'STORAGE_USER_HASH_INVALID',
      'userHash is not a hashUser() result (32 lowercase hex characters); raw user ids are never stored',
    )
  return userHash
}

/** The file as opened: a write to a file deleted or replaced since would vanish without an error. */
function identityOf(file: string): string | undefined {
  if (file === IN_MEMORY) return undefined
  const stats = statSync(file, { throwIfNoEntry: false })
  return stats ? `${stats.dev}:${stats.ino}` : 'missing'
}

export interface SqliteStoreOptions {
  /** Opens the database again when it fails; the store reopens nothing without it. */
  reopen?: () => SqlDatabase
  logger?: Logger
}

export class SqliteStore implements Store {
  private statements: Statements
  private identity: string | undefined
  private readonly writes: WriteQueue

  constructor(db: SqlDatabase, options: SqliteStoreOptions = {}) {
    this.statements = prepareStatements(db)
    this.identity = identityOf(db.file)
    const { reopen } = options
    this.writes = new WriteQueue({
      write: (rows) => this.write(rows),
      reopen: reopen ? () => this.use(reopen()) : undefined,
      describe: (error) =>
        error instanceof StorageError && error.code === 'STORAGE_FILE_GONE'
          ? 'database file deleted or replaced'
          : describeWriteFailure(error),
      logger: options.logger?.child({ file: db.file }),
    })
  }

  recordQuery(event: QueryEvent): string {
    const query = clipQuery(event.query)
    const key = queryKeyOf(query)
    this.writes.push({
      table: 'queries',
      values: [
        toMillis(event.at),
        event.platform,
        checkUserHash(event.userHash),
        event.command.trim().slice(0, MAX_ID_LENGTH),
        query,
        normalizeQuery(query),
        key,
        event.answered ? 1 : 0,
        resultIdsJson(event.resultIds),
      ],
    })
    return key
  }

  recordFeedback(event: FeedbackEvent): void {
    // The key comes back from a button payload: anything that is not one of ours is dropped, not stored.
    const queryKey =
      event.queryKey !== undefined && QUERY_KEY_PATTERN.test(event.queryKey) ? event.queryKey : null
    this.writes.push({
      table: 'feedback',
      values: [
        toMillis(event.at),
        event.platform,
        checkUserHash(event.userHash),
        event.recordId.slice(0, MAX_ID_LENGTH),
        queryKey,
        event.helpful ? 1 : 0,
      ],
    })
  }

  /** Writes what is queued now. Never throws: a failed batch is retried. */
  flush(): void {
    this.writes.flush()
  }

  health(): StoreHealth {
    return this.writes.health()
  }

  /** Empty `candidates`: nothing to post, so undefined, and the slot stays free for a later try. */
  pickDailyQuote(slot: string, candidates: string[], random: () => number): string | undefined {
    this.flush()
    // IMMEDIATE takes the write lock before reading the history: two processes cannot both see the slot
    // free (the second waits up to the busy timeout, then finds it taken).
    const { db } = this.statements
    return db.immediate(() => claimSlot(this.statements, slot, candidates, random))
  }

  report(options: ReportOptions): Report {
    this.flush()
    return readReport(this.statements, options)
  }

  /** A read of the database in use, after what is queued is written (the desk's reads: sqlite-desk-reader.ts). */
  read<T>(query: (db: SqlDatabase) => T): T {
    this.flush()
    return query(this.statements.db)
  }

  close(): void {
    this.writes.close()
    const { db } = this.statements
    if (db.open) db.close()
  }

  private write(rows: readonly PendingRow[]): void {
    const { db, insertQuery, insertFeedback } = this.statements
    if (!db.open) return
    if (this.identity !== undefined && identityOf(db.file) !== this.identity)
      throw new StorageError('STORAGE_FILE_GONE', `${db.file} was deleted or replaced`)
    db.immediate(() => {
      for (const row of rows) (row.table === 'queries' ? insertQuery : insertFeedback).run(...row.values)
    })
  }

  private use(db: SqlDatabase): void {
    try {
      this.statements.db.close()
    } catch {
      // the old handle may be unusable already; the new one replaces it either way
    }
    this.statements = prepareStatements(db)
    this.identity = identityOf(db.file)
  }
}
