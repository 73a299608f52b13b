import type { Logger } from '../logger.js'
import type { PendingRow } from './rows.js'
import { isBusyError } from './sqlite-driver.js'
import type { StoreHealth } from './store.js'

export type { PendingRow }

const WRITE_BATCH_MS = 200
const WRITE_BATCH_MAX = 500
/** Past this many rows waiting (the database unwritable for long), the oldest statistics are dropped. */
export const MAX_PENDING_WRITES = 50_000
const FIRST_RETRY_MS = 1_000
const MAX_RETRY_MS = 60_000

export interface WriteQueueOptions {
  /** Writes the rows in one transaction; throws (or rejects) when it cannot. */
  write(rows: readonly PendingRow[]): void | Promise<void>
  /** Opens the database again after a failure; throws (or rejects) when it still cannot. Absent: writes are retried. */
  reopen?: () => void | Promise<void>
  /** A short reason for /healthz, without paths or passwords. */
  describe(error: unknown): string
  /** A failure worth a quick retry rather than the degraded state (default: SQLite's busy lock). */
  isTransient?: (error: unknown) => boolean
  /** Longest wait between two reopen attempts (default 60 s). */
  maxRetryMs?: number
  logger?: Logger
}

const isPromise = (value: unknown): value is Promise<void> =>
  typeof (value as { then?: unknown } | undefined)?.then === 'function'

/**
 * Usage rows are written in batches, one transaction every WRITE_BATCH_MS: a write per question cost more
 * than answering it. What is still queued is written before any read, and on close; a crash loses at most
 * the last fraction of a second of statistics, never an answer.
 *
 * A write that fails for another reason than a transient one (file deleted, disk full, made read-only, the
 * database server gone) makes the store degraded: one log line, the state on /healthz, and the database
 * reopened after 1 s, then after twice as long each time it still fails, at most every `maxRetryMs`.
 * Meanwhile the bot answers as usual and up to MAX_PENDING_WRITES rows wait; one log line again when
 * writing works. A write may be synchronous (SQLite) or not (PostgreSQL): one batch is written at a time.
 */
export class WriteQueue {
  private pending: PendingRow[] = []
  private timer: NodeJS.Timeout | undefined
  private failure: { problem: string; since: Date } | undefined
  private retryMs = FIRST_RETRY_MS
  private closed = false
  private writing: Promise<void> | undefined

  constructor(private readonly options: WriteQueueOptions) {}

  push(row: PendingRow): void {
    if (this.closed) return
    this.pending.push(row)
    if (this.pending.length > MAX_PENDING_WRITES)
      this.pending.splice(0, this.pending.length - MAX_PENDING_WRITES)
    if (this.failure) return
    if (this.pending.length >= WRITE_BATCH_MAX) void this.flush()
    else this.timer ??= setTimeout(() => void this.flush(), WRITE_BATCH_MS).unref()
  }

  get size(): number {
    return this.pending.length
  }

  /** True while writes fail: callers needing the database's answer do not wait for it then. */
  get degraded(): boolean {
    return this.failure !== undefined
  }

  health(): StoreHealth {
    return this.failure
      ? { state: 'degraded', problem: this.failure.problem, since: this.failure.since, pending: this.size }
      : { state: 'ok' }
  }

  /**
   * Writes what is queued. Never throws or rejects: a failed batch is kept for the next try. While degraded
   * it waits for the scheduled reopen rather than fail again. Synchronous when the write is.
   */
  flush(): Promise<void> {
    if (this.failure) return Promise.resolve()
    return this.writePending() ?? Promise.resolve()
  }

  /** Something else than a write found the database gone (a claim, a probe): degraded as a write would be. */
  failed(error: unknown): void {
    if (!this.failure && !this.closed) this.fail(error)
  }

  /** A last try; nothing is queued or retried afterwards. */
  close(): Promise<void> {
    this.closed = true
    const last = this.writePending()
    clearTimeout(this.timer)
    this.timer = undefined
    return last ?? Promise.resolve()
  }

  private writePending(): Promise<void> | undefined {
    if (this.writing) return this.writing.then(() => this.writePending())
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.pending.length === 0) return undefined
    const rows = this.pending
    this.pending = []
    let result: void | Promise<void>
    try {
      result = this.options.write(rows)
    } catch (error) {
      this.writeFailed(rows, error)
      return undefined
    }
    if (!isPromise(result)) {
      this.written()
      return undefined
    }
    const writing = result.then(
      () => this.written(),
      (error: unknown) => this.writeFailed(rows, error),
    )
    this.writing = writing.finally(() => {
      this.writing = undefined
    })
    return this.writing
  }

  private written(): void {
    if (this.failure) this.recovered()
  }

  private writeFailed(rows: readonly PendingRow[], error: unknown): void {
    this.pending = [...rows, ...this.pending].slice(-MAX_PENDING_WRITES)
    const transient = (this.options.isTransient ?? isBusyError)(error)
    if (transient && !this.failure) {
      if (!this.closed) this.timer = setTimeout(() => void this.flush(), WRITE_BATCH_MS).unref()
    } else this.fail(error)
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
      this.retryMs = Math.min(this.retryMs * 2, this.options.maxRetryMs ?? MAX_RETRY_MS)
    }
    if (this.closed) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.retry(), this.retryMs).unref()
  }

  private retry(): void {
    this.timer = undefined
    let reopened: void | Promise<void>
    try {
      reopened = this.options.reopen?.()
    } catch (error) {
      this.fail(error)
      return
    }
    if (isPromise(reopened))
      reopened.then(
        () => this.reopened(),
        (error: unknown) => this.fail(error),
      )
    else this.reopened()
  }

  private reopened(): void {
    if (this.pending.length > 0) void this.writePending()
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
