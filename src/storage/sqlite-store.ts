import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { StorageError } from './errors.js'
import { clipQuery, isUserHash, normalizeQuery, queryKeyOf } from './keys.js'
import { migrate } from './migrations.js'
import { checkGivenSalt, newSalt, resolveSalt } from './salt.js'
import { isBusyError, openSqlite, type SqlDatabase, type SqlStatement } from './sqlite-driver.js'
import type { FeedbackEvent, Platform, QueryEvent, Report, ReportOptions, Store } from './store.js'

export const DATABASE_FILE = 'ia-cinema.sqlite'
/** Passed as dataDir: a private database that disappears on close, and a salt kept nowhere (tests). */
export const IN_MEMORY = ':memory:'

/** How long a write waits for another process holding the lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000
const DEFAULT_REPORT_LIMIT = 20
const MAX_REPORT_LIMIT = 1_000
/** Questions listed under each unhelpful passage. */
const QUERIES_PER_PASSAGE = 3
const MAX_ID_LENGTH = 200
const WRITE_BATCH_MS = 200
const WRITE_BATCH_MAX = 500
/** Past this many rows waiting (the database unwritable for long), the oldest statistics are dropped. */
const MAX_PENDING_WRITES = 50_000
const QUERY_KEY_PATTERN = /^[0-9a-f]{6,64}$/

export interface OpenSqliteStoreOptions {
  /** Folder of the database and the salt file, created if missing; IN_MEMORY for a throwaway store. */
  dataDir: string
  /** DATA_SALT when set; otherwise the salt kept in `<dataDir>/salt`, created on first start. */
  salt?: string
}

export interface OpenedSqliteStore {
  store: SqliteStore
  /** For hashUser. */
  salt: string
  file: string
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

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

function openOnce(file: string): SqlDatabase {
  const db = openSqlite(file, BUSY_TIMEOUT_MS)
  try {
    // WAL: readers (npm run report) never block the bot, and several bot processes can share the file.
    // The mode is stored in the file, so only the first open of a new file actually switches it.
    const mode = db.prepare<[], { journal_mode: string }>('PRAGMA journal_mode').get()?.journal_mode
    if (mode !== 'wal' && file !== IN_MEMORY) db.exec('PRAGMA journal_mode = WAL')
    db.exec('PRAGMA synchronous = NORMAL')
    migrate(db)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

function openDatabase(file: string): SqlDatabase {
  const deadline = Date.now() + BUSY_TIMEOUT_MS
  for (;;) {
    try {
      return openOnce(file)
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

/**
 * The bot's store: creates `dataDir` and `<dataDir>/ia-cinema.sqlite` if needed, migrates the schema, and
 * settles the salt (given, kept, or generated and kept with mode 0600).
 */
export function openSqliteStore(options: OpenSqliteStoreOptions): OpenedSqliteStore {
  if (options.dataDir === IN_MEMORY) {
    const salt = options.salt === undefined ? newSalt() : checkGivenSalt(options.salt)
    return { store: new SqliteStore(openDatabase(IN_MEMORY)), salt, file: IN_MEMORY }
  }
  try {
    mkdirSync(options.dataDir, { recursive: true })
  } catch (error) {
    throw new StorageError(
      'STORAGE_OPEN_FAILED',
      `cannot create ${options.dataDir}: ${(error as Error).message}`,
      { cause: error },
    )
  }
  let salt: string
  try {
    salt = resolveSalt(options.dataDir, options.salt)
  } catch (error) {
    if (error instanceof StorageError) throw error
    throw new StorageError(
      'STORAGE_OPEN_FAILED',
      `cannot read or write the salt in ${options.dataDir}: ${(error as Error).message}`,
      { cause: error },
    )
  }
  const file = path.join(options.dataDir, DATABASE_FILE)
  return { store: new SqliteStore(openDatabase(file)), salt, file }
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

interface UnansweredRow {
  query: string
  count: number
  last_at: number
}

interface UnhelpfulRow {
  record_id: string
  down: number
  up: number
}

interface UsageRow {
  command: string
  platform: string
  count: number
}

export class SqliteStore implements Store {
  private pending: Array<() => void> = []
  private flushTimer: NodeJS.Timeout | undefined
  private readonly insertQuery: SqlStatement
  private readonly insertFeedback: SqlStatement
  private readonly insertDailyQuote: SqlStatement
  private readonly slotTaken: SqlStatement<[string], { found: number }>
  private readonly currentRound: SqlStatement<[string], { round: number | null }>
  private readonly postedInRound: SqlStatement<[number, string], { record_id: string }>
  private readonly unanswered: SqlStatement<[number, number], UnansweredRow>
  private readonly unhelpful: SqlStatement<[number, number], UnhelpfulRow>
  private readonly unhelpfulQueries: SqlStatement<[string, number, number], { query: string | null }>
  private readonly usage: SqlStatement<[number], UsageRow>
  private readonly claim: (slot: string, candidates: string[], random: () => number) => string | undefined

  constructor(private readonly db: SqlDatabase) {
    this.insertQuery = db.prepare(
      `INSERT INTO queries (at, platform, user_hash, command, query, query_norm, query_key, answered, result_ids)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    this.insertFeedback = db.prepare(
      `INSERT INTO feedback (at, platform, user_hash, record_id, query_key, helpful) VALUES (?, ?, ?, ?, ?, ?)`,
    )
    this.insertDailyQuote = db.prepare(
      'INSERT OR IGNORE INTO daily_quotes (slot, record_id, round, at) VALUES (?, ?, ?, ?)',
    )
    this.slotTaken = db.prepare('SELECT 1 AS found FROM daily_quotes WHERE slot = ?')
    // Rounds are per channel: the slot's part after the date ("slack:C123").
    const channelOfSlot = "substr(slot, instr(slot, ' ') + 1)"
    this.currentRound = db.prepare(`SELECT max(round) AS round FROM daily_quotes WHERE ${channelOfSlot} = ?`)
    this.postedInRound = db.prepare(
      `SELECT record_id FROM daily_quotes WHERE round = ? AND ${channelOfSlot} = ?`,
    )
    // The bare `query` column comes from the row holding max(at) (SQLite's documented rule): the latest
    // wording of the question is shown.
    this.unanswered = db.prepare(
      `SELECT query, count(*) AS count, max(at) AS last_at FROM queries
       WHERE answered = 0 AND at >= ? AND query_norm <> ''
       GROUP BY query_norm ORDER BY count DESC, last_at DESC, query_norm LIMIT ?`,
    )
    this.unhelpful = db.prepare(
      `SELECT record_id, sum(helpful = 0) AS down, sum(helpful <> 0) AS up FROM feedback
       WHERE at >= ? GROUP BY record_id HAVING down > 0
       ORDER BY down DESC, up ASC, record_id LIMIT ?`,
    )
    // The question may have been asked before `since` and judged after it: its text is looked up at any date.
    this.unhelpfulQueries = db.prepare(
      `SELECT (SELECT q.query FROM queries q WHERE q.query_key = f.query_key ORDER BY q.at DESC LIMIT 1) AS query
       FROM feedback f
       WHERE f.record_id = ? AND f.helpful = 0 AND f.at >= ? AND f.query_key IS NOT NULL
       GROUP BY f.query_key ORDER BY count(*) DESC, max(f.at) DESC LIMIT ?`,
    )
    this.usage = db.prepare(
      `SELECT command, platform, count(*) AS count FROM queries WHERE at >= ?
       GROUP BY command, platform ORDER BY count DESC, command, platform`,
    )
    // IMMEDIATE takes the write lock before reading the history: two processes cannot both see the slot
    // free (the second waits up to BUSY_TIMEOUT_MS, then finds it taken).
    this.claim = (slot, candidates, random) => db.immediate(() => this.claimSlot(slot, candidates, random))
  }

  recordQuery(event: QueryEvent): string {
    const query = clipQuery(event.query)
    const key = queryKeyOf(query)
    const row = [
      toMillis(event.at),
      event.platform,
      checkUserHash(event.userHash),
      event.command.trim().slice(0, MAX_ID_LENGTH),
      query,
      normalizeQuery(query),
      key,
      event.answered ? 1 : 0,
      resultIdsJson(event.resultIds),
    ]
    this.enqueue(() => this.insertQuery.run(...row))
    return key
  }

  recordFeedback(event: FeedbackEvent): void {
    // The key comes back from a button payload: anything that is not one of ours is dropped, not stored.
    const queryKey =
      event.queryKey !== undefined && QUERY_KEY_PATTERN.test(event.queryKey) ? event.queryKey : null
    const row = [
      toMillis(event.at),
      event.platform,
      checkUserHash(event.userHash),
      event.recordId.slice(0, MAX_ID_LENGTH),
      queryKey,
      event.helpful ? 1 : 0,
    ]
    this.enqueue(() => this.insertFeedback.run(...row))
  }

  /**
   * Usage rows are written in batches, one transaction every WRITE_BATCH_MS: a write per question cost more
   * than answering it. What is still queued is written before any read, and on close; a crash loses at most
   * the last fraction of a second of statistics, never an answer.
   */
  private enqueue(write: () => void): void {
    this.pending.push(write)
    if (this.pending.length >= WRITE_BATCH_MAX) this.flush()
    else this.flushTimer ??= setTimeout(() => this.flush(), WRITE_BATCH_MS).unref()
  }

  /** Writes what is queued, in one transaction. Never throws: a failed batch (database busy) is retried. */
  flush(): void {
    clearTimeout(this.flushTimer)
    this.flushTimer = undefined
    if (this.pending.length === 0 || !this.db.open) return
    const writes = this.pending
    this.pending = []
    try {
      this.db.immediate(() => {
        for (const write of writes) write()
      })
    } catch {
      this.pending = [...writes, ...this.pending].slice(-MAX_PENDING_WRITES)
      this.flushTimer = setTimeout(() => this.flush(), WRITE_BATCH_MS).unref()
    }
  }

  /** Empty `candidates`: nothing to post, so undefined, and the slot stays free for a later try. */
  pickDailyQuote(slot: string, candidates: string[], random: () => number): string | undefined {
    this.flush()
    return this.claim(slot, candidates, random)
  }

  private claimSlot(slot: string, candidates: string[], random: () => number): string | undefined {
    if (this.slotTaken.get(slot)) return undefined
    const ids = [...new Set(candidates)]
    if (ids.length === 0) return undefined
    const channel = slot.slice(slot.indexOf(' ') + 1)
    let round = this.currentRound.get(channel)?.round ?? 1
    const posted = new Set(this.postedInRound.all(round, channel).map((row) => row.record_id))
    // Ids posted earlier but gone from the corpus are simply not candidates: they neither block nor end a round.
    let remaining = ids.filter((id) => !posted.has(id))
    if (remaining.length === 0) {
      round += 1
      remaining = ids
    }
    const draw = random()
    const index = Number.isFinite(draw)
      ? Math.min(remaining.length - 1, Math.max(0, Math.floor(draw * remaining.length)))
      : 0
    const chosen = remaining[index] as string
    const inserted = this.insertDailyQuote.run(slot, chosen, round, Date.now())
    return inserted.changes === 1 ? chosen : undefined
  }

  report(options: ReportOptions): Report {
    this.flush()
    const since = options.since.getTime()
    if (!Number.isFinite(since)) throw new RangeError('report: since is not a valid date')
    const limit = Math.min(MAX_REPORT_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_REPORT_LIMIT)))
    return {
      since: options.since,
      unanswered: this.unanswered.all(since, limit).map((row) => ({
        query: row.query,
        count: row.count,
        lastAt: new Date(row.last_at),
      })),
      unhelpful: this.unhelpful.all(since, limit).map((row) => ({
        recordId: row.record_id,
        down: row.down,
        up: row.up,
        queries: this.unhelpfulQueries
          .all(row.record_id, since, QUERIES_PER_PASSAGE)
          .flatMap((q) => (q.query === null || q.query === '' ? [] : [q.query])),
      })),
      usage: this.usage.all(since).map((row) => ({
        command: row.command,
        platform: row.platform as Platform,
        count: row.count,
      })),
    }
  }

  close(): void {
    this.flush()
    if (this.db.open) this.db.close()
  }
}
