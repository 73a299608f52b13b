import { createRequire } from 'node:module'

/**
 * The little of SQLite the store needs, over two drivers:
 * - `node:sqlite` (built into Node, unflagged from 22.13) where it exists;
 * - `better-sqlite3` 12 elsewhere (Node 20).
 * better-sqlite3 12 aborts the process on Node 24 (`Assertion failed: (env) != nullptr` in
 * RemoveEnvironmentCleanupHook when a Statement is garbage collected: Node 24 changed node::ObjectWrap), and
 * 13, which fixes it, does not run on Node 20. The built-in driver needs no native build either.
 */

export interface SqlStatement<P extends unknown[] = unknown[], R = Record<string, unknown>> {
  run(...params: P): { changes: number }
  get(...params: P): R | undefined
  all(...params: P): R[]
}

export interface SqlDatabase {
  readonly file: string
  readonly driver: 'node:sqlite' | 'better-sqlite3'
  prepare<P extends unknown[] = unknown[], R = Record<string, unknown>>(sql: string): SqlStatement<P, R>
  exec(sql: string): void
  /** Runs `work` in a BEGIN IMMEDIATE transaction: the write lock is taken before anything is read. */
  immediate<T>(work: () => T): T
  readonly open: boolean
  close(): void
}

const require = createRequire(import.meta.url)

interface NodeSqliteModule {
  DatabaseSync: new (
    file: string,
  ) => {
    prepare(sql: string): {
      run(...params: unknown[]): { changes: number | bigint }
      get(...params: unknown[]): unknown
      all(...params: unknown[]): unknown[]
    }
    exec(sql: string): void
    close(): void
  }
}

function nodeSqlite(): NodeSqliteModule | undefined {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
  // Behind --experimental-sqlite before 22.13: better-sqlite3 serves there.
  if (major < 22 || (major === 22 && minor < 13)) return undefined
  try {
    // Loaded lazily so that Node's one-line ExperimentalWarning only appears when the store is used.
    return require('node:sqlite') as NodeSqliteModule
  } catch {
    return undefined
  }
}

/** True for "database is locked" from either driver. */
export function isBusyError(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const { code, errcode } = error as { code?: unknown; errcode?: unknown }
  return (
    (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) ||
    errcode === 5 ||
    /database is locked/i.test(error.message)
  )
}

/** SQLite's primary result codes for the failures that mean the file cannot be written (not "try again"). */
const WRITE_FAILURES: Record<number, string> = {
  8: 'read-only',
  10: 'disk I/O error',
  11: 'database file corrupt',
  13: 'disk full',
  14: 'cannot open the database file',
  26: 'not a database file',
}
const WRITE_FAILURE_NAMES: Record<string, number> = {
  SQLITE_READONLY: 8,
  SQLITE_IOERR: 10,
  SQLITE_CORRUPT: 11,
  SQLITE_FULL: 13,
  SQLITE_CANTOPEN: 14,
  SQLITE_NOTADB: 26,
}

/**
 * A short description of why SQLite could not write, from either driver (better-sqlite3 names the code,
 * node:sqlite numbers it), without the file's path: it is shown on /healthz.
 */
export function describeWriteFailure(error: unknown): string {
  const { code, errcode } = (error ?? {}) as { code?: unknown; errcode?: unknown }
  const primary =
    typeof errcode === 'number'
      ? errcode & 0xff
      : typeof code === 'string'
        ? WRITE_FAILURE_NAMES[code.replace(/^(SQLITE_[A-Z]+?)(_[A-Z_]+)?$/, '$1')]
        : undefined
  if (primary !== undefined && WRITE_FAILURES[primary]) return WRITE_FAILURES[primary]
  return typeof code === 'string' && code !== 'ERR_SQLITE_ERROR' ? code : 'write failed'
}

export function openSqlite(file: string, busyTimeoutMs: number): SqlDatabase {
  const builtin = nodeSqlite()
  return builtin ? openBuiltin(builtin, file, busyTimeoutMs) : openBetterSqlite(file, busyTimeoutMs)
}

function transaction<T>(exec: (sql: string) => void, work: () => T): T {
  exec('BEGIN IMMEDIATE')
  try {
    const result = work()
    exec('COMMIT')
    return result
  } catch (error) {
    try {
      exec('ROLLBACK')
    } catch {
      // the transaction may already be gone (SQLite rolls back on some errors)
    }
    throw error
  }
}

function openBuiltin(module: NodeSqliteModule, file: string, busyTimeoutMs: number): SqlDatabase {
  const db = new module.DatabaseSync(file)
  let open = true
  const exec = (sql: string) => db.exec(sql)
  exec(`PRAGMA busy_timeout = ${Math.floor(busyTimeoutMs)}`)
  return {
    file,
    driver: 'node:sqlite',
    prepare<P extends unknown[], R>(sql: string): SqlStatement<P, R> {
      const statement = db.prepare(sql)
      return {
        run: (...params: P) => ({ changes: Number(statement.run(...params).changes) }),
        get: (...params: P) => statement.get(...params) as R | undefined,
        all: (...params: P) => statement.all(...params) as R[],
      }
    },
    exec,
    immediate: (work) => transaction(exec, work),
    get open() {
      return open
    },
    close() {
      if (!open) return
      open = false
      db.close()
    },
  }
}

function openBetterSqlite(file: string, busyTimeoutMs: number): SqlDatabase {
  const BetterSqlite = require('better-sqlite3') as typeof import('better-sqlite3')
  const db = new BetterSqlite(file, { timeout: busyTimeoutMs })
  const exec = (sql: string) => {
    db.exec(sql)
  }
  return {
    file,
    driver: 'better-sqlite3',
    prepare<P extends unknown[], R>(sql: string): SqlStatement<P, R> {
      const statement = db.prepare(sql)
      return {
        run: (...params: P) => ({ changes: statement.run(...params).changes }),
        get: (...params: P) => statement.get(...params) as R | undefined,
        all: (...params: P) => statement.all(...params) as R[],
      }
    },
    exec,
    immediate: (work) => transaction(exec, work),
    get open() {
      return db.open
    },
    close() {
      if (db.open) db.close()
    },
  }
}
