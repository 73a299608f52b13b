import type { Logger } from '../logger.js'
import { isBusyError } from './sqlite-driver.js'
import type { StoreHealth } from './store.js'

const WRITE_BATCH_MS = 200
const WRITE_BATCH_MAX = 500
/** Past this many rows waiting (the database unwritable for long), the oldest statistics are dropped. */
export const MAX_PENDING_WRITES = 50_000
const FIRST_RETRY_MS = 1_000
const MAX_RETRY_MS = 60_000

export interface PendingRow {
  table: 'queries' | 'feedback'
  values: unknown[]
}

export interface WriteQueueOptions {
  /** Writes the rows in one transaction; throws when it cannot. */
  write(rows: readonly PendingRow[]): void
  /** Opens the database again after a failure; throws when it still cannot. Absent: the writes are retried. */
  reopen?: () => void
  /** A short reason for /healthz, without paths. */
  describe(error: unknown): string
  logger?: Logger
}

/**
 * Usage rows are written in batches, one transaction every WRITE_BATCH_MS: a write per question cost more
 * than answering it. What is still queued is written before any read, and on close; a crash loses at most
 * the last fraction of a second of statistics, never an answer.
 *
 * A write that fails for another reason than a busy lock (file deleted, disk full, made read-only) makes the
 * store degraded: one log line, the state on /healthz, and the database reopened after 1 s, then after twice
 * as long each time it still fails, at most every minute. Meanwhile the bot answers as usual and up to
 * MAX_PENDING_WRITES rows wait; one log line again when writing works.
 */
export class WriteQueue {
  private pending: PendingRow[] = []
  private timer: NodeJS.Timeout | undefined
  private failure: { problem: string; since: Date } | undefined
  private retryMs = FIRST_RETRY_MS
  private closed = false

  constructor(private readonly options: WriteQueueOptions) {}

  push(row: PendingRow): void {
    if (this.closed) return
    this.pending.push(row)
    if (this.pending.length > MAX_PENDING_WRITES)
      this.pending.splice(0, this.pending.length - MAX_PENDING_WRITES)
    if (this.failure) return
    if (this.pending.length >= WRITE_BATCH_MAX) this.flush()
    else this.timer ??= setTimeout(() => this.flush(), WRITE_BATCH_MS).unref()
  }

  get size(): number {
    return this.pending.length
  }

  health(): StoreHealth {
    return this.failure
      ? { state: 'degraded', problem: this.failure.problem, since: this.failure.since, pending: this.size }
      : { state: 'ok' }
  }

  /**
   * Writes what is queued. Never throws: a failed batch is kept for the next try. While degraded it waits for
   * the scheduled reopen rather than fail again.
   */
  flush(): void {
    if (!this.failure) this.writePending()
  }

  /** A last try; nothing is queued or retried afterwards. */
  close(): void {
    this.closed = true
    this.writePending()
    clearTimeout(this.timer)
    this.timer = undefined
  }

  private writePending(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.pending.length === 0) return
    const rows = this.pending
    this.pending = []
    try {
      this.options.write(rows)
    } catch (error) {
      this.pending = [...rows, ...this.pending].slice(-MAX_PENDING_WRITES)
      if (isBusyError(error) && !this.failure) {
        if (!this.closed) this.timer = setTimeout(() => this.flush(), WRITE_BATCH_MS).unref()
      } else this.fail(error)
      return
    }
    if (this.failure) this.recovered()
  }

  private fail(error: unknown): void {
    if (!this.failure) {
      const problem = this.options.describe(error)
      this.failure = { problem, since: new Date() }
      this.options.logger?.error(
        { err: error, pending: this.pending.length },
        `storage degraded (${problem}): answering without recording, reopening the database in ${this.retryMs / 1000} s`,
      )
    } else {
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS)
    }
    if (this.closed) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.retry(), this.retryMs).unref()
  }

  private retry(): void {
    this.timer = undefined
    try {
      this.options.reopen?.()
    } catch (error) {
      this.fail(error)
      return
    }
    if (this.pending.length > 0) this.writePending()
    else this.recovered()
  }

  private recovered(): void {
    const since = this.failure?.since
    this.failure = undefined
    this.retryMs = FIRST_RETRY_MS
    this.options.logger?.info(
      { degradedSince: since?.toISOString(), pending: this.pending.length },
      'storage recovered: recording again',
    )
  }
}
