import {
  chmodSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import { pino } from 'pino'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { prepareDataDir } from '../../src/storage/data-dir.js'
import { SALT_FILE } from '../../src/storage/salt.js'
import { DATABASE_FILE, openSqliteStore } from '../../src/storage/sqlite-store.js'
import { MAX_PENDING_WRITES, type PendingRow, WriteQueue } from '../../src/storage/write-queue.js'
import { tempDirs } from './helpers.js'

const dirs = tempDirs()
afterEach(() => {
  vi.useRealTimers()
  dirs.cleanup()
})

function capture() {
  const lines: Array<{ level: number; msg: string }> = []
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) })
  return { logger, lines, messages: () => lines.map((l) => l.msg) }
}

const question = (query: string) => ({
  platform: 'slack' as const,
  command: 'recherche',
  query,
  outcome: 'direct' as const,
  resultIds: [],
})

describe('a store whose database goes away while the bot runs', () => {
  it('says so once, shows degraded, reopens the folder, file and salt, and records what waited', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const dataDir = path.join(dirs.make(), 'data')
    const { logger, messages } = capture()
    const { store, salt } = openSqliteStore({ dataDir, logger })
    store.recordQuery(question('avant'))
    store.flush()
    expect(store.health()).toEqual({ state: 'ok' })

    // The whole folder deleted: SQLite would go on writing into the unlinked file without a word.
    rmSync(dataDir, { recursive: true, force: true })
    store.recordQuery(question('pendant'))
    store.flush()
    store.recordQuery(question('pendant encore'))
    store.flush()
    expect(store.health()).toMatchObject({
      state: 'degraded',
      problem: 'database file deleted or replaced',
      pending: 2,
    })
    expect(messages().filter((m) => m.startsWith('storage degraded'))).toHaveLength(1)

    vi.advanceTimersByTime(1_000)
    expect(store.health()).toEqual({ state: 'ok' })
    expect(messages().filter((m) => m.startsWith('storage recovered'))).toHaveLength(1)
    expect(existsSync(path.join(dataDir, DATABASE_FILE))).toBe(true)
    // The salt in use comes back: after a restart users are hashed as before.
    expect(readFileSync(path.join(dataDir, SALT_FILE), 'utf8').trim()).toBe(salt)
    const usage = (await store.report({ since: new Date(0) })).usage
    expect(usage).toEqual([{ command: 'recherche', platform: 'slack', count: 2 }])
    store.close()
  })
})

describe('a store whose database file is truncated or overwritten in place', () => {
  it.each([
    ['truncated to nothing', (file: string) => truncateSync(file, 0)],
    ['cut in the middle of a page', (file: string) => truncateSync(file, 1000)],
    ['overwritten with text', (file: string) => writeFileSync(file, 'not a database at all '.repeat(500))],
  ])('%s: degraded, the file moved aside, a new one made, and what waited recorded', async (_, damage) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const dataDir = dirs.make()
    const { logger, messages } = capture()
    const { store, file } = openSqliteStore({ dataDir, logger })
    store.recordQuery(question('avant'))
    await store.flush()
    const inode = statSync(file).ino

    damage(file)
    // The same inode: SQLite would go on writing into its WAL as if nothing had happened.
    expect(statSync(file).ino).toBe(inode)
    store.recordQuery(question('pendant'))
    await store.flush()
    expect(store.health()).toMatchObject({
      state: 'degraded',
      problem: 'database file truncated or overwritten',
      pending: 1,
    })
    // Claims are granted meanwhile: the process's own memory of deliveries answered first, and a storage
    // failure must not make the bot stop posting (README, When storage fails).
    expect(await store.claimDelivery('during', 1000)).toBe(true)

    vi.advanceTimersByTime(1_000)
    expect(store.health()).toEqual({ state: 'ok' })
    expect(messages().filter((m) => m.startsWith('storage recovered'))).toHaveLength(1)
    const moved = readdirSync(dataDir).filter((name) => name.includes('.damaged-'))
    expect(moved.some((name) => /^ia-cinema\.sqlite\.damaged-[0-9T-]+Z$/.test(name))).toBe(true)
    expect((await store.report({ since: new Date(0) })).usage).toEqual([
      { command: 'recherche', platform: 'slack', count: 1 },
    ])
    expect(await store.claimDelivery('x', 1000)).toBe(true)
    await store.close()
  })
})

describe('the write queue', () => {
  const row = (n: number): PendingRow => ({ table: 'queries', values: [n] })

  it('keeps rows while the disk fails, retries after 1, 2, 4… s up to a minute, and writes them in order', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { logger, messages } = capture()
    const written: unknown[] = []
    let failing: unknown = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })
    let reopens = 0
    const queue = new WriteQueue({
      write: (rows) => {
        if (failing) throw failing
        written.push(...rows.map((r) => r.values[0]))
      },
      reopen: () => {
        reopens++
        if (failing) throw failing
      },
      describe: (error) => ((error as { code?: string }).code === 'SQLITE_FULL' ? 'disk full' : 'other'),
      logger,
    })
    queue.push(row(1))
    queue.flush()
    queue.push(row(2))
    expect(queue.health()).toMatchObject({ state: 'degraded', problem: 'disk full', pending: 2 })
    const waits: number[] = []
    for (let attempt = 0; attempt < 9; attempt++) {
      const before = reopens
      let waited = 0
      while (reopens === before) {
        vi.advanceTimersByTime(500)
        waited += 500
      }
      waits.push(waited)
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000])
    expect(messages().filter((m) => m.startsWith('storage degraded'))).toHaveLength(1)
    expect(written).toEqual([])

    failing = undefined
    vi.advanceTimersByTime(60_000)
    expect(written).toEqual([1, 2])
    expect(queue.health()).toEqual({ state: 'ok' })
    expect(messages().filter((m) => m.startsWith('storage recovered'))).toHaveLength(1)
  })

  it('writes asynchronously one batch at a time, and caps its backoff where asked (PostgreSQL: 30 s)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const batches: number[][] = []
    let failing = true
    let reopens = 0
    let writing = 0
    const queue = new WriteQueue({
      write: async (rows) => {
        writing++
        expect(writing).toBe(1)
        await Promise.resolve()
        writing--
        if (failing) throw new Error('connection refused')
        batches.push(rows.map((r) => r.values[0] as number))
      },
      reopen: async () => {
        reopens++
        if (failing) throw new Error('connection refused')
      },
      describe: () => 'PostgreSQL: connection refused',
      isTransient: () => false,
      maxRetryMs: 30_000,
    })
    queue.push(row(1))
    await queue.flush()
    expect(queue.degraded).toBe(true)
    const waits: number[] = []
    for (let attempt = 0; attempt < 7; attempt++) {
      const before = reopens
      let waited = 0
      while (reopens === before) {
        await vi.advanceTimersByTimeAsync(500)
        waited += 500
      }
      waits.push(waited)
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000])
    queue.push(row(2))
    failing = false
    await vi.advanceTimersByTimeAsync(30_000)
    expect(batches).toEqual([[1, 2]])
    expect(queue.health()).toEqual({ state: 'ok' })
    queue.push(row(3))
    queue.push(row(4))
    await Promise.all([queue.flush(), queue.flush()])
    expect(batches).toEqual([
      [1, 2],
      [3, 4],
    ])
  })

  it('bounds what waits, dropping the oldest rows', () => {
    const queue = new WriteQueue({
      write: () => {
        throw Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' })
      },
      describe: () => 'read-only',
    })
    for (let n = 0; n < MAX_PENDING_WRITES + 10; n++) queue.push(row(n))
    queue.flush()
    expect(queue.size).toBe(MAX_PENDING_WRITES)
    queue.close()
  })
})

describe('the data folder at start', () => {
  it('names the part of the path that is a file instead of a folder', () => {
    const file = path.join(dirs.make(), 'passwd')
    writeFileSync(file, 'root:x:0:0\n')
    expect(() => prepareDataDir(path.join(file, 'data'))).toThrow(
      expect.objectContaining({ code: 'STORAGE_DIR_UNUSABLE', detail: `${file} is not a folder` }),
    )
  })

  it.runIf(existsSync('/proc/self'))('fails at once on a folder that cannot be made under /proc', () => {
    expect(() => prepareDataDir('/proc/forbidden/data')).toThrow(
      expect.objectContaining({
        code: 'STORAGE_DIR_UNUSABLE',
        detail: expect.stringMatching(/^\/proc\/forbidden cannot be created/),
      }),
    )
  })

  // Root writes whatever the permissions say: only another user can see this refusal.
  it.skipIf(process.getuid?.() === 0)('refuses a database file it may read but not write', () => {
    const dataDir = dirs.make()
    openSqliteStore({ dataDir }).store.close()
    chmodSync(path.join(dataDir, DATABASE_FILE), 0o444)
    // SQLite would open it read-only without a word, and every later write would fail.
    expect(() => openSqliteStore({ dataDir })).toThrow(
      expect.objectContaining({ code: 'STORAGE_OPEN_FAILED', detail: expect.stringMatching(/readonly/) }),
    )
  })

  it('creates missing parents one by one, and accepts a folder another process just made', () => {
    const dataDir = path.join(dirs.make(), 'a', 'b', 'c')
    prepareDataDir(dataDir)
    prepareDataDir(dataDir)
    expect(existsSync(dataDir)).toBe(true)
  })
})
