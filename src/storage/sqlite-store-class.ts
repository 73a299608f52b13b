import type { Logger } from '../logger.js'
import { claimSlot } from './claim-slot.js'
import { StorageError } from './errors.js'
import { IN_MEMORY } from './open-database.js'
import { readReport } from './read-report.js'
import { feedbackRow, type PendingRow, queryRow } from './rows.js'
import { describeWriteFailure, type SqlDatabase } from './sqlite-driver.js'
import { checkFile, identityOf, isDamaged, setAside } from './sqlite-file.js'
import { prepareStatements, type Statements } from './statements.js'
import type { FeedbackEvent, QueryEvent, Report, ReportOptions, Store, StoreHealth } from './store.js'
import { WriteQueue } from './write-queue.js'

/** Expired delivery claims are deleted at most this often (they are ignored once expired anyway). */
const PURGE_EVERY_MS = 60_000

export interface SqliteStoreOptions {
  /** Opens the database again when it fails; the store reopens nothing without it. */
  reopen?: () => SqlDatabase
  logger?: Logger
}

function describe(error: unknown): string {
  if (error instanceof StorageError && error.code === 'STORAGE_FILE_GONE')
    return 'database file deleted or replaced'
  if (error instanceof StorageError && error.code === 'STORAGE_FILE_DAMAGED')
    return 'database file truncated or overwritten'
  return describeWriteFailure(error)
}

/**
 * The SQLite store. SQLite answers synchronously; the contract's promises are settled at once. A claim or a
 * pick runs in an IMMEDIATE transaction: processes sharing the file (one DATA_DIR) see each other's.
 */
export class SqliteStore implements Store {
  readonly engine = 'sqlite' as const
  private statements: Statements
  private identity: string | undefined
  private readonly writes: WriteQueue
  private purgedAt = 0

  constructor(db: SqlDatabase, options: SqliteStoreOptions = {}) {
    this.statements = prepareStatements(db)
    this.identity = db.file === IN_MEMORY ? undefined : identityOf(db.file)
    const { reopen } = options
    this.writes = new WriteQueue({
      write: (rows) => this.write(rows),
      reopen: reopen ? () => this.reopenWith(reopen) : undefined,
      describe,
      logger: options.logger?.child({ file: db.file }),
    })
  }

  recordQuery(event: QueryEvent): string {
    const { row, key } = queryRow(event)
    this.writes.push(row)
    return key
  }

  recordFeedback(event: FeedbackEvent): void {
    this.writes.push(feedbackRow(event))
  }

  /** Writes what is queued now (synchronously). Never throws: a failed batch is retried. */
  flush(): Promise<void> {
    return this.writes.flush()
  }

  health(): StoreHealth {
    return this.writes.health()
  }

  /** Empty `candidates`: nothing to post, so undefined, and the slot stays free for a later try. */
  async pickDailyQuote(
    slot: string,
    candidates: string[],
    random: () => number,
  ): Promise<string | undefined> {
    this.writes.flush()
    // IMMEDIATE takes the write lock before reading the history: two processes cannot both see the slot
    // free (the second waits up to the busy timeout, then finds it taken).
    return this.guarded(() => {
      this.checkFile()
      return this.statements.db.immediate(() => claimSlot(this.statements, slot, candidates, random))
    })
  }

  /**
   * A SQLite file is this host's: the bot's own memory of deliveries (src/bot/replay-guard.ts) has already
   * answered for this process. While the file cannot be written (degraded), the claim is granted rather
   * than left unchecked, so that the bot keeps answering as before, publicly too: a storage failure does not
   * stop it (README). Only processes sharing one DATA_DIR could then act twice on one delivery.
   */
  async claimDelivery(id: string, ttlMs: number): Promise<boolean> {
    if (this.writes.degraded) return true
    try {
      return this.guarded(() => {
        const now = Date.now()
        const { claimDelivery, forgetExpiredClaims } = this.statements
        if (now - this.purgedAt > PURGE_EVERY_MS) {
          this.purgedAt = now
          forgetExpiredClaims.run(now)
        }
        return claimDelivery.run(id, now + ttlMs, now).changes === 1
      })
    } catch {
      return true
    }
  }

  async report(options: ReportOptions): Promise<Report> {
    this.writes.flush()
    return readReport(this.statements, options)
  }

  /** A read of the database in use, after what is queued is written (the desk's reads: sqlite-desk-reader.ts). */
  read<T>(query: (db: SqlDatabase) => T): T {
    this.writes.flush()
    const { db } = this.statements
    // Closed by a reopen that then failed: the reader says the store cannot be read (the desk's 503).
    if (!db.open) throw new StorageError('STORAGE_UNAVAILABLE', 'the database is not open')
    return query(db)
  }

  async close(): Promise<void> {
    await this.writes.close()
    const { db } = this.statements
    if (db.open) db.close()
  }

  /** A failure of the database while claiming makes the store degraded, as a failed write does. */
  private guarded<T>(work: () => T): T {
    try {
      return work()
    } catch (error) {
      if (!(error instanceof StorageError) || error.code !== 'STORAGE_SCHEMA_TOO_NEW')
        this.writes.failed(error)
      throw error
    }
  }

  private checkFile(): void {
    const { db } = this.statements
    if (this.identity === undefined || !db.open) return
    const state = checkFile(db.file, this.identity)
    if (state.kind === 'gone')
      throw new StorageError('STORAGE_FILE_GONE', `${db.file} was deleted or replaced`)
    if (state.kind === 'damaged')
      throw new StorageError(
        'STORAGE_FILE_DAMAGED',
        `${db.file} was truncated or overwritten (${state.detail})`,
      )
  }

  private write(rows: readonly PendingRow[]): void {
    const { db, insertQuery, insertFeedback } = this.statements
    // Closed by a reopen that then failed: the rows wait for the next one.
    if (!db.open) throw new StorageError('STORAGE_UNAVAILABLE', 'the database is not open')
    this.checkFile()
    db.immediate(() => {
      for (const row of rows) (row.table === 'queries' ? insertQuery : insertFeedback).run(...row.values)
    })
  }

  /**
   * The old handle is closed before the new file is opened: on close SQLite checkpoints and deletes the WAL
   * by its name, which would be the new file's. A damaged file is moved aside first, so that the checkpoint
   * goes into the moved file and the store starts a new one, as for a deleted file.
   */
  private reopenWith(reopen: () => SqlDatabase): void {
    const old = this.statements.db
    if (old.file !== IN_MEMORY && isDamaged(old.file)) setAside(old.file)
    try {
      old.close()
    } catch {
      // the old handle may be unusable already; the new one replaces it either way
    }
    const db = reopen()
    this.statements = prepareStatements(db)
    this.identity = identityOf(db.file)
  }
}
