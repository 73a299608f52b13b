import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { StorageError } from '../../src/storage/errors.js'
import { hashUser, queryKeyOf } from '../../src/storage/keys.js'
import { MIGRATIONS, migrate, SCHEMA_VERSION } from '../../src/storage/migrations.js'
import { openSqlite, type SqlDatabase } from '../../src/storage/sqlite-driver.js'
import {
  DATABASE_FILE,
  IN_MEMORY,
  openExistingSqliteStore,
  openSqliteStore,
} from '../../src/storage/sqlite-store.js'
import type { Store } from '../../src/storage/store.js'
import { ROOT, seeded, TSX, tempDirs } from './helpers.js'

const dirs = tempDirs()
const open: Store[] = []
afterEach(async () => {
  for (const store of open.splice(0)) await store.close()
  dirs.cleanup()
})

function openStore(dataDir: string, salt?: string) {
  const opened = openSqliteStore({ dataDir, salt })
  open.push(opened.store)
  return opened
}

const QUOTES = ['doc#q1', 'doc#q2', 'doc#q3', 'doc#q4']

function pragma(db: SqlDatabase, name: string): unknown {
  return db.prepare<[], Record<string, unknown>>(`PRAGMA ${name}`).get()?.[name]
}

function tables(db: SqlDatabase): string[] {
  return db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((row) => row.name)
}

describe('schema', () => {
  it('numbers migrations 1, 2, 3… in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
  })

  it('creates the folder, the file in WAL mode and the whole schema from nothing', () => {
    const dataDir = path.join(dirs.make(), 'nested', 'data')
    const { file } = openStore(dataDir)
    expect(file).toBe(path.join(dataDir, DATABASE_FILE))
    const db = openSqlite(file, 1000)
    expect(pragma(db, 'user_version')).toBe(SCHEMA_VERSION)
    expect(pragma(db, 'journal_mode')).toBe('wal')
    expect(tables(db)).toEqual([
      'daily_quotes',
      'delivery_claims',
      'feedback',
      'queries',
      'schema_migrations',
    ])
    db.close()
  })

  it('reopens an existing file without migrating again and keeps its data', async () => {
    const dataDir = dirs.make()
    const first = openStore(dataDir)
    const key = first.store.recordQuery({
      platform: 'slack',
      command: 'recherche',
      query: 'monteur',
      outcome: 'direct',
      resultIds: ['doc#p1'],
    })
    await first.store.close()
    const second = openStore(dataDir)
    expect(
      second.store.recordQuery({
        platform: 'slack',
        command: 'recherche',
        query: 'Monteur',
        outcome: 'direct',
        resultIds: [],
      }),
    ).toBe(key)
    expect((await second.store.report({ since: new Date(0) })).usage).toEqual([
      { command: 'recherche', platform: 'slack', count: 2 },
    ])
    await second.store.close()
    const db = openSqlite(second.file, 1000)
    expect(migrate(db)).toBe(SCHEMA_VERSION)
    expect(pragma(db, 'user_version')).toBe(SCHEMA_VERSION)
    db.close()
  })

  it('applies only the migrations a file lacks, and refuses a file newer than the code', () => {
    const file = path.join(dirs.make(), 'x.sqlite')
    const db = openSqlite(file, 1000)
    const later = 'CREATE TABLE later (x INTEGER)'
    const extra = [...MIGRATIONS, { version: SCHEMA_VERSION + 1, sqlite: later, postgres: later }]
    migrate(db)
    expect(migrate(db, extra)).toBe(SCHEMA_VERSION + 1)
    expect(tables(db)).toContain('later')
    db.close()
    const newer = openSqlite(file, 1000)
    expect(() => migrate(newer)).toThrow(expect.objectContaining({ code: 'STORAGE_SCHEMA_TOO_NEW' }))
    newer.close()
  })

  it('rolls a failed migration back whole', () => {
    const db = openSqlite(':memory:', 1000)
    migrate(db)
    const half = 'CREATE TABLE half (x INTEGER); SELECT * FROM missing_table'
    const broken = [...MIGRATIONS, { version: SCHEMA_VERSION + 1, sqlite: half, postgres: half }]
    expect(() => migrate(db, broken)).toThrow()
    expect(pragma(db, 'user_version')).toBe(SCHEMA_VERSION)
    expect(tables(db)).not.toContain('half')
    db.close()
  })

  it('says in one line that there is no database rather than creating one, for readers', () => {
    const dataDir = dirs.make()
    expect(() => openExistingSqliteStore(dataDir)).toThrow(
      expect.objectContaining({ code: 'STORAGE_NOT_FOUND' }),
    )
    expect(readdirSync(dataDir)).toEqual([])
  })

  it('reports a file that is not a database as STORAGE_OPEN_FAILED', () => {
    const dataDir = dirs.make()
    writeFileSync(path.join(dataDir, DATABASE_FILE), 'not a database, just text '.repeat(200))
    expect(() => openSqliteStore({ dataDir })).toThrow(
      expect.objectContaining({ code: 'STORAGE_OPEN_FAILED' }),
    )
  })

  it('offers a throwaway in-memory store', async () => {
    const { store, salt, file } = openSqliteStore({ dataDir: IN_MEMORY })
    open.push(store)
    expect(file).toBe(IN_MEMORY)
    expect(salt.length).toBeGreaterThanOrEqual(32)
    expect(await store.pickDailyQuote('s', QUOTES, seeded(1))).toBeDefined()
    expect(await store.claimDelivery('x', 1000)).toBe(true)
  })

  it('migrates a file of the first schema forward: its version rows, one vote per user and passage', () => {
    const file = path.join(dirs.make(), DATABASE_FILE)
    const v1 = openSqlite(file, 1000)
    migrate(v1, MIGRATIONS.slice(0, 1))
    // As the code before schema_migrations left it: the version in PRAGMA user_version only.
    v1.exec(`DROP TABLE schema_migrations`)
    const vote = v1.prepare(
      'INSERT INTO feedback (at, platform, user_hash, record_id, query_key, helpful) VALUES (?, ?, ?, ?, ?, ?)',
    )
    const someone = hashUser('a-salt-of-sixteen-chars', 'slack', 'U1')
    for (let i = 0; i < 5; i++) vote.run(i, 'slack', someone, 'doc#p1', null, 0)
    vote.run(9, 'slack', someone, 'doc#p1', null, 1)
    vote.run(1, 'console', null, 'doc#p1', null, 0)
    vote.run(2, 'console', null, 'doc#p1', null, 0)
    v1.close()

    const db = openSqlite(file, 1000)
    expect(migrate(db)).toBe(SCHEMA_VERSION)
    expect(pragma(db, 'user_version')).toBe(SCHEMA_VERSION)
    const versions = db.prepare<[], { version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    )
    expect(versions.all().map((row) => row.version)).toEqual(MIGRATIONS.map((m) => m.version))
    const votes = db.prepare<[], { helpful: number; n: number }>(
      'SELECT helpful, count(*) AS n FROM feedback GROUP BY helpful ORDER BY helpful',
    )
    // The user's latest vote is kept; anonymous votes are each kept.
    expect(votes.all()).toEqual([
      { helpful: 0, n: 2 },
      { helpful: 1, n: 1 },
    ])
    db.close()
  })
})

describe('salt', () => {
  it('is generated once, kept with mode 0600, and gives the same hash after reopening', async () => {
    const dataDir = dirs.make()
    const first = openStore(dataDir)
    const saltFile = path.join(dataDir, 'salt')
    expect(readFileSync(saltFile, 'utf8').trim()).toBe(first.salt)
    expect(statSync(saltFile).mode & 0o777).toBe(0o600)
    await first.store.close()
    const second = openStore(dataDir)
    expect(second.salt).toBe(first.salt)
    expect(hashUser(second.salt, 'slack', 'U42')).toBe(hashUser(first.salt, 'slack', 'U42'))
  })

  it('uses DATA_SALT when given and then writes no salt file', () => {
    const dataDir = dirs.make()
    const { salt } = openStore(dataDir, '  a-salt-from-the-environment  ')
    expect(salt).toBe('a-salt-from-the-environment')
    expect(readdirSync(dataDir)).not.toContain('salt')
  })

  it('refuses a salt too short to protect anything', () => {
    expect(() => openSqliteStore({ dataDir: dirs.make(), salt: 'abc' })).toThrow(
      expect.objectContaining({ code: 'STORAGE_SALT_INVALID' }),
    )
  })
})

describe('privacy', () => {
  const RAW_ID = 'U0RAWSLACKID77'

  it('writes no raw user id in any table, column or file', async () => {
    const dataDir = dirs.make()
    const { store, salt, file } = openStore(dataDir)
    const userHash = hashUser(salt, 'slack', RAW_ID)
    const key = store.recordQuery({
      platform: 'slack',
      userHash,
      command: 'recherche',
      query: 'doublage',
      outcome: 'refused',
      resultIds: [],
    })
    store.recordFeedback({ platform: 'slack', userHash, recordId: 'doc#p1', queryKey: key, helpful: false })
    await store.pickDailyQuote('2026-11-26 slack:C1', QUOTES, seeded(2))
    await store.close()

    const db = openSqlite(file, 1000)
    let cells = 0
    let hashes = 0
    for (const table of tables(db)) {
      for (const row of db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
        for (const value of Object.values(row)) {
          cells++
          expect(String(value)).not.toContain(RAW_ID)
          if (value === userHash) hashes++
        }
      }
    }
    db.close()
    expect(cells).toBeGreaterThan(10)
    expect(hashes).toBe(2)
    for (const name of readdirSync(dataDir))
      expect(readFileSync(path.join(dataDir, name)).includes(RAW_ID)).toBe(false)
  })

  it('refuses a userHash that is not a hash, without repeating it in the error', async () => {
    const { store } = openStore(dirs.make())
    let caught: unknown
    try {
      store.recordQuery({
        platform: 'slack',
        userHash: RAW_ID,
        command: 'aide',
        query: '',
        outcome: 'direct',
        resultIds: [],
      })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(StorageError)
    expect(caught).toMatchObject({ code: 'STORAGE_USER_HASH_INVALID' })
    expect((caught as Error).message).not.toContain(RAW_ID)
    expect(() =>
      store.recordFeedback({
        platform: 'discord',
        userHash: '123456789012345678',
        recordId: 'x',
        helpful: true,
      }),
    ).toThrow(StorageError)
    expect((await store.report({ since: new Date(0) })).usage).toEqual([])
  })
})

describe('recordQuery', () => {
  it('keeps at most 500 characters of a question', async () => {
    const { store, file } = openStore(dirs.make())
    const long = `${'é'.repeat(499)}🎬${'x'.repeat(2000)}`
    const key = store.recordQuery({
      platform: 'cli',
      command: 'recherche',
      query: long,
      outcome: 'refused',
      resultIds: [],
    })
    expect(key).toBe(queryKeyOf(long))
    await store.close()
    const db = openSqlite(file, 1000)
    const row = db.prepare<[], { query: string }>('SELECT query FROM queries').get()
    db.close()
    expect(Array.from(row?.query ?? '')).toHaveLength(500)
    expect(row?.query.endsWith('🎬')).toBe(true)
  })
})

describe('pickDailyQuote', () => {
  it('lets exactly one of several processes starting together on a new folder win the slot', async () => {
    const dataDir = path.join(dirs.make(), 'data')
    const startAt = String(Date.now() + 1_500)
    const runs = Array.from(
      { length: 4 },
      () =>
        new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
          const child = spawn(TSX, ['tests/storage/claim-daily-quote.ts', dataDir, 'race-slot', startAt], {
            cwd: ROOT,
          })
          let out = ''
          let err = ''
          child.stdout.on('data', (chunk: Buffer) => {
            out += chunk.toString()
          })
          child.stderr.on('data', (chunk: Buffer) => {
            err += chunk.toString()
          })
          child.on('close', (code) => resolve({ code, out, err }))
        }),
    )
    const results = await Promise.all(runs)
    for (const run of results) expect(run.err).toBe('')
    expect(results.map((run) => run.code)).toEqual([0, 0, 0, 0])
    const outcomes = results.map((run) => JSON.parse(run.out) as { picked: string | null; salt: string })
    expect(outcomes.filter((o) => o.picked !== null)).toHaveLength(1)
    expect(new Set(outcomes.map((o) => o.salt)).size).toBe(1)
    // No salt draft left behind by the processes that lost the race to write it.
    expect(readdirSync(dataDir).filter((name) => !name.startsWith(DATABASE_FILE))).toEqual(['salt'])
  })
})
