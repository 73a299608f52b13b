import type pg from 'pg'
import type { Logger } from '../logger.js'
import { channelOfSlot } from './claim-slot.js'
import { StorageError } from './errors.js'
import {
  createPool,
  describePostgresFailure,
  describeWhere,
  isConnectionFailure,
  migrationClient,
} from './postgres-connection.js'
import {
  claimDelivery,
  claimSlotPostgres,
  insertRows,
  migratePostgres,
  type Queryable,
  readReportPostgres,
  sharedSalt,
} from './postgres-sql.js'
import { reportLimits } from './read-report.js'
import { feedbackRow, type PendingRow, queryRow } from './rows.js'
import { checkGivenSalt, newSalt } from './salt.js'
import type { FeedbackEvent, QueryEvent, Report, ReportOptions, Store, StoreHealth } from './store.js'
import { WriteQueue } from './write-queue.js'

/**
 * Longest wait between two attempts to reach a lost server: health is back at most this long (plus a connect
 * timeout) after the server is (the bound is 70 s).
 */
export const MAX_RECONNECT_MS = 30_000
/** Without any round trip for this long, one `SELECT 1` checks that the server is still there. */
const PROBE_EVERY_MS = 15_000
const PURGE_EVERY_MS = 60_000

const unavailable = () =>
  new StorageError('STORAGE_UNAVAILABLE', 'PostgreSQL is unreachable: not waiting for it')

export interface PostgresStoreOptions {
  logger?: Logger
  /** For log lines: host and database, no password. */
  where: string
}

/**
 * The PostgreSQL store: one database shared by every instance. Rows are queued and written in batches as
 * on SQLite; a claim or a pick is one round trip (a transaction for the pick). While the server is lost,
 * claims and picks fail at once (callers decide what that means), rows wait in memory (bounded), and the
 * server is tried again after 1, 2, 4… s, at most every MAX_RECONNECT_MS.
 */
export class PostgresStore implements Store {
  readonly engine = 'postgres' as const
  private readonly writes: WriteQueue
  private lastContact = Date.now()
  private purgedAt = 0
  private readonly probe: NodeJS.Timeout

  constructor(
    private readonly pool: pg.Pool,
    options: PostgresStoreOptions,
  ) {
    this.writes = new WriteQueue({
      write: (rows) => this.write(rows),
      reopen: () => this.contact(),
      describe: describePostgresFailure,
      // Nothing is transient here: a failed batch means the server or the network is in trouble.
      isTransient: () => false,
      maxRetryMs: MAX_RECONNECT_MS,
      logger: options.logger?.child({ database: options.where }),
    })
    // Idle connections the server closes (a restart, a failover) are reported here rather than thrown.
    pool.on('error', (error) => this.writes.failed(error))
    // With no traffic nothing would notice a lost server: /healthz would say ok.
    this.probe = setInterval(() => {
      if (!this.writes.degraded && Date.now() - this.lastContact >= PROBE_EVERY_MS)
        this.contact().catch((error: unknown) => this.writes.failed(error))
    }, PROBE_EVERY_MS).unref()
  }

  recordQuery(event: QueryEvent): string {
    const { row, key } = queryRow(event)
    this.writes.push(row)
    return key
  }

  recordFeedback(event: FeedbackEvent): void {
    this.writes.push(feedbackRow(event))
  }

  flush(): Promise<void> {
    return this.writes.flush()
  }

  health(): StoreHealth {
    return this.writes.health()
  }

  async pickDailyQuote(
    slot: string,
    candidates: string[],
    random: () => number,
  ): Promise<string | undefined> {
    if (this.writes.degraded) throw unavailable()
    return this.transaction((client) =>
      claimSlotPostgres(client, slot, channelOfSlot(slot), candidates, random),
    )
  }

  async claimDelivery(id: string, ttlMs: number): Promise<boolean> {
    if (this.writes.degraded) throw unavailable()
    const claimed = await this.guarded(() => claimDelivery(this.pool, id, ttlMs))
    const now = Date.now()
    if (now - this.purgedAt > PURGE_EVERY_MS) {
      this.purgedAt = now
      // Expired claims are ignored anyway: deleting them only keeps the table small.
      this.pool.query('DELETE FROM delivery_claims WHERE expires_at <= $1', [now]).catch(() => undefined)
    }
    return claimed
  }

  async report(options: ReportOptions): Promise<Report> {
    const limits = reportLimits(options)
    await this.writes.flush()
    return this.guarded(() => readReportPostgres(this.pool, options, limits), isConnectionFailure)
  }

  /**
   * A read of the shared database, after what this instance queued is written (the desk's reads:
   * postgres-desk-reader.ts). Fails at once while the server is lost, as a claim does.
   */
  async read<T>(work: (db: Queryable) => Promise<T>): Promise<T> {
    if (this.writes.degraded) throw unavailable()
    await this.writes.flush()
    return this.guarded(() => work(this.pool), isConnectionFailure)
  }

  async close(): Promise<void> {
    clearInterval(this.probe)
    await this.writes.close()
    await this.pool.end().catch(() => undefined)
  }

  private async contact(): Promise<void> {
    await this.pool.query('SELECT 1')
    this.lastContact = Date.now()
  }

  /**
   * Runs a statement; a failure makes the store degraded when `degrades` says so. A read (the report, the
   * desk's pages) degrades it only when the server is out of reach: a read that fails on its own (too long
   * on a large table, an error in it) must not stop the claims, and with them every public post.
   */
  private async guarded<T>(
    work: () => Promise<T>,
    degrades: (error: unknown) => boolean = () => true,
  ): Promise<T> {
    try {
      const result = await work()
      this.lastContact = Date.now()
      return result
    } catch (error) {
      if (degrades(error)) this.writes.failed(error)
      throw error
    }
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.guarded(async () => {
      const client = await this.pool.connect()
      // A connection lost between two statements is reported on the client: without a listener it would throw.
      const ignore = () => undefined
      client.on('error', ignore)
      let broken: unknown
      try {
        await client.query('BEGIN')
        const result = await work(client)
        await client.query('COMMIT')
        return result
      } catch (error) {
        broken = error
        await client.query('ROLLBACK').catch(() => undefined)
        throw error
      } finally {
        client.off('error', ignore)
        client.release(broken instanceof Error ? broken : undefined)
      }
    })
  }

  private async write(rows: readonly PendingRow[]): Promise<void> {
    await this.transaction((client) => insertRows(client, rows))
  }
}

export interface OpenPostgresStoreOptions {
  url: string
  /** DATA_SALT when set; otherwise the salt the first instance kept in the database. */
  salt?: string
  logger?: Logger
}

/** Connects, migrates and settles the salt; StorageError (one line, no password) when any of it fails. */
export async function openPostgresStore(
  options: OpenPostgresStoreOptions,
): Promise<{ store: PostgresStore; salt: string; where: string }> {
  const where = describeWhere(options.url)
  const given = options.salt === undefined ? undefined : checkGivenSalt(options.salt)
  const pool = createPool(options.url)
  // An idle connection lost during start-up must not throw; the store installs its own listener after.
  const ignore = () => undefined
  pool.on('error', ignore)
  try {
    const client = await migrationClient(options.url)
    try {
      await migratePostgres(client, where)
    } finally {
      await client.end().catch(() => undefined)
    }
    const salt = given ?? (await sharedSalt(pool, newSalt()))
    pool.off('error', ignore)
    return { store: new PostgresStore(pool, { logger: options.logger, where }), salt, where }
  } catch (error) {
    await pool.end().catch(() => undefined)
    if (error instanceof StorageError) throw error
    throw new StorageError('STORAGE_OPEN_FAILED', describePostgresFailure(error), { cause: error })
  }
}

/**
 * For npm run report: the same database, read. STORAGE_NOT_FOUND when the bot has never created its tables
 * there (rather than creating them); migrated forward otherwise, as the SQLite reader does.
 */
export async function openPostgresReader(url: string): Promise<{ store: PostgresStore; where: string }> {
  const where = describeWhere(url)
  const pool = createPool(url)
  const ignore = () => undefined
  pool.on('error', ignore)
  try {
    const { rows } = await pool.query<{ found: string | null }>(`SELECT to_regclass('queries') AS found`)
    if (!rows[0]?.found)
      throw new StorageError('STORAGE_NOT_FOUND', `no ia-cinema tables in ${where} (the bot creates them)`)
    const client = await migrationClient(url)
    try {
      await migratePostgres(client, where)
    } finally {
      await client.end().catch(() => undefined)
    }
    pool.off('error', ignore)
    return { store: new PostgresStore(pool, { where }), where }
  } catch (error) {
    await pool.end().catch(() => undefined)
    if (error instanceof StorageError) throw error
    throw new StorageError('STORAGE_OPEN_FAILED', describePostgresFailure(error), { cause: error })
  }
}
