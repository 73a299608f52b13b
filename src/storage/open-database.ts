import { StorageError } from './errors.js'
import { migrate } from './migrations.js'
import { isBusyError, openSqlite, type SqlDatabase } from './sqlite-driver.js'

/** Passed as the file: a private database that disappears on close. */
export const IN_MEMORY = ':memory:'
/** How long a write waits for another process holding the lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5_000

export interface OpenDatabaseOptions {
  /**
   * Write something at once (the bot's store): SQLite opens a file it may not write read-only without a
   * word, and every later write would then fail. Readers (npm run report) leave it off.
   */
  checkWritable?: boolean
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

function openOnce(file: string, options: OpenDatabaseOptions): SqlDatabase {
  const db = openSqlite(file, BUSY_TIMEOUT_MS)
  try {
    // WAL: readers (npm run report) never block the bot, and several bot processes can share the file.
    // The mode is stored in the file, so only the first open of a new file actually switches it.
    const mode = db.prepare<[], { journal_mode: string }>('PRAGMA journal_mode').get()?.journal_mode
    if (mode !== 'wal' && file !== IN_MEMORY) db.exec('PRAGMA journal_mode = WAL')
    db.exec('PRAGMA synchronous = NORMAL')
    const version = migrate(db)
    // Rewriting the version with its own value is the smallest real write.
    if (options.checkWritable) db.exec(`PRAGMA user_version = ${version}`)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/** Opens (creating if needed) and migrates a database file; StorageError with one line when it cannot. */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): SqlDatabase {
  const deadline = Date.now() + BUSY_TIMEOUT_MS
  for (;;) {
    try {
      return openOnce(file, options)
    } catch (error) {
      if (error instanceof StorageError) throw error
      // Switching a new file to WAL while another process opens it fails at once with SQLITE_BUSY, without
      // waiting on the busy timeout: processes starting together retry for as long as a write would wait.
      if (isBusyError(error) && Date.now() < deadline) {
        sleepSync(10 + Math.random() * 40)
        continue
      }
      throw new StorageError(
        'STORAGE_OPEN_FAILED',
        `cannot open ${file}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      )
    }
  }
}
